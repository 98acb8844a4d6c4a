"""Writes of reader comments: posting, editing in the first minutes, reports, moderation."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from newsdesk.comments import policy
from newsdesk.comments import text as comment_text
from newsdesk.comments.errors import Banned, CommentsClosed, Duplicate, TooSoon
from newsdesk.comments.models import MAX_LENGTH, BannedReader, Comment, CommentReport
from newsdesk.newsroom.models import Article
from newsdesk.pagecache import keys as page_keys
from newsdesk.pagecache.services import pages_purge
from newsdesk.site.http import network_of


@dataclass(frozen=True)
class Poster:
    """Who posts or reports: their browser (the poster cookie's secret; "" for none, when the
    address stands in) and their address, whose network backs the browser's limits up."""

    ip: str
    user_agent: str = ""
    browser: str = ""

    @property
    def reader(self) -> str:
        return policy.browser_key(self.browser) if self.browser else policy.address_key(self.ip)

    @property
    def network(self) -> str:
        return policy.address_key(network_of(self.ip))


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _check_limits(*, reader: str, network: str, article: Article, now: datetime) -> None:
    """The poster's limits, then their network's (each limit times the posters an address
    may stand for): a new browser key, or none, does not lift the second. Six queries."""
    mine = Comment.objects.filter(reader=reader)
    gap = settings.NEWSDESK_COMMENT_MIN_INTERVAL_SECONDS
    last = mine.order_by("-created_at").values_list("created_at", flat=True).first()
    if last is not None and now - last < timedelta(seconds=gap):
        wait = gap - int((now - last).total_seconds())
        raise TooSoon(f"Please wait {wait} seconds before your next comment.", retry_after=wait)
    day = mine.filter(created_at__gt=now - timedelta(days=1))
    if day.count() >= settings.NEWSDESK_COMMENT_DAILY_LIMIT:
        oldest = day.order_by("created_at").values_list("created_at", flat=True).first()
        wait = int((oldest + timedelta(days=1) - now).total_seconds())
        raise TooSoon(
            f"You have posted {settings.NEWSDESK_COMMENT_DAILY_LIMIT} comments in a day; "
            f"you can post again in {wait // 3600} h {wait % 3600 // 60} min.",
            retry_after=wait,
        )
    if mine.filter(article=article).count() >= settings.NEWSDESK_COMMENT_PER_ARTICLE_LIMIT:
        raise TooSoon(
            f"You can post at most {settings.NEWSDESK_COMMENT_PER_ARTICLE_LIMIT} comments "
            "on one article.",
            retry_after=24 * 3600,
        )
    _check_network_limits(network=network, article=article, now=now)


def _check_network_limits(*, network: str, article: Article, now: datetime) -> None:
    share = settings.NEWSDESK_COMMENT_POSTERS_PER_ADDRESS
    ours = Comment.objects.filter(network=network)
    gap = settings.NEWSDESK_COMMENT_MIN_INTERVAL_SECONDS
    limits = [
        (ours.filter(created_at__gt=now - timedelta(seconds=gap)), share, gap),
        (
            ours.filter(created_at__gt=now - timedelta(days=1)),
            settings.NEWSDESK_COMMENT_DAILY_LIMIT * share,
            3600,
        ),
        (ours.filter(article=article), settings.NEWSDESK_COMMENT_PER_ARTICLE_LIMIT * share, 3600),
    ]
    for comments, limit, wait in limits:
        if comments.count() >= limit:
            raise TooSoon(
                "Many comments have come from your address just now; please try again in "
                f"{wait // 60} minute{'s' if wait >= 120 else ''}.",
                retry_after=wait,
            )


def _banned_network(network: str, now: datetime) -> bool:
    days = settings.NEWSDESK_COMMENT_BAN_HOLD_DAYS
    recent = BannedReader.objects.filter(network=network, created_at__gt=now - timedelta(days=days))
    return bool(network) and recent.exists()


def _judge(comment: Comment, article: Article, poster: Poster) -> None:
    """Sets status and held_reason by the site's rules, most specific reason first."""
    reason = policy.hold_reason(comment.text)
    if not reason and _banned_network(poster.network, timezone.now()):
        reason = "Posted from the address of a banned reader (another reader may share it)"
    reason = reason or policy.akismet_reason(
        text=comment.text,
        name=comment.name,
        email=comment.email,
        ip=poster.ip,
        user_agent=poster.user_agent,
        permalink=settings.SITE_URL + article.get_absolute_url(),
    )
    if not reason and policy.moderation_mode(article) == "pre":
        reason = "Pre-moderation: every comment here waits for approval"
    if reason:
        comment.status, comment.held_reason, comment.needs_review = (
            Comment.Status.PENDING,
            reason,
            True,
        )
    else:
        comment.status, comment.held_reason, comment.needs_review = (
            Comment.Status.APPROVED,
            "",
            True,
        )


