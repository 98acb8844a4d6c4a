"""One Ghost export brought into the newsroom, post by post (docs/imports.md, "Ghost").

``Importer`` adds Ghost's reading to what every import shares (common.BaseImporter): its
statuses and visibility, its primary tag as the section, its users as contributors, its
pictures from the ``content/images`` folder, its old addresses. services.ghost_import
drives it over the export's posts twice (plan, then write) and owns the transaction.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.utils import timezone
from django.utils.html import escape
from django.utils.text import Truncator

from newsdesk.audience.services import must_read_pin
from newsdesk.images import markup
from newsdesk.imports import bodies, ghostdoc, ghostjson, redirects
from newsdesk.imports.common import BaseImporter, Kind, Planned, plain
from newsdesk.imports.report import Report
from newsdesk.newsroom.models import Article, Contributor, Section, Tag

STATUSES = {
    "published": Article.Status.PUBLISHED,
    "scheduled": Article.Status.PUBLISHED,  # published with its time ahead
    "draft": Article.Status.DRAFT,
    "sent": Article.Status.UNPUBLISHED,  # a newsletter only: never on the web
}
LIVE = {"published", "scheduled"}
IMAGE_TAG = "Ghost import"
CONTENT_IMAGES = "/content/images/"
SIZE_FOLDER = re.compile(r"^size/w\d+(?:h\d+)?/")  # Ghost's resized copies of one file
FILE_MENTION = re.compile(r"/content/images/([^\s\"'<>?#\\)]+)")


@dataclass
class Seen:
    """What a post's fingerprint covers: the post as exported and its pictures on disk."""

    post: ghostjson.Post
    files: list[str]

    @property
    def source_id(self) -> str:
        return self.post.source_id


