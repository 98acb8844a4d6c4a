"""The moderators' queue: each comment's own Approve / Reject / Spam / Ban buttons, in the list
and on the comment's page, and the admin views they post to (issue 13, item 7)."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newsdesk.comments.models import BannedReader, Comment
from tests.conftest import parse
from tests.factories import ArticleFactory, make_user

pytestmark = pytest.mark.django_db

QUEUE = reverse("admin:comments_comment_changelist")
HELD = {"queue": "held"}
VERBS = ["approve", "reject", "spam", "ban"]


def held(article, text="Held words", *, reader="reader-a", name="Pat", email="", **fields):
    fields.setdefault("status", Comment.Status.PENDING)
    fields.setdefault("held_reason", "Pre-moderation: every comment here waits for approval")
    return Comment.objects.create(
        article=article, name=name, text=text, reader=reader, email=email, **fields
    )


def verdict_url(verb: str, pk, filters: dict | None = None) -> str:
    url = reverse(f"admin:comments_comment_{verb}", args=[pk])
    if filters:
        url += "?" + urlencode({"_changelist_filters": urlencode(filters)})
    return url


def success_messages(response) -> list[str]:
    return [li.get_text(strip=True) for li in parse(response).select(".messagelist li.success")]


@pytest.fixture
def mod_client(client, moderator):
    client.force_login(moderator)
    return client


# --- the list ------------------------------------------------------------------------------


def test_queue_has_compact_columns_and_four_buttons_per_row(mod_client, article):
    first = held(article, "First held", name="Ann")
    second = held(article, "Second held", name="Bo", reports=2)
    page = parse(mod_client.get(QUEUE, HELD))
    headers = [th.get_text(strip=True) for th in page.select("#result_list thead th")]
    assert headers == [
        "",
        "Comment",
        "Article",
        "Status",
        "Why held",
        "Reports",
        "Posted",
        "Moderate",
    ]
    rows = page.select("#result_list tbody tr")
    assert len(rows) == 2
    for row, comment in zip(rows, [second, first], strict=True):
        assert row.select_one(".field-status_cell").get_text() == "Held"
        assert row.select_one(".field-held_cell").get_text() == comment.held_reason
        buttons = row.select("button")
        # Real submit buttons of the list's own form (which carries the CSRF token), each named
        # for a screen reader by its comment.
        assert [b["formaction"] for b in buttons] == [
            verdict_url(verb, comment.pk, HELD) for verb in VERBS
        ]
        assert {b.get("type") for b in buttons} == {"submit"}
        assert {b.find_parent("form")["id"] for b in buttons} == {"changelist-form"}
        assert [b.get_text() for b in buttons] == [
            f"Approve comment {comment.pk} by {comment.name}",
            f"Reject comment {comment.pk} by {comment.name}",
            f"Spam comment {comment.pk} by {comment.name}",
            f"Ban the author of comment {comment.pk} by {comment.name}",
        ]
    assert rows[0].select_one(".field-reports").get_text() == "2"
    assert page.select_one("#changelist-form input[name=csrfmiddlewaretoken]") is not None
    stylesheets = [link["href"] for link in page.select("link[rel=stylesheet]")]
    assert "/static/newsdesk/comment_queue.css" in stylesheets


def test_bulk_actions_are_still_offered(mod_client, article):
    held(article)
    page = parse(mod_client.get(QUEUE))
    options = [o["value"] for o in page.select("#changelist-form select[name=action] option")]
    assert options == ["", "delete_selected", "approve", "reject", "mark_spam", "ban_reader"]


def test_long_text_is_cut_and_escaped_in_the_list(mod_client, article):
    held(article, "<b>bold</b> " + "abcd " * 40, name="<i>Eve</i>")
    page = parse(mod_client.get(QUEUE))
    cell = page.select_one(".field-comment_cell")
    assert cell.select("b, i") == []  # shown as text, never as markup
    text = cell.select_one("a").contents[0]
    assert text == "<b>bold</b> " + "abcd " * 13 + "ab…"  # 80 characters with the ellipsis
    assert len(text) == 80
    assert cell.select_one(".comment-author").get_text() == "<i>Eve</i>"


def test_the_list_costs_the_same_queries_for_3_and_30_comments(mod_client, article):
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            assert mod_client.get(QUEUE, HELD).status_code == 200
        return len(context)

    for i in range(3):
        held(article, f"Comment {i}", reader=f"r{i}")
    few = queries()
    for i in range(3, 30):
        held(article, f"Comment {i}", reader=f"r{i}")
    assert queries() == few


# --- the verdict views ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("verb", "status", "message"),
    [
        ("approve", Comment.Status.APPROVED, "Comment {pk} approved."),
        ("reject", Comment.Status.REJECTED, "Comment {pk} rejected."),
        ("spam", Comment.Status.SPAM, "Comment {pk} marked as spam."),
    ],
)
def test_a_verdict_calls_its_service_and_returns_to_the_filtered_queue(
    mod_client, moderator, article, verb, status, message
):
    comment = held(article)
    response = mod_client.post(verdict_url(verb, comment.pk, HELD))
    assert response.status_code == 302
    assert response["Location"] == f"{QUEUE}?queue=held"
    comment.refresh_from_db()
    assert (comment.status, comment.needs_review, comment.moderated_by) == (
        status,
        False,
        moderator,
    )
    queue = mod_client.get(response["Location"])
    assert success_messages(queue) == [message.format(pk=comment.pk)]


def test_without_filters_a_verdict_returns_to_the_whole_queue(mod_client, article):
    comment = held(article)
    response = mod_client.post(verdict_url("approve", comment.pk))
    assert response["Location"] == QUEUE


def test_approve_shows_the_comment_and_reject_keeps_it_off_the_article(client, mod_client, article):
    shown = held(article, "Worth reading", reader="r1")
    hidden = held(article, "Not worth reading", reader="r2")
    mod_client.post(verdict_url("approve", shown.pk))
    mod_client.post(verdict_url("reject", hidden.pk))
    public = Client()
    page = parse(public.get(article.get_absolute_url()))
    assert page.find(id=f"comment-{shown.pk}") is not None
    assert page.find(id=f"comment-{hidden.pk}") is None


def test_ban_bans_the_reader_and_takes_down_all_their_comments(mod_client, moderator, article):
    other_article = ArticleFactory()
    troll = held(article, "Abuse", reader="troll", email="troll@example.org")
    troll_shown = held(
        other_article, "Earlier words", reader="troll", status=Comment.Status.APPROVED
    )
    troll_spam = held(article, "Spam words", reader="troll", status=Comment.Status.SPAM)
    bystander = held(article, "Fair point", reader="someone-else", status=Comment.Status.APPROVED)
    before = parse(Client().get(other_article.get_absolute_url()))
    assert before.find(id=f"comment-{troll_shown.pk}") is not None

    response = mod_client.post(verdict_url("ban", troll.pk, HELD))

    assert response["Location"] == f"{QUEUE}?queue=held"
    ban = BannedReader.objects.get()
    assert (ban.reader, ban.email, ban.created_by) == ("troll", "troll@example.org", moderator)
    statuses = {c.pk: c.status for c in Comment.objects.all()}
    assert statuses == {
        troll.pk: Comment.Status.REJECTED,
        troll_shown.pk: Comment.Status.REJECTED,
        troll_spam.pk: Comment.Status.SPAM,  # spam stays spam
        bystander.pk: Comment.Status.APPROVED,
    }
    page = parse(Client().get(other_article.get_absolute_url()))
    assert page.find(id=f"comment-{troll_shown.pk}") is None
    assert success_messages(mod_client.get(response["Location"])) == [
        f"The author of comment {troll.pk} is banned and their comments are taken down."
    ]


@pytest.mark.parametrize("verb", VERBS)
def test_a_get_changes_nothing(mod_client, article, verb):
    comment = held(article)
    response = mod_client.get(verdict_url(verb, comment.pk))
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert not BannedReader.objects.exists()


@pytest.mark.parametrize(
    "object_id", ["999999", "abc", "1.5", "-1", "1%20OR%201=1", "%C3%A9", "0x1"]
)
def test_an_id_that_names_no_comment_is_404(mod_client, article, object_id):
    held(article)
    path = f"{QUEUE}{object_id}/approve/"
    assert mod_client.post(path).status_code == 404
    assert Comment.objects.get().status == Comment.Status.PENDING


@pytest.mark.parametrize("role", ["Contributor", "Editor"])
@pytest.mark.parametrize("verb", VERBS)
def test_staff_who_are_not_moderators_get_403(client, article, role, verb):
    comment = held(article)
    client.force_login(make_user(f"not-a-mod-{role}", role=role))
    assert client.post(verdict_url(verb, comment.pk)).status_code == 403
    # Whether the comment exists is not theirs to learn either.
    assert client.post(verdict_url(verb, 999999)).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert not BannedReader.objects.exists()


def test_anonymous_post_is_sent_to_the_login_page(client, article):
    comment = held(article)
    response = client.post(verdict_url("approve", comment.pk))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_a_reader_who_only_views_comments_gets_no_buttons_and_403(client, article):
    comment = held(article)
    viewer = make_user("viewer")
    viewer.user_permissions.add(Permission.objects.get(codename="view_comment"))
    client.force_login(viewer)
    page = parse(client.get(QUEUE))
    assert page.select("#result_list tbody tr")  # the list itself is theirs to see
    assert page.select("#result_list button") == []
    assert client.post(verdict_url("approve", comment.pk)).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_a_moderator_who_may_not_ban_sees_no_ban_button_and_the_service_refuses(client, article):
    comment = held(article)
    judge = make_user("judge")
    judge.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_comment", "change_comment"])
    )
    client.force_login(judge)
    page = parse(client.get(QUEUE))
    labels = [b.contents[0] for b in page.select("#result_list tbody tr button")]
    assert labels == ["Approve", "Reject", "Spam"]
    assert client.post(verdict_url("ban", comment.pk)).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING
    assert not BannedReader.objects.exists()


def test_a_post_without_the_csrf_token_is_refused(moderator, article):
    comment = held(article)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(moderator)
    assert browser.post(verdict_url("approve", comment.pk)).status_code == 403
    comment.refresh_from_db()
    assert comment.status == Comment.Status.PENDING


def test_the_lists_own_form_token_carries_a_verdict(moderator, article):
    """What a browser does: the button submits the list's form, token included."""
    comment = held(article)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(moderator)
    page = parse(browser.get(QUEUE, HELD))
    form = page.select_one("#changelist-form")
    token = form.select_one("input[name=csrfmiddlewaretoken]")["value"]
    button = form.select("#result_list tbody tr button")[1]
    response = browser.post(button["formaction"], {"csrfmiddlewaretoken": token, "action": ""})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == Comment.Status.REJECTED


