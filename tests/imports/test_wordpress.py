"""`newsdesk import wordpress`: what a small export of our own becomes (fixtures/harbour.xml)."""

from datetime import UTC, datetime

import pytest
from django.db import IntegrityError, transaction

from newsdesk.audience.models import MustRead
from newsdesk.comments.models import Comment
from newsdesk.images import markup
from newsdesk.images.models import Image
from newsdesk.imports.models import ImportedAuthor, ImportedItem, Redirect
from newsdesk.newsroom.models import Article, Contributor, Section, Tag

pytestmark = pytest.mark.django_db


def article(slug: str) -> Article:
    return Article.objects.get(slug=slug)


def test_posts_keep_their_state_dates_slug_and_excerpt(imported):
    boat = article("skarv-joins-patrol")
    assert boat.status == Article.Status.PUBLISHED
    assert boat.publish_at == datetime(2019, 5, 12, 8, 30, tzinfo=UTC)
    assert boat.modified_at == datetime(2019, 5, 14, 9, 0, tzinfo=UTC)
    assert boat.summary == "A new boat & a new crew for the outer channel."
    assert boat.comments_open and not article("lighthouse-keepers").comments_open
    draft = Article.objects.get(headline="Notes on the winter dredging")
    assert draft.status == Article.Status.DRAFT and draft.publish_at is None
    assert draft.slug == "notes-on-the-winter-dredging"  # no slug in the export: the title's
    assert article("pontoon-budget").status == Article.Status.IN_REVIEW
    ships = article("tall-ships")
    assert ships.is_scheduled and ships.publish_at == datetime(2099, 8, 1, 6, 0, tzinfo=UTC)
    rota = article("staff-rota")
    assert rota.status == Article.Status.UNPUBLISHED and not rota.is_live()
    assert Article.objects.count() == 6  # the trashed post and the page are not articles
    assert imported.of("articles", "skipped (no status)") == 0
    assert imported.of("articles", "skipped (trash)") == 1


def test_authors_become_contributors_whose_login_and_email_stay_private(imported, client):
    mira = ImportedAuthor.objects.get(login="mira")
    assert mira.email == "mira@harbour.example"
    contributor = mira.contributor
    assert contributor.display_name == "Mira Solberg"
    assert contributor.public_id.startswith("CP-") and contributor.contact_email == ""
    page = client.get(contributor.get_absolute_url()).content.decode()
    assert "Mira Solberg" in page and "mira@harbour.example" not in page


def test_co_authors_plus_terms_make_bylines_in_their_order(imported):
    names = [b.contributor.display_name for b in article("skarv-joins-patrol").bylines.all()]
    assert names == ["Mira Solberg", "Ines Duarte"]
    assert [b.contributor.display_name for b in article("lighthouse-keepers").bylines.all()] == [
        "Tomasz Wrona"
    ]


def test_the_primary_category_is_the_section_and_the_others_are_tags(imported):
    boat = article("skarv-joins-patrol")
    assert boat.section.name == "Patrol craft"  # Yoast's primary category, not the first
    assert {t.name for t in boat.tags.all()} == {"Town & harbour", "Sea trials"}
    assert article("lighthouse-keepers").section == Section.objects.get(name="Town & harbour")


def test_a_sticky_post_is_pinned_on_must_reads(imported):
    assert list(MustRead.objects.values_list("article__slug", flat=True)) == ["skarv-joins-patrol"]
    assert imported.of("must-reads", "created") == 1


def test_comments_keep_threading_state_dates_and_authors(imported):
    by_source = {
        row.source_id: Comment.objects.get(pk=row.object_id)
        for row in ImportedItem.objects.filter(kind="comment")
    }
    welcome, thanks, agreed = by_source["500"], by_source["501"], by_source["502"]
    assert welcome.parent is None and thanks.parent == welcome
    assert agreed.parent == welcome  # a reply to a reply goes under its top-level comment
    assert welcome.text == "Welcome, Skarv! Fair winds & following seas."
    assert welcome.name == "Harbourmaster Jon" and welcome.email == "jon@quay.example"
    assert welcome.created_at == datetime(2019, 5, 12, 10, 0, tzinfo=UTC)
    assert agreed.email == ""  # not an address: left out, and reported
    statuses = {k: by_source[k].status for k in ("500", "503", "504", "505")}
    assert statuses == {"500": "approved", "503": "pending", "504": "spam", "505": "rejected"}
    assert "507" not in by_source  # a pingback is not a reader's comment
    assert imported.of("comments", "skipped (pingback or trackback)") == 1
    assert any("comment 502" in line and "e-mail" in line for line in imported.problems)


