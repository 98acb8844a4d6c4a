"""The search page at /search/ and the search box in the site header."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsdesk.newsroom.models import Article, Byline
from newsdesk.search.services import index_rebuild
from tests.conftest import parse
from tests.factories import ArticleFactory, SectionFactory, make_contributor
from tests.search.conftest import story

pytestmark = pytest.mark.django_db

URL = "/search/"

# Sections and contributors for the filters, a count, a page of ids, the page's articles.
BUDGET = 5


def result_headlines(soup) -> list[str]:
    return [a.get_text() for a in soup.select("ol.search-results h3 a")]


def test_every_page_has_a_labelled_search_box_in_its_header(client, land):
    soup = parse(client.get("/"))
    form = soup.select_one("header form[role=search]")
    assert form is not None and form["action"] == URL and form["method"] == "get"
    field = form.find("input", attrs={"name": "q"})
    label = form.find("label", attrs={"for": field["id"]})
    assert label is not None and label.get_text(strip=True)


def test_results_link_to_articles_with_matches_marked(client, land):
    article = story(
        "Hypersonic glide test",
        body="<p>" + "Filler words here. " * 40 + "The hypersonic vehicle flew.</p>",
    )
    soup = parse(client.get(URL, {"q": "hypersonic"}))
    items = soup.select("ol.search-results > li")
    assert len(items) == 1
    link = items[0].select_one("h3 a")
    assert link["href"] == article.get_absolute_url()
    assert [m.get_text() for m in link.find_all("mark")] == ["Hypersonic"]
    excerpt = items[0].select_one(".excerpt")
    assert [m.get_text() for m in excerpt.find_all("mark")] == ["hypersonic"]
    assert "1 result for" in soup.select_one(".search-count").get_text()


def test_article_text_is_escaped_around_the_marks(client, land):
    story('<script>alert("x")</script> Drone <b>bold</b>')
    soup = parse(client.get(URL, {"q": "drone"}))
    link = soup.select_one("ol.search-results h3 a")
    assert link.find("script") is None and link.find("b") is None
    assert link.get_text() == '<script>alert("x")</script> Drone <b>bold</b>'
    assert [m.get_text() for m in link.find_all("mark")] == ["Drone"]


def test_korean_query_marks_the_syllables_inside_a_word(client, land):
    story("국방부는 새 전차를 공개했다")
    soup = parse(client.get(URL, {"q": "국방"}))
    link = soup.select_one("ol.search-results h3 a")
    assert [m.get_text() for m in link.find_all("mark")] == ["국방"]


def test_page_search_box_is_labelled_and_keeps_the_query(client, land):
    soup = parse(client.get(URL, {"q": "navy drills"}))
    field = soup.find("input", attrs={"id": "search-q"})
    assert field["value"] == "navy drills"
    assert soup.find("label", attrs={"for": "search-q"}) is not None
    for select in soup.select(".search-filters select, .search-filters input"):
        assert soup.find("label", attrs={"for": select["id"]}) is not None


@pytest.mark.parametrize(
    "q",
    [
        "",
        "   ",
        '"',
        "***",
        "()",
        "AND OR NOT",
        "NEAR(",
        "drone AND (navy OR",
        "^:*",
        "drone\x00navy",
        "\x00",
        "' OR 1=1 --",
        "🚀🚀",
    ],
)
def test_bad_queries_are_answered_normally(client, land, q):
    story("Drone navy news")
    response = client.get(URL, {"q": q})
    assert response.status_code == 200
    assert parse(response).find("h1").get_text() == "Search"


def test_empty_query_asks_for_words_and_shows_no_results(client, land):
    soup = parse(client.get(URL))
    assert soup.select("ol.search-results") == []
    assert "Type a word" in soup.select_one(".search-outcome").get_text()


def test_query_over_500_characters_is_cut_with_a_message(client, land):
    story("Navy news")
    response = client.get(URL, {"q": "navy " + "x" * 600})
    assert response.status_code == 200
    soup = parse(response)
    assert "only its first 500 were searched" in soup.select_one(".search-notice").get_text()
    assert len(soup.find("input", attrs={"id": "search-q"})["value"]) == 500
    assert result_headlines(soup) == ["Navy news"]


def test_no_results_says_so(client, land):
    soup = parse(client.get(URL, {"q": "zeppelin"}))
    assert "No results" in soup.select_one(".search-count").get_text()


def test_filters_narrow_results_and_bad_filters_are_left_out(client, land, writer):
    sea = SectionFactory(slug="sea", name="Sea")
    story("Sonar at sea", section=sea, contributors=[writer], days_ago=2)
    story("Sonar on land", section=land, days_ago=1)
    assert result_headlines(parse(client.get(URL, {"q": "sonar", "section": "sea"}))) == [
        "Sonar at sea"
    ]
    soup = parse(client.get(URL, {"q": "sonar", "contributor": writer.slug}))
    assert result_headlines(soup) == ["Sonar at sea"]
    response = client.get(
        URL, {"q": "sonar", "section": "nope", "date_from": "2025-13-45", "date_to": "x\x00"}
    )
    assert response.status_code == 200
    soup = parse(response)
    assert result_headlines(soup) == ["Sonar on land", "Sonar at sea"]
    assert len(soup.select(".search-filters .errors")) == 3


def test_results_are_paginated_and_a_bad_page_is_404(client, land):
    for n in range(25):
        story(f"Convoy {n}", days_ago=n + 1)
    first = parse(client.get(URL, {"q": "convoy"}))
    assert len(result_headlines(first)) == 20
    more = first.select_one("nav.pagination a[rel=next]")["href"]
    assert "q=convoy" in more and "page=2" in more
    second = parse(client.get(URL + more))
    assert result_headlines(second) == [f"Convoy {n}" for n in range(20, 25)]
    assert second.select_one("ol.search-results")["start"] == "21"
    for page in ["3", "0", "abc", "-1", "9" * 30]:
        assert client.get(URL, {"q": "convoy", "page": page}).status_code == 404


def test_post_is_refused(client, land):
    assert client.post(URL, {"q": "x"}).status_code == 405


def fill(count: int, section) -> None:
    contributor = make_contributor()
    start = Article.objects.count()
    made = Article.objects.bulk_create(
        Article(
            headline=f"Frigate report {start + i}",
            slug=f"frigate-{start + i}",
            body="<p>The frigate sailed.</p>",
            section=section,
            status=Article.Status.PUBLISHED,
            publish_at=timezone.now() - timedelta(days=1, minutes=i),
        )
        for i in range(count)
    )
    Byline.objects.bulk_create(Byline(article=a, contributor=contributor) for a in made)
    index_rebuild()


def count_queries(client, params) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(URL, params)
    assert response.status_code == 200
    return len(ctx.captured_queries)


def test_query_budget_is_the_same_with_10_and_200_articles(client, land, writer):
    requests = [
        {"q": "frigate"},
        {"q": "frigate", "page": "2"},
        {"q": "frigate sailed", "section": "land", "contributor": writer.slug},
        {"q": ""},
    ]
    ArticleFactory(headline="Frigate alone", contributors=[writer])
    fill(29, land)
    small = [count_queries(client, params) for params in requests]
    fill(170, land)
    assert Article.objects.count() == 200
    large = [count_queries(client, params) for params in requests]
    assert small == large
    assert max(large) <= BUDGET
