"""`newsdesk export` and `newsdesk import ninjs`: the open export, and the way back in."""

from __future__ import annotations

import hashlib
import json
import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from newsdesk.audience.models import MustRead
from newsdesk.audience.services import must_read_pin
from newsdesk.comments.models import Comment
from newsdesk.comments.services import comment_import
from newsdesk.images import markup
from newsdesk.images.models import Image, ImageTag
from newsdesk.images.services import image_delete
from newsdesk.imports import export as export_module
from newsdesk.imports import ninjs
from newsdesk.imports.errors import ExportRefused
from newsdesk.imports.export import ExportFailed, ninjs_export
from newsdesk.imports.models import ImportedItem
from newsdesk.imports.ninjs_import import ninjs_import
from newsdesk.newsroom.models import Article, Contributor, PublicIdCounter, Section, Tag
from newsdesk.newsroom.services import correction_add, sanitize_body
from tests.factories import ArticleFactory, make_contributor, make_image

FIXTURES = Path(__file__).parent / "fixtures" / "ninjs"
NOW = timezone.now()


@pytest.fixture
def site(editor):
    """A small newsroom with every kind the export carries."""
    harbour_photo = make_image(
        size=(900, 600),
        title="Patrol boat",
        alt_text="A patrol boat leaving the harbour at dawn",
        caption="The patrol boat leaves at six.",
        credit="Ines Marsh / Tidewater Gazette",
        source=Image.Source.STAFF,
        rights_note="Ours; syndication partners may reuse it.",
        rights_expire_at=NOW + timedelta(days=400),
        focal_x=0.25,
        focal_y=0.7,
        tags=["harbour", "boats"],
    )
    figure_photo = make_image(
        size=(640, 480), fmt="PNG", title="Tide chart", alt_text="The tide chart for May"
    )
    portrait = make_image(size=(300, 300), alt_text="Ines Marsh", source=Image.Source.OTHER)
    ines = make_contributor(display_name="Ines Marsh", slug="ines-marsh", bio="Harbour desk.")
    ines.photo, ines.contact_email = portrait, "ines@tidewater.example"
    ines.save()
    olu = make_contributor(display_name="Olu Banks", slug="olu-banks")
    make_contributor(display_name="Without Articles", slug="without-articles")
    harbour = Section.objects.create(
        name="Harbour", slug="harbour", description="Boats and tides.", position=1
    )
    town = Section.objects.create(name="Town", slug="town", position=2, comment_moderation="pre")
    tides, ferries = (
        Tag.objects.create(name="Tides", slug="tides"),
        Tag.objects.create(name="Ferries", slug="ferries"),
    )
    Tag.objects.create(name="Unused", slug="unused")
    figure = (
        f'<p>Before the chart.</p><figure class="figure"><img src="'
        f'{markup.largest_jpeg(figure_photo).url}" alt="The tide chart" '
        f'data-file="{figure_photo.pk}"><figcaption>High water at noon.</figcaption></figure>'
    )
    live = ArticleFactory(
        headline="Patrol boat back in service",
        slug="patrol-boat-back",
        summary="After a winter ashore.",
        body=sanitize_body(figure),
        section=harbour,
        lead_image=harbour_photo,
        lead_image_caption="Back at sea.",
        contributors=[ines, olu],
        version=4,
    )
    live.tags.set([tides, ferries])
    ArticleFactory(
        headline="Ferry timetable changes",
        slug="ferry-timetable",
        section=town,
        publish_at=NOW + timedelta(days=2),
        contributors=[olu],
        comments_open=False,
    )
    ArticleFactory(
        headline="Draft on the lock gates",
        slug="lock-gates",
        status=Article.Status.DRAFT,
        publish_at=None,
        section=harbour,
    )
    ArticleFactory(
        headline="In review: the fish market",
        slug="fish-market",
        status=Article.Status.IN_REVIEW,
        publish_at=None,
        section=town,
        contributors=[ines],
    )
    ArticleFactory(
        headline="Withdrawn: the pier",
        slug="pier",
        status=Article.Status.UNPUBLISHED,
        publish_at=NOW - timedelta(days=30),
        section=town,
        contributors=[ines],
    )
    correction_add(article=live, user=editor, text="The boat has two engines, not one.")
    pin, _ = must_read_pin(article=live, position=2)
    MustRead.objects.filter(pk=pin.pk).update(expires_at=NOW + timedelta(days=3))
    top = comment_import(
        article=live,
        parent=None,
        name="Old Reader",
        email="old@example.test",
        text="A long memory of the harbour. " * 20,
        status=Comment.Status.APPROVED,
        created_at=NOW - timedelta(days=400),
    )
    Comment.objects.create(
        article=live, parent=top, name="Reply", text="Thanks for this.", email=""
    )
    for status in Comment.Status.values:
        Comment.objects.create(
            article=live,
            name=f"Reader {status}",
            text=f"A comment that is {status}.",
            status=status,
            held_reason="Held by a rule" if status == "pending" else "",
            needs_review=status == "approved",
            reports=1 if status == "rejected" else 0,
            edited_at=NOW - timedelta(hours=1) if status == "approved" else None,
            moderated_at=NOW - timedelta(minutes=5) if status != "approved" else None,
        )
    Article.objects.filter(slug="lock-gates").update(modified_at=NOW - timedelta(days=1))


