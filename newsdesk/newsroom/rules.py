"""Who may do what to an article: the one place the newsroom's roles are decided.

Services, the admin (forms, revisions, recovery, history) and the reader-side preview all ask
these functions, always about the stored row, so no screen can be more generous than another.
Each costs at most one query (``is_own``'s byline check).
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from newsdesk.newsroom.models import Article, Byline

User = AbstractBaseUser | AnonymousUser


def can_publish(user: User) -> bool:
    """Editors: publish, schedule, unpublish, send back."""
    return user.is_active and user.has_perm("newsroom.publish_article")


def can_delete(user: User) -> bool:
    """Editors (with the model's delete permission): delete a piece, bring a deleted one back."""
    return (
        user.is_active
        and user.has_perm("newsroom.delete_article")
        and user.has_perm("newsroom.edit_any_article")
    )


def is_own(user: User, article: Article) -> bool:
    """The user created the piece or is on its byline (a piece not yet saved is its writer's)."""
    if article.pk is None:
        return True
    if article.created_by_id == user.pk:
        return True
    return Byline.objects.filter(article=article, contributor__user_id=user.pk).exists()


def can_edit(user: User, article: Article) -> bool:
    """Editors edit every article; a contributor edits only their own drafts."""
    if not user.is_active or not user.has_perm("newsroom.change_article"):
        return False
    if user.has_perm("newsroom.edit_any_article"):
        return True
    return article.status == Article.Status.DRAFT and is_own(user, article)


def can_preview(user: User, article: Article) -> bool:
    """Staff see an article that is not live at its address exactly when they may edit it."""
    return user.is_authenticated and user.is_staff and can_edit(user, article)
