"""The admin's article search uses the index; ``newsdesk reindex`` rebuilds it."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from newsdesk.newsroom.models import Article
from newsdesk.search.models import SearchDocument
from tests.conftest import parse
from tests.factories import ArticleFactory, make_user
from tests.search.conftest import found

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/newsroom/article/"


@pytest.fixture
def admin_client(client, db):
    client.force_login(make_user("boss", superuser=True))
    return client


def changelist_headlines(client, q: str) -> list[str]:
    response = client.get(CHANGELIST, {"q": q})
    assert response.status_code == 200
    return sorted(a.get_text() for a in parse(response).select("#result_list tbody th a"))


def test_admin_search_finds_any_state_through_the_index(admin_client, land):
    ArticleFactory(headline="국방부 초안", status=Article.Status.DRAFT, publish_at=None)
    ArticleFactory(headline="Drones over the border")
    ArticleFactory(headline="Unrelated")
    assert changelist_headlines(admin_client, "국방") == ["국방부 초안"]
    assert changelist_headlines(admin_client, "drone") == ["Drones over the border"]
    # The last word is matched as the start of a word, for searching as one types.
    assert changelist_headlines(admin_client, "bord") == ["Drones over the border"]
    assert changelist_headlines(admin_client, '"(') == []
    assert len(changelist_headlines(admin_client, "")) == 3


def test_reindex_rebuilds_what_bypassed_the_index(land):
    article = ArticleFactory(headline="Bulk loaded tanker story")
    # Writes that bypass Django's signals: the index does not see them...
    Article.objects.filter(pk=article.pk).update(headline="Bulk loaded cruiser story")
    Article.objects.bulk_create(
        [
            Article(
                headline="Imported cruiser archive",
                slug="imported",
                section=land,
                status=Article.Status.PUBLISHED,
                publish_at=timezone.now(),
            )
        ]
    )
    assert found("cruiser") == []
    out, err = io.StringIO(), io.StringIO()
    call_command("reindex", stdout=out, stderr=err)
    assert "Indexed 2 articles" in out.getvalue()
    assert "2/2" in err.getvalue()  # the progress bar
    assert sorted(found("cruiser")) == ["Bulk loaded cruiser story", "Imported cruiser archive"]
    assert found("tanker") == []
    assert SearchDocument.objects.count() == 2


def test_reindex_of_an_empty_newsroom(db):
    out = io.StringIO()
    call_command("reindex", "--no-progress", stdout=out, stderr=io.StringIO())
    assert "Indexed 0 articles" in out.getvalue()
