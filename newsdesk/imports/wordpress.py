"""One WordPress export brought into the newsroom, kind by kind (docs/imports.md).

``Importer`` holds what a run knows (the export's ids mapped to our rows); services.py
drives it over the file twice and owns the transaction. Every write goes through the
owning app's services (contributor_create, image_create, comment_import, must_read_pin)
or through a model's full_clean.
"""

from __future__ import annotations

import hashlib
import html as htmllib
import json
import re
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import nh3
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils import timezone
from django.utils.text import Truncator, slugify

from newsdesk.audience.services import must_read_pin
from newsdesk.comments.models import Comment
from newsdesk.comments.services import comment_import
from newsdesk.images import markup, pixels
from newsdesk.images.models import Image
from newsdesk.images.services import image_create
from newsdesk.imports import bodies, redirects, wxr
from newsdesk.imports.models import ImportedAuthor, ImportedItem, Redirect
from newsdesk.imports.report import Report
from newsdesk.newsroom.models import Article, Byline, Contributor, Section, Tag
from newsdesk.newsroom.services import contributor_create

Kind = ImportedItem.Kind
VERSION = "1"  # part of every fingerprint: a new version of the conversion updates all
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
FALLBACK_SECTION = ("Uncategorized", "uncategorized")
IMAGE_TAG = "WordPress import"
NO_ALT_TAG = "alt text needed"


def fingerprint(record) -> str:
    data = json.dumps(asdict(record), sort_keys=True, default=str)
    return hashlib.sha256(f"{VERSION}:{data}".encode()).hexdigest()


def plain(html: str) -> str:
    """Text without tags or entities (excerpts, titles, comments)."""
    return htmllib.unescape(nh3.clean(html or "", tags=set())).strip()


@dataclass
class Planned:
    """A post's place before it is written: its slug and publish time, hence its address."""

    slug: str
    when: datetime | None
    status: str
    article_id: int | None

    def address(self) -> str:
        return Article(
            slug=self.slug, publish_at=self.when, created_at=self.when
        ).get_absolute_url()


