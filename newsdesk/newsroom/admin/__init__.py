"""The newsroom in the Django admin (registered on import): articles with their workflow,
and the sections, tags and contributors they name."""

from newsdesk.newsroom.admin.articles import ArticleAdmin
from newsdesk.newsroom.admin.people import ContributorAdmin, SectionAdmin, TagAdmin

__all__ = ["ArticleAdmin", "ContributorAdmin", "SectionAdmin", "TagAdmin"]