# --- the comment's own page ----------------------------------------------------------------


def change_url(pk, filters: dict | None = None) -> str:
    url = reverse("admin:comments_comment_change", args=[pk])
    if filters:
        url += "?" + urlencode({"_changelist_filters": urlencode(filters)})
    return url


def test_the_comment_page_offers_verdicts_and_no_save(mod_client, article):
    comment = held(article, name="Ann")
    page = parse(mod_client.get(change_url(comment.pk, HELD)))
    form = page.select_one("#comment_form")
    assert form.select("input[type=submit]") == []  # no Save, no Save and continue
    buttons = form.select(".comment-verdict-row button")
    assert [b["formaction"] for b in buttons] == [
        verdict_url(verb, comment.pk, HELD) for verb in VERBS
    ]
    assert form.select_one("input[name=csrfmiddlewaretoken]") is not None
    # The moderator role may delete, so Django's Delete link stays; Close goes back to the queue.
    assert form.select_one("a.deletelink")["href"] == (
        reverse("admin:comments_comment_delete", args=[comment.pk])
        + "?_changelist_filters=queue%3Dheld"
    )
    assert form.select_one("a.closelink")["href"] == f"{QUEUE}?queue=held"


def test_a_verdict_from_the_comment_page_goes_back_to_the_queue(mod_client, article):
    comment = held(article)
    page = parse(mod_client.get(change_url(comment.pk, HELD)))
    approve = page.select_one("#comment_form .comment-verdict-row button")
    response = mod_client.post(approve["formaction"])
    assert response["Location"] == f"{QUEUE}?queue=held"
    comment.refresh_from_db()
    assert comment.status == Comment.Status.APPROVED
    assert success_messages(mod_client.get(response["Location"])) == [
        f"Comment {comment.pk} approved."
    ]


