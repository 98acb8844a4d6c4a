"""Draft revisions of live stories (newsroom/drafts.py, docs/desk.md): kept without touching
what readers see, previewed as the page, published through the services unless the story was
saved since, and any two revisions compared side by side."""

import re

import pytest
from reversion.models import Version

from newsdesk.newsroom import drafts
from newsdesk.newsroom.models import Article
from newsdesk.pagecache import services as pagecache
from newsdesk.pagecache import store
from tests.conftest import parse
from tests.factories import ArticleFactory, TagFactory, make_contributor, make_user
from tests.formdata import form_data

pytestmark = pytest.mark.django_db

OLD = "Brigade trials new bridging kit"
NEW = "Brigade adopts new bridging kit after trials"


@pytest.fixture
def purged(monkeypatch):
    seen = []
    monkeypatch.setattr(store, "mark_purged", lambda keys: seen.append(sorted(keys)))
    monkeypatch.setattr(store, "mark_all_purged", lambda: seen.append("every page"))
    monkeypatch.setattr(pagecache.cdn, "purge", lambda keys: None)
    return seen


@pytest.fixture
def live():
    writer = make_contributor(display_name="Ada Writer", slug="ada-writer")
    return ArticleFactory(headline=OLD, slug="bridging-kit", contributors=[writer])


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def change_url(article):
    return f"/admin/newsroom/article/{article.pk}/change/"


def keep_draft(client, article, **changes):
    """Opens the form and sends it back with "Save as draft revision" pressed."""
    page = client.get(change_url(article))
    assert page.status_code == 200
    data = form_data(page.content.decode(), "form#article_form")
    for name, value in changes.items():
        data[name] = [value]
    data["_workflow"] = ["draft"]
    return client.post(change_url(article), data, follow=True)


