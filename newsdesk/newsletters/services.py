"""Newsletters' writes: sign-up, confirmation, preferences, letters and their delivery.

Keyword-only and atomic, as every service (docs/architecture.md). Mail leaves through jobs
(``newsletters.tasks``) queued after the commit; the delivery rules that make a letter reach
each reader at most once are in docs/newsletters.md, "Exactly once".
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import smtplib
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.mail import get_connection
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone

from newsdesk.audience import selectors as audience
from newsdesk.newsletters import errors, lists, mail
from newsdesk.newsletters.models import (
    Delivery,
    Letter,
    LetterArticle,
    SignupRequest,
    Subscriber,
    Subscription,
)
from newsdesk.newsroom import rules
from newsdesk.newsroom.models import Article, Section

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 5.0  # how often a sender says it is alive (Letter.heartbeat_at)
BRIEFING_STORIES = 8
BRIEFING_LATEST = timedelta(hours=2)  # past this, the day's briefing is not composed any more


def address_key(address: str) -> str:
    """The one stored form of an address for comparing: case-folded, outer spaces gone."""
    return address.strip().casefold()


def _address_hash(address: str) -> str:
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, address_key(address).encode(), hashlib.sha256).hexdigest()


# --- readers --------------------------------------------------------------------------------


def signup_request(*, address: str, chosen: list[str], network: str) -> None:
    """Mails ``address`` a link that confirms ``chosen`` (keys of ``lists.catalogue``).

    Stores no address; says the same whether the address is known or not. Refuses
    (TooManySignups) past the per-address and per-network limits. Three queries and a job.
    """
    now = timezone.now()
    digest = _address_hash(address)
    with transaction.atomic():
        SignupRequest.objects.filter(created_at__lt=now - timedelta(days=1)).delete()
        recent = SignupRequest.objects.filter(created_at__gte=now - timedelta(hours=1))
        if (
            recent.filter(network=network).count()
            >= settings.NEWSDESK_SUBSCRIBE_PER_NETWORK_PER_HOUR
        ):
            raise errors.TooManySignups(retry_after=3600)
        if (
            SignupRequest.objects.filter(address_hash=digest).count()
            >= settings.NEWSDESK_SUBSCRIBE_MAILS_PER_ADDRESS
        ):
            raise errors.TooManySignups(
                "We have sent this address several confirmation mails today. Please look for "
                "them (and in the spam folder), or try again tomorrow.",
                retry_after=3600,
            )
        SignupRequest.objects.create(address_hash=digest, network=network, created_at=now)
        from newsdesk.newsletters import tasks

        transaction.on_commit(lambda: tasks.send_confirmation(address, sorted(set(chosen))))


@transaction.atomic
def signup_confirm(*, address: str, chosen: list[str]) -> Subscriber:
    """Adds the confirmed lists (those still offered) to the address's subscriber, creating it
    once; clears a suppression (the reader asked again). Idempotent. Four queries at most."""
    known = {item.key for item in lists.catalogue()}
    subscriber, created = Subscriber.objects.get_or_create(
        address_key=address_key(address), defaults={"address": address.strip()}
    )
    if not created and subscriber.suppressed_at is not None:
        Subscriber.objects.filter(pk=subscriber.pk).update(suppressed_at=None, suppressed_reason="")
    have = set(subscriber.subscriptions.values_list("list_key", flat=True))
    Subscription.objects.bulk_create(
        [Subscription(subscriber=subscriber, list_key=k) for k in chosen if k in known - have]
    )
    return subscriber


@transaction.atomic
def preferences_set(*, subscriber: Subscriber, chosen: list[str]) -> None:
    """The subscriber's lists become exactly ``chosen`` (those offered). Three queries."""
    known = {item.key for item in lists.catalogue()}
    wanted = {k for k in chosen if k in known}
    Subscription.objects.filter(subscriber=subscriber).exclude(list_key__in=wanted).delete()
    have = set(subscriber.subscriptions.values_list("list_key", flat=True))
    Subscription.objects.bulk_create(
        [Subscription(subscriber=subscriber, list_key=k) for k in sorted(wanted - have)]
    )


