"""JSON-LD, Open Graph and Twitter cards, as a structured-data extractor (extruct) reads them."""

from __future__ import annotations

import io
from datetime import datetime
from urllib.parse import urlsplit

import extruct
import pytest
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from PIL import Image

from newsdesk.newsroom.services import correction_add
from tests.conftest import parse
from tests.distribution.conftest import SITE_URL, add_lead_image
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def extract(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, url
    return extruct.extract(
        response.content.decode(),
        base_url=SITE_URL + url,
        syntaxes=["json-ld", "opengraph"],
        uniform=False,
    )


def of_type(data: dict, kind: str) -> dict:
    found = [d for d in data["json-ld"] if d.get("@type") == kind]
    assert len(found) == 1, [d.get("@type") for d in data["json-ld"]]
    return found[0]


def open_graph(data: dict) -> dict[str, list[str]]:
    (graph,) = data["opengraph"]
    properties: dict[str, list[str]] = {}
    for key, value in graph["properties"]:
        properties.setdefault(key, []).append(value)
    return properties


def meta(soup, **attrs) -> list[str]:
    return [m["content"] for m in soup.find_all("meta", attrs=attrs)]


def is_absolute_on_site(url: str) -> bool:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}" == SITE_URL and parts.path.startswith("/")


def test_news_article_has_every_field(client, newsroom, editor):
    article = newsroom.newest
    correction = correction_add(article=article, user=editor, text="A rank was wrong.")
    url = SITE_URL + article.get_absolute_url()
    data = of_type(extract(client, article.get_absolute_url()), "NewsArticle")

    assert data["@context"] == "https://schema.org"
    assert data["headline"] == article.headline
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["url"] == url
    assert datetime.fromisoformat(data["datePublished"]) == article.publish_at.replace(
        microsecond=0
    )
    assert datetime.fromisoformat(data["dateModified"]) == correction.created_at.replace(
        microsecond=0
    )
    assert data["articleSection"] == "Land"
    assert data["keywords"] == ["Drones"]
    assert data["inLanguage"] == "en"
    assert data["description"] == article.summary
    assert [(a["@type"], a["name"], a["url"]) for a in data["author"]] == [
        ("Person", "Ana Ortiz", SITE_URL + "/contributor/ana-ortiz/"),
        ("Person", "Ben Cho", SITE_URL + "/contributor/ben-cho/"),
    ]
    publisher = data["publisher"]
    assert publisher["@type"] == "NewsMediaOrganization"
    assert publisher["name"] == "Newsdesk Defense"
    assert publisher["logo"]["@type"] == "ImageObject"
    assert is_absolute_on_site(publisher["logo"]["url"])
    (image,) = data["image"]
    assert is_absolute_on_site(image["url"])
    assert (image["width"], image["height"]) == (1200, 630)
    (fixed,) = data["correction"]
    assert fixed["@type"] == "CorrectionComment"
    assert fixed["text"] == "A rank was wrong."
    assert datetime.fromisoformat(fixed["datePublished"]) == correction.created_at.replace(
        microsecond=0
    )


def test_breadcrumbs_lead_home_section_article(client, newsroom):
    article = newsroom.live[1]
    data = of_type(extract(client, article.get_absolute_url()), "BreadcrumbList")
    crumbs = [(i["position"], i["name"], i["item"]) for i in data["itemListElement"]]
    assert crumbs == [
        (1, "Newsdesk Defense", SITE_URL + "/"),
        (2, "Air", SITE_URL + "/section/air/"),
        (3, article.headline, SITE_URL + article.get_absolute_url()),
    ]


def test_a_long_headline_is_cut_to_110_characters(client, newsroom):
    article = ArticleFactory(
        headline="Procurement " * 16, slug="long-one", contributors=[newsroom.writers[0]]
    )
    data = of_type(extract(client, article.get_absolute_url()), "NewsArticle")
    assert len(data["headline"]) <= 110
    assert data["headline"].endswith("\u2026")
    assert article.headline.startswith(data["headline"][:-1].rstrip())


def test_a_headline_that_would_close_the_script_stays_inside_it(client, newsroom):
    article = ArticleFactory(
        headline="</script><script>alert(1)</script> & more",
        slug="sneaky",
        contributors=[newsroom.writers[0]],
    )
    soup = parse(client.get(article.get_absolute_url()))
    # Every script is a file or a JSON-LD block: the headline did not open a new one.
    for script in soup.find_all("script"):
        assert script.get("src") or script.get("type") == "application/ld+json", script
    data = of_type(extract(client, article.get_absolute_url()), "NewsArticle")
    assert data["headline"] == article.headline


