"""Card renditions: made once per image through the storage API, then found again."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.core.files.storage import default_storage
from PIL import Image

from newsdesk.distribution import structured
from newsdesk.distribution.renditions import CARD_SIZE, card_rendition, rendition_name
from tests.distribution.conftest import SITE_URL, add_lead_image
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return add_lead_image(ArticleFactory(slug="pictured"), size=(800, 800))


def test_the_rendition_is_stored_next_to_the_original(article):
    card = card_rendition(article.lead_image)
    folder = article.lead_image.name.rsplit("/", 1)[0]
    assert card.name == rendition_name(article.lead_image.name, CARD_SIZE)
    assert card.name.startswith(f"{folder}/renditions/")
    assert card.url == SITE_URL + default_storage.url(card.name)
    with default_storage.open(card.name) as handle, Image.open(handle) as image:
        # A square smaller than the card is cropped and scaled up to the full size.
        assert image.size == (card.width, card.height) == (1200, 630)


def test_a_rendition_is_made_once(article, monkeypatch):
    saves = []
    original_save = default_storage.save
    monkeypatch.setattr(
        default_storage, "save", lambda *a, **k: saves.append(a[0]) or original_save(*a, **k)
    )
    first = card_rendition(article.lead_image)
    assert card_rendition(article.lead_image) == first
    cache.clear()  # another process, or a cache that forgot: the stored file is found again
    assert card_rendition(article.lead_image) == first
    assert saves == [first.name]


def test_an_unreadable_original_gives_no_rendition_and_no_error(article):
    default_storage.delete(article.lead_image.name)
    assert card_rendition(article.lead_image) is None


def test_no_lead_image_no_rendition():
    assert card_rendition(ArticleFactory(slug="plain").lead_image) is None


def test_an_article_whose_image_is_gone_shows_the_default_card(article):
    default_storage.delete(article.lead_image.name)
    card = structured.card(article)
    assert card.url == SITE_URL + "/static/newsdesk/card.png"
    assert (card.width, card.height) == (1200, 630)