def unsubscribe_all(*, subscriber_id: int) -> bool:
    """Leaves every list (one click, RFC 8058); True if the subscriber exists. One query."""
    deleted, _ = Subscription.objects.filter(subscriber_id=subscriber_id).delete()
    return deleted > 0 or Subscriber.objects.filter(pk=subscriber_id).exists()


def copy_opened(*, letter_id: int, subscriber_id: int) -> bool:
    """The first time a reader's copy is opened (its tracking picture fetched). One query."""
    return bool(
        Delivery.objects.filter(
            letter_id=letter_id, subscriber_id=subscriber_id, opened_at=None
        ).update(opened_at=timezone.now())
    )


def address_suppress(*, address: str, reason: str) -> int:
    """Stops all mail to an address that bounced or complained (anymail's tracking webhooks,
    newsletters.signal_handlers).
    The number of subscribers changed (0 or 1). One query."""
    return Subscriber.objects.filter(address_key=address_key(address)).update(
        suppressed_at=timezone.now(), suppressed_reason=reason[:40]
    )


# --- letters ---------------------------------------------------------------------------------


def briefing_time(day) -> datetime:
    """The moment of ``day``'s briefing: NEWSDESK_BRIEFING_TIME in the newsroom's time zone."""
    hour, minute = (int(part) for part in settings.NEWSDESK_BRIEFING_TIME.split(":"))
    zone = ZoneInfo(settings.TIME_ZONE)
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)


def briefing_compose(*, now: datetime | None = None, force: bool = False) -> Letter | None:
    """Today's morning briefing as a draft, from the Must-Reads and the most read, once it is
    within NEWSDESK_BRIEFING_DRAFT_MINUTES of its time, up to BRIEFING_LATEST after it
    (``force``: at once, going at ``now`` if its time has passed). None outside that window;
    the day's existing one (whatever its state) if composed already."""
    now = now or timezone.now()
    today = timezone.localtime(now, ZoneInfo(settings.TIME_ZONE)).date()
    send_at = briefing_time(today)
    ahead = timedelta(minutes=settings.NEWSDESK_BRIEFING_DRAFT_MINUTES)
    if not force and not (send_at - ahead <= now <= send_at + BRIEFING_LATEST):
        return None  # not yet, or too late for a morning briefing (a worker that was down)
    with transaction.atomic():
        # One a day, whatever became of it (a cancelled one is not composed again).
        day_start = send_at.replace(hour=0, minute=0)
        existing = Letter.objects.filter(
            kind=Letter.Kind.BRIEFING,
            send_at__gte=day_start,
            send_at__lt=day_start + timedelta(days=1, hours=1),
        ).first()
        if existing is not None:
            return existing
        popular = audience.popular_now()
        stories: list[Article] = []
        for article in [*audience.must_reads(popular=popular), *popular]:
            if article.pk not in {a.pk for a in stories}:
                stories.append(article)
        letter = Letter.objects.create(
            kind=Letter.Kind.BRIEFING,
            list_key=lists.BRIEFING,
            subject=f"{settings.SITE_NAME} morning briefing, {send_at:%-d %B %Y}",
            send_at=max(send_at, now) if force else send_at,
            created_at=now,
        )
        LetterArticle.objects.bulk_create(
            [
                LetterArticle(letter=letter, article=a, position=i)
                for i, a in enumerate(stories[:BRIEFING_STORIES])
            ]
        )
    return letter


DIGEST_WEEKDAY = 5  # Saturday (Monday is 0), at NEWSDESK_BRIEFING_TIME + 30 minutes
DIGEST_STORIES = 10


