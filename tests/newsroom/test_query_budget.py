"""Each reader page has a fixed query budget that does not grow with the number of articles."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsdesk.audience.models import ArticleStats
from newsdesk.newsroom.models import Article, Byline, Tag
from tests.factories import ArticleFactory, SectionFactory, make_contributor

pytestmark = pytest.mark.django_db

# Page -> most queries it may make, with every cache cold. The lists: Just In 1, Latest
# Stories 1, Popular Now 2 (leaders from the score index, then those articles by key; a third
# only when too few leaders are live), Must-Reads 3 (pins, the week's ranking, its articles).
# The article page adds the article (with section and stats), bylines, tags, corrections, the
# comment count, the comment page (count, rows, their replies) and the navigation; the home
# page the lead story (2), the section fronts (2) and the navigation.
BUDGET = {"home": 12, "article": 14, "section": 4, "contributor": 4, "tag": 4}


def fill(count: int, sections, contributor, tag) -> None:
    now = timezone.now()
    start = Article.objects.count()
    made = Article.objects.bulk_create(
        Article(
            headline=f"Filler {start + i}",
            slug=f"filler-{start + i}",
            body="<p>x</p>",
            section=sections[i % len(sections)],
            status=Article.Status.PUBLISHED,
            publish_at=now - timedelta(days=30, minutes=i),
        )
        for i in range(count)
    )
    Byline.objects.bulk_create(Byline(article=a, contributor=contributor) for a in made)
    ArticleStats.objects.bulk_create(ArticleStats(article=a, views=i) for i, a in enumerate(made))
    Tag.articles.through.objects.bulk_create(Tag.articles.through(article=a, tag=tag) for a in made)


def count_queries(client, url: str) -> int:
    from tests.conftest import _clear_shared_state

    _clear_shared_state()  # the budget is the cold one: nothing from an earlier page's cache
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("keep", [0, 10], ids=["lists-read-fresh", "lists-kept-first-render"])
def test_query_counts_are_within_budget_and_flat_from_10_to_500_articles(client, settings, keep):
    # With the lists kept (audience.selectors.page_lists), the first render of a process (or
    # the first after a purge) reads them: it must keep to the same budget.
    settings.NEWSDESK_LIST_CACHE_SECONDS = keep
    sections = [SectionFactory(slug=f"s{i}", name=f"S{i}") for i in range(3)]
    contributor = make_contributor(0)
    tag = Tag.objects.create(name="Drones", slug="drones")
    featured = ArticleFactory(section=sections[0], contributors=[contributor])
    featured.tags.add(tag)
    fill(9, sections, contributor, tag)
    urls = {
        "home": "/",
        "article": featured.get_absolute_url(),
        "section": sections[0].get_absolute_url(),
        "contributor": contributor.get_absolute_url(),
        "tag": tag.get_absolute_url(),
    }
    small = {name: count_queries(client, url) for name, url in urls.items()}
    fill(490, sections, contributor, tag)
    assert Article.objects.count() == 500
    large = {name: count_queries(client, url) for name, url in urls.items()}
    assert small == large
    for name, used in large.items():
        assert used <= BUDGET[name], (name, used)
