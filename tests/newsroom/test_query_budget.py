"""Each reader page has a fixed query budget that does not grow with the number of articles."""

import math
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsdesk.audience.models import ArticleStats, MustRead
from newsdesk.audience.selectors import TRENDING_WINDOW, must_reads, popular_now
from newsdesk.audience.trending import view_weight
from newsdesk.comments.models import Comment
from newsdesk.newsroom.models import Article, Byline, Tag
from tests.factories import ArticleFactory, SectionFactory, make_contributor, make_image

pytestmark = pytest.mark.django_db

# Page -> most queries it may make, with every cache cold. The lists: Just In 1, Latest
# Stories 1, Popular Now 2 (leaders from the score index, then those articles by key; a third
# only when too few leaders are live), Must-Reads 3 (pins, the week's ranking, its articles).
# The article page adds the article (with section and stats), bylines, tags, corrections, the
# comment count, the comment page (count, rows, their replies) and the navigation; the home
# page the lead story (2), the section fronts (2) and the navigation. (The article's 16 counts
# a comment thread's rows and replies: with no comments, as this test once had, it made 14.)
BUDGET = {"home": 12, "article": 16, "section": 4, "contributor": 4, "tag": 4}


def fill(count: int, sections, contributor, tag, picture) -> list[Article]:
    """``count`` live articles spread over Popular Now's and Must-Reads' week, newest first,
    each with a lead image, a comment and views with a trend score, so every list reads them
    as it reads a real newsroom's: Popular Now from the score index, Must-Reads' fill from the
    week's ranking."""
    now = timezone.now()
    start = Article.objects.count()
    # Within the window with an hour to spare, so none leaves it while the test runs.
    step = (TRENDING_WINDOW - timedelta(hours=1)) / count
    made = Article.objects.bulk_create(
        Article(
            headline=f"Filler {start + i}",
            slug=f"filler-{start + i}",
            body="<p>x</p>",
            section=sections[i % len(sections)],
            status=Article.Status.PUBLISHED,
            publish_at=now - timedelta(minutes=5) - step * i,
            lead_image=picture,
        )
        for i in range(count)
    )
    Byline.objects.bulk_create(Byline(article=a, contributor=contributor) for a in made)
    ArticleStats.objects.bulk_create(
        ArticleStats(
            article=a,
            views=(start + i) * 7 % 1000 + 1,
            # Read last at its publish time or later: the decayed score the counter stores.
            trend=view_weight(a.publish_at) + math.log((start + i) * 7 % 1000 + 1),
        )
        for i, a in enumerate(made)
    )
    Tag.articles.through.objects.bulk_create(Tag.articles.through(article=a, tag=tag) for a in made)
    Comment.objects.bulk_create(
        Comment(article=a, name="Reader", text="A comment.", status=Comment.Status.APPROVED)
        for a in made
    )
    return made


def lists_take_their_paths(pin: MustRead) -> bool:
    """Popular Now is full from the score index's leaders, and Must-Reads shows its pin, then
    its fill from the week's ranking: the paths the lists take on a busy site."""
    popular = popular_now()
    shown = must_reads(popular=popular)
    return (
        len(popular) == settings.NEWSDESK_LIST_LENGTH and shown[0] == pin.article and len(shown) > 1
    )


def count_queries(client, url: str) -> int:
    from tests.conftest import _clear_shared_state

    _clear_shared_state()  # the budget is the cold one: nothing from an earlier page's cache
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(ctx.captured_queries)


@pytest.mark.parametrize("keep", [0, 10], ids=["lists-read-fresh", "lists-kept-first-render"])
def test_query_counts_are_within_budget_and_flat_from_10_to_500_articles(client, settings, keep):
    # With the lists kept (audience.selectors.page_lists), the first render of a process (or
    # the first after a purge) reads them: it must keep to the same budget.
    settings.NEWSDESK_LIST_CACHE_SECONDS = keep
    sections = [SectionFactory(slug=f"s{i}", name=f"S{i}") for i in range(3)]
    contributor = make_contributor(0)
    tag = Tag.objects.create(name="Drones", slug="drones")
    picture = make_image(size=(320, 180))  # one library image, shared: renditions are slow
    featured = ArticleFactory(section=sections[0], contributors=[contributor], lead_image=picture)
    featured.tags.add(tag)
    thread = Comment.objects.create(article=featured, name="First", text="A first comment.")
    Comment.objects.create(article=featured, parent=thread, name="Second", text="A reply.")
    Comment.objects.create(article=featured, name="Third", text="Another comment.")
    # An editor's pin (the oldest filler, in no other list), then the fill.
    pin = MustRead.objects.create(article=fill(9, sections, contributor, tag, picture)[-1])
    urls = {
        "home": "/",
        "article": featured.get_absolute_url(),
        "section": sections[0].get_absolute_url(),
        "contributor": contributor.get_absolute_url(),
        "tag": tag.get_absolute_url(),
    }
    assert lists_take_their_paths(pin)
    small = {name: count_queries(client, url) for name, url in urls.items()}
    fill(490, sections, contributor, tag, picture)
    assert Article.objects.count() == 500
    assert lists_take_their_paths(pin)
    large = {name: count_queries(client, url) for name, url in urls.items()}
    assert small == large
    for name, used in large.items():
        assert used <= BUDGET[name], (name, used)
