"""Posting a comment: the 300-code-point rule, NFC, CSRF on cached pages, limits, defences."""

import unicodedata
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from newsdesk.comments.models import Comment
from tests.comments.conftest import next_ip, post, report, started
from tests.conftest import parse
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_300_code_points_are_accepted_and_shown(client, article):
    text = "가" * 299 + "😀"  # an emoji is one code point, two UTF-16 units
    response = post(client, article, text)
    assert response.status_code == 303
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
    # The reader's text comes back in the form, to fix rather than retype.
    assert parse(response).find("textarea").get_text() == "a" * 301


def test_decomposed_hangul_is_normalized_to_300_syllables(client, article):
    syllables = "한" * 300
    decomposed = unicodedata.normalize("NFD", syllables)
    assert len(decomposed) == 900
    assert post(client, article, decomposed).status_code == 303
    assert Comment.objects.get().text == syllables


def test_crlf_line_breaks_count_once(client, article):
    text = ("ab\r\n" * 100)[:-2]  # 100 lines: 298 characters with LF breaks
    assert post(client, article, text).status_code == 303
    assert Comment.objects.get().text == text.replace("\r\n", "\n")


def test_cross_origin_post_without_token_is_refused(article):
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        f"/comments/{article.pk}/",
        {"name": "Bot", "text": "hello", "started": started()},
        HTTP_ORIGIN="https://evil.example",
    )
    assert response.status_code == 403
    response = strict.post(
        f"/comments/{article.pk}/",
        {"name": "Bot", "text": "hello", "started": started()},
        HTTP_SEC_FETCH_SITE="cross-site",
    )
    assert response.status_code == 403
    assert Comment.objects.count() == 0


def test_same_origin_post_needs_no_token_so_the_page_can_be_cached(article):
    browser = Client(enforce_csrf_checks=True)
    page = parse(browser.get(article.get_absolute_url()))
    assert page.select_one("#comments form input[name=csrfmiddlewaretoken]") is None
    assert "csrftoken" not in browser.cookies
    response = browser.post(
        f"/comments/{article.pk}/",
        {"name": "Reader", "text": "Good piece.", "started": started()},
        HTTP_ORIGIN="http://testserver",
    )
    assert response.status_code == 303
    assert Comment.objects.count() == 1


def test_an_old_browser_without_origin_gets_a_form_with_a_token_and_succeeds(article):
    browser = Client(enforce_csrf_checks=True)
    data = {"name": "Reader", "text": "Sent from an old browser.", "started": started()}
    refused = browser.post(f"/comments/{article.pk}/", data)
    assert refused.status_code == 403
    assert "no-store" in refused["Cache-Control"]
    soup = parse(refused)
    token = soup.find("input", attrs={"name": "csrfmiddlewaretoken"})["value"]
    assert soup.find("textarea").get_text() == data["text"]
    accepted = browser.post(f"/comments/{article.pk}/", {**data, "csrfmiddlewaretoken": token})
    assert accepted.status_code == 303
    assert Comment.objects.count() == 1


def test_fifty_posts_in_ten_seconds_let_one_through_and_answer_the_rest_429(client, article):
    start = timezone.now()
    codes = []
    for i in range(50):
        with time_machine.travel(start + timedelta(seconds=i * 0.2), tick=False):
            codes.append(
                post(client, article, f"Comment number {i}", ip="203.0.113.50").status_code
            )
    assert codes.count(303) == 1
    assert codes.count(429) == 49
    assert Comment.objects.count() == 1
    with time_machine.travel(start + timedelta(seconds=5), tick=False):
        response = post(client, article, "once more", ip="203.0.113.50")
    assert response.status_code == 429
    assert int(response["Retry-After"]) == 55
    assert "wait 55 seconds" in parse(response).select_one("[role=alert]").get_text()


def test_daily_and_per_article_limits(client, settings):
    settings.NEWSDESK_COMMENT_DAILY_LIMIT = 4
    articles = [ArticleFactory() for _ in range(6)]
    start = timezone.now()
    codes = []
    for i, item in enumerate(articles):
        with time_machine.travel(start + timedelta(minutes=2 * i), tick=False):
            codes.append(post(client, item, f"Note {i}", ip="203.0.113.60").status_code)
    assert codes == [303, 303, 303, 303, 429, 429]
    one = ArticleFactory()
    codes = []
    for i in range(4):
        with time_machine.travel(start + timedelta(minutes=2 * i), tick=False):
            codes.append(post(client, one, f"Again {i}", ip="203.0.113.61").status_code)
    assert codes == [303, 303, 303, 429]


def test_an_exact_duplicate_within_an_hour_is_refused(client, article, settings):
    settings.NEWSDESK_COMMENT_MIN_INTERVAL_SECONDS = 0
    assert post(client, article, "Same words", ip="203.0.113.70").status_code == 303
    again = post(client, article, "Same words", ip="203.0.113.70")
    assert again.status_code == 409
    assert Comment.objects.count() == 1


