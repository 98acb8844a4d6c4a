"""One WordPress export brought into the newsroom, kind by kind (docs/imports.md).

``Importer`` holds what a run knows (the export's ids mapped to our rows); services.py
drives it over the file twice and owns the transaction. Every write goes through the
owning app's services (contributor_create, image_create, comment_import, must_read_pin)
or through a model's full_clean.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from django.utils import timezone
from django.utils.text import Truncator

from newsdesk.audience.services import must_read_pin
from newsdesk.comments.models import Comment
from newsdesk.comments.services import comment_import
from newsdesk.images import markup
from newsdesk.images.models import Image
from newsdesk.imports import bodies, redirects, wxr
from newsdesk.imports.common import (
    BaseImporter,
    Kind,
    Planned,
    fingerprint,
    plain,
    valid_email,
)
from newsdesk.imports.report import Report
from newsdesk.newsroom.models import Article, Contributor, Section, Tag

STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.PUBLISHED,  # scheduled: published with its time ahead
    "draft": Article.Status.DRAFT,
    "pending": Article.Status.IN_REVIEW,
    "private": Article.Status.UNPUBLISHED,
}
COMMENT_STATUSES = {
    "1": Comment.Status.APPROVED,
    "0": Comment.Status.PENDING,
    "spam": Comment.Status.SPAM,
    "trash": Comment.Status.REJECTED,
}
CREDIT = re.compile(r's:6:"credit";s:\d+:"([^"]*)";')
IMAGE_TAG = "WordPress import"


class Importer(BaseImporter):
    image_tag = IMAGE_TAG

    def __init__(self, *, media_dir, report: Report, dry_run: bool) -> None:
        super().__init__(media_dir=media_dir, report=report, dry_run=dry_run)
        self.site = wxr.Site()
        self.guests: dict[str, wxr.Item] = {}
        self.categories: dict[str, wxr.Term] = {}

    # -- the run's start ---------------------------------------------------------------

    def begin(self, site: wxr.Site) -> None:
        """Takes the channel's facts; reads this source's mapping (two queries)."""
        self.site = site
        self.source = (site.base_url or site.link).rstrip("/").lower() or "wordpress"
        for url in (site.base_url, site.link):
            host = urlsplit(url).netloc.lower().removeprefix("www.")
            if host:
                self.context.hosts.add(host)
        self.load_mapping()

    # -- authors ---------------------------------------------------------------------

    def author(self, author: wxr.Author) -> None:
        if author.login:
            self.contributor_for(
                login=author.login, email=author.email, display_name=author.display_name
            )

    def guest(self, item: wxr.Item) -> None:
        """A Co-Authors Plus guest author (a post of type guest-author), for bylines."""
        login = item.meta.get("cap-user_login") or item.slug.removeprefix("cap-")
        if login:
            self.guests[login] = item

    def _coauthor(self, login: str) -> Contributor | None:
        if login in self.authors:
            return self.authors[login]
        guest = self.guests.get(login)
        name = (guest.meta.get("cap-display_name") or guest.title) if guest else login
        self.author(
            wxr.Author(
                login=login,
                email=guest.meta.get("cap-user_email", "") if guest else "",
                display_name=name,
            )
        )
        return self.authors.get(login)

    # -- categories and tags -----------------------------------------------------------

    def term(self, term: wxr.Term) -> None:
        if term.kind == "category" and term.slug:
            self.categories.setdefault(term.slug, term)

    def category_path(self, slug: str) -> str:
        parts, seen = [], set()
        while slug and slug not in seen:
            seen.add(slug)
            parts.append(slug)
            slug = self.categories[slug].parent if slug in self.categories else ""
        return "/".join(reversed(parts))

    def term_redirects(self) -> None:
        """The old category and tag addresses (and their feeds), once posts have made them."""
        for slug, section in self.sections.items():
            self._term_redirect(f"/category/{self.category_path(slug)}/", section)
        for key, tag in self.tags.items():
            kind, slug = key.split(":", 1)
            if kind == "category" and slug in self.sections:
                continue
            old = (
                f"/category/{self.category_path(slug)}/" if kind == "category" else f"/tag/{slug}/"
            )
            self._term_redirect(old, tag)

    def _term_redirect(self, old: str, obj: Section | Tag) -> None:
        self.term_redirect(old, obj, "feed/")

    # -- attachments -------------------------------------------------------------------

    def attachment(self, item: wxr.Item) -> None:
        parent = item.parent_id
        if parent and parent != "0":
            self.context.children.setdefault(parent, []).append(item.source_id)
        where = f"attachment {item.source_id} ({item.title or item.attachment_url})"
        image = self._image_of(item, where)
        if image is None:
            return
        relative = item.meta.get("_wp_attached_file", "")
        src = markup.largest_jpeg(image, planned=True).url
        picture = bodies.Picture(image.pk, src, image.alt_text, image.caption)
        uploads = "/wp-content/uploads/" + relative if relative else ""
        self.context.add_picture(item.source_id, picture, (item.attachment_url, uploads))

    def _image_of(self, item: wxr.Item, where: str) -> Image | None:
        relative = item.meta.get("_wp_attached_file", "")
        if not relative:
            self.report.problem(where, "no _wp_attached_file: not imported")
            self.report.count("images", "missing")
            return None
        fields = {
            "title": plain(item.title),
            "caption": plain(item.excerpt),
            "credit": _credit(item.meta.get("_wp_attachment_metadata", "")),
        }
        alt = plain(item.meta.get("_wp_attachment_image_alt", ""))
        return self.library_image(
            source_id=item.source_id, relative=relative, where=where, alt=alt, fields=fields
        )

    # -- posts -------------------------------------------------------------------------

    def plan(self, item: wxr.Item) -> None:
        """A post's slug and address, before any is written: links between posts need them."""
        status = STATUSES.get(item.status)
        if status is None:
            return
        article = self.mapped_article(item.source_id)
        slug = self.article_slug(article, item.slug or item.title)
        # Drafts and pieces in review have no publish time yet; the rest keep theirs.
        undated = {Article.Status.DRAFT, Article.Status.IN_REVIEW}
        when = None if status in undated else wxr.when(item.date, item.date_gmt, zone=self.zone)
        planned = Planned(slug, when, status, article.pk if article else None)
        self.planned[item.source_id] = planned
        if item.status in {"publish", "future"}:
            new = planned.address()
            for old in self.old_addresses(item):
                self.context.addresses[old] = new

    def old_addresses(self, item: wxr.Item) -> list[str]:
        found = []
        for url in (item.link, item.guid):
            parts = urlsplit(url)
            if parts.netloc.lower().removeprefix("www.") in self.context.hosts or not parts.netloc:
                found.append(
                    redirects.normalize(parts.path + ("?" + parts.query if parts.query else ""))
                )
        found.append(f"/?p={int(item.source_id)}" if item.source_id.isdigit() else "")
        if item.slug:
            found.append(redirects.normalize(f"/{item.slug}/"))
        return [old for old in dict.fromkeys(found) if old and not redirects.reserved(old)]

    def post(self, item: wxr.Item) -> None:
        where = f"post {item.source_id} ({Truncator(item.title).chars(50)})"
        planned = self.planned.get(item.source_id)
        if planned is None:
            self.report.count("articles", f"skipped ({item.status or 'no status'})")
            return
        if self.unchanged(Kind.POST, item):
            self.report.count("articles", "unchanged")
            self.report.count(
                "comments", "unchanged", sum(1 for c in item.comments if _is_comment(c))
            )
            return
        article = (
            Article.objects.filter(pk=planned.article_id).first() if planned.article_id else None
        )
        created = article is None
        article = article or Article(slug=planned.slug)
        self._fill(article, item, planned, where)
        modified = wxr.when(item.modified, item.modified_gmt, zone=self.zone)
        if not self.article_store(article, where, modified):
            return
        self._bylines(article, item)
        article.tags.set(self._tags(item))
        outcome = self._map(Kind.POST, item.source_id, article, item)
        self.report.count("articles", "created" if created else outcome)
        if item.sticky and item.status == "publish":
            if must_read_pin(article=article)[1]:
                self.report.count("must-reads", "created")
        for comment in self._comments(article, item, where):
            self.report.count("comments", comment)
        if item.status in {"publish", "future"}:
            for old in self.old_addresses(item):
                self.redirect(old, article.get_absolute_url())

    def _fill(self, article: Article, item: wxr.Item, planned: Planned, where: str) -> None:
        def problem(what: str) -> None:
            self.report.problem(where, what)

        self.headline_and_summary(article, item.title, item.excerpt, problem)
        article.body = bodies.convert(
            item.content, post_id=item.source_id, context=self.context, problem=problem
        )
        article.section = self._section(item)
        article.status = planned.status
        article.publish_at = planned.when
        article.created_at = wxr.when(item.date, item.date_gmt, zone=self.zone) or timezone.now()
        article.comments_open = item.comment_status == "open"
        thumbnail = item.meta.get("_thumbnail_id", "")
        picture = self.context.pictures.get(thumbnail)
        article.lead_image_id = picture.image_id if picture else None
        if thumbnail and thumbnail != "0" and picture is None:
            problem(f"featured image (attachment {thumbnail}) not imported")
        if planned.status == Article.Status.PUBLISHED and planned.when is None:
            article.publish_at = article.created_at

    def _section(self, item: wxr.Item) -> Section:
        categories = [(slug, name) for domain, slug, name in item.terms if domain == "category"]
        primary = item.meta.get("_yoast_wpseo_primary_category", "")
        by_id = {t.source_id: s for s, t in self.categories.items()}
        if primary in by_id:
            wanted = by_id[primary]
            categories.sort(key=lambda pair: pair[0] != wanted)
        if not categories:
            return self.fallback_section()
        slug, name = categories[0]
        return self.section_for(slug, slug, name)

    def _tags(self, item: wxr.Item) -> list[Tag]:
        categories = [(s, n) for d, s, n in item.terms if d == "category"]
        section = self._section(item)
        tags = []
        for slug, name in categories:
            if self.sections.get(slug) is not section:
                tags.append(self.tag_for(f"category:{slug}", slug, name))
        tags += [self.tag_for(f"post_tag:{s}", s, n) for d, s, n in item.terms if d == "post_tag"]
        return list(dict.fromkeys(tags))

    def _bylines(self, article: Article, item: wxr.Item) -> None:
        logins = [
            name or slug.removeprefix("cap-") for d, slug, name in item.terms if d == "author"
        ]
        logins = logins or [item.creator]
        contributors = [c for c in (self._coauthor(login) for login in logins if login) if c]
        self.bylines_set(article, contributors)

    # -- comments ----------------------------------------------------------------------

    def _comments(self, article: Article, item: wxr.Item, where: str) -> list[str]:
        comments = [c for c in item.comments if _is_comment(c)]
        skipped = len(item.comments) - len(comments)
        outcomes = ["skipped (pingback or trackback)"] * skipped
        parents = {c.source_id: c.parent_id for c in comments}

        def top(source_id: str) -> str:
            seen = set()
            while parents.get(source_id, "0") not in {"0", ""} and parents[source_id] in parents:
                if source_id in seen:
                    break
                seen.add(source_id)
                source_id = parents[source_id]
            return source_id

        ours: dict[str, Comment] = {}
        # Top-level comments first, so that every reply finds its parent.
        for comment in sorted(comments, key=lambda c: top(c.source_id) != c.source_id):
            root = top(comment.source_id)
            parent = ours.get(root) if root != comment.source_id else None
            outcomes.append(self._comment(article, comment, parent, where, ours))
        return outcomes

    def _comment(self, article, comment: wxr.Comment, parent, where, ours) -> str:
        status = COMMENT_STATUSES.get(comment.approved, Comment.Status.PENDING)
        row = self.mapped.get((Kind.COMMENT, comment.source_id))
        existing = Comment.objects.filter(pk=row.object_id).first() if row else None
        if existing is not None and row.fingerprint == fingerprint(comment):
            ours[comment.source_id] = existing
            return "unchanged"
        if existing is not None:
            existing.delete()  # replaced below by the new export's version
        text = plain(comment.content) or "(empty)"
        email = comment.email if valid_email(comment.email) else ""
        if comment.email and not email:
            self.report.problem(
                f"{where}, comment {comment.source_id}", "e-mail not valid, left out"
            )
        created = comment_import(
            article=article,
            parent=parent,
            name=Truncator(plain(comment.author) or "Anonymous").chars(60),
            email=email,
            text=text,
            status=status,
            created_at=wxr.when(comment.date, comment.date_gmt, zone=self.zone) or timezone.now(),
            held_reason="Imported as held for moderation"
            if status == Comment.Status.PENDING
            else "",
        )
        ours[comment.source_id] = created
        self._map(Kind.COMMENT, comment.source_id, created, comment)
        return "updated" if existing is not None else "created"

    # -- old addresses -----------------------------------------------------------------

    def site_redirects(self) -> None:
        self.redirect("/feed/", "/feeds/rss/")
        self.redirect("/feed/rss2/", "/feeds/rss/")
        self.redirect("/feed/atom/", "/feeds/atom/")


def _is_comment(comment: wxr.Comment) -> bool:
    return comment.type in {"", "comment"}


def _credit(metadata: str) -> str:
    """The credit in an attachment's serialized image_meta (PHP's serialize), if any."""
    match = CREDIT.search(metadata or "")
    return plain(match.group(1)) if match else ""
