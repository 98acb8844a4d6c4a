"""Writes to live coverage: starting and closing it, and each update's life (docs/coverage.md).

Keyword-only and atomic like the newsroom's services; refusals are this app's errors
(coverage/errors.py). The pages that show an update are purged by coverage/signal_handlers.py.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.html import strip_tags

from newsdesk.coverage import rules
from newsdesk.coverage.errors import (
    CoverageState,
    NotAllowed,
    TooManyPinned,
    UpdateRejected,
)
from newsdesk.coverage.models import MAX_BODY, MAX_PINNED, Update
from newsdesk.images.models import Image
from newsdesk.newsroom.models import Article, Contributor
from newsdesk.newsroom.rules import User

MAX_SUMMARY = 2000
MAX_CORRECTION = 1000


def clean_body(html: str) -> str:
    """The text as the editor's own nh3 allow-list leaves it; refused when empty or too long."""
    if len(html or "") > MAX_BODY:
        raise UpdateRejected(f"An update is at most {MAX_BODY:,} characters of text.")
    cleaned = Update._meta.get_field("body").sanitize(html or "")
    if not _has_words(cleaned):
        raise UpdateRejected("An update needs some text.")
    return cleaned


def _has_words(html: str) -> bool:
    return bool(strip_tags(html).replace("\xa0", " ").strip())


def _plain(text: str, *, limit: int, what: str) -> str:
    text = (text or "").strip()
    if "\x00" in text:
        raise UpdateRejected(f"The {what} has a character that is not text.")
    if len(text) > limit:
        raise UpdateRejected(f"The {what} is at most {limit:,} characters.")
    return text


@transaction.atomic
def coverage_start(*, article: Article, user: User) -> Article:
    """Marks the article live coverage from now: its page takes updates, the lists say LIVE."""
    if not rules.can_run(user):
        raise NotAllowed("Only editors can start or close live coverage.")
    article = Article.objects.select_for_update().get(pk=article.pk)
    if article.coverage_running:
        raise CoverageState("This live coverage is running already.")
    article.coverage_started_at = article.coverage_started_at or timezone.now()
    article.coverage_ended_at = None
    article.save(update_fields=["coverage_started_at", "coverage_ended_at", "modified_at"])
    return article


@transaction.atomic
def coverage_close(*, article: Article, user: User, summary: str) -> Article:
    """Ends the coverage with a summary shown above its updates; it can be started again."""
    if not rules.can_run(user):
        raise NotAllowed("Only editors can start or close live coverage.")
    summary = _plain(summary, limit=MAX_SUMMARY, what="summary")
    if not summary:
        raise UpdateRejected("Closing live coverage needs a summary for readers.")
    article = Article.objects.select_for_update().get(pk=article.pk)
    if not article.coverage_running:
        raise CoverageState("This live coverage is not running.")
    article.coverage_ended_at = timezone.now()
    article.coverage_summary = summary
    article.save(update_fields=["coverage_ended_at", "coverage_summary", "modified_at"])
    return article


@transaction.atomic
def update_post(
    *,
    article: Article,
    user: User,
    body: str,
    image: Image | None = None,
    author: Contributor | None = None,
    pinned: bool = False,
) -> Update:
    """Posts an update now: on the page (and its updates' address) as soon as this commits.

    Needs running coverage; pinning needs an editor and a free place among the three.
    """
    if not rules.can_post(user, article):
        raise NotAllowed("You may post updates only to live coverage you work on.")
    article = Article.objects.select_for_update().get(pk=article.pk)
    if not article.coverage_running:
        raise CoverageState("Start the live coverage before posting updates.")
    own = _contributor_of(user)
    if author is not None and author != own and not rules.can_run(user):
        raise NotAllowed("You may post updates under your own name only.")
    update = Update(
        article=article,
        body=clean_body(body),
        image=_usable(image),
        author=author or own,
        created_by=user if user.pk else None,
    )
    if pinned:
        _check_pin(user=user, article=article)
        update.pinned = True
    update.save()
    return update


def _usable(image: Image | None) -> Image | None:
    """The picture if readers may be shown it now (its rights not expired)."""
    if image is not None and not image.is_usable():
        raise UpdateRejected("That picture's rights have expired: choose another.")
    return image


def _contributor_of(user: User) -> Contributor | None:
    return Contributor.objects.filter(user_id=user.pk).first() if user.pk else None


def _check_pin(*, user: User, article: Article, exclude_id: int | None = None) -> None:
    if not rules.can_run(user):
        raise NotAllowed("Only editors can pin key events.")
    pinned = Update.objects.filter(article=article, pinned=True).exclude(pk=exclude_id)
    if pinned.count() >= MAX_PINNED:
        raise TooManyPinned()


@transaction.atomic
def update_edit(*, update: Update, user: User, body: str, image: Image | None = None) -> Update:
    """Changes an update's text or picture; the page marks it "edited" with the time."""
    if not rules.can_change(user, update):
        raise NotAllowed("You may change only your own updates.")
    update.body = clean_body(body)
    update.image = _usable(image) if image != update.image else image
    update.edited_at = timezone.now()
    update.save(update_fields=["body", "image", "edited_at"])
    return update


@transaction.atomic
def update_pin(*, update: Update, user: User, pinned: bool) -> Update:
    """Pins an update among the key events on top (three at most), or unpins it. The
    article's row is locked, so two editors pinning at once cannot make it four."""
    Article.objects.select_for_update().filter(pk=update.article_id).first()
    update.refresh_from_db(fields=["pinned"])
    if pinned and not update.pinned:
        _check_pin(user=user, article=update.article, exclude_id=update.pk)
    elif not rules.can_run(user):
        raise NotAllowed("Only editors can pin key events.")
    update.pinned = pinned
    update.save(update_fields=["pinned"])
    return update


@transaction.atomic
def update_correct(*, update: Update, user: User, text: str) -> Update:
    """Attaches a correction to one update; the page shows it on that update with its time."""
    if not user.has_perm("newsroom.add_correction"):
        raise NotAllowed("Only editors can add corrections.")
    text = _plain(text, limit=MAX_CORRECTION, what="correction")
    if not text:
        raise UpdateRejected("A correction needs text.")
    update.correction = text
    update.corrected_at = timezone.now()
    update.save(update_fields=["correction", "corrected_at"])
    return update


@transaction.atomic
def update_delete(*, update: Update, user: User) -> None:
    """Removes an update from the page and its feed."""
    if not rules.can_change(user, update):
        raise NotAllowed("You may delete only your own updates.")
    update.delete()
