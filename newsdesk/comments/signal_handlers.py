"""Purges the comment area of an article's cached page when a shown comment changes.

Signals are for cache invalidation only (docs/architecture.md). Connected from
CommentsConfig.ready().
"""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save

from newsdesk.comments.models import Comment
from newsdesk.pagecache import keys
from newsdesk.pagecache.services import pages_purge


def comment_changed(sender, instance: Comment, created: bool = False, **kwargs) -> None:
    if created and instance.status != Comment.Status.APPROVED:
        return  # a held comment shows nowhere
    pages_purge(keys=[keys.comments(instance.article_id)])


def connect() -> None:
    post_save.connect(comment_changed, sender=Comment, dispatch_uid="pagecache.Comment.save")
    post_delete.connect(comment_changed, sender=Comment, dispatch_uid="pagecache.Comment.delete")