def digests_compose(*, now: datetime | None = None) -> list[Letter]:
    """On Saturdays, each section's weekly digest as a draft, from its stories of the last seven
    days (newest first), for the sections that have both stories and subscribers. The same
    window as the briefing's; one digest a section a week. Three queries and one a section."""
    now = now or timezone.now()
    zone = ZoneInfo(settings.TIME_ZONE)
    today = timezone.localtime(now, zone).date()
    if today.weekday() != DIGEST_WEEKDAY:
        return []
    send_at = briefing_time(today) + timedelta(minutes=30)
    ahead = timedelta(minutes=settings.NEWSDESK_BRIEFING_DRAFT_MINUTES)
    if not (send_at - ahead <= now <= send_at + BRIEFING_LATEST):
        return []
    wanted = set(
        Subscription.objects.filter(
            list_key__startswith=lists.DIGEST_PREFIX, subscriber__suppressed_at=None
        ).values_list("list_key", flat=True)
    )
    done = set(
        Letter.objects.filter(kind=Letter.Kind.DIGEST, send_at=send_at).values_list(
            "list_key", flat=True
        )
    )
    composed = []
    for section in Section.objects.all():
        key = lists.DIGEST_PREFIX + section.slug
        if key not in wanted or key in done:
            continue
        stories = list(
            Article.objects.live(now)
            .filter(section=section, publish_at__gte=now - timedelta(days=7))
            .order_by("-publish_at")
            .values_list("pk", flat=True)[:DIGEST_STORIES]
        )
        if not stories:
            continue
        with transaction.atomic():
            letter = Letter.objects.create(
                kind=Letter.Kind.DIGEST,
                list_key=key,
                subject=_single_line(f"{section.name} this week, {send_at:%-d %B %Y}", limit=150),
                send_at=send_at,
                created_at=now,
            )
            LetterArticle.objects.bulk_create(
                [
                    LetterArticle(letter=letter, article_id=pk, position=i)
                    for i, pk in enumerate(stories)
                ]
            )
        composed.append(letter)
    return composed


def _single_line(value: str, *, limit: int) -> str:
    value = " ".join(value.split())
    if not value:
        raise errors.BadRequest("The subject is empty.")
    if len(value) > limit:
        raise errors.BadRequest(f"The subject can be at most {limit} characters.")
    return value


@transaction.atomic
def letter_edit(
    *, letter: Letter, user, subject: str, intro: str, article_ids: list[int]
) -> Letter:
    """An editor's changes to a letter that has not gone yet: subject, introduction, stories
    in order (published ones only). LetterClosed once sending started. Four queries."""
    if not rules.can_publish(user):
        raise errors.NotAnEditor()
    locked = Letter.objects.select_for_update().get(pk=letter.pk)
    if locked.status != Letter.Status.DRAFT:
        raise errors.LetterClosed()
    if any(c in subject for c in "\r\n"):
        raise errors.BadRequest("The subject must be one line.")
    locked.subject = _single_line(subject, limit=150)
    locked.intro = intro.strip()[:5000]
    locked.edited_at = timezone.now()
    locked.save(update_fields=["subject", "intro", "edited_at"])
    live = set(Article.objects.live().filter(pk__in=article_ids).values_list("pk", flat=True))
    LetterArticle.objects.filter(letter=locked).delete()
    LetterArticle.objects.bulk_create(
        [
            LetterArticle(letter=locked, article_id=pk, position=i)
            for i, pk in enumerate(dict.fromkeys(a for a in article_ids if a in live))
        ]
    )
    return locked


@transaction.atomic
def letter_cancel(*, letter: Letter, user) -> Letter:
    if not rules.can_publish(user):
        raise errors.NotAnEditor()
    locked = Letter.objects.select_for_update().get(pk=letter.pk)
    if locked.status != Letter.Status.DRAFT:
        raise errors.LetterClosed()
    locked.status = Letter.Status.CANCELLED
    locked.save(update_fields=["status"])
    return locked


def letter_send_now(*, letter: Letter, user) -> Letter:
    """An editor sends a draft at once instead of at its time."""
    if not rules.can_publish(user):
        raise errors.NotAnEditor()
    return letter_release(letter=letter)


def letter_release(*, letter: Letter) -> Letter:
    """A draft goes at once (an editor's "Send now", or `send_briefing --now`)."""
    with transaction.atomic():
        updated = Letter.objects.filter(pk=letter.pk, status=Letter.Status.DRAFT).update(
            send_at=timezone.now()
        )
        if not updated:
            raise errors.LetterClosed()
    return _start(letter.pk)