def latest_version(article) -> Version:
    return Version.objects.get_for_object(article).select_related("revision").first()


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_a_draft_revision_changes_nothing_readers_see(
    editor_client, client, live, purged, django_capture_on_commit_callbacks
):
    before = Article.objects.values().get(pk=live.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = keep_draft(editor_client, live, headline=NEW)
    assert response.redirect_chain[-1][0] == change_url(live)
    said = " ".join(messages_of(response))
    assert "Draft revision kept" in said and "readers still see the published text" in said
    assert Article.objects.values().get(pk=live.pk) == before  # no version, no update time
    assert purged == []  # the page cache is untouched
    draft = latest_version(live)
    assert drafts.is_draft(draft) and draft.field_dict["headline"] == NEW
    assert draft.field_dict["version"] == live.version
    assert draft.revision.user.username == "ed"
    assert f"/preview/revision/{draft.pk}/" in said
    assert parse(response).select_one("#id_headline")["value"] == OLD  # the form: as published
    client.logout()
    page = client.get(live.get_absolute_url())
    assert OLD in page.content.decode() and NEW not in page.content.decode()
    feed = client.get("/feeds/rss/").content.decode()
    assert OLD in feed and NEW not in feed


def test_a_draft_keeps_the_forms_tags_without_writing_them(editor_client, live):
    tag = TagFactory(name="Bridging", slug="bridging")
    keep_draft(editor_client, live, tags=str(tag.pk))
    assert list(live.tags.all()) == []
    assert latest_version(live).field_dict["tags"] == [tag.pk]


def test_changed_bylines_refuse_a_draft_and_keep_the_words(editor_client, live):
    other = make_contributor(display_name="Bo Other", slug="bo-other")
    response = keep_draft(
        editor_client, live, headline=NEW, **{"bylines-0-contributor": str(other.pk)}
    )
    assert response.status_code == 200 and not response.redirect_chain
    assert "fields only: save these rows with Save" in response.content.decode()
    assert parse(response).select_one("#id_headline")["value"] == NEW  # nothing lost
    assert Version.objects.get_for_object(live).count() == 0  # no draft kept
    assert live.bylines.get().contributor.slug == "ada-writer"


def test_a_story_not_live_keeps_no_draft(editor_client):
    draft = ArticleFactory(status=Article.Status.DRAFT, publish_at=None)
    response = keep_draft(editor_client, draft, headline=NEW)
    assert drafts.NotLive.message in response.content.decode()
    assert Version.objects.get_for_object(draft).count() == 0


def test_hostile_html_in_a_draft_is_sanitized(editor_client, live):
    hostile = (
        '<p onclick="steal()">Safe words</p><script>alert("x")</script>'
        '<p><a href="javascript:alert(1)">a link</a></p>'
    )
    keep_draft(editor_client, live, body=hostile)
    version = latest_version(live)
    for kept in (version.field_dict["body"], drafts.values(version)["body"]):
        assert "<script" not in kept and "onclick" not in kept and "javascript:" not in kept
    page = editor_client.get(f"/preview/revision/{version.pk}/").content.decode()
    assert "Safe words" in page and 'alert("x")' not in page and "steal()" not in page


def test_the_preview_shows_the_draft_unlisted_and_uncached(editor_client, live):
    keep_draft(editor_client, live, headline=NEW)
    version = latest_version(live)
    response = editor_client.get(f"/preview/revision/{version.pk}/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert response["X-Robots-Tag"] == "noindex"
    page = parse(response)
    assert page.select_one("article.article h1").get_text() == NEW
    assert "readers still see the published text" in page.select_one(".revision-banner").text
    # Only that banner: the general "not visible to readers" line would be wrong for a live story.
    assert [b["class"] for b in page.select(".preview-banner")] == [
        ["preview-banner", "revision-banner"]
    ]
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"


def test_the_preview_refuses_the_wrong_people(client, editor_client, live):
    keep_draft(editor_client, live, headline=NEW)
    address = f"/preview/revision/{latest_version(live).pk}/"
    editor_client.logout()
    anonymous = client.get(address)
    assert anonymous.status_code == 404 and NEW not in anonymous.content.decode()
    assert anonymous["Cache-Control"] == "private, no-store"
    client.force_login(make_user("cora", role="Contributor"))  # may not edit a live story
    refused = client.get(address)
    assert refused.status_code == 403 and NEW not in refused.content.decode()


@pytest.mark.parametrize("address", ["/preview/revision/999999/", "/preview/revision/0/"])
def test_a_preview_of_no_revision_is_a_404(editor_client, address):
    assert editor_client.get(address).status_code == 404


def test_publishing_the_draft_makes_it_what_readers_see(
    editor_client, client, live, purged, django_capture_on_commit_callbacks
):
    keep_draft(editor_client, live, headline=NEW, substantive_update="on")
    draft = latest_version(live)
    publish = f"/admin/newsroom/article/{live.pk}/revisions/{draft.pk}/publish/"
    confirm = editor_client.get(publish, follow=True)
    assert parse(confirm).select_one("input[name=substantive_update]").has_attr("checked")
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(publish, {"substantive_update": "on"}, follow=True)
    assert response.redirect_chain[-1][0] == change_url(live)
    assert any("Draft revision published" in m for m in messages_of(response))
    live.refresh_from_db()
    assert live.headline == NEW and live.version == draft.field_dict["version"] + 1
    assert live.substantively_updated_at is not None
    assert any(f"article:{live.pk}" in keys for keys in purged if keys != "every page")
    assert latest_version(live).revision.comment.startswith("Published the draft revision")
    client.logout()
    assert NEW in client.get(live.get_absolute_url()).content.decode()


def test_a_draft_is_refused_after_a_newer_save(editor_client, live, editor):
    from newsdesk.newsroom import services

    keep_draft(editor_client, live, headline=NEW)
    draft = latest_version(live)
    live.summary = "A colleague's newer summary."
    services.article_save(article=live, user=editor)
    publish = f"/admin/newsroom/article/{live.pk}/revisions/{draft.pk}/publish/"
    response = editor_client.post(publish, follow=True)
    assert any("saved after this draft was made" in m for m in messages_of(response))
    live.refresh_from_db()
    assert live.headline == OLD and live.summary == "A colleague's newer summary."
    with pytest.raises(drafts.DraftOutdated):
        drafts.draft_publish(article_id=live.pk, version=draft, user=editor)


def test_only_editors_publish_and_a_plain_revision_is_not_a_draft(client, editor_client, live):
    keep_draft(editor_client, live, headline="First change")
    plain = latest_version(live)
    plain.revision.comment = "Changed headline."
    plain.revision.save()
    response = editor_client.post(
        f"/admin/newsroom/article/{live.pk}/revisions/{plain.pk}/publish/", follow=True
    )
    assert any(drafts.NotADraft.message in m for m in messages_of(response))
    keep_draft(editor_client, live, headline=NEW)
    draft = latest_version(live)
    client.force_login(make_user("cora", role="Contributor"))
    refused = client.post(f"/admin/newsroom/article/{live.pk}/revisions/{draft.pk}/publish/")
    assert refused.status_code in (302, 403, 404)
    live.refresh_from_db()
    assert live.headline == OLD


def test_compare_shows_both_sides_with_the_word_diff(editor_client, live):
    keep_draft(editor_client, live, headline=NEW, body="<p>The first paragraph changed.</p>")
    draft = latest_version(live)
    history = parse(editor_client.get(f"/admin/newsroom/article/{live.pk}/history/"))
    link = history.select_one(f'tr[data-version="{draft.pk}"] a.compare-live')["href"]
    response = editor_client.get(link)
    assert response.status_code == 200
    page = parse(response)
    headline = next(r for r in page.select("tr.field-row") if r.th.text.startswith("Headline"))
    assert "changed" in headline["class"]
    assert headline.select_one(".side-a").text.strip() == OLD
    assert headline.select_one(".side-b").text.strip() == NEW
    diffs = [cell.decode_contents() for cell in page.select("td.word-diff")]
    assert any("<ins>adopts</ins>" in d for d in diffs)
    body = next(d for d in diffs if "paragraph" in d)
    assert re.search(r"<del>[^<]*second paragraph\.</del>", body)
    assert re.search(r"<ins>[^<]*changed\.</ins>", body)
    section = next(r for r in page.select("tr.field-row") if r.th.text.startswith("Section"))
    assert "changed" not in section["class"]
    assert page.select_one("form input[value='Publish this draft']") is not None


def test_compare_two_revisions_picked_in_history(editor_client, live):
    keep_draft(editor_client, live, headline="First wording")
    first = latest_version(live)
    keep_draft(editor_client, live, headline=NEW)
    second = latest_version(live)
    url = f"/admin/newsroom/article/{live.pk}/revisions/compare/?a={first.pk}&b={second.pk}"
    page = parse(editor_client.get(url))
    assert "<del>First wording</del>" in str(page.select_one("td.word-diff"))


def test_compare_escapes_hostile_markup(editor_client, live):
    keep_draft(editor_client, live, headline='<img src=x onerror="alert(1)">')
    url = f"/admin/newsroom/article/{live.pk}/revisions/compare/?a=now&b={latest_version(live).pk}"
    body = editor_client.get(url).content.decode()
    assert "<img src=x" not in body and "&lt;img" in body


@pytest.mark.parametrize(
    "query", ["?a=abc&b=now", "?a=999999&b=now", "?a=&b=now", "?a=99999999999999999999"]
)
def test_bad_revision_ids_answer_404(editor_client, live, query):
    url = f"/admin/newsroom/article/{live.pk}/revisions/compare/{query}"
    assert editor_client.get(url).status_code == 404


def test_another_articles_revision_is_a_404(editor_client, live):
    other = ArticleFactory()
    keep_draft(editor_client, other, headline=NEW)
    theirs = latest_version(other).pk
    compare = f"/admin/newsroom/article/{live.pk}/revisions/compare/?a=now&b={theirs}"
    assert editor_client.get(compare).status_code == 404
    publish = f"/admin/newsroom/article/{live.pk}/revisions/{theirs}/publish/"
    assert editor_client.post(publish).status_code == 404
    assert editor_client.get("/admin/newsroom/article/x1/revisions/compare/").status_code == 404


def test_compare_is_for_staff_who_may_see_the_article(client, editor_client, live):
    keep_draft(editor_client, live, headline=NEW)
    url = f"/admin/newsroom/article/{live.pk}/revisions/compare/?a=now&b={latest_version(live).pk}"
    client.force_login(make_user("cora", role="Contributor"))
    assert client.get(url).status_code in (403, 404)
    client.logout()
    assert client.get(url).status_code == 302  # the admin's login


def test_a_conflict_names_who_saved_last_not_who_kept_a_draft(client, live):
    """A draft revision is kept, not saved: a refused save names the colleague who saved."""
    from django.test import Client

    saver, drafter, late = (make_user(n, role="Editor") for n in ("sam", "dora", "lee"))
    stale = Client()
    stale.force_login(late)
    page = stale.get(change_url(live))
    stale_data = form_data(page.content.decode(), "form#article_form")  # opened first
    client.force_login(saver)
    saved = form_data(client.get(change_url(live)).content.decode(), "form#article_form")
    saved["summary"] = ["Sam's new summary."]
    assert client.post(change_url(live), saved).status_code == 302
    client.force_login(drafter)
    assert keep_draft(client, live, headline=NEW).status_code == 200
    stale_data["summary"] = ["Lee's summary, from the older form."]
    refused = stale.post(change_url(live), stale_data)
    assert refused.status_code == 200
    heading = parse(refused).select_one(".edit-conflict h2").get_text()
    assert "sam saved this article at" in heading, heading
