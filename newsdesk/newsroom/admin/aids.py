"""The article form's writing aids (docs/desk.md, "A form made for writing"), put under
their fields as the admin renders the form: what the slug does, the body's word count, the
headline's and summary's length hints; static/newsdesk/article_form.js keeps them current."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.html import format_html

from newsdesk.newsroom import writing
from newsdesk.newsroom.models import Article


def writing_aids(form: forms.ModelForm, obj: Article | None, appearance) -> Any:
    """Puts the writing aids under their fields (word count, length hints, what the slug does)
    and answers how the article will look, or None without the distribution app. No query
    but the lead image, which the form's "picture now" reads anyway."""
    stored = obj if obj is not None else form.instance
    written = Article(
        pk=stored.pk,
        status=stored.status,
        publish_at=stored.publish_at,
        created_at=stored.created_at,
        lead_image=stored.lead_image if stored.lead_image_id else None,
        **{name: form[name].value() or "" for name in ("headline", "slug", "summary", "body")},
    )
    follows = writing.slug_follows_headline(stored)
    form.fields["slug"].widget.attrs["data-follow"] = "headline" if follows else "off"
    _describe(
        form,
        "slug",
        "The last part of the article's address: filled from the headline until you edit it."
        if follows
        else "The article's address since it was published: it changes only when you edit it.",
    )
    words = writing.word_count(written.body)
    _describe(
        form,
        "body",
        format_html(
            '<span class="writing-count" aria-live="polite">{}</span> '
            "Reading time at {} words a minute.",
            writing.count_text(words),
            writing.WORDS_PER_MINUTE,
        ),
    )
    if appearance is None:
        return None
    looks = appearance(written)
    _describe(
        form,
        "headline",
        _hint(writing.headline_hint(written.headline, looks.headline_limit, looks.title_suffix)),
    )
    _describe(
        form, "summary", _hint(writing.summary_hint(written.summary, looks.description_limit))
    )
    return looks


def _describe(form: forms.ModelForm, name: str, text: str) -> None:
    # The bound field keeps its own copy of the help text, made when it was first asked for.
    form.fields[name].help_text = text
    form[name].help_text = text


def _hint(hint: tuple[str, bool]) -> str:
    text, over = hint
    return format_html(
        '<span class="length-hint{}" aria-live="polite">{}</span>', " over" if over else "", text
    )
