"""A revision of an article shown as its page, for the staff who may preview it: a draft
revision of a live story before it goes live (docs/desk.md, "Draft revisions of live
stories"). The page itself is pages.revision_preview; the revision is read by newsroom.drafts.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.http import Http404
from reversion.models import Version

from newsdesk.desk.errors import NotYours
from newsdesk.newsroom import drafts, rules, selectors
from newsdesk.newsroom.models import Article


def revision_page(
    *, user: AbstractBaseUser | AnonymousUser, version_id: str
) -> tuple[Article, Version]:
    """The article as revision ``version_id`` has it, read as the article page reads it.
    NoSuchRevision (404) for anyone not staff and any id naming no revision of an article;
    NotYours (403) for staff who may not preview it. The page's read plus five queries."""
    if not (user.is_authenticated and user.is_staff):
        raise drafts.NoSuchRevision()
    version = drafts.revision_of(version_id=version_id)
    stored = Article.objects.filter(pk=version.object_id).first()
    if stored is None:
        raise drafts.NoSuchRevision()
    if not rules.can_preview(user, stored):
        raise NotYours()
    try:
        article, _preview = selectors.article_for_page(slug=stored.slug, user=user)
    except Http404 as error:
        raise drafts.NoSuchRevision() from error
    return drafts.as_of(article, version), version


def made_by(version: Version) -> str:
    """Who kept the revision, as the banner names them."""
    user = version.revision.user
    return (user.get_full_name() or user.get_username()) if user is not None else "someone"
