from django.conf import settings
from django.http import HttpRequest

from newsdesk.newsroom.selectors import sections_for_nav


def site(request: HttpRequest) -> dict:
    return {
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "site_tagline": settings.SITE_TAGLINE,
        # Lazy: pages that do not show the navigation (the admin) do not query for it.
        "nav_sections": sections_for_nav,
    }
