"""The story budget: every state in its group with who writes and holds it, a calendar of the
week's scheduled stories, filters, a contributor's own pieces only, one-click publish and
reschedule for editors through the services, bad input a 4xx, a flat query budget."""

from __future__ import annotations

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from reversion.models import Version

from newsdesk.desk.budget import budget_for, reading_minutes, word_count
from newsdesk.desk.models import Presence
from newsdesk.newsroom import history
from newsdesk.newsroom.models import Article, Correction
from tests.factories import ArticleFactory, SectionFactory, make_contributor, make_user

pytestmark = pytest.mark.django_db
URL = "/desk/budget/"


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def group(soup, key) -> list[str]:
    return [a.get_text() for a in soup.select(f"#budget-{key} tbody th a")]


@pytest.fixture
def newsroom():
    now = timezone.now()
    editor = make_user("eddie", role="Editor")
    writer = make_user("casey", role="Contributor")
    casey = make_contributor(display_name="Casey Writer", user=writer)
    sea = SectionFactory(slug="sea", name="Naval Affairs")
    stories = {
        "draft": ArticleFactory(
            headline="Casey's draft",
            status="draft",
            publish_at=None,
            created_by=writer,
            body="<p>One two three four five.</p>",
            contributors=[casey],
        ),
        "review": ArticleFactory(
            headline="Awaiting the desk",
            status="in_review",
            publish_at=None,
            contributors=[make_contributor()],
        ),
        "scheduled": ArticleFactory(
            headline="Frigate timetable",
            section=sea,
            publish_at=now + timedelta(hours=30),
            contributors=[make_contributor()],
        ),
        "far": ArticleFactory(headline="Next month's piece", publish_at=now + timedelta(days=20)),
        "today": ArticleFactory(headline="Out this morning", publish_at=now - timedelta(minutes=5)),
        "old": ArticleFactory(headline="Last year's story", publish_at=now - timedelta(days=400)),
        "corrected": ArticleFactory(headline="Fixed story", publish_at=now - timedelta(days=3)),
    }
    Correction.objects.create(article=stories["corrected"], text="The date was wrong.")
    Presence.objects.create(user=editor, article=stories["review"])
    return editor, writer, stories


def test_every_state_in_its_group_with_words_people_and_who_has_it_open(newsroom):
    editor, _, _ = newsroom
    soup = BeautifulSoup(login(editor).get(URL).content, "html.parser")
    assert group(soup, "draft") == ["Casey's draft"]
    assert group(soup, "in_review") == ["Awaiting the desk"]
    assert group(soup, "scheduled") == ["Frigate timetable"]  # not next month's
    assert group(soup, "published") == ["Out this morning"]
    assert group(soup, "corrected") == ["Fixed story"]
    assert "Last year's story" not in soup.get_text()
    draft = soup.select_one("#budget-draft tbody tr").get_text(" ", strip=True)
    assert "Casey Writer" in draft and "5 (1 min)" in draft
    review = soup.select_one("#budget-in_review tbody tr").get_text(" ", strip=True)
    assert "eddie (since" in review
    # The scheduled story at its time, in the table and on its day of the calendar.
    scheduled = timezone.localtime(Article.objects.get(headline="Frigate timetable").publish_at)
    cell = soup.select_one("#budget-scheduled tbody time")
    assert cell["datetime"] == scheduled.isoformat(timespec="seconds")
    day = soup.find("time", attrs={"datetime": scheduled.date().isoformat()}).find_parent("li")
    assert f"{scheduled:%H:%M} Frigate timetable" in day.get_text(" ", strip=True)


def test_a_contributor_sees_only_their_own_pieces_and_no_publish_button(newsroom):
    _, writer, _ = newsroom
    response = login(writer).get(URL)
    assert response.status_code == 200
    soup = BeautifulSoup(response.content, "html.parser")
    assert [a.get_text() for a in soup.select("tbody th a")] == ["Casey's draft"]
    assert soup.select(".budget form[method=post]") == []
    assert soup.find("select", attrs={"name": "person"}) is None


def test_filters_by_section_person_and_mine(newsroom):
    editor, writer, stories = newsroom
    client = login(editor)
    soup = BeautifulSoup(client.get(URL + "?section=sea").content, "html.parser")
    assert [a.get_text() for a in soup.select("tbody th a")] == ["Frigate timetable"]
    soup = BeautifulSoup(client.get(f"{URL}?person={writer.pk}").content, "html.parser")
    assert [a.get_text() for a in soup.select("tbody th a")] == ["Casey's draft"]
    stories["review"].created_by = editor
    stories["review"].save()
    soup = BeautifulSoup(client.get(URL + "?mine=1").content, "html.parser")
    assert [a.get_text() for a in soup.select("tbody th a")] == ["Awaiting the desk"]
    # Another day: what was published and corrected on it.
    day = (timezone.localdate() - timedelta(days=3)).isoformat()
    soup = BeautifulSoup(client.get(f"{URL}?day={day}").content, "html.parser")
    assert group(soup, "published") == ["Fixed story"] and group(soup, "corrected") == []


