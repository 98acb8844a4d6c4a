from django import template

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