class Importer:
    def __init__(self, *, media_dir: Path | None, report: Report, dry_run: bool) -> None:
        self.media_dir = media_dir.resolve() if media_dir else None
        self.report = report
        self.dry_run = dry_run
        self.zone = timezone.get_current_timezone()
        self.source = ""
        self.site = wxr.Site()
        self.mapped: dict[tuple[str, str], ImportedItem] = {}
        self.authors: dict[str, Contributor] = {}
        self.guests: dict[str, wxr.Item] = {}
        self.categories: dict[str, wxr.Term] = {}
        self.sections: dict[str, Section] = {}
        self.tags: dict[str, Tag] = {}
        self.planned: dict[str, Planned] = {}
        self.slugs_taken: set[str] = set()
        self.context = bodies.Context()
        self.stored_files: list[
            tuple[int, str]
        ] = []  # originals written this run, removed on failure

    # -- the run's start ---------------------------------------------------------------

    def begin(self, site: wxr.Site) -> None:
        """Takes the channel's facts; reads this source's mapping (one query)."""
        self.site = site
        self.source = (site.base_url or site.link).rstrip("/").lower() or "wordpress"
        for url in (site.base_url, site.link):
            host = urlsplit(url).netloc.lower().removeprefix("www.")
            if host:
                self.context.hosts.add(host)
        for row in ImportedItem.objects.filter(source=self.source):
            self.mapped[(row.kind, row.source_id)] = row
        known = {row.object_id for (kind, _s), row in self.mapped.items() if kind == Kind.POST}
        self.slugs_taken = set(Article.objects.exclude(pk__in=known).values_list("slug", flat=True))

    def _map(self, kind: str, source_id: str, obj: Model, record=None) -> str:
        """Records (or updates) the mapping; "created", "updated" or "unchanged"."""
        print_ = fingerprint(record) if record is not None else ""
        row = self.mapped.get((kind, source_id))
        if row is None:
            row = ImportedItem.objects.create(
                source=self.source,
                kind=kind,
                source_id=source_id,
                object_id=obj.pk,
                fingerprint=print_,
            )
            self.mapped[(kind, source_id)] = row
            return "created"
        if row.fingerprint == print_ and row.object_id == obj.pk:
            return "unchanged"
        row.fingerprint, row.object_id, row.imported_at = print_, obj.pk, timezone.now()
        row.save(update_fields=["fingerprint", "object_id", "imported_at"])
        return "updated"

    def unchanged(self, kind: str, record) -> bool:
        row = self.mapped.get((kind, getattr(record, "source_id", "")))
        return row is not None and row.fingerprint == fingerprint(record)

    # -- authors ---------------------------------------------------------------------

    def author(self, author: wxr.Author) -> None:
        if not author.login:
            return
        known = ImportedAuthor.objects.filter(source=self.source, login=author.login)
        found = known.select_related("contributor").first()
        if found is not None:
            self.authors[author.login] = found.contributor
            self.report.count("contributors", "unchanged")
            return
        contributor = None
        if author.email:
            contributor = Contributor.objects.filter(user__email__iexact=author.email).first()
        if contributor is not None:
            self.report.count("contributors", "matched")
        else:
            contributor = contributor_create(
                display_name=Truncator(author.display_name or author.login).chars(120),
                slug=self._free_slug(Contributor, author.login),
            )
            self.report.count("contributors", "created")
        email = author.email if _valid_email(author.email) else ""
        ImportedAuthor.objects.create(
            source=self.source, login=author.login, email=email, contributor=contributor
        )
        self.authors[author.login] = contributor
        self.redirect(f"/author/{slugify(author.login)}/", contributor.get_absolute_url())

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

    def _free_slug(self, model: type[Model], wanted: str, taken: set[str] | None = None) -> str:
        base = (slugify(wanted) or model.__name__.lower())[:100]
        slug, n = base, 1
        while (slug in taken) if taken is not None else model.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug

    # -- categories and tags -----------------------------------------------------------

    def term(self, term: wxr.Term) -> None:
        if term.kind == "category" and term.slug:
            self.categories.setdefault(term.slug, term)

    def section_for(self, slug: str, name: str) -> Section:
        if slug in self.sections:
            return self.sections[slug]
        row = self.mapped.get((Kind.CATEGORY, slug))
        section = Section.objects.filter(pk=row.object_id).first() if row else None
        name = htmllib.unescape(name or slug)[:80]
        if section is None:
            section = (
                Section.objects.filter(slug=slug[:80]).first()
                or Section.objects.filter(name=name).first()
            )
        if section is None:
            section = Section(name=name, slug=self._free_slug(Section, slug))
            section.full_clean()
            section.save()
            self.report.count("sections", "created")
        self._map(Kind.CATEGORY, slug, section)
        self.sections[slug] = section
        return section

    def tag_for(self, kind: str, slug: str, name: str) -> Tag:
        key = f"{kind}:{slug}"
        if key in self.tags:
            return self.tags[key]
        row = self.mapped.get((Kind.TAG, key))
        tag = Tag.objects.filter(pk=row.object_id).first() if row else None
        name = htmllib.unescape(name or slug)[:80]
        if tag is None:
            tag = (
                Tag.objects.filter(slug=slug[:80]).first() or Tag.objects.filter(name=name).first()
            )
        if tag is None:
            tag = Tag(name=name, slug=self._free_slug(Tag, slug))
            tag.full_clean()
            tag.save()
            self.report.count("tags", "created")
        self._map(Kind.TAG, key, tag)
        self.tags[key] = tag
        return tag

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
        self.redirect(old, obj.get_absolute_url())
        feed = "section" if isinstance(obj, Section) else "tag"
        self.redirect(old + "feed/", f"/feeds/{feed}/{obj.slug}/rss/")

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
        src = markup.largest_jpeg(image).url
        picture = bodies.Picture(image.pk, src, image.alt_text, image.caption)
        self.context.pictures[item.source_id] = picture
        for url in (item.attachment_url, "/wp-content/uploads/" + relative if relative else ""):
            if url:
                self.context.picture_urls[bodies._file_key(url)] = item.source_id

    def _image_of(self, item: wxr.Item, where: str) -> Image | None:
        row = self.mapped.get((Kind.ATTACHMENT, item.source_id))
        if row is not None:
            image = Image.objects.filter(pk=row.object_id).first()
            if image is not None:
                self.report.count("images", "unchanged")
                return image
        relative = item.meta.get("_wp_attached_file", "")
        if not relative:
            self.report.problem(where, "no _wp_attached_file: not imported")
            self.report.count("images", "missing")
            return None
        if self.media_dir is None:
            self.report.problem(where, "no --media-dir given: not imported")
            self.report.count("images", "missing")
            return None
        file = (self.media_dir / relative).resolve()
        if not file.is_relative_to(self.media_dir):
            self.report.problem(where, f"{relative} lies outside --media-dir: refused")
            self.report.count("images", "refused")
            return None
        if not file.is_file():
            self.report.problem(where, f"file {relative} not found in --media-dir")
            self.report.count("images", "missing")
            return None
        data = file.read_bytes()
        try:
            found = pixels.inspect(data)
        except pixels.ImageRejected as error:
            self.report.problem(where, f"{relative}: {error}")
            self.report.count("images", "refused")
            return None
        alt = plain(item.meta.get("_wp_attachment_image_alt", ""))
        tags = [IMAGE_TAG] if alt else [IMAGE_TAG, NO_ALT_TAG]
        if not alt:
            self.report.problem(
                where, "no alt text: the title stands in (tagged 'alt text needed')"
            )
        fields = {
            "title": Truncator(plain(item.title)).chars(200),
            "caption": Truncator(plain(item.excerpt)).chars(300),
            "credit": Truncator(_credit(item.meta.get("_wp_attachment_metadata", ""))).chars(120),
        }
        alt = Truncator(alt or fields["title"] or fields["caption"] or Path(relative).stem).chars(
            250
        )
        if self.dry_run:
            # Checked like an upload, but neither stored nor rendered: the row rolls back.
            image = Image(alt_text=alt, width=found.width, height=found.height, **fields)
            image.file.name = f"dry-run/{Path(relative).name}"
            image.save()
        else:
            image = image_create(data=data, filename=relative, alt_text=alt, tags=tags, **fields)
            self.stored_files.append((image.pk, image.file.name))
        self._map(Kind.ATTACHMENT, item.source_id, image)
        self.report.count("images", "created")
        return image

    # -- posts -------------------------------------------------------------------------

    def plan(self, item: wxr.Item) -> None:
        """A post's slug and address, before any is written: links between posts need them."""
        status = STATUSES.get(item.status)
        if status is None:
            return
        row = self.mapped.get((Kind.POST, item.source_id))
        article = Article.objects.filter(pk=row.object_id).first() if row else None
        if article is not None:
            slug = article.slug
        else:
            slug = self._free_slug(Article, item.slug or item.title or "article", self.slugs_taken)
            self.slugs_taken.add(slug)
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
        try:
            article.full_clean()
        except ValidationError as error:
            self.report.problem(where, f"not imported: {'; '.join(error.messages)}")
            self.report.count("articles", "refused")
            return
        article.save()
        modified = wxr.when(item.modified, item.modified_gmt, zone=self.zone)
        if modified is not None:
            Article.objects.filter(pk=article.pk).update(modified_at=modified)
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

        headline = plain(item.title) or "(untitled)"
        if len(headline) > 200:
            problem("headline over 200 characters, shortened")
        article.headline = Truncator(headline).chars(200)
        summary = plain(item.excerpt)
        if len(summary) > 400:
            problem("excerpt over 400 characters, shortened for the summary")
        article.summary = Truncator(summary).chars(400)
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
            return self.section_for(FALLBACK_SECTION[1], FALLBACK_SECTION[0])
        return self.section_for(*categories[0])

    def _tags(self, item: wxr.Item) -> list[Tag]:
        categories = [(s, n) for d, s, n in item.terms if d == "category"]
        section = self._section(item)
        tags = []
        for slug, name in categories:
            if self.sections.get(slug) is not section:
                tags.append(self.tag_for("category", slug, name))
        tags += [self.tag_for("post_tag", s, n) for d, s, n in item.terms if d == "post_tag"]
        return list(dict.fromkeys(tags))

    def _bylines(self, article: Article, item: wxr.Item) -> None:
        logins = [
            name or slug.removeprefix("cap-") for d, slug, name in item.terms if d == "author"
        ]
        logins = logins or [item.creator]
        contributors = [c for c in (self._coauthor(login) for login in logins if login) if c]
        contributors = list(dict.fromkeys(contributors))
        if [b.contributor_id for b in article.bylines.all()] == [c.pk for c in contributors]:
            return
        Byline.objects.filter(article=article).delete()
        Byline.objects.bulk_create(
            Byline(article=article, contributor=c, position=i) for i, c in enumerate(contributors)
        )

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
        email = comment.email if _valid_email(comment.email) else ""
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

    def redirect(self, old: str, new: str) -> None:
        """Stores old -> new unless old is new, the site's own, or an editor's redirect."""
        old, new = redirects.normalize(old), redirects.normalize(new)
        if not old or old == new or redirects.reserved(old):
            return
        row = Redirect.objects.filter(old_path=old).first()
        if row is None:
            Redirect.objects.create(old_path=old, new_path=new, note=f"Imported from {self.source}")
            self.report.count("redirects", "created")
        elif row.new_path == new:
            self.report.count("redirects", "unchanged")
        elif row.note == f"Imported from {self.source}":
            row.new_path = new
            row.save(update_fields=["new_path"])
            self.report.count("redirects", "updated")
        else:
            self.report.problem(old, f"kept the existing redirect to {row.new_path} (not {new})")

    def site_redirects(self) -> None:
        self.redirect("/feed/", "/feeds/rss/")
        self.redirect("/feed/rss2/", "/feeds/rss/")
        self.redirect("/feed/atom/", "/feeds/atom/")


def _is_comment(comment: wxr.Comment) -> bool:
    return comment.type in {"", "comment"}


def _valid_email(value: str) -> bool:
    from django.core.validators import validate_email

    try:
        validate_email(value)
    except ValidationError:
        return False
    return bool(value)


def _credit(metadata: str) -> str:
    """The credit in an attachment's serialized image_meta (PHP's serialize), if any."""
    match = CREDIT.search(metadata or "")
    return plain(match.group(1)) if match else ""