def test_a_comment_over_the_limit_is_kept_whole_and_marked_imported(imported):
    long = Comment.objects.get(name="Old salt")
    assert len(long.text) == 457 and long.text.endswith("mind the sandbar off the north light.")
    assert long.imported
    with pytest.raises(IntegrityError), transaction.atomic():
        Comment.objects.filter(pk=long.pk).update(imported=False)  # the limit holds otherwise


def test_attachments_enter_the_library_with_title_caption_alt_and_credit(imported):
    boat = Image.objects.get(title="The new patrol boat at the east quay")
    assert boat.alt_text == "A grey patrol boat tied up at a stone quay"
    assert boat.caption == "The patrol boat Skarv at the east quay."
    assert boat.credit == "Harbour Watch"
    assert (boat.width, boat.height) == (64, 48) and boat.renditions_key
    assert article("skarv-joins-patrol").lead_image == boat  # _thumbnail_id
    light = article("lighthouse-keepers").lead_image
    assert light.alt_text == "Lighthouse at night"  # no alt text: its title stands in
    assert {t.name for t in light.tags.all()} == {"WordPress import", "alt text needed"}


def test_a_classic_body_becomes_the_editors_html(imported):
    body = article("skarv-joins-patrol").body
    boat = Image.objects.get(title="The new patrol boat at the east quay")
    assert body.startswith("<p>The harbour's third patrol boat arrived")
    assert "passage.<br>" in body  # a single line break
    assert (
        f'<figure class="figure"><img src="{markup.largest_jpeg(boat).url}" alt="Skarv alongside"'
        f' data-file="{boat.pk}"><figcaption>Skarv alongside the east quay.</figcaption></figure>'
    ) in body  # the editor's own figure, with the widest rendition as the editor inserts it
    assert body.count(f'data-file="{boat.pk}"') == 2  # the caption's and the gallery's
    assert "tracker.example" not in body and "[" not in body.replace("[sic]", "")
    assert "We waited years for her." in body and "[sic]" in body
    assert '<a href="https://video.example/watch/skarv">' in body
    assert "<h2>What comes next</h2>" in body
    keepers = article("lighthouse-keepers").get_absolute_url()
    assert f'<a href="{keepers}">the keepers\' story</a>' in body
    assert f'<a href="{keepers}#comments">' in body
    problems = "\n".join(imported.problems)
    assert "tracker.example/pixel.gif dropped" in problems
    assert "shortcode [pullquote] removed" in problems


def test_a_block_editor_body_loses_its_block_comments(imported):
    body = article("lighthouse-keepers").body
    light = article("lighthouse-keepers").lead_image
    assert "wp:" not in body and "<!--" not in body
    assert f'data-file="{light.pk}"' in body
    assert "<figcaption>The light at dusk.</figcaption>" in body
    assert '<a href="https://video.example/watch/keepers">' in body
    assert "<h2>Forty winters</h2>" in body
    boat = article("skarv-joins-patrol").get_absolute_url()
    assert f'<a href="{boat}">the boat</a>' in body


def counts() -> dict[str, int]:
    models = [Article, Contributor, Section, Tag, Image, Comment, MustRead, Redirect, ImportedItem]
    return {m.__name__: m.objects.count() for m in models}


def test_a_second_run_of_the_same_file_changes_nothing(run_import):
    run_import()
    before = counts()
    modified = dict(Article.objects.values_list("slug", "modified_at"))
    again = run_import()
    assert counts() == before
    assert dict(Article.objects.values_list("slug", "modified_at")) == modified
    assert again.changed() == 0
    assert again.of("articles", "unchanged") == 6 and again.of("images", "unchanged") == 2


def test_a_new_export_of_the_same_site_updates_what_changed(run_import, tmp_path):
    run_import()
    before = counts()
    changed = tmp_path / "harbour-later.xml"
    from tests.imports.conftest import HARBOUR

    changed.write_text(
        HARBOUR.read_text().replace("The lighthouse keepers", "The last lighthouse keepers")
    )
    report = run_import(path=changed)
    assert counts() == before
    assert article("lighthouse-keepers").headline == "The last lighthouse keepers"
    assert report.of("articles", "updated") == 1 and report.of("articles", "unchanged") == 5


