"""The cold render's shortcuts (issue 15) give what the long way gave."""

from __future__ import annotations

from datetime import datetime
from datetime import timezone as dt_timezone

import pytest
from django.template import engines
from django.urls import reverse, set_script_prefix

from newsdesk.images import markup, renditions
from newsdesk.newsroom.models import Article
from tests.factories import ArticleFactory, make_image

pytestmark = pytest.mark.django_db


def reversed_url(article: Article) -> str:
    from django.utils import timezone

    when = timezone.localtime(article.publish_at or article.created_at)
    return reverse(
        "newsroom:article",
        kwargs={
            "year": when.year,
            "month": f"{when.month:02d}",
            "day": f"{when.day:02d}",
            "slug": article.slug,
        },
    )


def test_article_address_is_what_reverse_gives():
    article = ArticleFactory(slug="a-b-c-2026")
    for when in (datetime(2026, 1, 2, 23, 30, tzinfo=dt_timezone.utc), None):
        article.publish_at = when
        assert article.get_absolute_url() == reversed_url(article)


def test_article_address_under_a_script_prefix():
    article = ArticleFactory(slug="prefixed")
    set_script_prefix("/news/")
    try:
        assert article.get_absolute_url().startswith("/news/")
        assert article.get_absolute_url() == reversed_url(article)
    finally:
        set_script_prefix("/")


def test_story_list_markup():
    template = engines["django"].from_string(
        '{% load newsdesk %}{% story_list "just-in" title items %}'
    )
    article = ArticleFactory(headline="Fish & <chips>")
    html = template.render({"items": [article], "title": "Just <In>"})
    assert html == (
        '<section class="story-list" aria-labelledby="list-just-in">\n'
        '  <h2 id="list-just-in"><span class="kicker">[Latest]</span> Just &lt;In&gt;</h2>\n'
        "  <ol>\n"
        f'    <li><a href="{article.get_absolute_url()}">Fish &amp; &lt;chips&gt;</a></li>\n'
        "  </ol>\n"
        "</section>\n"
    )
    empty = template.render({"items": [], "title": "Just In"})
    assert '<li class="empty">Nothing here yet.</li>' in empty


def test_picture_addresses_are_the_storage_addresses():
    image = make_image(size=(1300, 700))
    html = markup.picture(image)
    for width in renditions.widths_for(image.width):
        for fmt in renditions.FORMATS:
            assert markup.url(image, f"w{width}", fmt) in html
    square = markup.picture(image, square_side=80)
    assert markup.url(image, f"sq{renditions.SQUARES[0]}") in square


def test_picture_asks_a_signing_storage_for_each_address(monkeypatch):
    image = make_image(size=(1300, 700))
    storage = image.file.storage
    monkeypatch.setattr(storage, "url", lambda name: f"/signed/{name}?sig={len(name)}")
    html = markup.picture(image)
    name = renditions.name(image, "w640", renditions.AVIF)
    assert f"/signed/{name}?sig={len(name)}" in html
