"""How an article will look in a search result and on a share card, for the article form's
previews (docs/desk.md, "A form made for writing"): the values its page's head will carry,
made by the same functions (``structured``, ``addresses``), from the words as written."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.text import Truncator

from newsdesk.distribution import addresses, structured
from newsdesk.newsroom.models import Article

# About what a search result shows before it cuts (by width, so these are averages): of the
# page's <title>, and of its meta description. The form warns past them; it never refuses.
TITLE_SHOWN = 60
DESCRIPTION_SHOWN = 155
_SAMPLE_SLUG = "sample-slug"


@dataclass(frozen=True)
class Appearance:
    title: str  # the page's <title>: the headline and the site's name
    headline: str  # the share card's title (og:title)
    description: str  # meta description and og:description
    address: str  # the page's address, or its shape while the slug is empty
    address_root: str  # what comes before YYYY/MM/DD/slug/
    address_date: str  # YYYY/MM/DD, from the publish time (or the creation day)
    card: structured.Card
    card_src: str  # the card picture's address to show in the newsroom (ours: no host)
    domain: str
    title_suffix: str
    headline_limit: int  # what is left of TITLE_SHOWN after the suffix
    title_limit: int = TITLE_SHOWN
    description_limit: int = DESCRIPTION_SHOWN
    description_words: int = structured.DESCRIPTION_WORDS

    @property
    def shown_title(self) -> str:
        return Truncator(self.title).chars(self.title_limit)

    @property
    def shown_description(self) -> str:
        return Truncator(self.description).chars(self.description_limit)


def of_article(article: Article) -> Appearance:
    """The article as search engines and social networks will show it; ``article`` may be
    unsaved (the form's words on a copy). No query beyond its ``lead_image`` if not loaded."""
    path = Article(
        slug=_SAMPLE_SLUG, publish_at=article.publish_at, created_at=article.created_at
    ).get_absolute_url()
    dated = path[: -len(_SAMPLE_SLUG) - 1].rstrip("/")  # .../YYYY/MM/DD
    root, date = dated[: -len("YYYY/MM/DD")], dated[-len("YYYY/MM/DD") :]
    address_root = addresses.absolute(root)
    card = structured.card(article)
    suffix = structured.title_suffix()
    return Appearance(
        title=structured.page_title(article),
        headline=article.headline,
        description=structured.description(article),
        address=f"{address_root}{date}/{article.slug}/" if article.slug else "",
        address_root=address_root,
        address_date=date,
        card=card,
        card_src=card.url.removeprefix(settings.SITE_URL),
        domain=urlsplit(settings.SITE_URL).hostname or "",
        title_suffix=suffix,
        headline_limit=max(0, TITLE_SHOWN - len(suffix)),
    )
