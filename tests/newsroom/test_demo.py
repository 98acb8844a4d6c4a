"""The demo newsroom: what `make run` shows a new user."""

import re
import shutil
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.staticfiles import finders
from django.core.management import CommandError, call_command
from django.utils import timezone
from PIL import Image as PILImage

from newsdesk.images.models import Image
from newsdesk.newsroom.demo import loader
from newsdesk.newsroom.models import Article, Contributor, Correction, Section, Tag

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(capsys):
    call_command("load_demo")
    return capsys.readouterr().out


@pytest.fixture
def demo_text_only(capsys):
    call_command("load_demo", "--no-images")
    return capsys.readouterr().out


def test_demo_fills_a_realistic_newsroom(demo):
    now = timezone.now()
    assert Section.objects.count() >= 3
    assert Tag.objects.count() >= 5
    contributors = list(Contributor.objects.all())
    assert len(contributors) >= 6
    assert all(re.fullmatch(r"CP-\d{4}-\d{4}", c.public_id) for c in contributors)
    live = Article.objects.live()
    assert live.count() >= 50
    assert Article.objects.count() >= 60
    oldest = live.order_by("publish_at").first().publish_at
    assert (now - oldest).days >= 14
    scheduled = Article.objects.filter(status=Article.Status.PUBLISHED, publish_at__gt=now)
    assert scheduled.count() >= 2
    assert Article.objects.filter(status=Article.Status.DRAFT).count() >= 2
    assert Correction.objects.count() >= 2
    for article in live:
        image = article.lead_image
        assert image and image.alt_text and image.credit and image.source and image.renditions_key
        assert article.bylines.exists()
    # The library as a newsroom's: credits and sources, a real-size photo with no EXIF left,
    # and one agency picture whose rights end during the demo's first day.
    assert {"staff", "agency", "illustration"} <= set(
        Image.objects.values_list("source", flat=True)
    )
    photo = Image.objects.get(width=4000, height=3000)
    with photo.file.open("rb") as handle:
        assert not PILImage.open(handle).getexif()
    expiring = Image.objects.get(rights_expire_at__isnull=False)
    # Six hours after the load (README); `now` was read after the load, minutes at most later.
    six_hours = now + timedelta(hours=6)
    assert six_hours - timedelta(minutes=5) <= expiring.rights_expire_at <= six_hours
    assert expiring.source == "agency" and expiring.rights_note
    assert all(c.photo and c.photo.source == "staff" for c in contributors)


def test_demo_creates_one_staff_user_per_role_and_prints_passwords_once(demo_text_only, capsys):
    demo = demo_text_only
    users = get_user_model().objects.filter(is_staff=True)
    roles = {g.name for u in users for g in u.groups.all()}
    assert roles == {"Contributor", "Editor", "Moderator"}
    for user in users:
        assert user.username in demo
    call_command("load_demo")
    again = capsys.readouterr().out
    assert "not loaded again" in again
    assert Article.objects.count() >= 60  # nothing duplicated


def test_demo_pages_render(demo_text_only, client):
    assert client.get("/").status_code == 200
    for article in Article.objects.live()[:5]:
        assert client.get(article.get_absolute_url()).status_code == 200


def test_every_static_file_the_templates_use_is_found():
    for path in ("newsdesk/site.css", "newsdesk/comments.js"):
        assert finders.find(path), path


def _broken_copy(tmp_path, old, new):
    """A copy of the demo data whose first article has ``old`` replaced by ``new``."""
    data = tmp_path / "content"
    shutil.copytree(loader.CONTENT_DIR, data)
    article = sorted((data / "articles").glob("*.md"))[0]
    text = article.read_text(encoding="utf-8")
    assert old in text
    article.write_text(text.replace(old, new, 1), encoding="utf-8")
    return data, article


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ('headline = "Army fields', 'title = "Army fields', "unknown field(s) title"),
        ('headline = "Army fields', '# headline = "Army fields', "missing headline"),
        ('section = "land-forces"', 'section = "land"', "unknown section 'land'"),
        ('tags = ["drones"', 'tags = ["dones"', "unknown tags: 'dones'"),
        ('kind = "published"', 'kind = "live"', "kind must be one of"),
        ("age_hours = 0.5", "age_hours = -0.5", "age_hours must be 0 or more"),
        ('credit = "Newsdesk photo"', 'credit = ""', "credit must be non-blank text"),
        ('source = "staff"', 'source = "friend"', "source must be one of staff, agency"),
        ('picture = "photo"', 'picture = "video"', "picture must be one of graphic, photo"),
        ("+++\n\nThe Army", "\nThe Army", "front matter between '+++' lines"),
        ('slug = "army', 'slug = "navy', "the file name must end in"),
        ("[image]", "[image", "not valid TOML"),
    ],
)
def test_demo_loader_rejects_a_broken_article_naming_the_file(tmp_path, old, new, problem):
    data, article = _broken_copy(tmp_path, old, new)
    with pytest.raises(loader.DemoDataError) as error:
        loader.load(data)
    assert str(error.value).startswith(f"{article}: ")
    assert problem in str(error.value)


def test_demo_articles_load_in_file_name_order_with_html_bodies():
    demo = loader.load()
    assert [a["slug"] for a in demo.articles] == [
        path.stem.split("-", 1)[1] for path in sorted(loader.CONTENT_DIR.glob("articles/*.md"))
    ]
    assert all(a["body"].startswith("<p>") and "\n" not in a["body"] for a in demo.articles)


def test_load_demo_stops_on_broken_data_before_writing_anything(tmp_path, monkeypatch):
    data, article = _broken_copy(tmp_path, 'section = "land-forces"', 'section = "sea"')
    monkeypatch.setattr(loader, "CONTENT_DIR", data)
    with pytest.raises(CommandError, match=re.escape(f"{article}: unknown section 'sea'")):
        call_command("load_demo", "--no-images")
    assert not get_user_model().objects.exists()
    assert not Section.objects.exists()


def printed_logins(out: str) -> dict[str, str]:
    """The "username password" lines under the demo's logins heading, as printed."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Demo logins"))
    logins = {}
    for line in lines[start + 1 :]:
        if not line.startswith("  "):
            break
        username, password = line.split()[:2]
        logins[username] = password
    return logins


def test_the_first_run_prints_each_login_with_a_password_that_works(demo_text_only):
    logins = printed_logins(demo_text_only)
    users = get_user_model().objects.filter(is_staff=True)
    assert set(logins) == {"admin", "editor", "contributor", "moderator"}
    assert set(logins) == set(users.values_list("username", flat=True))
    for user in users:
        assert user.check_password(logins[user.username]), user.username
    assert len(set(logins.values())) == len(logins)  # each its own, none a default


def test_later_runs_and_demo_logins_list_the_accounts_without_passwords(demo_text_only, capsys):
    passwords = printed_logins(demo_text_only).values()
    call_command("load_demo")
    again = capsys.readouterr().out
    call_command("demo_logins")
    listed = capsys.readouterr().out
    for out in (again, listed):
        assert not any(password in out for password in passwords)
    assert "Demo logins" not in again
    rows = [line.split() for line in listed.splitlines() if line.startswith("  ")]
    assert [row[0] for row in rows] == ["admin", "contributor", "editor", "moderator"]
    assert {row[0]: " ".join(row[1:]) for row in rows} == {
        "admin": "Superuser",
        "contributor": "Contributor",
        "editor": "Editor",
        "moderator": "Moderator",
    }
