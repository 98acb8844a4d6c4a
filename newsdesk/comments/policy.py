"""The rules a comment is judged by: where moderation applies, what holds one, who may post."""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import re
import urllib.error
import urllib.parse
import urllib.request
from datetime import datetime, timedelta

from django.conf import settings

from newsdesk.newsroom.models import Article

log = logging.getLogger(__name__)

URL_PATTERN = re.compile(r"(https?://|www\.)\S+", re.IGNORECASE)


def moderation_mode(article: Article) -> str:
    """ "pre" (held until approved) or "post" (shown at once): the section's or the site's."""
    return article.section.comment_moderation or settings.NEWSDESK_COMMENT_MODERATION


def comments_open(article: Article, now: datetime) -> bool:
    if not article.comments_open or not article.is_live(now):
        return False
    days = settings.NEWSDESK_COMMENT_CLOSE_AFTER_DAYS
    return not days or article.publish_at >= now - timedelta(days=days)


def address_key(ip: str) -> str:
    """A stable keyed hash of an address: limits and bans outlast a day, the address itself is
    never stored. Called with an address's network (site.http.network_of) for the network key."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"comments\n{ip}".encode(), hashlib.sha256).hexdigest()


def browser_key(secret: str) -> str:
    """A stable keyed hash of the secret in a browser's poster cookie: one poster's key."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, f"poster\n{secret}".encode(), hashlib.sha256).hexdigest()


def hold_reason(text: str) -> str:
    """Why the text itself should wait for a moderator, or "" if it need not."""
    lowered = text.casefold()
    for word in settings.NEWSDESK_COMMENT_BANNED_WORDS:
        if word and re.search(rf"(?<!\w){re.escape(word.casefold())}(?!\w)", lowered):
            return f"Contains a word on the banned list: {word}"
    links = len(URL_PATTERN.findall(text))
    if links > settings.NEWSDESK_COMMENT_MAX_LINKS:
        return f"Has {links} links (more than {settings.NEWSDESK_COMMENT_MAX_LINKS})"
    return ""


def akismet_reason(
    *, text: str, name: str, email: str, ip: str, user_agent: str, permalink: str
) -> str:
    """Asks Akismet, when a key is set. Spam, an error or no answer in 2 s: hold, with why."""
    key = settings.AKISMET_API_KEY
    if not key:
        return ""
    data = urllib.parse.urlencode(
        {
            "api_key": key,
            "blog": settings.SITE_URL,
            "user_ip": ip,
            "user_agent": user_agent,
            "permalink": permalink,
            "comment_type": "comment",
            "comment_author": name,
            "comment_author_email": email,
            "comment_content": text,
        }
    ).encode()
    request = urllib.request.Request(settings.AKISMET_URL, data=data, method="POST")  # noqa: S310
    try:
        with urllib.request.urlopen(request, timeout=settings.AKISMET_TIMEOUT) as response:  # noqa: S310
            answer = response.read(100).decode("ascii", "replace").strip()
    except (OSError, ValueError) as error:
        log.warning("Akismet check failed: %s", error)
        return "The spam check did not answer; held to be safe"
    if answer == "true":
        return "Akismet says this looks like spam"
    if answer != "false":
        return f"The spam check gave an unexpected answer: {json.dumps(answer[:40])}"
    return ""
