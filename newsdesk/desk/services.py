"""Autosave and presence: writes on behalf of the person at the form. Each checks the
newsroom's rules against the stored article (newsroom.rules), as every service does."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from newsdesk.desk import previews
from newsdesk.desk.errors import AutosaveRejected, NoSuchArticle, NotYours
from newsdesk.desk.models import Autosave, Note, Presence, PreviewLink
from newsdesk.newsroom import rules
from newsdesk.newsroom.models import Article
from newsdesk.site.errors import BadRequest

# What an autosave may hold: the form's words, never its workflow (state, publish time).
FIELDS = {
    "headline": 200,
    "slug": 120,
    "summary": 400,
    "body": 500_000,
    "lead_image_caption": 300,
}
# Someone is "here" while their form has been heard from this recently (it beats every 10 s).
PRESENT_SECONDS = 30


def article_for(user: AbstractBaseUser, article_id: int | None) -> Article | None:
    """The article ``user`` may work on (None: a new piece they may write), else an error.
    One query."""
    if article_id is None:
        if not user.has_perm("newsroom.add_article"):
            raise NotYours
        return None
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        raise NoSuchArticle
    if not rules.can_edit(user, article):
        raise NotYours
    return article


def _clean(fields: dict) -> dict[str, str]:
    if not isinstance(fields, dict) or not fields or set(fields) - set(FIELDS):
        raise AutosaveRejected
    for name, value in fields.items():
        if not isinstance(value, str) or len(value) > FIELDS[name]:
            raise AutosaveRejected
    return fields


def autosave_store(*, user: AbstractBaseUser, article: Article | None, fields: dict) -> Autosave:
    """Keeps the form's unsaved words for ``user``: one row per person and piece, replaced
    each time. Never touches the article. Two queries (an UPDATE, an INSERT the first time)."""
    fields = _clean(fields)
    now = timezone.now()
    kept = Autosave.objects.filter(user=user, article=article)
    if kept.update(fields=fields, saved_at=now):
        return kept.get()
    try:
        with transaction.atomic():
            return Autosave.objects.create(user=user, article=article, fields=fields, saved_at=now)
    except IntegrityError:  # a second tab's first autosave came in at the same moment
        kept.update(fields=fields, saved_at=now)
        return kept.get()


def autosave_pending(*, user: AbstractBaseUser, article: Article | None) -> Autosave | None:
    """The user's autosave of this piece, if written after the article was last saved (an
    older one was overtaken by a real save). One query."""
    found = Autosave.objects.filter(user=user, article=article).first()
    if found is None or (article is not None and found.saved_at <= article.modified_at):
        return None
    return found


def autosave_to_restore(request, article: Article | None) -> dict[str, str] | None:
    """The unsaved words to offer back (autosave_pending's), as form fields. One query."""
    found = autosave_pending(user=request.user, article=article)
    if found is None:
        return None
    return {name: value for name, value in found.fields.items() if name in FIELDS}


def autosave_discard(*, user: AbstractBaseUser, article: Article | None) -> None:
    Autosave.objects.filter(user=user, article=article).delete()


def autosave_settled(request, article: Article, *, added: bool) -> None:
    """After a real save the autosave is spent: the article's, or the new piece's."""
    autosave_discard(user=request.user, article=None if added else article)


def presence_beat(*, user: AbstractBaseUser, article: Article) -> list[Presence]:
    """Records that ``user`` has the article open; returns the others who have it open now,
    with their users. Three queries."""
    now = timezone.now()
    mine = Presence.objects.filter(user=user, article=article)
    stale = mine.filter(seen_at__lt=now - timedelta(seconds=PRESENT_SECONDS))
    stale.update(since=now)  # back after a while: a new stay, not the old one
    if not mine.update(seen_at=now):
        try:
            with transaction.atomic():
                Presence.objects.create(user=user, article=article, since=now, seen_at=now)
        except IntegrityError:
            mine.update(seen_at=now)
    return present(article=article, now=now, excluding=user)


def present(*, article: Article, now: datetime | None = None, excluding=None) -> list[Presence]:
    """Who has the article open (heard from in the last PRESENT_SECONDS). One query."""
    now = now or timezone.now()
    found = (
        Presence.objects.filter(
            article=article, seen_at__gte=now - timedelta(seconds=PRESENT_SECONDS)
        )
        .select_related("user")
        .order_by("since")
    )
    if excluding is not None:
        found = found.exclude(user=excluding)
    return list(found)


def presence_leave(*, user: AbstractBaseUser, article: Article) -> None:
    Presence.objects.filter(user=user, article=article).delete()


def note_add(*, user: AbstractBaseUser, article: Article, text: str, addressed_to=()) -> Note:
    """A note on ``article`` by ``user``, who may work on it (rules.can_edit). Two queries,
    a third for whom it is addressed to."""
    if not rules.can_edit(user, article):
        raise NotYours
    note = Note.objects.create(article=article, author=user, text=text.strip())
    if addressed_to:
        note.addressed_to.set(addressed_to)
    return note


def notes_for(user: AbstractBaseUser):
    """Unresolved notes addressed to ``user``, newest first (one query when counted)."""
    return Note.objects.filter(addressed_to=user, resolved=False).order_by("-created_at")


def preview_link_create(
    *,
    user: AbstractBaseUser,
    article: Article,
    shared_with: str,
    days: int = previews.DEFAULT_DAYS,
) -> PreviewLink:
    """A preview link to ``article`` for ``shared_with``, open for ``days`` (1 to MAX_DAYS),
    made by an editor who may edit it (previews.can_share). One INSERT, after the rules'
    permission reads (two, once per user object)."""
    if not previews.can_share(user, article):
        raise NotYours
    shared_with = (shared_with or "").strip()
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= previews.MAX_DAYS:
        raise BadRequest(previews.LIFETIME_REFUSED)
    if not shared_with or len(shared_with) > 200:
        raise BadRequest("Say whom the link is for, in at most 200 characters.")
    now = timezone.now()
    return PreviewLink.objects.create(
        article=article,
        shared_with=shared_with,
        created_by=user,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )


def preview_link_revoke(*, user: AbstractBaseUser, link: PreviewLink) -> PreviewLink:
    """Closes ``link`` for good, by an editor who may share its article; revoking it again
    changes nothing (the first revocation is the record). Two queries (an UPDATE, the re-read),
    none for a link revoked already, after the rules' reads."""
    if not previews.can_share(user, link.article):
        raise NotYours
    if link.revoked_at is None:
        now = timezone.now()
        # Only a link still open: a revocation at the same moment from another tab wins once.
        PreviewLink.objects.filter(pk=link.pk, revoked_at__isnull=True).update(
            revoked_at=now, revoked_by=user
        )
        link.refresh_from_db(fields=["revoked_at", "revoked_by"])
    return link


def display_name(user: AbstractBaseUser) -> str:
    """How the desk names a colleague: their full name, else their user name. No query."""
    return user.get_full_name() or user.get_username()