def test_honeypot_and_too_fast_posts_are_dropped_silently(client, article):
    filled = post(client, article, "I am a bot", website="http://spam.example")
    assert filled.status_code == 303
    fast = post(client, article, "I am quick", started=started(seconds_ago=1))
    assert fast.status_code == 303
    forged = post(client, article, "I forged it", started="12345")
    assert forged.status_code == 303
    assert Comment.objects.count() == 0


def test_banned_words_and_many_links_hold_for_moderation(client, article, settings):
    settings.NEWSDESK_COMMENT_BANNED_WORDS = ["scam"]
    post(client, article, "This deal is a SCAM, trust me")
    post(client, article, "see http://a.example http://b.example www.c.example")
    post(client, article, "Scampi is fine; one link http://a.example is fine")
    held = Comment.objects.filter(status=Comment.Status.PENDING).order_by("id")
    reasons = list(held.values_list("held_reason", flat=True))
    assert reasons == ["Contains a word on the banned list: scam", "Has 3 links (more than 2)"]
    assert Comment.objects.visible().count() == 1


def test_pre_moderation_per_section_holds_and_keeps_them_off_every_page(client, article):
    article.section.comment_moderation = "pre"
    article.section.save()
    response = post(client, article, "Held until approved, please")
    assert response["Location"].endswith("?comment=held#comments")
    comment = Comment.objects.get()
    assert comment.status == Comment.Status.PENDING
    assert comment.held_reason.startswith("Pre-moderation")
    page = client.get(article.get_absolute_url())
    assert "Held until approved" not in page.content.decode()
    assert parse(page).select_one(".comment-count").get_text() == "0"
    for url in ("/", "/feeds/rss/", "/feeds/atom/", "/api/v1/articles"):
        body = client.get(url).content.decode()
        assert "Held until approved" not in body, url
    notice = parse(client.get(article.get_absolute_url() + "?comment=held"))
    assert "waiting for a moderator" in notice.select_one(".notice").get_text()


def test_comments_close_by_flag_and_by_age(client, article, settings):
    article.comments_open = False
    article.save()
    assert post(client, article, "closed?").status_code == 403
    assert (
        "closed" in parse(client.get(article.get_absolute_url())).select_one("#comments").get_text()
    )
    old = ArticleFactory(publish_at=timezone.now() - timedelta(days=31))
    assert post(client, old, "too late").status_code == 403
    settings.NEWSDESK_COMMENT_CLOSE_AFTER_DAYS = 0
    assert post(client, old, "never closes").status_code == 303
    assert Comment.objects.count() == 1


def test_replies_go_one_level_deep(client, article):
    post(client, article, "Top level")
    top = Comment.objects.get()
    reply = post(client, article, "A reply", url=f"/comments/{article.pk}/reply/{top.pk}/")
    assert reply.status_code == 303
    child = Comment.objects.get(parent=top)
    soup = parse(client.get(article.get_absolute_url()))
    assert soup.select_one(f"#comment-{top.pk} .replies #comment-{child.pk}") is not None
    deeper = client.get(f"/comments/{article.pk}/reply/{child.pk}/")
    assert deeper.status_code == 404
    assert client.get(f"/comments/{article.pk}/reply/{top.pk}/").status_code == 200


def test_comments_on_unknown_or_unpublished_articles_get_404(client, article):
    from newsdesk.newsroom.models import Article

    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    assert post(client, draft, "hi").status_code == 404
    assert client.post("/comments/999999/", {"name": "x", "text": "y"}).status_code == 404


def test_empty_name_or_text_gets_a_clear_message(client, article):
    response = post(client, article, "  ", name="  ")
    assert response.status_code == 400
    messages = " ".join(e.get_text() for e in parse(response).select(".errorlist li"))
    assert "give a name" in messages and "empty" in messages
    assert Comment.objects.count() == 0


def test_links_in_comments_are_marked_as_user_content(client, article):
    post(client, article, "Source: https://example.org/report?a=1&b=2")
    link = parse(client.get(article.get_absolute_url())).select_one(".comment-text a")
    assert link["href"] == "https://example.org/report?a=1&b=2"
    assert set(link["rel"]) == {"nofollow", "ugc", "noopener"}


def test_newest_or_oldest_first_and_paged(client, article, settings):
    settings.NEWSDESK_COMMENT_MIN_INTERVAL_SECONDS = 0
    for i in range(25):
        post(client, article, f"Comment {i:02d}")
    newest = parse(client.get(article.get_absolute_url()))
    texts = [t.get_text() for t in newest.select(".comment-list > li > .comment-text")]
    assert len(texts) == 20 and texts[0] == "Comment 24"
    oldest = parse(client.get(article.get_absolute_url() + "?corder=oldest&cpage=2"))
    texts = [t.get_text() for t in oldest.select(".comment-list > li > .comment-text")]
    assert texts == [f"Comment {i:02d}" for i in range(20, 25)]
    assert newest.select_one(".comment-count").get_text() == "25"


