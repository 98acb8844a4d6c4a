"""The share panel: plain links that decode back to the article; nothing loaded from a network."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.staticfiles import finders

from newsdesk.distribution.share import share_links
from tests.conftest import parse
from tests.distribution.conftest import SITE_URL

pytestmark = pytest.mark.django_db

# network -> (host, path, parameter with the URL, parameter with the title or None)
EXPECTED = {
    "facebook": ("www.facebook.com", "/sharer/sharer.php", "u", None),
    "x": ("x.com", "/intent/post", "url", "text"),
    "linkedin": ("www.linkedin.com", "/sharing/share-offsite/", "url", None),
    "reddit": ("www.reddit.com", "/submit", "url", "title"),
    "naver": ("share.naver.com", "/web/shareView", "url", "title"),
    "line": ("social-plugins.line.me", "/lineit/share", "url", None),
}
LABELS = {
    "facebook": "Facebook",
    "x": "X",
    "linkedin": "LinkedIn",
    "reddit": "Reddit",
    "naver": "Naver",
    "line": "LINE",
    "email": "e-mail",
}
TRICKY = "Q&A: 50% of \u201cdrones\u201d #fail? a=b + 한국 \U0001f681"


def share_panel(client, article):
    soup = parse(client.get(article.get_absolute_url()))
    return soup, soup.find(id="share-title").find_parent("section")


@pytest.fixture
def tricky(newsroom):
    article = newsroom.newest
    article.headline = TRICKY
    article.save()
    return article


def test_every_link_decodes_to_the_canonical_url_and_title(client, tricky):
    soup, panel = share_panel(client, tricky)
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical == SITE_URL + tricky.get_absolute_url()
    links = {a["class"][0].removeprefix("share-"): a for a in panel.find_all("a")}
    assert set(links) == set(LABELS)
    for network, (host, path, url_param, title_param) in EXPECTED.items():
        parts = urlsplit(links[network]["href"])
        assert (parts.scheme, parts.netloc, parts.path) == ("https", host, path), network
        query = parse_qs(parts.query, strict_parsing=True)
        assert query[url_param] == [canonical], network
        if title_param:
            assert query[title_param] == [TRICKY], network
    mail = urlsplit(links["email"]["href"])
    assert mail.scheme == "mailto"
    query = parse_qs(mail.query, strict_parsing=True)
    assert query == {"subject": [TRICKY], "body": [canonical]}
    # In a mailto address "+" is a plus sign, so spaces must be %20.
    assert "+" not in mail.query


def test_links_have_accessible_names_and_open_safely(client, newsroom):
    _, panel = share_panel(client, newsroom.newest)
    for link in panel.find_all("a"):
        network = link["class"][0].removeprefix("share-")
        assert link["aria-label"] == f"Share on {LABELS[network]}"
        assert "noopener" in link["rel"]
        if network == "email":
            assert not link.has_attr("target")  # a mail client, not an empty tab
        else:
            assert link["target"] == "_blank"


def test_copy_and_native_share_buttons_wait_for_the_script(client, newsroom):
    soup, panel = share_panel(client, newsroom.newest)
    assert panel["data-share-url"] == SITE_URL + newsroom.newest.get_absolute_url()
    assert panel["data-share-title"] == newsroom.newest.headline
    copy = panel.find("button", attrs={"data-share-copy": True})
    native = panel.find("button", attrs={"data-share-native": True})
    for button in (copy, native):
        assert button["type"] == "button"
        assert button.has_attr("hidden")  # useless without the script: hidden until it runs
        assert button.get_text(strip=True)
    assert panel.find(attrs={"data-share-status": True})["role"] == "status"
    scripts = [s["src"] for s in soup.find_all("script", src=True)]
    assert "/static/newsdesk/share.js" in scripts
    assert finders.find("newsdesk/share.js")


def test_the_page_loads_nothing_from_another_host(client, newsroom):
    soup = parse(client.get(newsroom.newest.get_absolute_url()))
    for element in soup.find_all(["script", "img", "iframe", "link", "source", "video", "audio"]):
        if element.name == "link" and element.get("rel") in (["canonical"], ["alternate"]):
            continue
        for attr in ("src", "href", "srcset"):
            if element.has_attr(attr):
                assert not urlsplit(element[attr]).netloc, element
    assert not soup.find("iframe")
    # Inline script would need a CSP exception; JSON-LD is data, not script.
    for script in soup.find_all("script"):
        assert script.has_attr("src") or script["type"] == "application/ld+json"


def test_share_links_builder_encodes_each_parameter():
    links = {
        link.network: link for link in share_links(url="https://a.example/x?y=1&z=2", title="a&b")
    }
    query = parse_qs(urlsplit(links["reddit"].href).query)
    assert query == {"url": ["https://a.example/x?y=1&z=2"], "title": ["a&b"]}
