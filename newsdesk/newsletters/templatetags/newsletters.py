from django import template
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from newsdesk.newsletters import lists
from newsdesk.newsletters.forms import SignupForm, started_token

register = template.Library()


@register.simple_tag
def signup_box(section=None) -> SafeString:
    """The sign-up box of the home and article pages: the briefing, alerts and (on an
    article) its section's digest. No query; the same for every reader (cached pages)."""
    choices = [
        lists.NewsList(lists.BRIEFING, "Morning briefing", "Every morning."),
        lists.NewsList(lists.ALERTS, "Breaking alerts", "Only when something big happens."),
    ]
    if section is not None:
        choices.append(
            lists.NewsList(lists.DIGEST_PREFIX + section.slug, f"{section.name} weekly", "")
        )
    context = {
        "form": SignupForm(),
        "choices": choices,
        "checked": [lists.BRIEFING],
        "started": started_token(),
    }
    return render_to_string("newsletters/_box.html", context)
