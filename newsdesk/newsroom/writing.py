"""What the article form tells a writer while they write (docs/desk.md, "A form made for
writing"): a body's words and reading time, and whether the slug still follows the headline.
Plain functions over text and a loaded row: no query. static/newsdesk/article_form.js counts
the same way in the browser."""

from __future__ import annotations

import html
import math
import re

from django.utils.html import strip_tags

from newsdesk.newsroom.models import Article

WORDS_PER_MINUTE = 230
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
# Any tag but the inline ones stands between words: the editor stores "<p>one</p><p>two</p>"
# with nothing between its blocks, which is two words, as "a <b>bold</b> word" is three.
_BETWEEN_WORDS = re.compile(
    r"<(?!/?(?:a|abbr|b|code|em|i|mark|s|small|span|strong|sub|sup|u)\b)", re.IGNORECASE
)

# Before a piece is ever published its slug may follow the headline; after, it is the address.
_UNPUBLISHED_STATES = (Article.Status.DRAFT, Article.Status.IN_REVIEW)


def plain_text(body: str) -> str:
    """A body's text as a reader reads it: tags gone (blocks apart), entities decoded."""
    return html.unescape(strip_tags(_BETWEEN_WORDS.sub(" <", body or "")))


def word_count(body: str) -> int:
    """Words in a body as a reader counts them (tags and entities aside)."""
    return len(_WORD.findall(plain_text(body)))


def reading_minutes(words: int) -> int:
    """Minutes at WORDS_PER_MINUTE, rounded up; none for no words."""
    return max(1, math.ceil(words / WORDS_PER_MINUTE)) if words else 0


def count_text(words: int) -> str:
    """The line under the body editor (article_form.js writes the same)."""
    if not words:
        return "No words yet."
    minutes = reading_minutes(words)
    return (
        f"{words} word{'' if words == 1 else 's'}, "
        f"about {minutes} minute{'' if minutes == 1 else 's'} to read."
    )


def slug_follows_headline(article: Article) -> bool:
    """Whether the form may fill the slug from the headline: only before the piece has ever
    been published (a new piece, a draft, one in review). A published, scheduled or
    unpublished piece's slug is its address, changed only by hand."""
    return article.pk is None or article.status in _UNPUBLISHED_STATES


def headline_hint(headline: str, limit: int, suffix: str) -> tuple[str, bool]:
    """The line under the headline, and whether it warns: ``limit`` is what a search result
    shows of the page's title once ``suffix`` (the site's name) is counted."""
    length = len(headline)
    if length <= limit:
        return f"{length} of about {limit} characters a search result shows.", False
    return (
        f"Warning: {length} characters. A search result shows about {limit} "
        f"(the title ends with “{suffix.strip(' |')}”) and cuts the rest.",
        True,
    )


def summary_hint(summary: str, limit: int) -> tuple[str, bool]:
    """The line under the summary, and whether it warns (past what a search result shows)."""
    length = len(summary.strip())
    if not length:
        return "No summary: search results and share cards show the body's opening words.", False
    if length <= limit:
        return f"{length} of about {limit} characters a search result shows.", False
    return (
        f"Warning: {length} characters. Search results and share cards show about {limit} "
        "and cut the rest.",
        True,
    )
