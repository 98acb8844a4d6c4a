import pytest
from bs4 import BeautifulSoup


def parse(response) -> BeautifulSoup:
    """The response body as a browser's HTML5 parser builds it."""
    return BeautifulSoup(response.content.decode(), "html5lib")


@pytest.fixture
def editor(db):
    from tests.factories import make_user

    return make_user("ed", role="Editor")


@pytest.fixture
def writer_user(db):
    from tests.factories import make_user

    return make_user("writer", role="Contributor")


@pytest.fixture
def moderator(db):
    from tests.factories import make_user

    return make_user("mod", role="Moderator")
