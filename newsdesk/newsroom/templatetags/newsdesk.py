from datetime import datetime

from django import template
from django.utils import timezone

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
