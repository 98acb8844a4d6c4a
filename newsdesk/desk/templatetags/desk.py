"""``{% notes_for_me %}``: the newsroom top bar's link to the notes addressed to you."""

from django import template
from django.urls import reverse
from django.utils.html import format_html

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
