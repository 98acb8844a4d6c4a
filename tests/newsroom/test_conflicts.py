"""Never overwrite a colleague: a save from an older version of the form is refused, says who
saved what, takes the colleague's untouched changes into the form and keeps one's own words."""

from __future__ import annotations

import pytest

from newsdesk.newsroom.models import Article
from tests.conftest import parse
from tests.factories import ArticleFactory, make_user
from tests.formdata import form_fields

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_editors(client, django_user_model):
    from django.test import Client

    ed, jo = make_user("ed", role="Editor"), make_user("jo", role="Editor")
    first, second = Client(), Client()
    first.force_login(ed)
    second.force_login(jo)
    return first, second


def opened(client, article) -> tuple[str, dict]:
    """The change form as a browser has it: its address and the data it would send."""
    url = f"/admin/newsroom/article/{article.pk}/change/"
    return url, form_fields(parse(client.get(url)).find("form", id="article_form"))


def made(headline="Radar upgrade", summary="The first summary.") -> Article:
    from newsdesk.newsroom import services

    article = ArticleFactory(headline=headline, summary=summary, status=Article.Status.DRAFT)
    services.article_save(article=article, user=make_user("writer", role="Editor"))
    return article


def test_the_second_save_is_refused_and_takes_in_the_first_editors_change(two_editors):
    first, second = two_editors
    article = made()
    url_a, mine_a = opened(first, article)
    url_b, mine_b = opened(second, article)
    mine_a["headline"] = ["Radar upgrade: the first editor's headline"]
    assert first.post(url_a, mine_a).status_code == 302
    mine_b["summary"] = ["The second editor's summary."]
    refused = second.post(url_b, mine_b)
    assert refused.status_code == 200
    page = parse(refused)
    note = page.select_one(".errornote, .errorlist.nonfield").get_text(" ", strip=True)
    assert "ed saved this article at" in page.select_one(".edit-conflict h2").get_text()
    assert "Their changes to Headline are now in the form" in " ".join(
        page.select_one("form#article_form").get_text(" ").split()
    ), note
    # Nothing of either is lost: the first save stands, the form holds both changes.
    assert (
        Article.objects.get(pk=article.pk).headline == "Radar upgrade: the first editor's headline"
    )
    assert Article.objects.get(pk=article.pk).summary == "The first summary."
    again = form_fields(page.find("form", id="article_form"))
    assert again["headline"] == ["Radar upgrade: the first editor's headline"]
    assert again["summary"] == ["The second editor's summary."]
    assert second.post(url_b, again).status_code == 302
    stored = Article.objects.get(pk=article.pk)
    assert (stored.headline, stored.summary) == (
        "Radar upgrade: the first editor's headline",
        "The second editor's summary.",
    )


def test_both_changing_one_field_keeps_your_words_and_shows_theirs(two_editors):
    first, second = two_editors
    article = made()
    url_a, mine_a = opened(first, article)
    url_b, mine_b = opened(second, article)
    mine_a["summary"] = ["Their summary of the upgrade."]
    first.post(url_a, mine_a)
    mine_b["summary"] = ["My summary of the upgrade."]
    page = parse(second.post(url_b, mine_b))
    diff = page.select_one(".conflict-summary")
    assert diff.select_one("del").get_text() == "Their"
    assert diff.select_one("ins").get_text() == "My"
    assert form_fields(page.find("form", id="article_form"))["summary"] == [
        "My summary of the upgrade."
    ]
    assert Article.objects.get(pk=article.pk).summary == "Their summary of the upgrade."


def test_a_workflow_step_meanwhile_counts_as_a_change(two_editors):
    from newsdesk.newsroom import services

    first, second = two_editors
    article = made()
    url, mine = opened(second, article)
    services.article_submit(
        article=Article.objects.get(pk=article.pk), user=make_user("x", role="Editor")
    )
    mine["headline"] = ["A new headline"]
    assert second.post(url, mine).status_code == 200  # refused once, then based on the new one
    assert (
        second.post(
            url, form_fields(parse(second.post(url, mine)).find("form", id="article_form"))
        ).status_code
        == 302
    )


def test_a_forged_version_is_a_form_error_not_a_500(two_editors):
    first, _second = two_editors
    article = made()
    url, mine = opened(first, article)
    mine["base_version"] = ["not-a-number"]
    assert first.post(url, mine).status_code == 200
    mine["base_version"] = ["-4"]
    assert first.post(url, mine).status_code == 200
    assert Article.objects.get(pk=article.pk).headline == "Radar upgrade"
