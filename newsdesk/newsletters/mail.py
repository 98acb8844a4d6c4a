"""Newsletters' mail: rendered from templates (HTML with its CSS inlined by css-inline, and a
plain-text part), with the unsubscribe headers of RFC 2369 and RFC 8058.

A letter is rendered once; each reader's copy only has their own links put in
(``personal``), so 100,000 copies cost one render. docs/newsletters.md, "Mail".
"""

from __future__ import annotations

from dataclasses import dataclass
from email.utils import make_msgid
from urllib.parse import quote, urlsplit

import css_inline
from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import loader
from django.urls import reverse
from django.utils import timezone

from newsdesk.images import markup, renditions
from newsdesk.newsletters import lists, tokens
from newsdesk.newsletters.models import Letter, LetterArticle

# Stand-ins for each reader's own links in the once-rendered letter. No text a person writes
# can make them: they are put in after every field is escaped, and contain no markup.
UNSUBSCRIBE_MARK = "NEWSDESK-UNSUBSCRIBE-LINK"
PREFERENCES_MARK = "NEWSDESK-PREFERENCES-LINK"
OPEN_MARK = "NEWSDESK-OPEN-PICTURE"

_inliner = css_inline.CSSInliner(load_remote_stylesheets=False)


def absolute(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.SITE_URL + path


@dataclass(frozen=True)
class Rendered:
    subject: str
    text: str
    html: str
    list_id: str
    list_name: str
    stories: list[dict]


def _story(article) -> dict:
    picture = article.lead_picture
    image = None
    if picture is not None and picture.renditions_key and picture.width:
        # The narrowest JPEG at least as wide as the mail's 600-pixel column (or the widest).
        widths = renditions.widths_for(picture.width)
        width = next((w for w in widths if w >= 600), widths[-1])
        image = {
            "url": absolute(markup.url(picture, f"w{width}")),
            "alt": picture.alt_text,
            "width": min(width, 600),
            "height": round(picture.height * min(width, 600) / picture.width),
            "credit": picture.credit,
        }
    return {
        "headline": article.headline,
        "summary": article.summary,
        "url": absolute(article.get_absolute_url()),
        "section": article.section.name,
        "image": image,
    }


def letter_stories(letter: Letter) -> list:
    """The letter's stories that readers may still see, in order. One query."""
    now = timezone.now()
    rows = (
        LetterArticle.objects.filter(letter=letter)
        .select_related("article", "article__section", "article__lead_image")
        .order_by("position", "pk")
    )
    return [row.article for row in rows if row.article.is_live(now)]


def render_letter(letter: Letter) -> Rendered:
    """The letter's subject, text and HTML (CSS inlined), with stand-ins for each reader's
    links. Two queries (the stories, the sections for the list's name)."""
    stories = [_story(a) for a in letter_stories(letter)]
    context = {
        "letter": letter,
        "list_name": lists.name_of(letter.list_key),
        "stories": stories,
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "archive_url": absolute(letter.get_absolute_url()),
        "unsubscribe_url": UNSUBSCRIBE_MARK,
        "preferences_url": PREFERENCES_MARK,
        "open_url": OPEN_MARK if settings.NEWSDESK_OPEN_TRACKING else "",
    }
    html = loader.render_to_string("newsletters/mail/letter.html", context)
    text = loader.render_to_string("newsletters/mail/letter.txt", context)
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    # A header: a section's name is the newsroom's text, so no line break may reach it.
    name = " ".join(str(context["list_name"]).split())
    list_id = f"{name} <{letter.list_key.replace(':', '.')}.{host}>"
    return Rendered(
        letter.subject, text, _inliner.inline(html), list_id, context["list_name"], stories
    )


def _unsubscribe_mailto(token: str) -> str:
    address = settings.NEWSDESK_UNSUBSCRIBE_MAILTO or _default_mailto()
    return f"mailto:{address}?subject={quote('unsubscribe ' + token)}"


def _default_mailto() -> str:
    sender = settings.DEFAULT_FROM_EMAIL
    domain = sender.rsplit("@", 1)[-1].strip(" >") or "localhost"
    return f"unsubscribe@{domain}"


def personal(rendered: Rendered, *, letter_id: int, subscriber_id: int, address: str, connection):
    """One reader's copy of a rendered letter, with their own links and headers. No query."""
    token = tokens.subscriber_token(subscriber_id)
    unsubscribe = absolute(reverse("newsletters:unsubscribe", kwargs={"token": token}))
    preferences = absolute(reverse("newsletters:preferences", kwargs={"token": token}))
    host = urlsplit(settings.SITE_URL).hostname or "localhost"
    html = rendered.html.replace(UNSUBSCRIBE_MARK, unsubscribe).replace(
        PREFERENCES_MARK, preferences
    )
    if OPEN_MARK in html:
        pixel = tokens.open_token(letter_id, subscriber_id)
        html = html.replace(OPEN_MARK, absolute(reverse("newsletters:opened", args=[pixel])))
    message = EmailMultiAlternatives(
        subject=rendered.subject,
        body=rendered.text.replace(UNSUBSCRIBE_MARK, unsubscribe).replace(
            PREFERENCES_MARK, preferences
        ),
        to=[address],
        connection=connection,
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>, <{_unsubscribe_mailto(token)}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": rendered.list_id,
            # The same copy always has the same id: a receiving system can tell a repeat.
            "Message-ID": f"<letter-{letter_id}.reader-{subscriber_id}@{host}>",
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def confirmation(address: str, chosen: list[str], connection=None) -> EmailMultiAlternatives:
    """The double opt-in mail: the signed link that confirms ``chosen`` for ``address``.
    One query (the list names)."""
    token = tokens.confirm_token(address, chosen)
    names = {item.key: item.name for item in lists.catalogue()}
    context = {
        "confirm_url": absolute(reverse("newsletters:confirm", kwargs={"token": token})),
        "lists": [names.get(key, key) for key in chosen],
        "site_name": settings.SITE_NAME,
        "site_url": settings.SITE_URL,
        "days": tokens.CONFIRM_MAX_AGE // 86400,
    }
    message = EmailMultiAlternatives(
        subject=f"Confirm your {settings.SITE_NAME} newsletters",
        body=loader.render_to_string("newsletters/mail/confirm.txt", context),
        to=[address],
        connection=connection,
        headers={"Message-ID": make_msgid(domain=urlsplit(settings.SITE_URL).hostname)},
    )
    html = loader.render_to_string("newsletters/mail/confirm.html", context)
    message.attach_alternative(_inliner.inline(html), "text/html")
    return message
