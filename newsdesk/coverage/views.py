"""The live page's poll: its newest updates as JSON, stored by the page cache (docs/coverage.md).

Tagged ``live:<id>`` and ``article:<id>``, so every reader's poll is one stored copy until an
update, or the article, changes; the page cache answers If-None-Match with 304 from its ETag.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import get_template
from django.views.decorators.http import require_safe

from newsdesk.coverage import reading
from newsdesk.pagecache import keys
from newsdesk.site.errors import NewsdeskError, error_response


@require_safe
def updates(request: HttpRequest, article_id: int) -> HttpResponse:
    """The newest updates, each as the page's own markup, the key events' ids, whether the
    coverage runs, its summary once closed, and the count; 404 unless readers may see it.
    Four queries."""
    try:
        article = reading.polled_article(article_id=article_id)
    except NewsdeskError as error:
        return error_response(request, error, as_json=True)
    found = reading.poll(article=article)
    partial = get_template("coverage/update.html")
    running = article.coverage_running
    response = JsonResponse(
        {
            "updates": [
                {
                    "id": u.pk,
                    "html": partial.render({"update": u, "article": article}),
                    "pinned": u.pinned,
                }
                for u in found.updates
            ],
            "pinned": found.pinned_ids,
            "running": running,
            "summary": "" if running else article.coverage_summary,
            "total": found.total,
        }
    )
    return keys.tag(response, keys.live(article.pk), keys.article(article.pk))
