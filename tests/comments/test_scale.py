"""A long thread costs the article page no more queries than a short one."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsdesk.comments.models import Comment

pytestmark = pytest.mark.django_db


def page_queries(client, article) -> int:
    from tests.conftest import _clear_shared_state

    _clear_shared_state()  # cold caches both times
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(article.get_absolute_url()).status_code == 200
    return len(ctx.captured_queries)


def add(article, count: int, start: int = 0) -> None:
    Comment.objects.bulk_create(
        Comment(article=article, name=f"R{i}", text=f"Comment {i}", reader=f"r{i}")
        for i in range(start, start + count)
    )


def test_10000_comments_render_the_first_page_with_the_same_queries_as_20(client, article):
    add(article, 20)
    short = page_queries(client, article)
    add(article, 9_980, start=20)
    assert Comment.objects.count() == 10_000
    assert page_queries(client, article) == short
    with CaptureQueriesContext(connection) as ctx:
        client.get(article.get_absolute_url())
    rows = [q["sql"] for q in ctx.captured_queries if 'FROM "comments_comment"' in q["sql"]]
    # A count, the page's rows (LIMIT 20) and their replies (by the page's ids): nothing
    # reads the whole thread.
    assert all("LIMIT" in sql or "COUNT" in sql or 'parent_id" IN' in sql for sql in rows), rows