def test_an_editor_publishes_and_reschedules_in_one_click(newsroom):
    editor, _, stories = newsroom
    client = login(editor)
    response = client.post(f"{URL}{stories['review'].pk}/publish/", {"section": "land"})
    assert response.status_code == 303 and response["Location"] == URL + "?section=land"
    review = Article.objects.get(pk=stories["review"].pk)
    assert review.is_live()
    page = client.get(response["Location"]).content.decode()
    assert "“Awaiting the desk” published at" in page

    later = timezone.localtime() + timedelta(days=2)
    response = client.post(
        f"{URL}{stories['scheduled'].pk}/reschedule/",
        {"publish_at": later.strftime("%Y-%m-%dT%H:%M")},
    )
    assert response.status_code == 303
    moved = Article.objects.get(pk=stories["scheduled"].pk)
    assert timezone.localtime(moved.publish_at).strftime("%Y-%m-%d %H:%M") == later.strftime(
        "%Y-%m-%d %H:%M"
    )
    assert moved.version == stories["scheduled"].version + 1
    # Each step is a revision of its own, by the editor, saying what happened (History).
    published = Version.objects.get_for_object(review).first().revision
    assert (published.comment, published.user) == ("Published", editor)
    rescheduled = Version.objects.get_for_object(moved).first().revision
    assert rescheduled.comment == f"Scheduled for {history.when(moved.publish_at)}"


@pytest.mark.parametrize(
    ("path", "data", "status", "says"),
    [
        ("review/reschedule/", {"publish_at": "2030-01-01T10:00"}, 400, "Only a scheduled piece"),
        ("scheduled/reschedule/", {"publish_at": "not a time"}, 400, "as a date and a time"),
        ("scheduled/reschedule/", {"publish_at": "2001-01-01T10:00"}, 400, "a publish time ahead"),
        ("scheduled/reschedule/", {}, 400, "as a date and a time"),
        ("draft/publish/", {}, 400, "Only a piece in review"),
        ("999999/publish/", {}, 404, "There is no such article"),
        ("review/publish/", {"day": "yesterday"}, 400, "is a date (YYYY-MM-DD)"),
    ],
)
def test_bad_actions_are_a_4xx_and_change_nothing(newsroom, path, data, status, says):
    editor, _, stories = newsroom
    name, action = path.split("/", 1)
    target = stories[name].pk if name in stories else name
    before = {a.pk: (a.status, a.publish_at, a.version) for a in Article.objects.all()}
    response = login(editor).post(f"{URL}{target}/{action}", data)
    assert response.status_code == status
    assert says in response.content.decode()
    assert {a.pk: (a.status, a.publish_at, a.version) for a in Article.objects.all()} == before


def test_a_contributor_cannot_publish_from_the_budget(newsroom):
    _, writer, stories = newsroom
    response = login(writer).post(f"{URL}{stories['review'].pk}/publish/")
    assert response.status_code == 403
    assert Article.objects.get(pk=stories["review"].pk).status == "in_review"


def test_a_moderator_has_no_budget(newsroom, moderator):
    """Articles are none of a moderator's business: neither the page nor its actions."""
    client = login(moderator)
    page = client.get(URL)
    assert page.status_code == 403
    assert "Budget check story" not in page.content.decode()
    response = client.post(f"{URL}{newsroom[2]['review'].pk}/publish/")
    assert response.status_code == 403
    assert Article.objects.get(pk=newsroom[2]["review"].pk).status == "in_review"
    assert "Story budget" not in client.get("/admin/").content.decode()
    assert "Story budget" in login(newsroom[1]).get("/admin/").content.decode()


@pytest.mark.parametrize("query", ["?day=2026-13-45", "?person=abc", "?day=%00"])
def test_malformed_filters_are_a_400_with_a_message(newsroom, query):
    response = login(newsroom[0]).get(URL + query)
    assert response.status_code == 400
    assert "is a date (YYYY-MM-DD)" in response.content.decode()


def test_never_cached_and_not_for_readers(newsroom, client):
    response = login(newsroom[0]).get(URL)
    assert response["Cache-Control"] == "private, no-store"
    assert client.get(URL).status_code == 302  # to the sign-in page


def test_the_query_budget_is_flat_however_many_stories(newsroom):
    client = login(newsroom[0])

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(URL).status_code == 200
        return len(ctx.captured_queries)

    queries()
    few = queries()
    for n in range(25):
        ArticleFactory(status="in_review", publish_at=None, contributors=[make_contributor()])
        ArticleFactory(publish_at=timezone.now() + timedelta(hours=n + 1))
    # Session, user, the two-factor check, the user's and groups' permissions, the top bar's
    # notes count, then the budget's five.
    assert queries() == few <= 11


def test_word_count_and_reading_time():
    assert word_count("<p>Ten-year plan&nbsp;for the <b>navy’s</b> ships.</p>") == 6
    assert (reading_minutes(0), reading_minutes(1), reading_minutes(231)) == (0, 1, 2)


def test_budget_for_counts_by_section(newsroom):
    budget = budget_for(user=newsroom[0])
    assert dict(budget.counts_by_section)["Naval Affairs"] == 1
    assert budget.total == 5
