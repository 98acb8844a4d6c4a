"""`newsdesk import ghost`: what small Ghost exports of our own become (fixtures/ghost: the
Millbrook Ledger, an imaginary town paper, as Ghost 5 with lexical, Ghost 4 with mobiledoc
and Ghost 2 with rendered HTML)."""

import json
import shutil
from datetime import UTC, datetime
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command, load_command_class
from django.db import connections

from newsdesk.audience.models import MustRead
from newsdesk.images import markup
from newsdesk.images.models import Image
from newsdesk.imports.models import ImportedAuthor, ImportedItem, Redirect
from newsdesk.imports.services import ghost_import
from newsdesk.newsroom.models import Article, Contributor, Section, Tag
from newsdesk.newsroom.services import contributor_create
from tests.conftest import empty_page_cache
from tests.imports.conftest import FIXTURES, picture
from tests.imports.test_redirects import call, location

pytestmark = pytest.mark.django_db

GHOST = FIXTURES / "ghost"
PICTURES = {
    "2024/03/quay.jpg": ("JPEG", (80, 60)),
    "2024/03/bridge.jpg": ("JPEG", (90, 60)),
    "2024/02/weir.png": ("PNG", (64, 48)),
    "2021/09/mill.jpg": ("JPEG", (70, 50)),
    "2021/09/beam.jpg": ("JPEG", (60, 40)),
    "2019/05/bridge.jpg": ("JPEG", (100, 50)),
    "2019/05/crowd.jpg": ("JPEG", (50, 50)),
}


@pytest.fixture
def site(tmp_path):
    """The exports in a folder with Ghost's content/images tree beside them (one file of
    the v5 export, 2024/02/missing.jpg, is not there)."""
    for name in ("ledger-v5.json", "ledger-v4.json", "ledger-v2.json"):
        shutil.copy(GHOST / name, tmp_path / name)
    for relative, (kind, size) in PICTURES.items():
        file = tmp_path / "content/images" / relative
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(picture(kind, size))
    return tmp_path


@pytest.fixture
def v5(site):
    return ghost_import(path=site / "ledger-v5.json")


def article(slug: str) -> Article:
    return Article.objects.get(slug=slug)


def test_posts_keep_their_state_dates_slug_and_excerpt(v5):
    council = article("council-votes-flood-barrier")
    assert council.status == Article.Status.PUBLISHED and council.is_live()
    assert council.headline == "Council votes for the flood barrier"
    assert council.publish_at == datetime(2024, 3, 18, 7, 45, tzinfo=UTC)
    assert council.created_at == datetime(2024, 3, 17, 16, 0, tzinfo=UTC)
    assert council.modified_at == datetime(2024, 3, 19, 10, 0, tzinfo=UTC)
    assert council.summary == "Seven to two: the lower quay gets its wall."
    draft = article("budget-notes")
    assert draft.status == Article.Status.DRAFT and draft.publish_at is None
    regatta = article("regatta-returns")
    assert regatta.is_scheduled and regatta.publish_at == datetime(2099, 6, 1, 6, 0, tzinfo=UTC)
    newsletter = article("this-week-12")  # sent by e-mail only: never on the web
    assert newsletter.status == Article.Status.UNPUBLISHED and not newsletter.is_live()
    members = article("flood-map")  # members only at Ghost: an editor decides here
    assert members.status == Article.Status.UNPUBLISHED
    assert any("for members readers at Ghost: imported unpublished" in p for p in v5.problems)


def test_pages_are_skipped_and_counted(v5):
    assert not Article.objects.filter(slug="about").exists()
    assert Article.objects.count() == 6
    assert v5.of("other items", "skipped (page)") == 1


def test_authors_of_posts_become_contributors_whose_slug_and_email_stay_private(site, client):
    staff = get_user_model().objects.create_user("chen", email="chen@newsroom.example")
    chen = contributor_create(display_name="Chen Li (desk)", slug="chen-li", user=staff)
    report = ghost_import(path=site / "ledger-v5.json")
    ada = ImportedAuthor.objects.get(login="ada")
    assert ada.email == "ada@ledger.example"
    assert ada.contributor.display_name == "Ada Okafor"
    assert ada.contributor.bio == "Ada covers the town hall."
    assert ada.contributor.contact_email == ""
    page = client.get(ada.contributor.get_absolute_url()).content.decode()
    assert "Ada Okafor" in page and "ada@ledger.example" not in page
    # Matched by e-mail (whatever its case) to the staff member's own contributor.
    assert [b.contributor for b in article("budget-notes").bylines.all()] == [chen]
    assert report.of("contributors", "matched") == 1
    # A user who wrote nothing is no contributor.
    assert not Contributor.objects.filter(display_name="Owner Who Never Wrote").exists()