def comment_post(
    *,
    article: Article,
    poster: Poster,
    name: str,
    text: str,
    email: str = "",
    parent: Comment | None = None,
    now: datetime | None = None,
) -> tuple[Comment, str]:
    """Stores a reader's comment; returns it with the secret that lets its author edit it.

    Guarantees: at most 300 code points after NFC, stored as text (escaped when shown);
    limits, bans and closing rules checked before anything is written; the row is committed
    before this returns. The comment is approved or held as the rules say. Refusals are
    comments.errors (closed, banned, too soon, duplicate); a text that cannot be a comment
    is a ValidationError.
    """
    now = now or timezone.now()
    if not policy.comments_open(article, now):
        raise CommentsClosed
    body = _comment_body(text)
    _check_parent(parent, article)
    reader = poster.reader
    email = (email or "").strip()
    _check_not_banned(reader=reader, email=email)
    token = secrets.token_urlsafe(24)
    comment = Comment(
        article=article,
        parent=parent,
        name=comment_text.normalize(name)[:60],
        email=email,
        text=body,
        reader=reader,
        network=poster.network,
        created_at=now,
        edit_token_hash=_token_hash(token),
    )
    comment.full_clean(exclude=["reader", "network", "edit_token_hash"])
    _judge(comment, article, poster)
    with transaction.atomic():
        # Serialized per reader on SQLite by the IMMEDIATE transaction, and checked again
        # inside it, so two quick posts cannot both pass the limits.
        _check_limits(reader=reader, network=poster.network, article=article, now=now)
        duplicate = Comment.objects.filter(
            reader=reader, article=article, text=body, created_at__gt=now - timedelta(hours=1)
        )
        if duplicate.exists():
            raise Duplicate
        comment.save()
    return comment, token


def _comment_body(text: str) -> str:
    """The text as stored (NFC), or a ValidationError saying why it cannot be a comment."""
    body = comment_text.normalize(text)
    if not body:
        raise ValidationError("The comment is empty.")
    if len(body) > MAX_LENGTH:
        raise ValidationError(
            f"A comment can be at most {MAX_LENGTH} characters; this one has {len(body)}."
        )
    return body


def _check_parent(parent: Comment | None, article: Article) -> None:
    """Replies go one level deep, to a published comment on the same article."""
    if parent is not None and (
        parent.article_id != article.pk
        or parent.parent_id is not None
        or parent.status != Comment.Status.APPROVED
    ):
        raise ValidationError("You can reply only to a published comment on the same article.")


def _check_not_banned(*, reader: str, email: str) -> None:
    """Banned by address key, or by e-mail (compared case-insensitively); one query."""
    banned = BannedReader.objects.filter(reader=reader)
    if email:
        banned = banned | BannedReader.objects.filter(email__iexact=email)
    if banned.exists():
        raise Banned


def _own(comment: Comment, token: str, now: datetime) -> None:
    window = timedelta(minutes=settings.NEWSDESK_COMMENT_EDIT_MINUTES)
    if (
        not token
        or not comment.edit_token_hash
        or not secrets.compare_digest(_token_hash(token), comment.edit_token_hash)
    ):
        raise PermissionDenied("Only the author can change this comment, from the same browser.")
    if now - comment.created_at > window:
        raise PermissionDenied(
            f"A comment can be changed only in the first {settings.NEWSDESK_COMMENT_EDIT_MINUTES}"
            " minutes."
        )


def check_owner(*, comment: Comment, token: str, now: datetime | None = None) -> None:
    """Raises PermissionDenied unless the token is the author's and the window is open."""
    _own(comment, token, now or timezone.now())


@transaction.atomic
def comment_edit(
    *, comment: Comment, token: str, text: str, poster: Poster, now: datetime | None = None
) -> Comment:
    """The author's edit in the first minutes; the new text is judged again like a new one."""
    now = now or timezone.now()
    _own(comment, token, now)
    body = comment_text.normalize(text)
    if not body or len(body) > MAX_LENGTH:
        raise ValidationError(f"A comment must have 1 to {MAX_LENGTH} characters.")
    comment.text = body
    comment.edited_at = now
    _judge(comment, comment.article, poster)
    comment.save(update_fields=["text", "edited_at", "status", "held_reason", "needs_review"])
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment, token: str, now: datetime | None = None) -> None:
    _own(comment, token, now or timezone.now())
    comment.delete()


