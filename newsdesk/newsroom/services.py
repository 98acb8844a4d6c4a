"""Writes to the newsroom: every change of an article's state goes through one of these."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from newsdesk.newsroom.models import (
    Article,
    Byline,
    Contributor,
    Correction,
    PublicIdCounter,
    live_q,
)
from newsdesk.newsroom.rules import can_edit, can_publish, is_own

User = AbstractBaseUser | AnonymousUser

# Who keeps a live article's old address answering when a save moves it (a new slug or publish
# date): the imports app registers its redirects here from ImportsConfig.ready()
# (docs/architecture.md: the higher layer registers itself with the lower). Each is called as
# hook(old_path, new_path) inside the save's transaction.
address_moved: list[Callable[[str, str], None]] = []


def sanitize_body(html: str) -> str:
    """The body as the rich-text editor's own nh3 allow-list leaves it."""
    return Article._meta.get_field("body").sanitize(html or "")


@transaction.atomic
def contributor_public_id_next(*, year: int) -> str:
    """The next CP-YYYY-NNNN of a year. The counter only rises: no ID is handed out twice."""
    counter, _ = PublicIdCounter.objects.select_for_update().get_or_create(year=year)
    PublicIdCounter.objects.filter(pk=counter.pk).update(last_number=F("last_number") + 1)
    counter.refresh_from_db()
    return f"CP-{year}-{counter.last_number:04d}"


@transaction.atomic
def contributor_create(
    *,
    display_name: str,
    slug: str,
    contact_email: str = "",
    bio: str = "",
    user: AbstractBaseUser | None = None,
    year: int | None = None,
) -> Contributor:
    """Creates a contributor with a fresh public ID of the given (default: current) year."""
    contributor = Contributor(
        display_name=display_name, slug=slug, contact_email=contact_email, bio=bio, user=user
    )
    contributor.public_id = contributor_public_id_next(year=year or timezone.localdate().year)
    contributor.full_clean()
    contributor.save()
    return contributor


@transaction.atomic
def article_save(
    *,
    article: Article,
    user: User,
    contributors: Sequence[Contributor] | None = None,
    substantive_update: bool = False,
) -> Article:
    """Saves an article's content as the user may: sanitized body, own drafts only for contributors.

    ``substantive_update`` on a live article records the time of the update, which the
    page, feeds and sitemaps show as the article's modified time. A live article whose new
    slug or publish date moves its address tells ``address_moved`` (old, new). One query
    more than the save itself for a stored article (its live address before).
    """
    if not can_edit(user, article):
        raise PermissionDenied("You may edit only your own drafts.")
    article.body = sanitize_body(article.body)
    if article.pk is None and user.is_authenticated:
        article.created_by = user
    if substantive_update and article.is_live():
        article.substantively_updated_at = timezone.now()
    article.full_clean()
    moved_from = _live_address(article.pk)
    article.version = (article.version or 0) + 1
    article.save()
    if moved_from and article.is_live() and article.get_absolute_url() != moved_from:
        for hook in address_moved:
            hook(moved_from, article.get_absolute_url())
    if contributors is not None:
        Byline.objects.filter(article=article).delete()
        Byline.objects.bulk_create(
            Byline(article=article, contributor=c, position=i) for i, c in enumerate(contributors)
        )
    return article


def _live_address(pk: int | None) -> str | None:
    """The stored article's public address when it is live now, else None. One query (none
    for a new article)."""
    if pk is None:
        return None
    stored = Article.objects.filter(live_q(), pk=pk).only("slug", "publish_at", "created_at")
    found = stored.first()
    return found.get_absolute_url() if found else None


@transaction.atomic
def article_submit(*, article: Article, user: User) -> Article:
    """Moves a draft into review. Its author or an editor may do so."""
    if article.status != Article.Status.DRAFT:
        raise ValidationError("Only a draft can be submitted for review.")
    if not (is_own(user, article) or user.has_perm("newsroom.edit_any_article")):
        raise PermissionDenied("You may submit only your own drafts.")
    article.status = Article.Status.IN_REVIEW
    article.version += 1
    article.save(update_fields=["status", "version", "modified_at"])
    return article


@transaction.atomic
def article_return_to_draft(*, article: Article, user: User) -> Article:
    """An editor sends an article in review back to its author."""
    if not can_publish(user):
        raise PermissionDenied("Only editors can send an article back.")
    if article.status != Article.Status.IN_REVIEW:
        raise ValidationError("Only an article in review can be sent back to draft.")
    article.status = Article.Status.DRAFT
    article.version += 1
    article.save(update_fields=["status", "version", "modified_at"])
    return article


@transaction.atomic
def article_publish(*, article: Article, user: User, publish_at: datetime | None = None) -> Article:
    """Publishes now, or schedules for ``publish_at`` (or the article's own time if ahead).

    A scheduled article needs no job: it is public as soon as its time has come.
    """
    if not can_publish(user):
        raise PermissionDenied("Only editors can publish or schedule.")
    if not article.bylines.exists():
        raise ValidationError("An article needs at least one contributor on its byline.")
    now = timezone.now()
    when = publish_at
    if when is None:
        # A time set ahead schedules; an unpublished article comes back under its first date
        # (and so its first address); anything else is published now.
        keep = article.publish_at is not None and (
            article.publish_at > now or article.status == Article.Status.UNPUBLISHED
        )
        when = article.publish_at if keep else now
    article.publish_at = when
    article.status = Article.Status.PUBLISHED
    article.full_clean()
    article.version += 1
    article.save(update_fields=["status", "publish_at", "version", "modified_at"])
    return article


@transaction.atomic
def article_unpublish(*, article: Article, user: User) -> Article:
    """Takes an article off the site; its address answers 404 until it is published again."""
    if not can_publish(user):
        raise PermissionDenied("Only editors can unpublish.")
    if article.status != Article.Status.PUBLISHED:
        raise ValidationError("Only a published or scheduled article can be unpublished.")
    article.status = Article.Status.UNPUBLISHED
    article.version += 1
    article.save(update_fields=["status", "version", "modified_at"])
    return article


@transaction.atomic
def correction_add(*, article: Article, user: User, text: str) -> Correction:
    """Appends a correction; the page shows it with its time, and the article counts as updated."""
    if not user.has_perm("newsroom.add_correction"):
        raise PermissionDenied("Only editors can add corrections.")
    text = (text or "").strip()
    if not text:
        raise ValidationError("A correction needs text.")
    correction = Correction(article=article, text=text, created_by=user if user.pk else None)
    correction.full_clean()
    correction.save()
    Article.objects.filter(pk=article.pk).update(substantively_updated_at=correction.created_at)
    return correction