def _digest(image: Image) -> str:
    with image.file.storage.open(image.file.name, "rb") as stored:
        return hashlib.sha256(stored.read()).hexdigest()


def _t(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def snapshot() -> dict:
    """Everything the export promises to carry, by natural keys (no database ids)."""
    images = {image.pk: image for image in Image.objects.all()}
    key = {pk: _digest(image) for pk, image in images.items()}

    def body(html: str) -> str:
        html = re.sub(r'data-file="(\d+)"', lambda m: f'data-file="{key[int(m[1])]}"', html)
        return re.sub(r'src="[^"]*"', 'src=""', html)

    return {
        "sections": {
            s.slug: (s.name, s.description, s.position, s.comment_moderation)
            for s in Section.objects.all()
        },
        "tags": {t.slug: t.name for t in Tag.objects.all()},
        "images": {
            key[i.pk]: (
                i.file.name,
                i.width,
                i.height,
                i.title,
                i.alt_text,
                i.caption,
                i.credit,
                i.source,
                i.rights_note,
                _t(i.rights_expire_at),
                i.focal_x,
                i.focal_y,
                i.keep_metadata,
                sorted(t.name for t in i.tags.all()),
                _t(i.uploaded_at),
                bool(i.renditions_key),
            )
            for i in images.values()
        },
        "contributors": {
            c.public_id: (
                c.display_name,
                c.slug,
                c.contact_email,
                c.bio,
                key.get(c.photo_id),
                _t(c.created_at),
            )
            for c in Contributor.objects.all()
        },
        "articles": {
            a.slug: (
                a.headline,
                a.summary,
                body(a.body),
                a.section.slug,
                sorted(t.slug for t in a.tags.all()),
                [b.contributor.public_id for b in a.bylines.all()],
                key.get(a.lead_image_id),
                a.lead_image_caption,
                a.status,
                _t(a.publish_at),
                _t(a.substantively_updated_at),
                a.comments_open,
                _t(a.created_at),
                _t(a.modified_at),
                a.version,
                [(c.text, _t(c.created_at)) for c in a.corrections.all()],
                (a.must_read.position, _t(a.must_read.expires_at), _t(a.must_read.created_at))
                if hasattr(a, "must_read")
                else None,
            )
            for a in Article.objects.all()
        },
        "comments": sorted(
            repr(
                (
                    c.article.slug,
                    c.parent.name if c.parent else "",
                    c.name,
                    c.email,
                    c.text,
                    c.status,
                    c.held_reason,
                    c.needs_review,
                    c.reports,
                    c.imported,
                    _t(c.created_at),
                    _t(c.edited_at),
                    _t(c.moderated_at),
                )
            )
            for c in Comment.objects.select_related("article", "parent")
        ),
    }


def empty_the_site() -> None:
    """What a new site holds: no content, no library, no counters, no mapping."""
    Comment.objects.all().delete()
    MustRead.objects.all().delete()
    Article.objects.all().delete()
    Contributor.objects.all().delete()
    for image in Image.objects.all():
        image_delete(image=image)
    ImageTag.objects.all().delete()
    Section.objects.all().delete()
    Tag.objects.all().delete()
    PublicIdCounter.objects.all().delete()
    ImportedItem.objects.all().delete()


def lines(folder: Path, name: str) -> list[dict]:
    return [json.loads(line) for line in (folder / name).read_text().splitlines()]


def test_round_trip_into_an_empty_site_loses_nothing(site, tmp_path):
    before = snapshot()
    ninjs_export(path=tmp_path / "out")
    empty_the_site()
    assert snapshot()["articles"] == {}

    report = ninjs_import(path=tmp_path / "out")

    assert report.problems == []
    assert snapshot() == before
    assert report.of("articles", "created") == 5
    assert report.of("comments", "created") == 6


def test_a_field_the_export_drops_makes_the_round_trip_fail(site, tmp_path, monkeypatch):
    before = snapshot()
    real = export_module.article_state

    def without_caption(site_url, article):
        record = real(site_url, article)
        record.pop("lead_image_caption")
        return record

    monkeypatch.setattr(export_module, "article_state", without_caption)
    ninjs_export(path=tmp_path / "out")
    empty_the_site()
    ninjs_import(path=tmp_path / "out")

    assert snapshot() != before
    assert snapshot()["articles"]["patrol-boat-back"][7] == ""


def test_media_files_are_the_originals_byte_for_byte(site, tmp_path):
    ninjs_export(path=tmp_path / "out")
    for record in lines(tmp_path / "out", ninjs.IMAGES):
        image = Image.objects.get(pk=record["number"])
        data = (tmp_path / "out" / record["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == record["sha256"] == _digest(image)


RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
TYPES = {"text", "audio", "video", "picture", "graphic", "composite", "component"}
ROOT_PROPERTIES = {
    "uri", "type", "representationtype", "profile", "version", "firstcreated",
    "versioncreated", "contentcreated", "embargoed", "pubstatus", "urgency",
    "copyrightholder", "copyrightnotice", "usageterms", "ednote", "language",
    "descriptions", "bodies", "headlines", "people", "organisations", "places", "subjects",
    "events", "objects", "infosources", "title", "by", "slugline", "located", "renditions",
    "associations", "altids", "trustindicators", "standard", "genres", "expires", "rightsinfo",
}  # fmt: skip


def assert_ninjs(item: dict, *, association: bool = False) -> None:
    """The ninjs 2.x rules this export relies on (IPTC's schema, in our own words)."""
    allowed = ROOT_PROPERTIES | ({"name"} if association else set())
    assert set(item) <= allowed, set(item) - allowed
    assert isinstance(item["uri"], str) and re.match(r"^[a-z][a-z0-9+.-]*:", item["uri"])
    if association:
        assert isinstance(item["name"], str)
    assert item.get("type", "text") in TYPES
    assert item.get("pubstatus", "usable") in {"usable", "withheld", "canceled"}
    assert isinstance(item.get("version", ""), str)
    for field in ("firstcreated", "versioncreated", "contentcreated", "embargoed", "expires"):
        if field in item:
            assert RFC3339.match(item[field]), (field, item[field])
    for field in ("headlines", "bodies", "descriptions"):
        extra = {"charcount", "wordcount"} if field == "bodies" else set()
        for entry in item.get(field, []):
            assert isinstance(entry["value"], str)
            assert set(entry) <= {"role", "contenttype", "value"} | extra
    for entry in item.get("people", []) + item.get("subjects", []):
        assert set(entry) <= {"name", "rel", "uri", "literal", "creator", "relevance"}
    for entry in item.get("renditions", []):
        assert isinstance(entry["name"], str)
        assert set(entry) <= {"name", "href", "contenttype", "title", "height", "width",
                              "sizeinbytes", "duration", "format"}  # fmt: skip
    for entry in item.get("altids", []):
        assert set(entry) <= {"role", "value"}
    assert set(item.get("standard", {})) <= {"name", "version", "schema"}
    for associated in item.get("associations", []):
        assert_ninjs(associated, association=True)


def test_articles_are_ninjs_2_news_items(site, tmp_path):
    ninjs_export(path=tmp_path / "out")
    items = {i["slugline"]: i for i in lines(tmp_path / "out", ninjs.ARTICLES)}
    for item in items.values():
        assert_ninjs(item)
    live = items["patrol-boat-back"]
    assert live["headlines"] == [
        {"role": "main", "contenttype": "text/plain", "value": "Patrol boat back in service"}
    ]
    assert [p["literal"] for p in live["people"]] == [
        Contributor.objects.get(slug=s).public_id for s in ("ines-marsh", "olu-banks")
    ]
    assert [a["name"] for a in live["associations"]] == ["lead-image", "body-image-1"]
    assert {i["slugline"]: i["pubstatus"] for i in items.values()} == {
        "patrol-boat-back": "usable",
        "ferry-timetable": "usable",
        "lock-gates": "withheld",
        "fish-market": "withheld",
        "pier": "canceled",
    }
    assert "embargoed" in items["ferry-timetable"] and "embargoed" not in live
    manifest = json.loads((tmp_path / "out" / ninjs.MANIFEST).read_text())
    assert manifest["files"][ninjs.ARTICLES] == 5 and manifest["media"] == 3


def test_a_second_import_writes_nothing(site, tmp_path):
    ninjs_export(path=tmp_path / "out")
    empty_the_site()
    ninjs_import(path=tmp_path / "out")
    modified = dict(Article.objects.values_list("slug", "modified_at"))
    comments = Comment.objects.count()

    again = ninjs_import(path=tmp_path / "out")

    assert again.changed() == 0
    assert dict(Article.objects.values_list("slug", "modified_at")) == modified
    assert Comment.objects.count() == comments
    assert Image.objects.count() == 3


def test_a_dry_run_changes_nothing(site, tmp_path):
    ninjs_export(path=tmp_path / "out")
    empty_the_site()

    report = ninjs_import(path=tmp_path / "out", dry_run=True)

    assert report.of("articles", "created") == 5
    assert not Article.objects.exists() and not Image.objects.exists()


def test_export_refuses_a_folder_with_something_in_it(db, tmp_path):
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(ExportFailed, match="not an empty folder"):
        ninjs_export(path=tmp_path)


@pytest.mark.parametrize(
    ("folder", "message"),
    [
        ("broken", r"sections\.jsonl, line 2: not JSON \(Expecting ',' delimiter\)\."),
        ("future", r"format version 7 is not one this site reads"),
        ("escape", r"images\.jsonl, line 1: the file 'media/\.\./\.\./outside\.jpg' lies outside"),
    ],
)
def test_command_refuses_a_broken_or_hostile_export_with_a_sentence(db, folder, message):
    with pytest.raises(CommandError, match=message):
        call_command("import", "ninjs", str(FIXTURES / folder))
    assert not Section.objects.exists()


def test_a_malformed_line_halfway_leaves_the_site_as_it_was(site, tmp_path):
    ninjs_export(path=tmp_path / "out")
    empty_the_site()
    comments = tmp_path / "out" / ninjs.COMMENTS
    comments.write_text(comments.read_text() + "{not json\n")

    with pytest.raises(ExportRefused, match=r"comments\.jsonl, line 7: not JSON"):
        ninjs_import(path=tmp_path / "out")

    assert not Article.objects.exists() and not Image.objects.exists()


def test_commands_export_and_import_with_reports(site, tmp_path, capsys):
    call_command("export", str(tmp_path / "out"), verbosity=0)
    assert "articles.ninjs.jsonl: 5" in capsys.readouterr().out
    empty_the_site()
    call_command("import", "ninjs", str(tmp_path / "out"), verbosity=0)
    out = capsys.readouterr().out
    assert "articles: 5 created" in out and "No problems." in out


def test_the_newsrooms_own_notes_and_autosaves_stay_out_of_the_export(site, tmp_path, editor):
    from newsdesk.desk.models import Autosave, Note

    article = Article.objects.filter(status=Article.Status.PUBLISHED).first()
    Note.objects.create(article=article, author=editor, text="Source asked not to be named XQZ7")
    Autosave.objects.create(user=editor, article=article, fields={"headline": "Unsaved AVB9"})
    ninjs_export(path=tmp_path / "out")
    for path in (tmp_path / "out").rglob("*.json*"):
        text = path.read_text()
        assert "XQZ7" not in text and "AVB9" not in text, path
