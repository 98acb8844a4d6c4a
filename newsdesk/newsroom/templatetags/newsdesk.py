from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def compact_count(value) -> str:
    """1,234 up to 9,999; then 12.3K, 1.2M: short enough for a byline row."""
    try:
        n = int(value)
    except (TypeError, ValueError):
        return "0"
    if n < 10_000:
        return f"{n:,}"
    for size, suffix in ((1_000_000_000, "B"), (1_000_000, "M"), (1_000, "K")):
        if n >= size:
            figure = f"{n / size:.1f}".removesuffix(".0")
            return f"{figure}{suffix}"
    return f"{n:,}"


@register.filter
def machine_time(value) -> str:
    """A ``<time datetime>`` value HTML accepts: local time to the second, with its offset.

    Django's ``date:'c'`` writes microseconds, and HTML allows at most three digits there.
    """
    if not isinstance(value, datetime):
        return ""
    return timezone.localtime(value).isoformat(timespec="seconds")


# A running live page in a list (docs/coverage.md): read from the row every list already has.
LIVE_LABEL = mark_safe('<span class="live-label">LIVE</span> ')  # noqa: S308 - a constant


def _live_label(article) -> str:
    return LIVE_LABEL if article.coverage_running else ""


@register.simple_tag
def story_list(list_id: str, title: str, items) -> str:
    """One of the four lists (Latest Stories, Just In, Popular Now, Must-Reads): the markup
    pages/_list.html wrote, built here because a cold page renders all four (issue 15)."""
    rows = format_html_join(
        "",
        '<li>{}<a href="{}">{}</a></li>',
        ((_live_label(a), a.get_absolute_url(), a.headline) for a in items),
    )
    return format_html(
        '<section class="story-list" aria-labelledby="list-{}">\n'
        '  <h2 id="list-{}"><span class="kicker">[Latest]</span> {}</h2>\n'
        "  <ol>\n"
        "    {}\n"
        "  </ol>\n"
        "</section>\n",
        list_id,
        list_id,
        title,
        rows or mark_safe('<li class="empty">Nothing here yet.</li>'),  # noqa: S308 - a constant
    )
