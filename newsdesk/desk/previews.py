"""Preview links: an article shown before it is live to someone without an account (a
fact-checker, a source), through a signed address an editor made and may revoke.

Who may make one, how long one lasts, and opening one. The writes are in desk.services
(``preview_link_create``, ``preview_link_revoke``); the page is pages.views.shared_preview.
Design: docs/desk.md, "Preview links".
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core import signing
from django.db.models import F
from django.http import Http404
from django.utils import timezone

from newsdesk.desk.models import PREVIEW_LINK_SALT, PreviewLink
from newsdesk.newsroom import rules, selectors
from newsdesk.newsroom.models import Article
from newsdesk.site.errors import NotFound

DEFAULT_DAYS = 3
MAX_DAYS = 30
# What the form offers; the service takes any whole number of days from 1 to MAX_DAYS.
LIFETIMES = [(1, "1 day"), (3, "3 days"), (7, "7 days"), (14, "14 days"), (30, "30 days")]
# A token we made is about 70 characters; anything much longer is not worth unsigning.
TOKEN_MAX_LENGTH = 200


# The refusals are the vocabulary's generic ones with their own words (docs/desk.md).
LIFETIME_REFUSED = f"A preview link lasts from 1 to {MAX_DAYS} days."
NO_SUCH_PREVIEW = "This preview link does not work: it may have expired or been withdrawn."


def _refused() -> NotFound:
    return NotFound(NO_SUCH_PREVIEW)


def can_share(user: AbstractBaseUser | AnonymousUser, article: Article) -> bool:
    """Editors who may edit the article make and revoke its links; contributors do not (a
    link lets a draft out of the newsroom, which is a publishing decision)."""
    return rules.can_publish(user) and rules.can_edit(user, article)


def link_open(token: str) -> PreviewLink:
    """The open link ``token`` names, with its maker and ``article_slug``; else a NotFound
    (malformed, forged, unknown, revoked or expired alike). One query, none for a forgery."""
    if not isinstance(token, str) or len(token) > TOKEN_MAX_LENGTH:
        raise _refused()
    try:
        value = signing.Signer(salt=PREVIEW_LINK_SALT, sep=".").unsign(token)
    except signing.BadSignature as error:
        raise _refused() from error
    pk, _, key = value.partition(".")
    if not (pk.isascii() and pk.isdigit() and len(pk) < 19 and key):
        raise _refused()
    link = (
        PreviewLink.objects.select_related("created_by")
        .annotate(article_slug=F("article__slug"))
        .filter(pk=int(pk), key=key)
        .first()
    )
    if link is None or not link.is_open(timezone.now()):
        raise _refused()
    return link


def shared_article(token: str) -> tuple[Article, PreviewLink]:
    """The article a link shows, read as the article page reads it, with the link.

    The page is shown with its maker's right to preview it (rules.can_preview): a link dies
    with that right (an account closed, an editor no longer one). Seven queries.
    """
    link = link_open(token)
    if link.created_by is None:
        raise _refused()
    try:
        article, _preview = selectors.article_for_page(slug=link.article_slug, user=link.created_by)
    except Http404 as error:
        raise _refused() from error
    return article, link


def shared_by(link: PreviewLink) -> str:
    """The maker's name as the banner gives it."""
    user = link.created_by
    return (user.get_full_name() or user.get_username()) if user is not None else "an editor"
