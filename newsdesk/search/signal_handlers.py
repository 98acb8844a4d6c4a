"""Keeps the search index in step with the articles.

docs/architecture.md allows signals for invalidation only. The search index is that kind of data: a
derived copy of the articles, rebuilt at will by ``newsdesk reindex``, on which no decision
is taken (the page a search shows is read from the articles, live ones only). A signal is
also the one place that sees every save of an article, by a service, the admin, a
revision being restored or the demo loader, without the newsroom knowing that search
exists. The handler writes in the saving transaction: when the save commits, the index
has followed; if it rolls back, so does the index.
"""

from __future__ import annotations

from django.db.models.signals import post_save

from newsdesk.newsroom.models import Article


def article_saved(sender, instance: Article, update_fields=None, **kwargs) -> None:
    from newsdesk.search.services import document_follow

    document_follow(article=instance, fields=update_fields)


def connect() -> None:
    post_save.connect(article_saved, sender=Article, dispatch_uid="search.article_saved")