def comment_report(*, comment: Comment, reporter: Poster) -> Comment:
    """Counts a reader's report once. Reports since the comment was last moderated, from
    that many different networks, hide it for review: one office is one voice, and a
    moderator's approval is not undone by a single new report."""
    try:
        with transaction.atomic():
            CommentReport.objects.create(
                comment=comment, reader=reporter.reader, network=reporter.network
            )
    except IntegrityError:
        return comment  # this reader reported it already
    with transaction.atomic():
        comment.refresh_from_db()
        since = CommentReport.objects.filter(comment=comment)
        if comment.moderated_at is not None:
            since = since.filter(created_at__gt=comment.moderated_at)
        comment.reports = since.count()
        networks = since.values("network").distinct().count()
        fields = ["reports"]
        if (
            networks >= settings.NEWSDESK_COMMENT_REPORT_THRESHOLD
            and comment.status == Comment.Status.APPROVED
        ):
            comment.status = Comment.Status.PENDING
            comment.held_reason = f"Reported by {networks} readers"
            fields += ["status", "held_reason"]
        comment.save(update_fields=fields)
    return comment


def _moderate(comment: Comment, moderator: AbstractBaseUser, status: str) -> Comment:
    if not moderator.has_perm("comments.change_comment"):
        raise PermissionDenied("Only moderators can moderate comments.")
    comment.status = status
    comment.needs_review = False
    comment.reports = 0  # reports before this decision were weighed in it
    comment.moderated_at = timezone.now()
    comment.moderated_by = moderator
    comment.save(
        update_fields=["status", "needs_review", "reports", "moderated_at", "moderated_by"]
    )
    return comment


def comment_approve(*, comment: Comment, moderator: AbstractBaseUser) -> Comment:
    return _moderate(comment, moderator, Comment.Status.APPROVED)


def comment_reject(*, comment: Comment, moderator: AbstractBaseUser) -> Comment:
    return _moderate(comment, moderator, Comment.Status.REJECTED)


def comment_mark_spam(*, comment: Comment, moderator: AbstractBaseUser) -> Comment:
    return _moderate(comment, moderator, Comment.Status.SPAM)


@transaction.atomic
def reader_ban(*, comment: Comment, moderator: AbstractBaseUser, reason: str = "") -> BannedReader:
    """Bans the comment's author (by reader key and e-mail) and takes down their comments; for
    NEWSDESK_COMMENT_BAN_HOLD_DAYS, comments from their network wait for a moderator."""
    if not moderator.has_perm("comments.add_bannedreader"):
        raise PermissionDenied("Only moderators can ban readers.")
    ban = BannedReader.objects.create(
        reader=comment.reader,
        network=comment.network,
        email=comment.email,
        reason=reason or f"Comment {comment.pk}",
        created_by=moderator,
    )
    # A comment stored without a reader key (imported, or from before keys) speaks for itself
    # only: an empty key must not match every other keyless comment.
    writer = {"reader": comment.reader} if comment.reader else {"pk": comment.pk}
    taken_down = Comment.objects.filter(**writer).exclude(status=Comment.Status.SPAM)
    # A bulk update sends no signal: the cached pages that showed these comments are named here.
    shown_on = set(
        taken_down.filter(status=Comment.Status.APPROVED).values_list("article_id", flat=True)
    )
    taken_down.update(status=Comment.Status.REJECTED)
    pages_purge(keys=[page_keys.comments(pk) for pk in shown_on])
    return ban


@transaction.atomic
def comment_import(
    *,
    article: Article,
    parent: Comment | None,
    name: str,
    email: str,
    text: str,
    status: str,
    created_at: datetime,
    held_reason: str = "",
) -> Comment:
    """Stores a comment brought across from another site as it was: its status and time,
    its text whole (marked ``imported``, the one exemption from MAX_LENGTH), no limits, bans
    or spam checks (they were that site's). A reply goes under a top-level comment. One
    INSERT."""
    if parent is not None and parent.parent_id is not None:
        raise ValidationError("A reply goes under a top-level comment.")
    comment = Comment(
        article=article,
        parent=parent,
        name=name,
        email=email,
        text=comment_text.normalize(text),
        status=status,
        held_reason=held_reason,
        created_at=created_at,
        imported=True,
    )
    comment.full_clean(exclude=["reader", "network", "edit_token_hash"])
    comment.save()
    return comment
