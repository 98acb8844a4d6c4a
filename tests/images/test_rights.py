"""Rights that act: a photo whose rights expire leaves every reader surface at that moment,
with no job; the admin lists what is about to expire and refuses an expired one."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from newsdesk.images import selectors
from newsdesk.newsroom.models import Article
from newsdesk.pagecache import expiry
from tests.conftest import parse
from tests.factories import ArticleFactory, make_contributor, make_image, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def expiring():
    ends = timezone.now() + timedelta(hours=2)
    image = make_image(rights_expire_at=ends, credit="Agency photo", caption="Agency caption")
    article = ArticleFactory(lead_image=image, headline="A story with an agency photo")
    writer = make_contributor(display_name="Pat Photo", slug="pat-photo")
    writer.photo = image
    writer.save(update_fields=["photo"])
    return article, image, writer, ends


def shows_image(html: bytes, image) -> bool:
    return f"/images/renditions/{image.pk}/".encode() in html or image.file.url.encode() in html


def test_an_expired_photo_leaves_pages_feeds_api_and_cards_at_that_moment(client, expiring):
    article, image, writer, ends = expiring
    surfaces = [
        article.get_absolute_url(),
        "/",
        "/section/land/",
        writer.get_absolute_url(),
        "/feeds/rss/",
        "/feeds/atom/",
        f"/api/v1/articles/{article.slug}",
    ]
    with time_machine.travel(ends - timedelta(seconds=1), tick=False):
        for url in surfaces:
            response = client.get(url)
            assert response.status_code == 200, url
            assert shows_image(response.content, image), url
    with time_machine.travel(ends + timedelta(seconds=1), tick=False):
        for url in surfaces:
            response = client.get(url)
            assert response.status_code == 200, url
            assert not shows_image(response.content, image), url
        page = parse(client.get(article.get_absolute_url()))
        # No broken picture: no figure at all, and the share card is the site's own.
        assert page.select("figure.lead-image") == []
        assert "Agency photo" not in page.get_text()
        card = page.find("meta", property="og:image")["content"]
        assert "/static/" in card


def test_the_page_cache_ends_stored_pages_at_the_next_rights_expiry(expiring):
    _article, _image, _writer, ends = expiring
    assert selectors.next_rights_expiry_at() == ends
    assert expiry.next_change(None) == pytest.approx(ends.timestamp())


def test_the_admin_lists_what_expires_soon_and_where_it_is_used(client, expiring):
    article, image, writer, _ends = expiring
    make_image(rights_expire_at=timezone.now() + timedelta(days=30), alt_text="Later")
    client.force_login(make_user("ed", role="Editor"))
    page = parse(client.get("/admin/images/image/"))
    assert "1 image in the library loses its rights in the next 14 days" in " ".join(
        page.select_one(".expiring-notice").get_text().split()
    )
    soon = parse(client.get("/admin/images/image/?rights=soon"))
    rows = soon.select("#result_list tbody tr")
    assert len(rows) == 1
    used = rows[0].select_one(".field-used_by")
    assert article.headline in used.get_text() and "Pat Photo" in used.get_text()
    assert used.find("a")["href"] == f"/admin/newsroom/article/{article.pk}/change/"


def test_the_article_form_refuses_to_attach_an_expired_photo(client):
    from tests.formdata import form_fields

    expired = make_image(rights_expire_at=timezone.now() - timedelta(minutes=1), alt_text="Old")
    fine = make_image(alt_text="Fresh")
    article = ArticleFactory(headline="Needs a picture")
    client.force_login(make_user("ed", role="Editor"))
    url = f"/admin/newsroom/article/{article.pk}/change/"
    data = form_fields(parse(client.get(url)).find("form", id="article_form"))
    data["lead_image"] = [str(expired.pk)]
    response = client.post(url, data)
    assert response.status_code == 200
    assert "The rights to this image have expired" in response.content.decode()
    assert Article.objects.get(pk=article.pk).lead_image is None
    data["lead_image"] = [str(fine.pk)]
    assert client.post(url, data).status_code == 302
    assert Article.objects.get(pk=article.pk).lead_image == fine
