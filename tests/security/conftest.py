import pytest

from tests.conftest import empty_page_cache
from tests.factories import ArticleFactory, TagFactory, make_contributor


@pytest.fixture
def article(db):
    item = ArticleFactory(contributors=[make_contributor(1)])
    item.tags.add(TagFactory(slug="drones", name="Drones"))
    return item


def csp_directives(response) -> dict[str, list[str]]:
    """The Content-Security-Policy header as {directive: [sources]}."""
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.fixture
def page_cache():
    """An empty page cache before and after: tests that call newsdesk.wsgi.application."""

    clear = empty_page_cache
    clear()
    yield
    clear()
