"""Writes of reader comments."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction

from newsdesk.comments import text as comment_text
from newsdesk.comments.models import MAX_LENGTH, Comment
from newsdesk.newsroom.models import Article


@transaction.atomic
def comment_post(
    *, article: Article, name: str, text: str, email: str = "", parent: Comment | None = None
) -> Comment:
    """Stores a reader's comment on a live article, at most 300 code points after NFC.

    The text is stored as typed (normalized), never as HTML: it is escaped when shown.
    Returns only after the row is committed.
    """
    if not article.is_live():
        raise ValidationError("Comments are open only on published articles.")
    body = comment_text.normalize(text)
    if not body:
        raise ValidationError("The comment is empty.")
    if len(body) > MAX_LENGTH:
        raise ValidationError(f"A comment can be at most {MAX_LENGTH} characters.")
    if parent is not None and (parent.article_id != article.pk or parent.parent_id is not None):
        raise ValidationError("Replies go one level deep, on the same article.")
    comment = Comment(
        article=article,
        parent=parent,
        name=comment_text.normalize(name)[:60],
        email=email,
        text=body,
    )
    comment.full_clean()
    comment.save()
    return comment
