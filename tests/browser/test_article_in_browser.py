"""An article in a real browser (Debian's Chromium driven by Playwright)."""

import json
import unicodedata
import urllib.request
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.live]


def article_path(server, index: int = 0) -> str:
    with urllib.request.urlopen(server.url + "/", timeout=10) as r:
        html = r.read().decode()
    slug = f"live-story-{index}"
    start = html.index(f"/{slug}/")
    return html[html.rindex('"', 0, start) + 1 : start + len(slug) + 2]


def server_count(server, article_id: int) -> int:
    with urllib.request.urlopen(f"{server.url}/audience/views/{article_id}/", timeout=10) as r:
        return json.loads(r.read())["views"]


def test_the_count_rises_by_one_and_a_reload_adds_nothing(server, page):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    url = server.url + article_path(server)
    article_id = server.article_ids[0]
    assert server_count(server, article_id) == 0

    page.goto(url)
    count = page.locator("[data-view-count]")
    expect(count).to_have_text("1")  # a locator wait: it needs no eval, which the CSP forbids
    assert count.text_content() == "1"
    assert server_count(server, article_id) == 1

    # The page asks for the count 500 ms after its beacon is answered; "networkidle" can come
    # before that ask (it failed once that way in CI), so wait for the count's own answer.
    count_path = f"/audience/views/{article_id}/"
    with page.expect_response(
        lambda r: urlsplit(r.url).path == count_path and r.request.method == "GET", timeout=15000
    ) as answered:
        page.reload()
    assert answered.value.json()["views"] == 1
    expect(count).to_have_text("1")
    assert server_count(server, article_id) == 1
    assert hosts == {urlsplit(server.url).netloc}


def test_the_comment_counter_counts_code_points(server, page):
    page.goto(server.url + article_path(server, 1))
    box = page.locator("textarea[name=text]")
    counter = page.locator("#comment-counter [data-used]")
    box.fill("😀" * 10 + "한")
    assert counter.text_content() == "11"
    box.fill("😀" * 310)
    # Stopped at 300 code points, where a UTF-16 maxlength would have stopped at 150 emoji.
    assert counter.text_content() == "300"
    value = box.input_value()
    assert len(value) == 300  # code points, as the server counts
    assert len(value.encode("utf-16-le")) // 2 == 600  # what maxlength would have counted
    # 300 Hangul syllables typed as decomposed jamo (900 code points) fit: counted after NFC.
    decomposed = unicodedata.normalize("NFD", "한" * 300)
    box.fill(decomposed)
    assert counter.text_content() == "300"
    assert unicodedata.normalize("NFC", box.input_value()) == "한" * 300
    box.fill(decomposed + unicodedata.normalize("NFD", "한"))
    assert counter.text_content() == "300"  # the 301st syllable is stopped