def test_several_authors_make_bylines_in_their_order(v5):
    names = [
        b.contributor.display_name for b in article("council-votes-flood-barrier").bylines.all()
    ]
    assert names == ["Bram Visser", "Ada Okafor"]


def test_the_primary_tag_is_the_section_the_others_tags_and_internal_tags_are_left_out(v5):
    council = article("council-votes-flood-barrier")
    assert council.section.name == "Town Council"  # the first public tag; #newsletter is not
    assert [t.name for t in council.tags.all()] == ["Flooding"]
    assert article("weir-repairs").section.name == "The River"
    assert not Tag.objects.filter(name__startswith="#").exists()
    assert not Section.objects.filter(name__startswith="#").exists()
    assert v5.of("tags", "skipped (internal)") == 1


def test_a_featured_post_is_pinned_on_must_reads(v5):
    assert list(MustRead.objects.values_list("article__slug", flat=True)) == [
        "council-votes-flood-barrier"
    ]


def test_the_feature_image_enters_the_library_with_its_alt_text_and_caption(v5):
    lead = article("council-votes-flood-barrier").lead_image
    assert lead.alt_text == "The stone bridge over the Mill at dawn"
    assert lead.caption == "The Mill bridge, photographed by Ada Okafor."
    assert (lead.width, lead.height) == (90, 60)  # the original, not Ghost's w1200 copy
    assert {t.name for t in lead.tags.all()} == {"Ghost import"}


def test_a_missing_picture_is_reported_and_the_post_imported_without_it(v5):
    weir = article("weir-repairs")
    assert weir.lead_image is None
    assert any("2024/02/missing.jpg not found" in line for line in v5.problems)
    assert v5.of("images", "missing") == 1


def test_a_lexical_body_becomes_the_editors_html(v5):
    council = article("council-votes-flood-barrier")
    body = council.body
    quay = Image.objects.get(alt_text="Sandbags stacked on the lower quay")
    assert body.startswith(
        "<p>The town council voted <strong>seven to two</strong> on Monday night for a "
        "<em>flood barrier</em>"
    )
    weir = article("weir-repairs").get_absolute_url()
    assert f'<a href="{weir}">weir repairs</a>' in body  # a link to an imported post
    assert "of last month.<br>Work starts in May." in body
    assert "<h2>What the barrier costs</h2>" in body  # h1 as the editor's h2
    assert "<ul><li>Steel: 1.2 million</li>" in body
    assert "<blockquote>We cannot sandbag our way through another spring.</blockquote>" in body
    assert (
        f'<figure class="figure"><img src="{markup.largest_jpeg(quay).url}" '
        f'alt="Sandbags stacked on the lower quay" data-file="{quay.pk}">'
        "<figcaption>The lower quay in February.</figcaption></figure>"  # caption: text only
    ) in body
    assert '<a href="https://video.example/watch/council-vote">' in body  # an embed, a link
    assert '<a href="https://millbrook.example/minutes.pdf">minutes</a>' in body
    assert "stockphotos" not in body and "<script" not in body and "alert" not in body
    problems = "\n".join(v5.problems)
    assert "images.stockphotos.example/photo-123?w=2000 dropped" in problems  # no hot-linking
    assert "product card removed" in problems
    assert "paywall" not in problems
    # A picture with no alt text: the file name stands in, and it is tagged to be fixed.
    weir_picture = Image.objects.get(alt_text="weir")
    assert "alt text needed" in {t.name for t in weir_picture.tags.all()}


def test_a_mobiledoc_body_becomes_the_editors_html(site):
    report = ghost_import(path=site / "ledger-v4.json")
    body = article("mill-fire-saved").body
    fire = article("old-mill-fire").get_absolute_url()
    assert body.startswith(f'<p>Fire crews were at the <a href="{fire}">old mill</a> until ')
    assert "<strong><em>three in the morning</em></strong>.<br>Nobody was hurt.</p>" in body
    assert "<h2>What burned</h2><ol><li>The roof</li><li>The loft</li></ol>" in body
    mill = Image.objects.get(alt_text="The old mill roof")
    beam = Image.objects.get(alt_text="A charred beam")
    assert body.count(f'data-file="{mill.pk}"') == 2  # Ghost's resized copy is the same file
    assert f'data-file="{beam.pk}"' in body and "<p>What was left.</p>" in body
    assert '<a href="https://heritage.example/mills">Mills of the valley</a>' in body
    assert "<hr>" in body and "if (water &gt; 3.2)" in body
    assert "A <strong>Markdown</strong> card" in body
    assert "<blockquote>It could have been worse.</blockquote>" in body
    assert article("mill-fire-saved").section.name == "Fire"
    assert any("signup card removed" in line for line in report.problems)