def stored_files(folder: str = "") -> set[str]:
    """Every file in the (in-memory) media storage."""
    from django.core.files.storage import default_storage

    dirs, files = default_storage.listdir(folder)
    found = {f"{folder}/{name}" for name in files}
    for name in dirs:
        found |= stored_files(f"{folder}/{name}".lstrip("/"))
    return found


def test_a_dry_run_reports_counts_and_problems_and_writes_nothing(run_import):
    files = stored_files()
    report = run_import(dry_run=True)
    assert set(counts().values()) == {0}
    assert stored_files() == files
    assert report.of("articles", "created") == 6 and report.of("images", "created") == 2
    assert report.of("comments", "created") == 7 and report.of("redirects", "created") > 0
    assert report.lines()[0] == "Dry run: nothing was written."
    assert any("pixel.gif" in line for line in report.problems)


def test_a_missing_media_file_is_reported_and_the_rest_imported(run_import, media_dir):
    (media_dir / "2019/04/lighthouse.jpg").unlink()
    report = run_import()
    assert any("2019/04/lighthouse.jpg not found" in line for line in report.problems)
    keepers = article("lighthouse-keepers")
    assert keepers.lead_image is None and "lighthouse" not in keepers.body
    assert Article.objects.count() == 6 and Image.objects.count() == 1


def test_a_file_outside_the_media_dir_is_refused(run_import, tmp_path):
    from tests.imports.conftest import HARBOUR

    sneaky = tmp_path / "sneaky.xml"
    sneaky.write_text(
        HARBOUR.read_text().replace("2019/04/lighthouse.jpg]]", "../../etc/hostname]]")
    )
    report = run_import(path=sneaky)
    assert any("outside --media-dir" in line for line in report.problems)


def test_a_failure_half_way_leaves_the_site_as_it_was(run_import, monkeypatch):
    from newsdesk.imports.wordpress import Importer

    real = Importer.post

    def post(self, item):
        if item.source_id == "103":
            raise RuntimeError("the disk is full")
        return real(self, item)

    monkeypatch.setattr(Importer, "post", post)
    files = stored_files()
    with pytest.raises(RuntimeError):
        run_import()
    assert set(counts().values()) == {0}
    assert not stored_files() - files  # the originals and renditions stored meanwhile are gone


def test_the_command_prints_counts_per_kind_and_the_problems(db, media_dir):
    from io import StringIO

    from django.core.management import call_command

    from tests.imports.conftest import HARBOUR

    out = StringIO()
    call_command("import", "wordpress", str(HARBOUR), "--media-dir", str(media_dir), stdout=out)
    printed = out.getvalue()
    assert "Import done." in printed
    assert "  articles: 6 created, 1 skipped (trash)" in printed
    assert "  comments: 7 created, 1 skipped (pingback or trackback)" in printed
    assert "4 problem(s):" in printed and "pixel.gif dropped" in printed


def test_an_import_purges_cached_pages_once_not_once_a_row(
    run_import, monkeypatch, django_capture_on_commit_callbacks
):
    from newsdesk.pagecache import store

    marks = []
    monkeypatch.setattr(store, "mark_purged", lambda keys: marks.append(len(keys)))
    monkeypatch.setattr(store, "mark_all_purged", lambda: marks.append("every page"))
    with django_capture_on_commit_callbacks(execute=True):
        report = run_import()
    assert report.of("comments", "created") > 1 and report.of("articles", "created") > 1
    assert len(marks) == 1


def test_renditions_are_made_after_the_transaction_and_a_failure_is_only_reported(
    run_import, monkeypatch
):
    from newsdesk.images import renditions
    from newsdesk.images.models import Image

    def broken(image):
        raise OSError("disk full")

    monkeypatch.setattr(renditions, "make", broken)
    report = run_import()
    assert report.of("articles", "created") > 1  # the import stands
    images = list(Image.objects.all())
    assert images and all(not image.renditions_key for image in images)  # originals shown
    assert any("renditions not made (OSError: disk full)" in line for line in report.problems)


def test_an_imported_image_has_its_renditions_once_the_run_is_done(imported):
    from newsdesk.images import renditions
    from newsdesk.images.models import Image

    for image in Image.objects.all():
        assert image.renditions_key == renditions.key_for(image)
