"""Purges the cached pages that show the newsroom's content when it changes.

Signals are for cache invalidation only (docs/architecture.md): a signal is the one place that
sees every write, by a service, the admin, a restored revision or the demo loader. Each handler
names the keys of the pages that show the changed row; the purge waits for the commit
(pagecache.services.pages_purge). Connected from NewsroomConfig.ready().
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from newsdesk.images.models import Image
from newsdesk.newsroom.models import Article, Byline, Contributor, Correction
from newsdesk.pagecache import keys
from newsdesk.pagecache.services import pages_purge, pages_purge_at_commit


def article_keys(*, article_id: int, section_id: int) -> list[str]:
    """Every page that shows the article or could start or stop listing it.

    Read after the commit, so the byline and tags are the ones saved with the article (and
    the save itself runs no extra query); a removed byline or tag purges its own page.
    """
    return [
        keys.article(article_id),
        keys.of("section", section_id),
        keys.HOME,
        keys.JUST_IN,
        keys.FEEDS,
        keys.SITEMAPS,
        *(
            keys.of("contributor", pk)
            for pk in Byline.objects.filter(article_id=article_id).values_list(
                "contributor_id", flat=True
            )
        ),
        *(
            keys.of("tag", pk)
            for pk in Article.tags.through.objects.filter(article_id=article_id).values_list(
                "tag_id", flat=True
            )
        ),
    ]


def article_changed(sender, instance: Article, **kwargs) -> None:
    never_public = instance.publish_at is None and instance.status in {
        Article.Status.DRAFT,
        Article.Status.IN_REVIEW,
    }
    if never_public:
        return  # a draft that was never published is on no cached page
    article_id, section_id = instance.pk, instance.section_id
    pages_purge_at_commit(lambda: article_keys(article_id=article_id, section_id=section_id))


def byline_changed(sender, instance: Byline, **kwargs) -> None:
    pages_purge(
        keys=[keys.article(instance.article_id), keys.of("contributor", instance.contributor_id)]
    )


def tags_changed(sender, instance, action: str, pk_set=None, **kwargs) -> None:
    if not action.startswith("post_"):
        return
    if isinstance(instance, Article):
        names = [keys.article(instance.pk), *(keys.of("tag", pk) for pk in pk_set or ())]
    else:  # the tag side of the relation
        names = [keys.of("tag", instance.pk), *(keys.article(pk) for pk in pk_set or ())]
    pages_purge(keys=names)


def correction_changed(sender, instance: Correction, **kwargs) -> None:
    # A correction is the article's last substantive update: "updated" orders and dates move.
    pages_purge(keys=[keys.article(instance.article_id), keys.HOME, keys.FEEDS, keys.SITEMAPS])


def image_keys(*, image_id: int) -> list[str]:
    """The pages that show a library image: its articles' and its contributors' pages."""
    names: list[str] = []
    for article_id, section_id in Article.objects.filter(lead_image_id=image_id).values_list(
        "id", "section_id"
    ):
        names += article_keys(article_id=article_id, section_id=section_id)
    names += [
        keys.of("contributor", pk)
        for pk in Contributor.objects.filter(photo_id=image_id).values_list("id", flat=True)
    ]
    return list(dict.fromkeys(names))


def image_changed(sender, instance: Image, **kwargs) -> None:
    # Alt text, credit, focal point or rights changed: every page that shows the picture.
    image_id = instance.pk
    pages_purge_at_commit(lambda: image_keys(image_id=image_id))


def connect() -> None:
    post_save.connect(image_changed, sender=Image, dispatch_uid="pagecache.Image.save")
    for signal in (post_save, post_delete):
        name = "save" if signal is post_save else "delete"
        for model, handler in (
            (Article, article_changed),
            (Byline, byline_changed),
            (Correction, correction_changed),
        ):
            signal.connect(handler, sender=model, dispatch_uid=f"pagecache.{model.__name__}.{name}")
    m2m_changed.connect(
        tags_changed, sender=Article.tags.through, dispatch_uid="pagecache.article_tags"
    )
