"""Broken or hostile addresses get the site's own 404 page, never a 500."""

import pytest

from tests.conftest import parse
from tests.factories import ArticleFactory, SectionFactory, make_contributor

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(contributors=[make_contributor(1)])


@pytest.mark.parametrize(
    "url",
    [
        "/2025/01/01/no-such-story/",
        "/2025/13/45/story/",
        "/2025/02/30/story/",
        "/0000/00/00/story/",
        "/2025/01/01/%EB%89%B4%EC%8A%A4/",  # a Korean slug
        "/2025/01/01/caf%C3%A9/",
        "/section/no-such-section/",
        "/section/%E0%A4%A/",
        "/contributor/nobody/",
        "/tag/nothing/",
        "/tag/%00/",
        "/nonsense/path/",
    ],
)
def test_bad_addresses_get_the_site_404(client, article, url):
    response = client.get(url)
    assert response.status_code == 404
    assert parse(response).find("h1").get_text(strip=True) == "We could not find that page"


@pytest.mark.parametrize("page", ["abc", "-1", "0", "1.5", "999", "1e3", "٣", "9" * 40, ""])
def test_malformed_page_numbers_get_404(client, article, page):
    section = article.section
    response = client.get(section.get_absolute_url(), {"page": page})
    if page == "":
        assert response.status_code == 404
    else:
        assert response.status_code == 404, page


def test_first_page_of_an_empty_section_is_fine(client):
    section = SectionFactory(slug="empty", name="Empty")
    assert client.get(section.get_absolute_url()).status_code == 200


def test_wrong_date_for_a_real_slug_redirects_to_the_canonical_address(client, article):
    response = client.get(f"/1999/01/01/{article.slug}/")
    assert response.status_code == 301
    assert response["Location"] == article.get_absolute_url()


def test_post_to_a_page_is_refused_cleanly(client, article):
    assert client.post(article.get_absolute_url()).status_code == 405


@pytest.mark.parametrize("tail", ["history/", "history/1/", "revisions/compare/"])
@pytest.mark.parametrize("object_id", ["abc", "1e3", "99999999999999999999"])
def test_history_and_revision_addresses_of_no_article_are_a_404(client, editor, object_id, tail):
    client.force_login(editor)
    response = client.get(f"/admin/newsroom/article/{object_id}/{tail}")
    assert response.status_code == 404
