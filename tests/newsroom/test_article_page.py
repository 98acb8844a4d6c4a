"""The article page carries every element of the reference page, checked on the parsed HTML."""

import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone

from newsdesk.audience.models import ArticleStats
from tests.conftest import parse
from tests.factories import ArticleFactory, SectionFactory, make_contributor

pytestmark = pytest.mark.django_db

LIST_TITLES = ["Latest Stories", "Just In", "Popular Now", "Must-Reads"]


@pytest.fixture
def newsroom():
    land = SectionFactory(slug="land", name="Land")
    air = SectionFactory(slug="air", name="Air")
    writers = [make_contributor(n) for n in range(2)]
    articles = []
    for n in range(24):
        article = ArticleFactory(
            section=land if n % 2 else air,
            contributors=[writers[n % 2]],
            publish_at=timezone.now() - timedelta(hours=n + 1),
        )
        ArticleStats.objects.create(article=article, views=1000 - n * 7)
        articles.append(article)
    return articles


def focusable(soup):
    return [
        el
        for el in soup.body.find_all(["a", "button", "input", "textarea", "select"])
        if el.name != "a" or el.has_attr("href")
    ]


def test_skip_links_come_first_and_land_on_real_targets(client, newsroom):
    soup = parse(client.get(newsroom[3].get_absolute_url()))
    first = focusable(soup)[:3]
    assert [a["href"] for a in first] == ["#top", "#main", "#bottom"]
    for link in first:
        assert soup.find(id=link["href"][1:]) is not None
    assert soup.find(id="main").name == "main"


def test_headline_section_views_and_byline(client, newsroom):
    article = newsroom[3]
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    soup = parse(response)
    h1s = soup.find_all("h1")
    assert [h.get_text(strip=True) for h in h1s] == [article.headline]
    label = soup.select_one(".section-label a")
    assert label["href"] == article.section.get_absolute_url()
    assert label.get_text(strip=True) == article.section.name
    assert soup.select_one("[data-view-count]").get_text(strip=True) == "979"
    byline = soup.select_one("footer.byline")
    contributor = article.bylines.get().contributor
    link = byline.select_one("a[rel=author]")
    assert link["href"] == contributor.get_absolute_url()
    address = link.select_one(".id-email").get_text(strip=True)
    assert re.fullmatch(r"CP-\d{4}-\d{4}@[\w.-]+", address)
    assert address.startswith(contributor.public_id)
    assert byline.select_one(".desk").get_text(strip=True) == article.section.name


def test_comment_area_has_count_limited_box_and_counter(client, newsroom):
    soup = parse(client.get(newsroom[3].get_absolute_url()))
    area = soup.find(id="comments")
    assert area.select_one(".comment-count").get_text(strip=True) == "0"
    box = area.find("textarea")
    assert box["maxlength"] == "300"
    counter = soup.find(id=box["aria-describedby"])
    assert counter["aria-live"] == "polite"
    assert counter.get_text(strip=True) == "0/300"
    form = area.find("form")
    assert form["method"] == "post"
    # No per-reader token: the page can be cached; the endpoint checks Origin instead.
    assert form.find("input", attrs={"name": "csrfmiddlewaretoken"}) is None
    assert form.find("input", attrs={"name": "started"})["value"]


def test_four_lists_with_six_links_never_to_the_page_itself(client, newsroom):
    article = newsroom[0]  # the newest and most read: it would top every list
    soup = parse(client.get(article.get_absolute_url()))
    headings = {h.get_text(" ", strip=True): h for h in soup.select(".lists h2")}
    for title in LIST_TITLES:
        heading = headings[f"[Latest] {title}"]
        links = heading.find_parent("section").select("li a")
        hrefs = [a["href"] for a in links]
        assert len(hrefs) == 6, title
        assert article.get_absolute_url() not in hrefs, title


def test_latest_stories_come_from_the_articles_own_section(client, newsroom):
    article = newsroom[1]
    soup = parse(client.get(article.get_absolute_url()))
    heading = soup.find(id="list-latest")
    hrefs = [a["href"] for a in heading.find_parent("section").select("li a")]
    same_section = [
        a.get_absolute_url()
        for a in newsroom
        if a.section_id == article.section_id and a != article
    ]
    assert hrefs == same_section[:6]


def test_just_in_is_newest_site_wide(client, newsroom):
    soup = parse(client.get(newsroom[10].get_absolute_url()))
    hrefs = [a["href"] for a in soup.find(id="list-just-in").find_parent("section").select("li a")]
    assert hrefs == [a.get_absolute_url() for a in newsroom[:6]]


def test_share_links_carry_the_canonical_url_and_title(client, newsroom, settings):
    article = newsroom[2]
    soup = parse(client.get(article.get_absolute_url()))
    share = soup.find(id="share-title").find_parent("section")
    links = share.select("a")
    assert len(links) >= 6
    canonical = soup.find("link", rel="canonical")["href"]
    assert canonical == settings.SITE_URL + article.get_absolute_url()
    facebook = share.select_one("a.share-facebook")
    assert parse_qs(urlsplit(facebook["href"]).query)["u"] == [canonical]
    x = share.select_one("a.share-x")
    assert parse_qs(urlsplit(x["href"]).query)["text"] == [article.headline]
    for link in links:
        assert link["aria-label"].startswith("Share on ")
        assert "noopener" in link["rel"]


def test_corrections_show_with_their_time(client, newsroom, editor):
    from newsdesk.newsroom.services import correction_add

    article = newsroom[4]
    correction_add(article=article, user=editor, text="An earlier version misnamed the base.")
    soup = parse(client.get(article.get_absolute_url()))
    item = soup.select_one(".corrections li")
    assert "misnamed the base" in item.get_text()
    assert item.find("time")["datetime"]


def test_page_has_no_external_resources(client, newsroom):
    soup = parse(client.get(newsroom[2].get_absolute_url()))
    for tag, attr in (("script", "src"), ("link", "href"), ("img", "src")):
        for el in soup.find_all(tag):
            if tag == "link" and el.get("rel") == ["canonical"]:
                continue
            assert not urlsplit(el.get(attr, "")).netloc, el
