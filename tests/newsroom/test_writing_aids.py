"""The article form's writing aids (docs/desk.md, "A form made for writing"): counts, hints,
the slug's rule, the search and share previews and the Preview link, as the server renders
them; tests/browser/newsroom/test_writing_aids.py types through them in Chromium."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from newsdesk.distribution import appearance
from newsdesk.newsroom import writing
from newsdesk.newsroom.admin.articles import ArticleAdmin
from newsdesk.newsroom.models import Article
from tests.conftest import parse
from tests.factories import ArticleFactory, make_image

ADD = reverse("admin:newsroom_article_add")


def change_url(article: Article) -> str:
    return reverse("admin:newsroom_article_change", args=[article.pk])


# --- counting ----------------------------------------------------------------------------


def test_blocks_stored_without_a_space_are_separate_words_and_entities_are_text():
    body = "<p>The first line.</p><p>Tom&nbsp;&amp; Jerry</p><ul><li>one</li><li>two</li></ul>"
    assert writing.plain_text(body).split() == ["The", "first", "line.", "Tom", "&", "Jerry"] + [
        "one",
        "two",
    ]
    assert writing.word_count(body) == 7
    # Inline tags do not split a word.
    assert writing.word_count("<p>un<strong>break</strong>able news</p>") == 2


def test_count_text_says_words_and_minutes_at_230_a_minute():
    assert writing.count_text(0) == "No words yet."
    assert writing.count_text(1) == "1 word, about 1 minute to read."
    assert writing.count_text(230) == "230 words, about 1 minute to read."
    assert writing.count_text(231) == "231 words, about 2 minutes to read."


def test_length_hints_warn_in_words_past_the_limit_and_never_before():
    text, over = writing.headline_hint("x" * 41, 41, " | Newsdesk Defense")
    assert (text, over) == ("41 of about 41 characters a search result shows.", False)
    text, over = writing.headline_hint("x" * 42, 41, " | Newsdesk Defense")
    assert over and text.startswith("Warning: 42 characters.") and "Newsdesk Defense" in text
    assert writing.summary_hint("  ", 155)[0].startswith("No summary")
    assert writing.summary_hint("y" * 155, 155) == (
        "155 of about 155 characters a search result shows.",
        False,
    )
    assert writing.summary_hint("y" * 156, 155)[1] is True


@pytest.mark.parametrize(
    ("status", "publish_in", "follows"),
    [
        ("draft", None, True),
        ("in_review", None, True),
        ("published", timedelta(hours=-1), False),  # live
        ("published", timedelta(hours=1), False),  # scheduled: its address is set
        ("unpublished", timedelta(hours=-1), False),  # was live: links to it exist
    ],
)
def test_the_slug_follows_the_headline_only_before_a_piece_is_first_published(
    db, status, publish_in, follows
):
    article = ArticleFactory(
        status=status, publish_at=timezone.now() + publish_in if publish_in else None
    )
    assert writing.slug_follows_headline(article) is follows
    assert writing.slug_follows_headline(Article()) is True  # a new piece


# --- how it will look -------------------------------------------------------------------------


def test_the_appearance_is_what_the_page_head_says(client, db, settings):
    article = ArticleFactory(headline="Radar mast raised", summary="", slug="radar-mast")
    page = parse(client.get(article.get_absolute_url()))
    looks = appearance.of_article(article)
    assert page.title.string == looks.title == "Radar mast raised | Newsdesk Defense"
    description = page.find("meta", attrs={"name": "description"})["content"]
    assert description == looks.description == "The first paragraph. The second paragraph."
    assert page.find("link", rel="canonical")["href"] == looks.address
    assert page.find("meta", property="og:image")["content"] == looks.card.url
    assert looks.card_src == "/static/newsdesk/card.png"  # ours, shown without the host
    assert looks.headline_limit == 60 - len(" | Newsdesk Defense")


def test_an_unsaved_piece_has_todays_address_shape_and_the_sites_card(db, settings):
    settings.SITE_URL = "https://news.example"
    looks = appearance.of_article(Article(headline="A", slug=""))
    today = timezone.localtime()
    assert looks.address == ""
    assert looks.address_root == "https://news.example/"
    assert looks.address_date == f"{today:%Y/%m/%d}"
    assert looks.domain == "news.example"
    assert looks.card.url == "https://news.example/static/newsdesk/card.png"
    written = Article(
        headline="A",
        slug="a-b",
        publish_at=datetime(2031, 2, 3, 12, tzinfo=timezone.get_current_timezone()),
    )
    assert appearance.of_article(written).address == "https://news.example/2031/02/03/a-b/"


def test_a_lead_images_card_is_the_card_rendition(db):
    picture = make_image(size=(1600, 900), alt_text="A mast over the coast")
    looks = appearance.of_article(ArticleFactory(lead_image=picture))
    assert looks.card.url.endswith("/card.jpg") and looks.card.alt == "A mast over the coast"
    assert looks.card_src.startswith("/media/")


# --- the form -----------------------------------------------------------------------------------


def test_a_drafts_form_renders_the_aids_from_its_words(client, editor):
    article = ArticleFactory(
        status="draft",
        publish_at=None,
        headline="A headline far too long for any search result to show in full",
        summary="",
        body="<p>" + "word " * 231 + "</p>",
    )
    client.force_login(editor)
    page = parse(client.get(change_url(article)))
    slug = page.find("input", attrs={"name": "slug"})
    assert slug["data-follow"] == "headline"
    # No Django prepopulate binding: the newsroom's own script fills the slug.
    bindings = page.find(id="django-admin-prepopulated-fields-constants")
    assert bindings["data-prepopulated-fields"] == "[]"
    count = page.select_one(".field-body .writing-count")
    assert count.string == "231 words, about 2 minutes to read."
    assert count["aria-live"] == "polite"
    hint = page.select_one(".field-headline .length-hint.over")
    assert hint.string.startswith("Warning: 61 characters.")
    assert page.find("input", attrs={"name": "headline"})["aria-describedby"] == (
        "id_headline_helptext"
    )
    assert page.select_one(".field-summary .length-hint").string.startswith("No summary")
    panel = page.select_one("fieldset.appearance")
    assert panel.select_one(".snippet-title").string == (
        "A headline far too long for any search result to show in fu…"
    )
    assert panel.select_one(".snippet-description").string.startswith("word word")
    assert panel.select_one(".card-title").string == article.headline
    assert panel["data-headline-limit"] == str(60 - len(" | Newsdesk Defense"))
    preview = page.find("a", class_="preview-page")
    assert preview["href"] == article.get_absolute_url()
    assert preview["target"] == "_blank" and "noopener" in preview["rel"]
    assert client.get(preview["href"]).status_code == 200  # the staff preview of the draft


def test_a_live_storys_slug_stays_and_its_page_is_view_on_site(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    page = parse(client.get(change_url(article)))
    slug = page.find("input", attrs={"name": "slug"})
    assert slug["data-follow"] == "off"
    assert "changes only when you edit it" in page.select_one(".field-slug .help").get_text()
    assert page.find("a", class_="preview-page") is None
    assert page.find("a", class_="viewsitelink").get_text() == "View on site"


def test_the_add_form_has_the_aids_and_no_preview_before_a_save(client, editor):
    client.force_login(editor)
    page = parse(client.get(ADD))
    assert page.find("input", attrs={"name": "slug"})["data-follow"] == "headline"
    assert page.select_one(".field-body .writing-count").string == "No words yet."
    assert page.select_one("fieldset.appearance .snippet-address").string.startswith("(the address")
    assert page.find("a", class_="preview-page") is None
    assert "Save the draft to preview its page." in page.select_one("fieldset.appearance").text


def test_a_form_sent_back_shows_the_aids_for_the_words_as_typed(client, editor):
    article = ArticleFactory(status="draft", publish_at=None)
    client.force_login(editor)
    page = client.get(change_url(article))
    from tests.formdata import form_data

    data = form_data(page.content.decode(), "form#article_form")
    data["headline"] = ["Typed again"]
    data["section"] = [""]  # refused: the form comes back with the words
    page = parse(client.post(change_url(article), data))
    assert page.select_one(".snippet-title").string == "Typed again | Newsdesk Defense"


def test_the_aids_add_no_query_to_the_form(client, editor, monkeypatch):
    article = ArticleFactory(lead_image=make_image(size=(320, 180)))
    client.force_login(editor)
    client.get(change_url(article))  # warm: sessions, content types

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(change_url(article)).status_code == 200
        return len(ctx.captured_queries)

    with_aids = queries()
    monkeypatch.setattr(ArticleAdmin, "appearance", None)
    assert queries() == with_aids
