"""The story budget (docs/desk.md): one page for the day and the days ahead, read for one
person. Selectors only; the budget's actions go through the newsroom's services."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone

from newsdesk.desk.models import Presence
from newsdesk.desk.services import PRESENT_SECONDS
from newsdesk.newsroom import rules
from newsdesk.newsroom.models import Article, Byline, Correction, Section
from newsdesk.newsroom.writing import reading_minutes, word_count

DAYS_AHEAD = 7  # the calendar: the day shown and the six after it

# The budget's groups, in the order of a story's life.
GROUPS = [
    ("draft", "Drafts"),
    ("in_review", "In review"),
    ("scheduled", "Scheduled"),
    ("published", "Published on the day"),
    ("corrected", "Corrected on the day"),
]


@dataclass
class Item:
    article: Article
    group: str
    words: int
    people: list[str]
    holders: list[Presence]  # who has it open now

    @property
    def reading_minutes(self) -> int:
        return reading_minutes(self.words)


@dataclass
class Budget:
    day: date
    now: datetime
    groups: list[tuple[str, str, list[Item]]]
    calendar: list[tuple[date, list[Item]]]
    sections: list[Section]
    people: list[AbstractBaseUser]
    counts_by_section: list[tuple[str, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(len(items) for _, _, items in self.groups)


def _bounds(day: date) -> tuple[datetime, datetime]:
    start = timezone.make_aware(datetime.combine(day, time.min))
    return start, start + timedelta(days=1)


def budget_for(
    *,
    user: AbstractBaseUser,
    day: date | None = None,
    mine: bool = False,
    section: str = "",
    person: int | None = None,
) -> Budget:
    """The budget ``user`` may see: editors every story, a contributor their own (as
    rules.can_edit and is_own decide). Drafts and pieces in review whatever their date;
    scheduled stories from now to the end of the calendar; stories published and stories
    corrected on ``day`` (the newsroom's time zone). ``mine``: pieces the user created or
    is on the byline of; ``section`` a section's slug; ``person`` a user's id, the same.
    Five queries: articles with their corrected flag, bylines, who has them open, sections,
    people; none per story."""
    now = timezone.now()
    day = day or timezone.localdate(now)
    start, end = _bounds(day)
    calendar_end = start + timedelta(days=DAYS_AHEAD)
    corrected = Correction.objects.filter(
        article=OuterRef("pk"), created_at__gte=start, created_at__lt=end
    )
    published = Q(status=Article.Status.PUBLISHED)
    ahead = Q(publish_at__gt=now, publish_at__gte=start, publish_at__lt=calendar_end)
    on_day = Q(publish_at__gte=start, publish_at__lt=end, publish_at__lte=now)
    found = (
        Article.objects.annotate(corrected_on_day=Exists(corrected))
        .filter(
            Q(status__in=[Article.Status.DRAFT, Article.Status.IN_REVIEW])
            | (published & ahead)
            | (published & on_day)
            | Q(corrected_on_day=True)
        )
        .select_related("section")
        .prefetch_related(
            Prefetch(
                "bylines",
                queryset=Byline.objects.select_related("contributor").order_by("position"),
            )
        )
        .order_by("publish_at", "-modified_at", "id")
    )
    if not user.has_perm("newsroom.edit_any_article"):
        mine = True  # a contributor's budget is their own pieces (docs/desk.md)
    if mine:
        found = found.filter(_own_q(user.pk)).distinct()
    if person:
        found = found.filter(_own_q(person)).distinct()
    if section:
        found = found.filter(section__slug=section)
    articles = list(found)

    holders: dict[int, list[Presence]] = {}
    if articles:
        present = (
            Presence.objects.filter(
                article_id__in=[a.pk for a in articles],
                seen_at__gte=now - timedelta(seconds=PRESENT_SECONDS),
            )
            .select_related("user")
            .order_by("since")
        )
        for presence in present:
            holders.setdefault(presence.article_id, []).append(presence)

    grouped: dict[str, list[Item]] = {key: [] for key, _ in GROUPS}
    calendar: dict[date, list[Item]] = {day + timedelta(days=n): [] for n in range(DAYS_AHEAD)}
    by_section: dict[str, int] = {}
    for article in articles:
        group = _group(article, now, start, end)
        item = Item(
            article=article,
            group=group or "corrected",
            words=word_count(article.body),
            people=[b.contributor.display_name for b in article.bylines.all()],
            holders=holders.get(article.pk, []),
        )
        if group:
            grouped[group].append(item)
        if article.corrected_on_day:  # published before and corrected on the day, or both
            grouped["corrected"].append(item)
        if group == "scheduled" and timezone.localdate(article.publish_at) in calendar:
            calendar[timezone.localdate(article.publish_at)].append(item)
        by_section[article.section.name] = by_section.get(article.section.name, 0) + 1

    staff = get_user_model().objects.filter(is_staff=True, is_active=True).order_by("username")
    return Budget(
        day=day,
        now=now,
        groups=[(key, label, grouped[key]) for key, label in GROUPS],
        calendar=list(calendar.items()),
        sections=list(Section.objects.order_by("position", "name")),
        people=list(staff) if rules.can_publish(user) else [],
        counts_by_section=sorted(by_section.items()),
    )


def _own_q(user_id: int) -> Q:
    return Q(created_by_id=user_id) | Q(bylines__contributor__user_id=user_id)


def _group(article: Article, now: datetime, start: datetime, end: datetime) -> str | None:
    """The state group of a story, None when only its correction brings it in."""
    if article.status in (Article.Status.DRAFT, Article.Status.IN_REVIEW):
        return article.status
    if article.status == Article.Status.PUBLISHED and article.publish_at > now:
        return "scheduled"
    if article.status == Article.Status.PUBLISHED and start <= article.publish_at < end:
        return "published"
    return None
