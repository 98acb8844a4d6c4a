"""NEWSDESK_PROXY_COUNT: X-Forwarded-For is trusted exactly as far as our own proxies go."""

import pytest

from newsdesk.comments.models import Comment
from newsdesk.comments.policy import address_key
from newsdesk.site.http import client_ip_from_meta
from tests.comments.conftest import started
from tests.factories import ArticleFactory

PROXY = "10.0.0.2"  # the last proxy of our own, which the server sees


@pytest.mark.parametrize(
    ("proxies", "forwarded", "client"),
    [
        # No proxy of our own: the header is the client's to write, so it is ignored.
        (0, "203.0.113.9", PROXY),
        (0, "", PROXY),
        # One proxy: the right-hand hop is what it saw; anything left of it the client wrote.
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6,7.7.7.7,  203.0.113.9 ", "203.0.113.9"),
        # Two: a CDN's hop, then our load balancer's; a spoofed hop further left is ignored.
        (2, "203.0.113.9, 198.51.100.4", "203.0.113.9"),
        (2, "6.6.6.6, 203.0.113.9, 198.51.100.4", "203.0.113.9"),
        (2, "2001:db8::1, 203.0.113.9, 198.51.100.4", "203.0.113.9"),
        # Fewer hops than proxies (a request that skipped one): the connection's own address.
        (2, "203.0.113.9", PROXY),
        (1, "", PROXY),
        (1, " , ", PROXY),
    ],
)
def test_x_forwarded_for_is_trusted_as_far_as_the_proxy_count(settings, proxies, forwarded, client):
    settings.NEWSDESK_PROXY_COUNT = proxies
    meta = {"REMOTE_ADDR": PROXY}
    if forwarded:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    assert client_ip_from_meta(meta) == client


@pytest.mark.django_db
def test_a_spoofed_left_hand_hop_does_not_change_who_posts_a_comment(client, settings):
    settings.NEWSDESK_PROXY_COUNT = 1
    settings.NEWSDESK_COMMENT_MIN_INTERVAL_SECONDS = 0
    article = ArticleFactory()
    for n, forwarded in enumerate(["203.0.113.9", "6.6.6.6, 203.0.113.9", "1.2.3.4, 203.0.113.9"]):
        response = client.post(
            f"/comments/{article.pk}/",
            {"name": "Reader", "text": f"Post {n}", "started": started()},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=forwarded,
            HTTP_ORIGIN="http://testserver",
        )
        assert response.status_code == 303
    networks = set(Comment.objects.values_list("network", flat=True))
    assert networks == {address_key("203.0.113.9")}