def alert_create(*, article: Article, user) -> Letter:
    """A breaking alert about ``article`` to the alerts list, going at once. At most one an
    article (AlertAlreadySent); the story must be one readers can see. Editors only."""
    if not rules.can_publish(user):
        raise errors.NotAnEditor()
    if not article.is_live():
        raise errors.NotAlertable()
    try:
        with transaction.atomic():
            if Letter.objects.filter(alert_article=article).exists():
                raise errors.AlertAlreadySent()
            letter = Letter.objects.create(
                kind=Letter.Kind.ALERT,
                list_key=lists.ALERTS,
                subject=_single_line(f"Breaking: {article.headline}", limit=150),
                intro=article.summary,
                alert_article=article,
                send_at=timezone.now(),
                created_by=user,
            )
            LetterArticle.objects.create(letter=letter, article=article, position=0)
    except IntegrityError as error:  # a second editor's click in the same instant
        raise errors.AlertAlreadySent() from error
    return _start(letter.pk)


def _start(letter_id: int) -> Letter:
    """Turns a due draft into a send: its deliveries made for every subscriber of its list not
    suppressed, then the delivery job queued. Idempotent (a second start finds it sending)."""
    now = timezone.now()
    with transaction.atomic():
        letter = Letter.objects.select_for_update().get(pk=letter_id)
        if letter.status != Letter.Status.DRAFT or letter.send_at > now:
            return letter
        letter.status = Letter.Status.SENDING
        letter.started_at = letter.heartbeat_at = now
        letter.save(update_fields=["status", "started_at", "heartbeat_at"])
        readers = (
            Subscription.objects.filter(list_key=letter.list_key, subscriber__suppressed_at=None)
            .order_by("subscriber_id")
            .values_list("subscriber_id", flat=True)
        )
        total = 0
        batch: list[Delivery] = []
        for subscriber_id in readers.iterator(chunk_size=5000):
            batch.append(Delivery(letter_id=letter.pk, subscriber_id=subscriber_id))
            if len(batch) == 5000:
                Delivery.objects.bulk_create(batch, ignore_conflicts=True)
                total += len(batch)
                batch = []
        Delivery.objects.bulk_create(batch, ignore_conflicts=True)
        total += len(batch)
        Letter.objects.filter(pk=letter.pk).update(recipients=total)
        letter.recipients = total
        from newsdesk.newsletters import tasks

        transaction.on_commit(lambda: tasks.deliver(letter.pk))
    return letter


def letters_start_due(*, now: datetime | None = None) -> list[Letter]:
    """Starts every draft whose time has come (the scheduler's tick). One query, then one
    start each."""
    now = now or timezone.now()
    due = Letter.objects.filter(status=Letter.Status.DRAFT, send_at__lte=now).values_list(
        "pk", flat=True
    )
    return [_start(pk) for pk in list(due)]


def sends_recover(*, now: datetime | None = None) -> list[int]:
    """Letters whose sender died (silent for NEWSDESK_SEND_STALLED_SECONDS): the deliveries it
    had handed to the mail server without hearing back become "in doubt" (never sent again),
    and the job is queued again for the rest. The letters' ids."""
    now = now or timezone.now()
    # A sender silent this long has died: it beats every HEARTBEAT_SECONDS, and one message
    # waits at most EMAIL_TIMEOUT for the mail server.
    stalled_after = timedelta(seconds=settings.NEWSDESK_SEND_STALLED_SECONDS)
    stalled = list(
        Letter.objects.filter(
            status=Letter.Status.SENDING, heartbeat_at__lt=now - stalled_after
        ).values_list("pk", flat=True)
    )
    from newsdesk.newsletters import tasks

    for pk in stalled:
        with transaction.atomic():
            Delivery.objects.filter(letter_id=pk, state=Delivery.State.SENDING).update(
                state=Delivery.State.IN_DOUBT, error="The sender stopped while sending."
            )
            Letter.objects.filter(pk=pk).update(heartbeat_at=now)
            transaction.on_commit(lambda pk=pk: tasks.deliver(pk))
    return stalled


