"""Contributors' public IDs: CP-YYYY-NNNN, assigned once, never reused."""

import re

import pytest
from django.urls import reverse

from newsdesk.newsroom.models import Contributor
from tests.conftest import parse
from tests.factories import ArticleFactory, make_contributor

pytestmark = pytest.mark.django_db


def test_ids_follow_the_pattern_and_count_up_within_a_year():
    first = make_contributor(1, year=2024)
    second = make_contributor(2, year=2024)
    other_year = make_contributor(3, year=2025)
    assert first.public_id == "CP-2024-0001"
    assert second.public_id == "CP-2024-0002"
    assert other_year.public_id == "CP-2025-0001"


def test_an_id_is_never_reused_after_deletion():
    make_contributor(1, year=2024)
    last = make_contributor(2, year=2024)
    last_id = last.public_id
    last.delete()
    again = make_contributor(3, year=2024)
    assert again.public_id != last_id
    assert again.public_id == "CP-2024-0003"


def test_id_cannot_be_changed_through_the_admin(client, editor):
    contributor = make_contributor(1, year=2024)
    client.force_login(editor)
    url = reverse("admin:newsroom_contributor_change", args=[contributor.pk])
    soup = parse(client.get(url))
    assert soup.find("input", attrs={"name": "public_id"}) is None
    client.post(
        url,
        {
            "display_name": "Renamed",
            "slug": contributor.slug,
            "public_id": "CP-1999-9999",
            "contact_email": "",
            "bio": "",
        },
    )
    contributor.refresh_from_db()
    assert contributor.display_name == "Renamed"
    assert contributor.public_id == "CP-2024-0001"


def test_admin_creation_assigns_an_id(client, editor):
    client.force_login(editor)
    response = client.post(
        reverse("admin:newsroom_contributor_add"),
        {
            "display_name": "New Writer",
            "slug": "new-writer",
            "contact_email": "",
            "bio": "",
        },
    )
    assert response.status_code == 302
    created = Contributor.objects.get(slug="new-writer")
    assert re.fullmatch(r"CP-\d{4}-\d{4}", created.public_id)


def test_contributor_page_shows_id_contact_and_stories(client):
    contributor = make_contributor(1, year=2023, contact_email="desk@example.test")
    article = ArticleFactory(contributors=[contributor])
    soup = parse(client.get(contributor.get_absolute_url()))
    assert soup.h1.get_text(strip=True) == contributor.display_name
    assert soup.select_one(".public-id").get_text(strip=True) == "CP-2023-0001"
    assert soup.select_one(".contact-email")["href"] == "mailto:desk@example.test"
    assert article.get_absolute_url() in [a["href"] for a in soup.select(".teaser h3 a")]


def test_contributor_page_contact_is_the_id_address_unless_another_is_set(client, settings):
    settings.NEWSDESK_BYLINE_EMAIL_DOMAIN = "desk.example"
    contributor = make_contributor(2, year=2023)
    assert contributor.contact_email == ""
    link = parse(client.get(contributor.get_absolute_url())).select_one(".contact-email")
    assert link["href"] == "mailto:CP-2023-0001@desk.example"
    assert link.get_text(strip=True) == "CP-2023-0001@desk.example"