def test_a_ghost_2_html_body_with_the_sites_address(site):
    ghost_import(path=site / "ledger-v2.json", site_url="https://ledger.example")
    bridge = article("bridge-reopens")
    ferry = article("ferry-ends").get_absolute_url()
    assert f'<a href="{ferry}">The ferry</a>' in bridge.body  # www. or not, the same site
    lead = bridge.lead_image
    assert lead.alt_text == "The bridge"  # the feature image, shared with the body's picture
    assert f'data-file="{lead.pk}"' in bridge.body and "<figcaption>Open again.</figcaption>"
    crowd = Image.objects.get(alt_text="The crowd")
    assert f'data-file="{crowd.pk}"' in bridge.body  # one figure per gallery picture
    assert "other-site.example" not in bridge.body  # another site's file: dropped
    assert '<a href="https://video.example/embed/bridge">' in bridge.body
    assert '<a href="https://roads.example/closures">Road closures</a>' in bridge.body
    assert [b.contributor.display_name for b in bridge.bylines.all()] == ["Bram Visser"]
    assert bridge.section.name == "Uncategorized"  # no tag at all
    assert not Article.objects.filter(slug="contact").exists()  # `page: true`
    assert ImportedItem.objects.filter(source="https://ledger.example").exists()


def test_pictures_come_from_media_dir_when_given(site, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("export")
    shutil.copy(GHOST / "ledger-v4.json", elsewhere / "ledger-v4.json")
    report = ghost_import(path=elsewhere / "ledger-v4.json")  # no folder: reported, not fatal
    assert Image.objects.count() == 0 and Article.objects.count() == 2
    assert any("no --media-dir given" in line for line in report.problems)
    ghost_import(path=elsewhere / "ledger-v4.json", media_dir=site / "content/images")
    assert Image.objects.count() == 2
    assert 'data-file="' in article("mill-fire-saved").body


def counts() -> dict[str, int]:
    models = [Article, Contributor, Section, Tag, Image, MustRead, Redirect, ImportedItem]
    return {m.__name__: m.objects.count() for m in models}


def test_a_second_run_of_the_same_file_changes_nothing(site):
    ghost_import(path=site / "ledger-v5.json")
    before = counts()
    modified = dict(Article.objects.values_list("slug", "modified_at"))
    again = ghost_import(path=site / "ledger-v5.json")
    assert counts() == before
    assert dict(Article.objects.values_list("slug", "modified_at")) == modified
    assert again.changed() == 0 and again.of("articles", "unchanged") == 6


def test_a_new_export_of_the_same_site_updates_what_changed(site):
    ghost_import(path=site / "ledger-v5.json")
    before = counts()
    export = json.loads((site / "ledger-v5.json").read_text())
    posts = export["db"][0]["data"]["posts"]
    posts[1]["title"] = "Weir repairs finished early"
    posts[1]["updated_at"] = "2024-02-25T08:00:00.000Z"
    (site / "ledger-v5.json").write_text(json.dumps(export))
    report = ghost_import(path=site / "ledger-v5.json")
    assert counts() == before
    weir = article("weir-repairs")
    assert weir.headline == "Weir repairs finished early"
    assert weir.modified_at == datetime(2024, 2, 25, 8, 0, tzinfo=UTC)
    assert report.of("articles", "updated") == 1 and report.of("articles", "unchanged") == 5


def test_a_dry_run_reports_counts_and_problems_and_writes_nothing(site):
    report = ghost_import(path=site / "ledger-v5.json", dry_run=True)
    assert set(counts().values()) == {0}
    assert report.lines()[0] == "Dry run: nothing was written."
    assert report.of("articles", "created") == 6 and report.of("images", "created") == 3
    assert report.of("redirects", "created") > 0
    assert any("missing.jpg" in line for line in report.problems)


def test_a_failure_half_way_leaves_the_site_as_it_was(site, monkeypatch):
    from newsdesk.imports.ghost import Importer
    from tests.imports.test_wordpress import stored_files

    real = Importer.post

    def post(self, record):
        if record.slug == "budget-notes":
            raise RuntimeError("the disk is full")
        return real(self, record)

    monkeypatch.setattr(Importer, "post", post)
    files = stored_files()
    with pytest.raises(RuntimeError):
        ghost_import(path=site / "ledger-v5.json")
    assert set(counts().values()) == {0}
    assert not stored_files() - files  # the pictures stored meanwhile are gone


def test_the_command_prints_counts_per_kind_and_the_problems(site):
    out = StringIO()
    call_command("import", "ghost", str(site / "ledger-v5.json"), "--dry-run", stdout=out)
    printed = out.getvalue()
    assert printed.startswith("Dry run: nothing was written.")
    assert "  articles: 6 created" in printed and "  other items: 1 skipped (page)" in printed
    assert "problem(s):" in printed and "missing.jpg not found" in printed


def run_command(path) -> int:
    with pytest.raises(SystemExit) as exit_:
        load_command_class("newsdesk.imports", "import").run_from_argv(
            ["newsdesk", "import", "ghost", str(path)]
        )
    return exit_.value.code


@pytest.fixture
def _keep_connection(monkeypatch):
    # run_from_argv closes the connections when done; the test's transaction must survive.
    monkeypatch.setattr(connections, "close_all", lambda: None)


@pytest.mark.usefixtures("_keep_connection")
@pytest.mark.parametrize(
    ("content", "says"),
    [
        (None, "broken.json is not valid JSON: line 4, column 4: expecting ',' delimiter."),
        ('{"posts": []}', 'is not a Ghost export: no "meta" and "data" in it.'),
        ("[1, 2, 3]", "is not a Ghost export: no object at its top."),
        ('{"meta": {"version": "1.25.0"}, "data": {"posts": []}}', "only Ghost 2 to 5"),
        ('{"meta": {}, "data": {"posts": []}}', "no Ghost version in its meta"),
        ('{"meta": {"version": "5.0.0"}, "data": {}}', "no list of posts in its data"),
        (b"\xff\xfe{}", "is not UTF-8 text"),
    ],
)
def test_a_file_that_is_no_ghost_export_is_refused_with_a_sentence(content, says, tmp_path, capsys):
    path = GHOST / "broken.json"
    if content is not None:
        path = tmp_path / "broken.json"
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
    assert run_command(path) == 1
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err
    assert not Article.objects.exists()


def test_a_missing_file_is_a_command_error():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No such file"):
        call_command("import", "ghost", str(GHOST / "nowhere.json"))


# -- old links, answered through the whole WSGI application (test_redirects.py) ----------


@pytest.fixture
def _wsgi(keep_test_connection):
    empty_page_cache()
    yield
    empty_page_cache()


@pytest.mark.usefixtures("_wsgi")
def test_ghosts_old_addresses_move_permanently_to_their_new_ones(v5):
    council = article("council-votes-flood-barrier").get_absolute_url()
    assert location("/council-votes-flood-barrier/") == council
    assert location("/council-votes-flood-barrier") == council
    assert location("/regatta-returns/") == article("regatta-returns").get_absolute_url()
    assert location("/tag/town-council/") == "/section/town-council/"
    assert location("/tag/town-council/rss/") == "/feeds/section/town-council/rss/"
    assert location("/tag/flooding/rss/") == "/feeds/tag/flooding/rss/"
    ada = Contributor.objects.get(display_name="Ada Okafor")
    assert location("/author/ada/") == ada.get_absolute_url()
    assert location("/author/ada/rss/") == f"/feeds/contributor/{ada.slug}/rss/"
    assert location("/rss/") == "/feeds/rss/"
    status, _headers, body = call(council)
    assert status == 200 and b"Council votes for the flood barrier" in body


@pytest.mark.usefixtures("_wsgi")
def test_no_redirect_for_drafts_newsletters_members_posts_or_to_itself(v5):
    assert location("/budget-notes/") is None
    assert location("/this-week-12/") is None
    assert location("/flood-map/") is None
    assert location("/about/") is None  # a page is not imported
    assert not Redirect.objects.filter(old_path="/tag/flooding/").exists()  # the same here
    assert call("/tag/flooding/")[0] == 200
    for row in Redirect.objects.all():
        assert row.old_path != row.new_path