def test_open_graph_and_twitter_card(client, newsroom):
    article = newsroom.newest
    response = client.get(article.get_absolute_url())
    og = open_graph(extract(client, article.get_absolute_url()))
    url = SITE_URL + article.get_absolute_url()
    assert og["og:type"] == ["article"]
    assert og["og:title"] == [article.headline]
    assert og["og:description"] == [article.summary]
    assert og["og:url"] == [url]
    (image,) = og["og:image"]
    assert is_absolute_on_site(image)
    assert og["og:image:width"] == ["1200"]
    assert og["og:image:height"] == ["630"]
    assert og["og:image:alt"] == [article.lead_image.alt_text]
    assert datetime.fromisoformat(og["article:published_time"][0]) == article.publish_at.replace(
        microsecond=0
    )
    assert og["article:modified_time"]
    assert og["article:section"] == ["Land"]
    assert og["article:tag"] == ["Drones"]
    soup = parse(response)
    assert meta(soup, name="twitter:card") == ["summary_large_image"]
    assert meta(soup, name="twitter:image") == [image]
    assert meta(soup, name="twitter:title") == [article.headline]
    assert meta(soup, name="description") == [article.summary]
    (canonical,) = soup.find_all("link", rel="canonical")
    assert canonical["href"] == url


def test_the_card_image_is_a_1200x630_rendition_of_the_lead_image(client, newsroom):
    article = newsroom.newest
    og = open_graph(extract(client, article.get_absolute_url()))
    path = urlsplit(og["og:image"][0]).path
    name = path.removeprefix("/media/")
    image = article.lead_image
    assert name == f"images/renditions/{image.pk}/{image.renditions_key}/card.jpg"
    with default_storage.open(name) as handle, Image.open(handle) as card:
        assert card.size == (1200, 630)
        assert card.format == "JPEG"


def test_an_article_without_lead_image_uses_the_sites_default_card(client, newsroom):
    article = newsroom.live[1]
    og = open_graph(extract(client, article.get_absolute_url()))
    (image,) = og["og:image"]
    assert is_absolute_on_site(image)
    static_path = urlsplit(image).path.removeprefix("/static/")
    with Image.open(finders.find(static_path)) as card:
        assert card.size == (int(og["og:image:width"][0]), int(og["og:image:height"][0]))
        assert card.size == (1200, 630)


def test_the_publisher_logo_is_a_png_of_the_declared_size(client, newsroom):
    data = of_type(extract(client, newsroom.newest.get_absolute_url()), "NewsArticle")
    logo = data["publisher"]["logo"]
    with Image.open(finders.find(urlsplit(logo["url"]).path.removeprefix("/static/"))) as png:
        assert png.format == "PNG"
        assert png.size == (logo["width"], logo["height"])


def test_section_page_is_a_collection_page(client, newsroom):
    data = extract(client, "/section/land/")
    page = of_type(data, "CollectionPage")
    assert page["name"] == "Land"
    assert page["url"] == SITE_URL + "/section/land/"
    crumbs = of_type(data, "BreadcrumbList")["itemListElement"]
    assert [c["item"] for c in crumbs] == [SITE_URL + "/", SITE_URL + "/section/land/"]
    og = open_graph(data)
    assert og["og:url"] == [SITE_URL + "/section/land/"]


def test_contributor_page_is_a_profile_page_about_a_person(client, newsroom):
    data = extract(client, "/contributor/ana-ortiz/")
    page = of_type(data, "ProfilePage")
    person = page["mainEntity"]
    assert person["@type"] == "Person"
    assert person["name"] == "Ana Ortiz"
    assert person["url"] == SITE_URL + "/contributor/ana-ortiz/"
    assert person["identifier"] == newsroom.writers[0].public_id
    assert open_graph(data)["og:type"] == ["profile"]


def test_tag_page_is_a_collection_page_with_a_canonical_per_page(client, newsroom, settings):
    settings.NEWSDESK_PAGE_SIZE = 1
    data = extract(client, "/tag/drones/")
    assert of_type(data, "CollectionPage")["about"]["name"] == "Drones"
    soup = parse(client.get("/tag/drones/?page=2"))
    assert soup.find("link", rel="canonical")["href"] == SITE_URL + "/tag/drones/?page=2"


def test_a_transparent_png_lead_image_gets_a_jpeg_card(client, newsroom):
    article = add_lead_image(newsroom.live[2], name="chart.png", fmt="PNG", mode="RGBA")
    og = open_graph(extract(client, article.get_absolute_url()))
    name = urlsplit(og["og:image"][0]).path.removeprefix("/media/")
    with default_storage.open(name) as handle:
        card = Image.open(io.BytesIO(handle.read()))
    assert card.size == (1200, 630)
    assert card.mode == "RGB"
