"""Taking over a piece from someone who left (docs/desk.md): their unsaved words, autosaved
after the article's last save, handed to an editor who carries on, with a note to them."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from newsdesk.desk import services
from newsdesk.desk.errors import NothingToTakeOver, NotYours, StillHere
from newsdesk.desk.models import Autosave, Presence
from newsdesk.newsroom.models import Article


def may_take_over(user: AbstractBaseUser) -> bool:
    """Editors (who may edit every piece) take over; a contributor never gets another's words."""
    return user.is_active and user.has_perm("newsroom.edit_any_article")


def left_words(*, user: AbstractBaseUser, article: Article | None) -> list[Autosave]:
    """Others' unsaved words in ``article``, kept after its last save, whose writers are not
    here now (no presence beat for services.PRESENT_SECONDS), oldest first, with their users.
    Empty for a new piece and for anyone who may not take over. One query."""
    if article is None or not may_take_over(user):
        return []
    here = Presence.objects.filter(
        article=article,
        seen_at__gte=timezone.now() - timedelta(seconds=services.PRESENT_SECONDS),
    ).values("user_id")
    return list(
        Autosave.objects.filter(article=article, saved_at__gt=article.modified_at)
        .exclude(user=user)
        .exclude(user_id__in=here)
        .select_related("user")
        .order_by("saved_at")
    )


@transaction.atomic
def take_over(*, user: AbstractBaseUser, article: Article, from_user_id: int) -> Autosave:
    """``from_user_id``'s unsaved words become ``user``'s autosave of the article (replacing
    their own), the other's copy is removed, and a note addressed to them says who took over
    and when. Refused: not an editor (NotYours), no such words (NothingToTakeOver), the writer
    is here now (StillHere). Five to seven queries."""
    if not may_take_over(user):
        raise NotYours("Only an editor may take over a colleague's unsaved words.")
    theirs = (
        Autosave.objects.select_for_update()
        .select_related("user")
        .filter(article=article, user_id=from_user_id, saved_at__gt=article.modified_at)
        .exclude(user=user)
        .first()
    )
    if theirs is None:
        raise NothingToTakeOver
    name = services.display_name(theirs.user)
    if any(p.user_id == theirs.user_id for p in services.present(article=article)):
        raise StillHere(f"{name} has the article open now: ask them first.")
    mine = services.autosave_store(user=user, article=article, fields=theirs.fields)
    theirs.delete()
    written = timezone.localtime(theirs.saved_at)
    services.note_add(
        user=user,
        article=article,
        text=f"Took over {name}'s unsaved words (autosaved {written:%-d %b %H:%M})"
        " to carry on with the piece.",
        addressed_to=[theirs.user],
    )
    return mine