class _Pace:
    """Keeps sending at NEWSDESK_NEWSLETTER_RATE messages a second at most, and says the sender
    is alive every HEARTBEAT_SECONDS."""

    def __init__(self, rate: int, letter_id: int) -> None:
        self.gap = 1.0 / rate if rate > 0 else 0.0
        self.next = time.monotonic()
        self.letter_id = letter_id
        self.beat = time.monotonic()

    def wait(self) -> None:
        now = time.monotonic()
        if self.next > now:
            time.sleep(self.next - now)
        self.next = max(self.next, now) + self.gap
        if now - self.beat >= HEARTBEAT_SECONDS:
            self.beat = now
            Letter.objects.filter(pk=self.letter_id).update(heartbeat_at=timezone.now())


def letter_deliver(*, letter_id: int) -> str:
    """Sends a letter's waiting deliveries, a batch at a time, each at most once.

    Each delivery is claimed (committed "sending") before its message goes to the mail server
    and marked sent, failed or in doubt after: a sender killed in between leaves it "sending",
    which sends_recover turns to "in doubt", never sent again. Returns the letter's status.
    A mail server that cannot be reached raises (the job retries with backoff).
    """
    letter = Letter.objects.filter(pk=letter_id).first()
    if letter is None or letter.status != Letter.Status.SENDING:
        return letter.status if letter else "gone"
    rendered = mail.render_letter(letter)
    connection = get_connection(fail_silently=False)
    connection.open()  # raises if the server cannot be reached: nothing claimed yet
    pace = _Pace(settings.NEWSDESK_NEWSLETTER_RATE, letter_id)
    try:
        while True:
            batch = list(
                Delivery.objects.filter(letter_id=letter_id, state=Delivery.State.PENDING)
                .order_by("pk")
                .values_list("pk", "subscriber_id")[: settings.NEWSDESK_NEWSLETTER_BATCH]
            )
            if not batch:
                break
            _send_batch(letter, rendered, batch, connection, pace)
    finally:
        connection.close()
    with transaction.atomic():
        Letter.objects.filter(pk=letter_id, status=Letter.Status.SENDING).update(
            status=Letter.Status.SENT, finished_at=timezone.now()
        )
    return Letter.Status.SENT


def _send_batch(letter: Letter, rendered, batch, connection, pace: _Pace) -> None:
    ids = [subscriber_id for _, subscriber_id in batch]
    still = dict(
        Subscriber.objects.filter(
            pk__in=ids,
            suppressed_at=None,
            subscriptions__list_key=letter.list_key,
        ).values_list("pk", "address")
    )
    Delivery.objects.filter(
        pk__in=[pk for pk, sid in batch if sid not in still], state=Delivery.State.PENDING
    ).update(state=Delivery.State.SKIPPED)
    Letter.objects.filter(pk=letter.pk).update(heartbeat_at=timezone.now())
    for pk, subscriber_id in batch:
        if subscriber_id not in still:
            continue
        pace.wait()  # before the claim: a sender killed while it waits leaves nothing in doubt
        # The claim: only one sender can move this row from pending (a recovered job and a
        # slow original never both send it).
        if not Delivery.objects.filter(pk=pk, state=Delivery.State.PENDING).update(
            state=Delivery.State.SENDING, attempts=F("attempts") + 1
        ):
            continue
        message = mail.personal(
            rendered,
            letter_id=letter.pk,
            subscriber_id=subscriber_id,
            address=still[subscriber_id],
            connection=connection,
        )
        try:
            message.send()
        except (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused) as error:
            _finish(pk, Delivery.State.FAILED, str(error))
        except smtplib.SMTPDataError as error:
            _finish(pk, Delivery.State.FAILED, str(error))
        except (smtplib.SMTPException, OSError) as error:
            # The connection broke mid-message: the server may have it. Never twice.
            _finish(pk, Delivery.State.IN_DOUBT, str(error))
            raise
        else:
            _finish(pk, Delivery.State.SENT, "")


def _finish(pk: int, state: str, error: str) -> None:
    """The outcome of one delivery. On PostgreSQL it commits without waiting for the disk
    (synchronous_commit off, this transaction only): a crash may lose it, which leaves the row
    "sending", so "in doubt" and never sent again; the claim before it stays durable. It
    quickens PostgreSQL's sending (docs/newsletters.md, "Exactly once")."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit = off")
        Delivery.objects.filter(pk=pk).update(
            state=state,
            error=error[:300],
            sent_at=timezone.now() if state == Delivery.State.SENT else None,
        )
