from datetime import timedelta

import pytest
from django.utils import timezone

from newsdesk.search.analysis import parse_query
from newsdesk.search.selectors import search_results, search_scope
from tests.factories import ArticleFactory, SectionFactory, make_contributor


def found(text: str, **scope) -> list[str]:
    """Headlines a reader's search finds, best first, across every page."""
    results = search_results(query=parse_query(text), scope=search_scope(**scope))
    return [hit.article.headline for hit in results[0 : results.count()]]


def story(headline: str, *, summary: str = "", body: str = "", days_ago: float = 1, **kwargs):
    """A live article; ``days_ago`` sets its publish time."""
    return ArticleFactory(
        headline=headline,
        summary=summary,
        body=body,
        publish_at=timezone.now() - timedelta(days=days_ago),
        **kwargs,
    )


@pytest.fixture
def land(db):
    return SectionFactory(slug="land", name="Land")


@pytest.fixture
def sea(db):
    return SectionFactory(slug="sea", name="Sea")


@pytest.fixture
def writer(db):
    return make_contributor(display_name="Kim Minji", slug="kim-minji")
