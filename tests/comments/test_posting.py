"""Posting a comment: the 300-code-point rule, NFC, CSRF, and the page showing it."""

import unicodedata

import pytest
from django.test import Client

from newsdesk.comments.models import Comment
from tests.conftest import parse
from tests.factories import ArticleFactory, make_contributor

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(contributors=[make_contributor(1)])


def post(client, article, text, **extra):
    return client.post(f"/comments/{article.pk}/", {"name": "Reader", "text": text, **extra})


def test_300_code_points_are_accepted_and_shown(client, article):
    text = "가" * 299 + "😀"  # an emoji is one code point, two UTF-16 units
    response = post(client, article, text)
    assert response.status_code == 302
    comment = Comment.objects.get()
    assert response["Location"] == f"{article.get_absolute_url()}#comment-{comment.pk}"
    assert len(comment.text) == 300
    soup = parse(client.get(article.get_absolute_url()))
    assert soup.select_one(".comment-count").get_text(strip=True) == "1"
    assert soup.find(id=f"comment-{comment.pk}").select_one(".comment-text").get_text() == text


def test_301_code_points_are_refused_and_nothing_is_stored(client, article):
    response = post(client, article, "a" * 301)
    assert response.status_code == 400
    assert Comment.objects.count() == 0
    errors = parse(response).select(".errorlist li")
    assert any("at most 300 characters" in e.get_text() for e in errors)


def test_decomposed_hangul_is_normalized_to_300_syllables(client, article):
    syllables = "한" * 300
    decomposed = unicodedata.normalize("NFD", syllables)
    assert len(decomposed) == 900
    assert post(client, article, decomposed).status_code == 302
    assert Comment.objects.get().text == syllables


def test_crlf_line_breaks_count_once(client, article):
    text = ("ab\r\n" * 100)[:-2]  # 100 lines: 298 characters with LF breaks
    assert post(client, article, text).status_code == 302
    assert Comment.objects.get().text == text.replace("\r\n", "\n")


def test_cross_site_post_without_token_is_refused(article):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        f"/comments/{article.pk}/",
        {"name": "Bot", "text": "hello"},
        HTTP_ORIGIN="https://evil.example",
    )
    assert response.status_code == 403
    assert Comment.objects.count() == 0


def test_post_with_the_pages_token_works(article):
    browser = Client(enforce_csrf_checks=True)
    page = parse(browser.get(article.get_absolute_url()))
    token = page.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    response = browser.post(
        f"/comments/{article.pk}/",
        {"name": "Reader", "text": "Good piece.", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    assert Comment.objects.count() == 1


def test_markup_is_stored_as_text_and_escaped_on_the_page(client, article):
    payload = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    assert post(client, article, payload).status_code == 302
    soup = parse(client.get(article.get_absolute_url()))
    text = soup.select_one(".comment-text")
    assert text.find("script") is None and text.find("img") is None
    assert text.get_text() == payload


def test_comments_on_unknown_or_unpublished_articles_get_404(client, article):
    from newsdesk.newsroom.models import Article

    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    assert post(client, draft, "hi").status_code == 404
    assert client.post("/comments/999999/", {"name": "x", "text": "y"}).status_code == 404


def test_get_on_the_comment_endpoint_is_refused(client, article):
    assert client.get(f"/comments/{article.pk}/").status_code == 405


def test_empty_name_or_text_gets_a_clear_message(client, article):
    response = client.post(f"/comments/{article.pk}/", {"name": "  ", "text": "  "})
    assert response.status_code == 400
    assert Comment.objects.count() == 0
