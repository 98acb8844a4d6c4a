"""``{% notes_for_me %}``: the newsroom top bar's link to the notes addressed to you; and the
story budget's filter helpers."""

from datetime import timedelta
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from newsdesk.desk import services

register = template.Library()


@register.simple_tag(takes_context=True)
def notes_for_me(context) -> str:
    """One COUNT query per admin page for a signed-in editor or contributor."""
    user = context.get("user")
    if user is None or not user.is_staff or not user.has_perm("newsroom.change_article"):
        return ""
    count = services.notes_for(user).count()
    if not count:
        return ""
    url = reverse("admin:desk_note_changelist") + "?resolved__exact=0"
    return format_html('<a href="{}" class="notes-for-me">Notes for you ({})</a> / ', url, count)


# The story budget's links and forms keep its filters (desk.views.BUDGET_FILTERS).


@register.filter
def add_days(day, days):
    return day + timedelta(days=int(days))


def _filter_pairs(filters: dict, **changed) -> list[tuple[str, str]]:
    values = {
        "day": filters.get("day").isoformat() if filters.get("day") else "",
        "mine": "1" if filters.get("mine") else "",
        "section": filters.get("section") or "",
        "person": str(filters["person"]) if filters.get("person") else "",
    }
    for name, value in changed.items():
        values[name] = value.isoformat() if hasattr(value, "isoformat") else str(value or "")
    return [(name, value) for name, value in values.items() if value]


@register.simple_tag
def budget_query(filters: dict, **changed) -> str:
    """The budget's query string with ``changed`` filters replaced (escaped by the template)."""
    return urlencode(_filter_pairs(filters, **changed))


@register.simple_tag
def budget_hidden(filters: dict) -> str:
    """Hidden inputs that bring the budget's filters back after an action."""
    return format_html_join(
        "", '<input type="hidden" name="{}" value="{}">', _filter_pairs(filters)
    )