def test_distinct_readers_each_get_their_own_limits(client, article):
    for _ in range(3):
        assert post(client, article, f"from {next_ip()}").status_code == 303


def test_an_exact_duplicate_after_an_hour_is_accepted(client, article, settings):
    settings.NEWSDESK_COMMENT_MIN_INTERVAL_SECONDS = 0
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        assert post(client, article, "Same words", ip="203.0.113.71").status_code == 303
    with time_machine.travel(start + timedelta(minutes=59, seconds=59), tick=False):
        assert post(client, article, "Same words", ip="203.0.113.71").status_code == 409
    with time_machine.travel(start + timedelta(hours=1), tick=False):
        assert post(client, article, "Same words", ip="203.0.113.71").status_code == 303
    assert Comment.objects.filter(text="Same words").count() == 2


def test_line_breaks_are_kept_as_br(client, article):
    assert post(client, article, "First line\nSecond <b>line</b>\n\nLast").status_code == 303
    text = parse(client.get(article.get_absolute_url())).select_one(".comment-text")
    parts = [node.name or str(node) for node in text.children]
    assert parts == ["First line", "br", "Second <b>line</b>", "br", "br", "Last"]


def test_the_posters_email_is_never_shown_on_a_page_or_the_api(client, article):
    email = "hidden.reader@example.org"
    assert post(client, article, "A comment", name="Visible Name", email=email).status_code == 303
    first = Comment.objects.get()
    assert first.email == email
    reply = f"/comments/{article.pk}/reply/{first.pk}/"
    assert post(client, article, "A reply", email=email, url=reply).status_code == 303
    reader = Client()
    page = reader.get(article.get_absolute_url())
    shown = parse(page).find(id=f"comment-{first.pk}")
    assert shown.select_one(".comment-text").get_text() == "A comment"
    assert "Visible Name" in shown.get_text()
    slug = article.slug
    for url in [
        article.get_absolute_url(),
        article.get_absolute_url() + "?corder=oldest",
        reply,
        "/api/v1/articles",
        f"/api/v1/articles/{slug}",
        reverse("distribution:rss"),
        reverse("distribution:atom"),
    ]:
        response = reader.get(url)
        assert response.status_code == 200, url
        assert "hidden.reader" not in response.content.decode(), url


def test_only_keyed_hashes_of_the_poster_are_stored_never_the_address(client, article, moderator):
    from django.db import connection

    from newsdesk.comments import services
    from newsdesk.comments.models import BannedReader
    from newsdesk.comments.policy import address_key
    from newsdesk.site.http import network_of

    v4, v6 = "203.0.113.88", "2001:db8:77:1::abcd"
    commented = post(client, article, "Posted from a v6 address", ip=v6)
    assert commented.status_code == 303
    comment = Comment.objects.get()
    assert post(client, article, "And from v4", ip=v4).status_code == 303
    for ip in (v4, "198.51.100.90", "198.51.100.91"):
        assert report(client, comment, ip=ip).status_code == 303
    comment.refresh_from_db()
    assert comment.reports == 3  # and so hidden for review, with a report row per reader
    ban = services.reader_ban(comment=Comment.objects.get(text="And from v4"), moderator=moderator)
    assert BannedReader.objects.get() == ban and ban.network == address_key(v4)
    assert comment.network == address_key(network_of(v6))
    assert len(comment.reader) == 64 and comment.reader not in (v4, v6)
    # Every row of every table (comments, reports, bans, sessions...): no address anywhere.
    needles = ("203.0.113.88", "2001:db8", "198.51.100.9")
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                cells = " ".join(str(cell) for cell in row).lower()
                assert not any(needle in cells for needle in needles), (table, row)


def test_the_secret_cookies_go_to_comments_only_and_only_the_tokens_hash_is_stored(client, article):
    from django.db import connection

    response = post(client, article, "A comment whose secrets stay secret")
    assert response.status_code == 303
    comment = Comment.objects.get()
    poster, token = response.cookies["nd_poster"], response.cookies[f"nd_c{comment.pk}"]
    # The poster's key and the edit token travel to /comments/ only, never to a page.
    for secret in (poster, token):
        assert secret["path"] == "/comments/" and secret["httponly"], secret.output()
    assert (
        response.cookies["nd_mine"]["path"] == "/" and not response.cookies["nd_mine"]["httponly"]
    )
    assert len(comment.edit_token_hash) == 64 and comment.edit_token_hash != token.value
    # Neither secret is kept anywhere in the database, in any table.
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                cells = " ".join(str(cell) for cell in row)
                assert token.value not in cells and poster.value not in cells, (table, row)
    # And the cookie proves the edit: the same browser edits; one with a wrong token cannot.
    edit = reverse("comments:edit", args=[comment.pk])
    assert client.get(edit).status_code == 200
    client.cookies[f"nd_c{comment.pk}"] = "x" * len(token.value)
    assert client.get(edit).status_code == 403