def test_the_comment_page_saves_nothing(mod_client, article):
    comment = held(article, "Original words")
    response = mod_client.post(change_url(comment.pk), {"text": "Changed", "status": "approved"})
    assert response.status_code == 403
    comment.refresh_from_db()
    assert (comment.text, comment.status) == ("Original words", Comment.Status.PENDING)


def test_without_delete_permission_the_page_has_no_delete(client, article):
    comment = held(article)
    judge = make_user("judge")
    judge.user_permissions.add(
        *Permission.objects.filter(codename__in=["view_comment", "change_comment"])
    )
    client.force_login(judge)
    page = parse(client.get(change_url(comment.pk)))
    assert page.select_one("a.deletelink") is None
    assert len(page.select("#comment_form .comment-verdict-row button")) == 3


def test_the_queue_filters_held_unreviewed_and_reported_comments(client, mod_client, article):
    from tests.comments.conftest import post, report

    # Post-moderation: readers' comments are published at once and wait for a review.
    assert post(client, article, "Unreviewed words").status_code == 303
    assert post(client, article, "Reviewed words").status_code == 303
    assert post(client, article, "Reported words").status_code == 303
    unreviewed, reviewed, reported = Comment.objects.order_by("id")
    assert mod_client.post(verdict_url("approve", reviewed.pk)).status_code == 302
    assert mod_client.post(verdict_url("approve", reported.pk)).status_code == 302
    assert report(client, reported, ip="192.0.2.50").status_code == 303
    pending = held(article, "Held words")
    rejected = held(article, "Rejected words", status=Comment.Status.REJECTED)

    def listed(queue: str | None) -> set[int]:
        page = parse(mod_client.get(QUEUE, {"queue": queue} if queue else {}))
        boxes = page.select("#result_list tbody input[name=_selected_action]")
        return {int(box["value"]) for box in boxes}

    assert listed("held") == {pending.pk}
    assert listed("review") == {unreviewed.pk}
    assert listed("reported") == {reported.pk}
    assert listed(None) == {unreviewed.pk, reviewed.pk, reported.pk, pending.pk, rejected.pk}
    page = parse(mod_client.get(QUEUE))
    choices = page.select("#changelist-filter details[data-filter-title=queue] a")
    labels = {a.get_text(strip=True): a["href"] for a in choices}
    assert labels["Held for moderation"] == "?queue=held"
    assert labels["Published, not yet reviewed"] == "?queue=review"
    assert labels["Reported"] == "?queue=reported"