class Importer(BaseImporter):
    image_tag = IMAGE_TAG

    def __init__(self, *, media_dir, report: Report, dry_run: bool, site_url: str = "") -> None:
        super().__init__(media_dir=media_dir, report=report, dry_run=dry_run)
        self.site_url = site_url.strip().rstrip("/")
        self.users: dict[str, ghostjson.User] = {}
        self.old_slugs: dict[str, str] = {}  # tag id -> its slug at Ghost
        self.failed: set[str] = set()  # pictures reported once already

    # -- the run's start ---------------------------------------------------------------

    def begin(self, export: ghostjson.Export) -> None:
        """Names the source (the site's address, else the export's database id); reads this
        source's mapping (two queries)."""
        self.users = export.users
        if self.site_url:
            self.source = self.site_url.lower()
            host = urlsplit(self.site_url).netloc.lower().removeprefix("www.")
            if host:
                self.context.hosts.add(host)
        else:
            db_hash = export.site.get("db_hash", "")
            self.source = f"ghost:{db_hash}" if db_hash else "ghost"
        self.load_mapping()
        if export.internal_tags:
            self.report.count("tags", "skipped (internal)", export.internal_tags)
        if export.comments:
            self.report.problem(
                "comments", f"{export.comments} members' comments in the export not imported"
            )

    # -- posts -------------------------------------------------------------------------

    def plan(self, post: ghostjson.Post) -> None:
        """A post's slug and address, before any is written: links between posts need them."""
        status = STATUSES.get(post.status)
        if post.type != "post" or status is None:
            return
        if status == Article.Status.PUBLISHED and post.visibility != "public":
            status = Article.Status.UNPUBLISHED  # members only: an editor decides (docs)
        article = self.mapped_article(post.source_id)
        slug = self.article_slug(article, post.slug or post.title)
        when = None
        if status != Article.Status.DRAFT:
            when = ghostjson.when(post.published_at) or ghostjson.when(post.created_at)
        planned = Planned(slug, when, status, article.pk if article else None)
        self.planned[post.source_id] = planned
        if _public(post) and post.slug:
            self.context.addresses[redirects.normalize(f"/{post.slug}/")] = planned.address()

    def post(self, post: ghostjson.Post) -> None:
        where = f"post {post.source_id} ({Truncator(post.title).chars(50)})"
        if post.type != "post":
            self.report.count("other items", f"skipped ({post.type})")
            return
        planned = self.planned.get(post.source_id)
        if planned is None:
            self.report.count("articles", f"skipped ({post.status or 'no status'})")
            return
        seen = Seen(post, self._files_found(post))
        if self.unchanged(Kind.POST, seen):
            self.report.count("articles", "unchanged")
            return
        article = (
            Article.objects.filter(pk=planned.article_id).first() if planned.article_id else None
        )
        created = article is None
        article = article or Article(slug=planned.slug)

        def problem(what: str) -> None:
            self.report.problem(where, what)

        if post.status in LIVE and post.visibility != "public":
            problem(f"for {post.visibility} readers at Ghost: imported unpublished")
        self.headline_and_summary(article, post.title, post.excerpt, problem)
        html = ghostdoc.source_html(
            html=post.html, lexical=post.lexical, mobiledoc=post.mobiledoc, problem=problem
        )
        html = bodies.IMG.sub(lambda m: self._body_image(m.group(0), where), html)
        article.body = bodies.finish(bodies.pictures(html, self.context, problem), self.context)
        article.section, tags = self._terms(post)
        article.status = planned.status
        article.created_at = (
            ghostjson.when(post.created_at) or planned.when or article.created_at or timezone.now()
        )
        article.publish_at = planned.when
        if planned.status == Article.Status.PUBLISHED and planned.when is None:
            article.publish_at = article.created_at
        self._lead_image(article, post, where)
        if not self.article_store(article, where, ghostjson.when(post.updated_at)):
            return
        self.bylines_set(article, self._contributors(post, problem))
        article.tags.set(tags)
        outcome = self._map(Kind.POST, post.source_id, article, seen)
        self.report.count("articles", "created" if created else outcome)
        if post.featured and _public(post) and post.status == "published":
            if must_read_pin(article=article)[1]:
                self.report.count("must-reads", "created")
        if _public(post) and post.slug:
            self.redirect(f"/{post.slug}/", article.get_absolute_url())

    def _terms(self, post: ghostjson.Post) -> tuple[Section, list[Tag]]:
        """The primary (first) public tag as the section, the others as tags."""
        if not post.tags:
            return self.fallback_section(), []
        for tag_id, slug, _name in post.tags:
            self.old_slugs[tag_id] = slug
        section = self.section_for(*post.tags[0])
        return section, list(dict.fromkeys(self.tag_for(*t) for t in post.tags[1:]))

    def _contributors(self, post: ghostjson.Post, problem) -> list[Contributor]:
        found = []
        for user_id in post.authors:
            user = self.users.get(user_id)
            if user is None:
                problem(f"author {user_id} is not among the export's users")
                continue
            if user.slug not in self.authors:
                contributor = self.contributor_for(
                    login=user.slug, email=user.email, display_name=user.name, bio=plain(user.bio)
                )
                self.redirect(
                    f"/author/{user.slug}/rss/", f"/feeds/contributor/{contributor.slug}/rss/"
                )
            found.append(self.authors[user.slug])
        return found

    # -- pictures ----------------------------------------------------------------------

    def _files_found(self, post: ghostjson.Post) -> list[str]:
        """The post's pictures that are in the folder now: part of its fingerprint, so a
        later run that finds a picture missing before brings it in (a stat per picture)."""
        if self.media_dir is None:
            return []
        found = set()
        for text in (post.feature_image, post.html, post.lexical, post.mobiledoc):
            for match in FILE_MENTION.finditer(text):
                relative = SIZE_FOLDER.sub("", match.group(1))
                file = (self.media_dir / relative).resolve()
                if file.is_relative_to(self.media_dir) and file.is_file():
                    found.add(relative)
        return sorted(found)

    def _lead_image(self, article: Article, post: ghostjson.Post, where: str) -> None:
        article.lead_image_id, article.lead_image_caption = None, ""
        if not post.feature_image:
            return
        caption = plain(post.feature_image_caption)
        picture = self._picture(
            post.feature_image, f"{where}, feature image", post.feature_image_alt, caption
        )
        if picture is None:
            if _file_of(post.feature_image, self.context.hosts) is None:
                self.report.problem(
                    where,
                    f"feature image {post.feature_image} not imported: not a file of the old "
                    "site (no hot-linking)",
                )
            return
        article.lead_image_id = picture.image_id
        if caption != picture.caption:
            article.lead_image_caption = Truncator(caption).chars(300)

    def _body_image(self, tag: str, where: str) -> str:
        """An ``<img>`` of the old site's files at its library picture's one address (so
        bodies.pictures finds it), the picture brought in on first sight."""
        found = bodies.attrs(tag[4:])
        src = found.get("src", "")
        relative = _file_of(src, self.context.hosts)
        if relative is None:
            return tag
        self._picture(src, f"{where}, picture", found.get("alt", ""), "")
        return (
            f'<img src="{escape(CONTENT_IMAGES + relative)}" alt="{escape(found.get("alt", ""))}">'
        )

    def _picture(self, src: str, where: str, alt: str, caption: str) -> bodies.Picture | None:
        relative = _file_of(src, self.context.hosts)
        if relative is None:
            return None
        source_id = CONTENT_IMAGES.lstrip("/") + relative
        if source_id in self.context.pictures or source_id in self.failed:
            return self.context.pictures.get(source_id)
        image = self.library_image(
            source_id=source_id,
            relative=relative,
            where=where,
            alt=plain(alt),
            fields={"caption": caption},
        )
        if image is None:
            self.failed.add(source_id)
            return None
        src = markup.largest_jpeg(image, planned=True).url
        picture = bodies.Picture(image.pk, src, image.alt_text, image.caption)
        self.context.add_picture(source_id, picture, [CONTENT_IMAGES + relative])
        return picture

    # -- old addresses -----------------------------------------------------------------

    def term_redirects(self) -> None:
        """``/tag/<slug>/`` and its feed to the section or tag it became (the section when
        both), once posts have made them."""
        for key, section in self.sections.items():
            if key in self.old_slugs:
                self.term_redirect(f"/tag/{self.old_slugs[key]}/", section, "rss/")
        for key, tag in self.tags.items():
            if key not in self.sections:
                self.term_redirect(f"/tag/{self.old_slugs[key]}/", tag, "rss/")

    def site_redirects(self) -> None:
        self.redirect("/rss/", "/feeds/rss/")


def _public(post: ghostjson.Post) -> bool:
    return post.status in LIVE and post.visibility == "public"


def _file_of(src: str, hosts: set[str]) -> str | None:
    """The path under ``content/images`` of a picture of the old site (any host when the
    site's address is not known), without Ghost's size folder; None for any other."""
    try:
        parts = urlsplit((src or "").replace("__GHOST_URL__", "").strip())
    except ValueError:
        return None
    host = parts.netloc.lower().removeprefix("www.")
    if parts.scheme not in {"", "http", "https"} or (host and hosts and host not in hosts):
        return None
    path = unquote(parts.path)
    at = path.find(CONTENT_IMAGES)
    if at < 0:
        return None
    relative = SIZE_FOLDER.sub("", path[at + len(CONTENT_IMAGES) :])
    return relative or None
