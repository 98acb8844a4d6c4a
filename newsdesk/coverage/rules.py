"""Who may do what to live coverage, built on the newsroom's roles (newsroom/rules.py).

Editors (who may publish) start and close coverage, pin key events and change any update; the
article's own contributors (creator or byline) post updates and change their own. Each costs
at most one query (newsroom.rules.is_own).
"""

from __future__ import annotations

from newsdesk.coverage.models import Update
from newsdesk.newsroom.models import Article
from newsdesk.newsroom.rules import User, can_publish, is_own


def can_run(user: User) -> bool:
    """Start or close coverage, pin and unpin key events: editors."""
    return can_publish(user)


def can_post(user: User, article: Article) -> bool:
    """Post an update: editors, and the article's own contributors."""
    if not user.is_active or not user.has_perm("newsroom.change_article"):
        return False
    return can_publish(user) or is_own(user, article)


def can_change(user: User, update: Update) -> bool:
    """Edit, correct or delete an update: editors, and whoever posted it."""
    if not user.is_active or not user.has_perm("newsroom.change_article"):
        return False
    return can_publish(user) or (
        update.created_by_id is not None and update.created_by_id == user.pk
    )
