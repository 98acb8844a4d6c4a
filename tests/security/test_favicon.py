"""Browsers ask every site for /favicon.ico: it is never a 404."""

from django.contrib.staticfiles import finders

from tests.conftest import parse


def test_favicon_ico_sends_the_browser_to_the_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].startswith("/static/newsdesk/favicon")
    with open(finders.find("newsdesk/favicon.ico"), "rb") as icon:
        assert icon.read(4) == b"\x00\x00\x01\x00"  # the ICO signature


def test_pages_name_their_icon(client, db):
    icon = parse(client.get("/")).select_one('link[rel="icon"]')
    assert icon["href"].startswith("/static/newsdesk/favicon")
