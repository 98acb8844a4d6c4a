"""Pictures in article bodies: library figures render like the lead image with their credit;
expired, deleted and other sites' pictures are never shown; the form refuses to save them;
ten pictures cost the page the same single query as one."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsdesk.images import body, markup
from tests.conftest import parse
from tests.factories import ArticleFactory, make_image, make_user

pytestmark = pytest.mark.django_db


def figure(image, caption="On the ridge.") -> str:
    src = markup.largest_jpeg(image).url
    return (
        f'<figure class="figure"><img src="{src}" alt="{image.alt_text}" data-file="{image.pk}">'
        f'<figcaption class="figure-caption">{caption}</figcaption></figure>'
    )


def test_a_library_figure_renders_as_a_picture_with_its_credit(client):
    image = make_image(size=(1600, 1000), credit="Demo Agency", alt_text="A mast")
    article = ArticleFactory(body="<p>Before.</p>" + figure(image) + "<p>After.</p>")
    page = parse(client.get(article.get_absolute_url()))
    shown = page.select_one(".body figure")
    srcset = shown.select_one("picture source[type='image/avif']")["srcset"]
    assert [c.split()[1] for c in srcset.split(", ")] == ["320w", "640w", "960w", "1280w", "1600w"]
    img = shown.select_one("picture img")
    assert (img["width"], img["height"], img["loading"]) == ("1600", "1000", "lazy")
    assert "fetchpriority" not in img.attrs
    assert shown.select_one("figcaption").get_text(" ", strip=True) == "On the ridge. Demo Agency"
    assert [p.get_text() for p in page.select(".body > p")] == ["Before.", "After."]


def test_expired_deleted_and_foreign_pictures_leave_with_their_figures(client):
    expired = make_image(rights_expire_at=timezone.now() + timedelta(minutes=5))
    html = (
        figure(expired)
        + '<figure class="figure"><img src="https://other.example/x.jpg" alt="hotlinked">'
        "<figcaption>Theirs.</figcaption></figure>"
        + '<p>Text <img src="https://other.example/y.png" alt="inline"> more.</p>'
        + '<figure><img src="/media/images/renditions/999999/abcdef/w640.jpg" alt="gone">'
        "</figure>"
    )
    article = ArticleFactory(body=html)
    rendered = body.rendered(html, {expired.pk: expired})
    assert rendered.count("<picture>") == 1  # the expired one, while its rights hold
    assert "other.example" not in rendered and "999999" not in rendered
    expired.rights_expire_at = timezone.now() - timedelta(seconds=1)
    expired.save()
    page = parse(client.get(article.get_absolute_url()))
    assert page.select(".body figure, .body img") == []
    assert page.select_one(".body p").get_text() == "Text  more."


def test_feeds_and_the_api_carry_library_pictures_only(client, settings):
    settings.NEWSDESK_FEED_FULL_TEXT = True
    image = make_image(size=(900, 600), alt_text="Harbour")
    html = figure(image) + '<p><img src="https://other.example/z.jpg" alt="theirs"></p>'
    article = ArticleFactory(body=html)
    feed = client.get("/feeds/atom/").content.decode()
    assert markup.largest_jpeg(image).url in feed
    assert "other.example" not in feed
    data = client.get(f"/api/v1/articles/{article.slug}").json()
    assert f'src="{markup.largest_jpeg(image).url}"' in data["body"]
    assert "other.example" not in data["body"]


def test_the_article_form_refuses_pictures_from_outside_the_library(client):
    from tests.formdata import form_fields

    expired = make_image(rights_expire_at=timezone.now() - timedelta(days=1), alt_text="Old")
    article = ArticleFactory(headline="Body pictures")
    client.force_login(make_user("ed", role="Editor"))
    url = f"/admin/newsroom/article/{article.pk}/change/"
    data = form_fields(parse(client.get(url)).find("form", id="article_form"))
    data["body"] = ['<p>Look:</p><p><img src="https://other.example/hot.jpg" alt="x"></p>']
    refused = client.post(url, data)
    assert refused.status_code == 200
    assert "The picture https://other.example/hot.jpg is not in the image library" in (
        refused.content.decode()
    )
    data["body"] = [figure(expired)]
    assert "have expired: remove it from the body" in client.post(url, data).content.decode()
    fine = make_image(alt_text="Fine")
    data["body"] = [figure(fine)]
    assert client.post(url, data).status_code == 302
    article.refresh_from_db()
    assert f'data-file="{fine.pk}"' in article.body


def test_ten_body_pictures_cost_the_article_page_one_query_like_one(client):
    pictures = [make_image(size=(400, 300), alt_text=f"Picture {n}") for n in range(10)]
    plain = ArticleFactory(body="<p>No pictures.</p>")
    one = ArticleFactory(body=figure(pictures[0]))
    ten = ArticleFactory(body="".join(figure(p) for p in pictures))

    def queries(article) -> int:
        client.get(article.get_absolute_url())  # warm the per-process lists
        with CaptureQueriesContext(connection) as used:
            response = client.get(article.get_absolute_url())
        assert response.status_code == 200
        return len(used.captured_queries)

    assert queries(ten) == queries(one) == queries(plain) + 1
    assert len(parse(client.get(ten.get_absolute_url())).select(".body picture")) == 10
