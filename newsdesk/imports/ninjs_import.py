"""``ninjs_import``: a Newsdesk open export (``newsdesk export``) brought back into a site,
kind by kind, in one transaction (docs/imports.md, "Leaving: the open export")."""

from __future__ import annotations

import hashlib
import html as htmllib
import json
import re
from collections.abc import Callable
from itertools import zip_longest
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from newsdesk.audience.models import MustRead
from newsdesk.audience.services import must_read_pin
from newsdesk.comments.models import MAX_LENGTH, Comment
from newsdesk.comments.services import comment_import
from newsdesk.images import body as body_images
from newsdesk.images import markup, pixels, renditions
from newsdesk.images.models import Image, ImageTag
from newsdesk.images.services import image_save
from newsdesk.imports import ninjs
from newsdesk.imports.models import ImportedItem
from newsdesk.imports.ninjs import Line
from newsdesk.imports.report import Report
from newsdesk.imports.services import renditions_after
from newsdesk.newsroom.models import (
    Article,
    Byline,
    Contributor,
    Correction,
    PublicIdCounter,
    Section,
    Tag,
)
from newsdesk.newsroom.services import contributor_public_id_next, sanitize_body
from newsdesk.pagecache.services import purges_gathered

Kind = ImportedItem.Kind
Progress = Callable[[str, int | None], Callable[[], None]]
PUBLIC_ID = re.compile(r"^CP-(\d{4})-(\d{4,})$")


def _no_progress(_label: str, _total: int | None) -> Callable[[], None]:
    return lambda: None


def ninjs_import(
    *, path: str | Path, dry_run: bool = False, progress: Progress = _no_progress
) -> Report:
    """Brings an export folder's sections, tags, images (original bytes kept), contributors
    (public IDs kept), articles with their states, bylines, corrections and pins, and
    comments into this site. All or nothing: one transaction, rolled back on any error (files
    stored meanwhile removed) and always for ``dry_run``. A second run writes nothing.
    Raises ExportRefused (file, line, reason) for a malformed or hostile export.

    Queries: a few per record when new or changed, one per unchanged article or comment."""
    folder = Path(path)
    manifest = ninjs.read_manifest(folder)
    files = manifest["files"]
    restorer = Restorer(folder=folder, site=manifest["site"], dry_run=dry_run)
    try:
        with transaction.atomic(), purges_gathered():
            restorer.begin()
            for name, one in (
                (ninjs.SECTIONS, restorer.section),
                (ninjs.TAGS, restorer.tag),
                (ninjs.IMAGES, restorer.image),
                (ninjs.CONTRIBUTORS, restorer.contributor),
            ):
                tick = progress(name, files.get(name))
                for line in ninjs.read(folder, name, files.get(name)):
                    one(line)
                    tick()
            tick = progress(ninjs.ARTICLES, files.get(ninjs.ARTICLES))
            pairs = zip_longest(
                ninjs.read(folder, ninjs.ARTICLES, files.get(ninjs.ARTICLES)),
                ninjs.read(folder, ninjs.ARTICLE_STATES, files.get(ninjs.ARTICLE_STATES)),
            )
            for item, state in pairs:
                restorer.article(item, state)
                tick()
            tick = progress(ninjs.COMMENTS, files.get(ninjs.COMMENTS))
            for line in ninjs.read(folder, ninjs.COMMENTS, files.get(ninjs.COMMENTS)):
                restorer.comment(line)
                tick()
            if dry_run:
                transaction.set_rollback(True)
    except BaseException:
        restorer.remove_stored()
        raise
    if not dry_run:
        made = [pk for pk, _name in restorer.stored if pk is not None]
        renditions_after(list(dict.fromkeys(made)), restorer.report, progress)
    return restorer.report


def fingerprint(*records: dict[str, Any]) -> str:
    data = json.dumps(records, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


class Restorer:
    """What a run knows: the export's uris mapped to our rows, kind by kind."""

    def __init__(self, *, folder: Path, site: str, dry_run: bool) -> None:
        self.folder = folder
        self.source = f"newsdesk:{site.rstrip('/').lower()}"[:200]
        self.dry_run = dry_run
        self.report = Report(dry_run=dry_run)
        self.mapped: dict[tuple[str, str], ImportedItem] = {}
        self.rows: dict[tuple[str, str], int] = {}  # (kind, uri) -> our id, this run
        self.numbers: dict[int, Image] = {}  # the export's image numbers (bodies' data-file)
        self.replies: set[str] = set()
        self.stored: list[tuple[int | None, str]] = []

    def begin(self) -> None:
        for row in ImportedItem.objects.filter(source=self.source):
            self.mapped[(row.kind, row.source_id)] = row

    def remove_stored(self) -> None:
        """Originals and renditions stored by a run that was rolled back: the rows are gone."""
        storage = Image._meta.get_field("file").storage
        for image_id, name in self.stored:
            if image_id is not None:
                renditions.delete_all(storage, image_id)
            if name:
                storage.delete(name)

    # -- helpers ---------------------------------------------------------------------

    def _known(self, kind: str, line: Line, model: type[Model], print_: str):
        """(the mapped row's object or None, True when its fingerprint is unchanged)."""
        row = self.mapped.get((kind, line.get("uri")))
        obj = model.objects.filter(pk=row.object_id).first() if row else None
        return obj, obj is not None and row is not None and row.fingerprint == print_

    def _map(self, kind: str, source_id: str, obj: Model, print_: str) -> None:
        self.rows[(kind, source_id)] = obj.pk
        row = self.mapped.get((kind, source_id))
        if row is None:
            self.mapped[(kind, source_id)] = ImportedItem.objects.create(
                source=self.source,
                kind=kind,
                source_id=source_id,
                object_id=obj.pk,
                fingerprint=print_,
            )
        elif row.fingerprint != print_ or row.object_id != obj.pk:
            row.fingerprint, row.object_id, row.imported_at = print_, obj.pk, timezone.now()
            row.save(update_fields=["fingerprint", "object_id", "imported_at"])

    def _ref(self, kind: str, ref: str, line: Line, what: str) -> int:
        found = self.rows.get((kind, ref))
        if found is None:
            raise line.refuse(f"names the {what} {ref!r}, which the export does not hold")
        return found

    @staticmethod
    def _clean(obj: Model, line: Line, exclude: list[str] | None = None) -> None:
        try:
            obj.full_clean(exclude=exclude)
        except ValidationError as error:
            raise line.refuse("; ".join(error.messages)) from None

    def _upsert(self, kind, line, model, fields, find, label) -> Model:
        """The mapped row updated, else one of the same natural key reused, else a new one."""
        print_ = fingerprint(line.data)
        obj, unchanged = self._known(kind, line, model, print_)
        if unchanged:
            self.report.count(label, "unchanged")
        elif obj is None and (obj := find()) is not None:
            self.report.count(label, "matched")
        else:
            self.report.count(label, "created" if obj is None else "updated")
            obj = obj or model()
            for name, value in fields.items():
                setattr(obj, name, value)
            self._clean(obj, line)
            obj.save()
        self._map(kind, line.get("uri"), obj, print_)
        return obj

    # -- sections, tags ----------------------------------------------------------------

    def section(self, line: Line) -> None:
        fields = {
            "name": line.get("name"),
            "slug": line.get("slug"),
            "description": line.text("description"),
            "position": line.get("position", int, required=False) or 0,
            "comment_moderation": line.text("comment_moderation"),
        }
        slug, name = fields["slug"], fields["name"]
        self._upsert(
            Kind.CATEGORY,
            line,
            Section,
            fields,
            lambda: (
                Section.objects.filter(slug=slug).first()
                or Section.objects.filter(name=name).first()
            ),
            "sections",
        )

    def tag(self, line: Line) -> None:
        slug, name = line.get("slug"), line.get("name")
        self._upsert(
            Kind.TAG,
            line,
            Tag,
            {"name": name, "slug": slug},
            lambda: Tag.objects.filter(slug=slug).first() or Tag.objects.filter(name=name).first(),
            "tags",
        )

    # -- the library ---------------------------------------------------------------------

    def image(self, line: Line) -> None:
        print_ = fingerprint(line.data)
        image, unchanged = self._known(Kind.ATTACHMENT, line, Image, print_)
        number = line.get("number", int)
        if unchanged:
            self.report.count("images", "unchanged")
        else:
            self.report.count("images", "created" if image is None else "updated")
            image = self._store_image(line, image or Image())
        self.numbers[number] = image
        self._map(Kind.ATTACHMENT, line.get("uri"), image, print_)

    def _store_image(self, line: Line, image: Image) -> Image:
        path = ninjs.media_path(self.folder, line)
        data = path.read_bytes()
        if hashlib.sha256(data).hexdigest() != line.get("sha256"):
            raise line.refuse(f"the file {line.get('file')!r} is not the one exported")
        try:
            pixels.inspect(data)
        except pixels.ImageRejected as error:
            raise line.refuse(f"the file {line.get('file')!r}: {error}") from None
        for name in ("title", "caption", "credit", "rights_note"):
            setattr(image, name, line.text(name))
        image.alt_text = line.get("alt_text")
        image.source = line.get("source")
        image.rights_expire_at = line.time("rights_expire_at")
        image.focal_x = line.get("focal_x", (int, float))
        image.focal_y = line.get("focal_y", (int, float))
        image.keep_metadata = bool(line.get("keep_metadata", bool, required=False))
        image.uploaded_at = line.time("uploaded_at") or timezone.now()
        image.width, image.height = pixels.size_of(data)
        wanted = line.get("file").removeprefix(ninjs.MEDIA + "/")
        storage = Image._meta.get_field("file").storage
        if self.dry_run:
            image.file.name = f"dry-run/{wanted}"
            self._clean(image, line, exclude=["file"])  # no file to read its size from
            image.save()  # checked, neither stored nor rendered: the row rolls back
        else:
            same = image.pk is not None and _stored_digest(image) == line.get("sha256")
            if not same:
                image.file.name = storage.save(wanted, ContentFile(data))
                self.stored.append((None, image.file.name))
            self._clean(image, line)
            image_save(image=image, user=None, render=False)  # after the transaction
            self.stored.append((image.pk, ""))
        tags = line.get("tags", list, required=False) or []
        if not all(isinstance(t, str) for t in tags):
            raise line.refuse("'tags' holds something other than names")
        image.tags.set(ImageTag.objects.get_or_create(name=name)[0] for name in tags)
        return image

    # -- contributors ----------------------------------------------------------------

    def contributor(self, line: Line) -> None:
        public_id, slug = line.get("public_id"), line.get("slug")
        photo = line.get("photo", str, required=False)
        fields = {
            "display_name": line.get("display_name"),
            "slug": slug,
            "contact_email": line.text("contact_email"),
            "bio": line.text("bio"),
            "photo_id": self._ref(Kind.ATTACHMENT, photo, line, "image") if photo else None,
            "created_at": line.time("created_at") or timezone.now(),
        }
        print_ = fingerprint(line.data)
        found, unchanged = self._known(Kind.AUTHOR, line, Contributor, print_)
        if unchanged:
            self.report.count("contributors", "unchanged")
        elif found is None and (
            found := Contributor.objects.filter(public_id=public_id, slug=slug).first()
        ):
            self.report.count("contributors", "matched")
        else:
            self.report.count("contributors", "created" if found is None else "updated")
            contributor = found or Contributor(public_id=public_id)
            if found is None:
                self._take_public_id(contributor, line)
            for name, value in fields.items():
                setattr(contributor, name, value)
            self._clean(contributor, line)
            contributor.save()
            found = contributor
        self._map(Kind.AUTHOR, line.get("uri"), found, print_)

    def _take_public_id(self, contributor: Contributor, line: Line) -> None:
        """Keeps the exported public ID (and moves this site's counter past it, so it is never
        handed out again); one already used here gets a fresh ID, reported."""
        match = PUBLIC_ID.match(contributor.public_id)
        if not match:
            raise line.refuse(f"{contributor.public_id!r} is not a public ID (CP-YYYY-NNNN)")
        year, number = int(match.group(1)), int(match.group(2))
        if Contributor.objects.filter(public_id=contributor.public_id).exists():
            contributor.public_id = contributor_public_id_next(year=year)
            self.report.problem(
                line.where,
                f"public ID {match.group(0)} is taken here: given {contributor.public_id}",
            )
            return
        counter, _ = PublicIdCounter.objects.select_for_update().get_or_create(year=year)
        if counter.last_number < number:
            PublicIdCounter.objects.filter(pk=year).update(last_number=number)
        slug = line.get("slug")
        if Contributor.objects.filter(slug=slug).exists():
            raise line.refuse(f"the slug {slug!r} belongs to another contributor here")

    # -- articles ------------------------------------------------------------------------

    def article(self, item: Line | None, state: Line | None) -> None:
        if item is None or state is None:
            there = item or state
            assert there is not None  # noqa: S101 - zip_longest gives one of the two
            raise there.refuse(f"has no partner line in {ninjs.ARTICLES} / {ninjs.ARTICLE_STATES}")
        source_id = item.get("uri")
        if state.get("uri") != source_id:
            raise state.refuse(f"is about {state.get('uri')!r}, not {source_id!r} (line order)")
        print_ = fingerprint(item.data, state.data)
        article, unchanged = self._known(Kind.POST, item, Article, print_)
        if unchanged:
            self.report.count("articles", "unchanged")
            self.rows[(Kind.POST, source_id)] = article.pk
            return
        created = article is None
        article = article or Article()
        self._fill(article, item, state)
        self._clean(article, item)
        article.save()
        Article.objects.filter(pk=article.pk).update(modified_at=item.time("versioncreated"))
        Byline.objects.filter(article=article).delete()
        Byline.objects.bulk_create(
            Byline(
                article=article,
                contributor_id=self._ref(Kind.AUTHOR, ref, item, "contributor"),
                position=n,
            )
            for n, ref in enumerate(ninjs.refs(item.data, "people", "author", item))
        )
        article.tags.set(
            self._ref(Kind.TAG, ref, item, "tag")
            for ref in ninjs.refs(item.data, "subjects", "tag", item)
        )
        self._corrections(article, state, created)
        self._pin(article, state, created)
        self.report.count("articles", "created" if created else "updated")
        self._map(Kind.POST, source_id, article, print_)

    def _fill(self, article: Article, item: Line, state: Line) -> None:
        data = item.data
        if data.get("type") != "text":
            raise item.refuse(f"type {data.get('type')!r}: only text items are articles")
        status = state.get("status")
        if status not in Article.Status.values:
            raise state.refuse(
                f"status {status!r} is not one of {', '.join(Article.Status.values)}"
            )
        if data.get("pubstatus", "usable") != ninjs.PUBSTATUS[status]:
            raise item.refuse(f"pubstatus {data.get('pubstatus')!r} contradicts status {status!r}")
        headline = ninjs.values(data, "headlines", "main", item)
        if headline is None:
            raise item.refuse("no main headline")
        slug = item.get("slugline")
        if Article.objects.filter(slug=slug).exclude(pk=article.pk).exists():
            taken, n = slug, 2
            while Article.objects.filter(slug=f"{taken}-{n}").exists():
                n += 1
            slug = f"{taken}-{n}"
            self.report.problem(item.where, f"slug {taken!r} is taken here: given {slug!r}")
        sections = ninjs.refs(data, "subjects", "section", item)
        if len(sections) != 1:
            raise item.refuse("an article needs exactly one subject with rel 'section'")
        leads = ninjs.associated(data, ninjs.LEAD, item)
        article.headline = headline
        article.slug = slug
        article.summary = ninjs.values(data, "descriptions", "summary", item) or ""
        article.body = self._relink(
            sanitize_body(ninjs.values(data, "bodies", "main", item) or ""), item
        )
        article.section_id = self._ref(Kind.CATEGORY, sections[0], item, "section")
        article.lead_image_id = (
            self._ref(Kind.ATTACHMENT, leads[0], item, "image") if leads else None
        )
        article.lead_image_caption = state.text("lead_image_caption")
        article.status = status
        article.publish_at = state.time("publish_at")
        article.substantively_updated_at = state.time("substantively_updated_at")
        article.comments_open = bool(state.get("comments_open", bool))
        article.created_at = item.time("firstcreated") or timezone.now()
        version = item.get("version", str, required=False) or "0"
        if not version.isdigit():
            raise item.refuse(f"version {version!r} is not a whole number")
        article.version = int(version)

    def _relink(self, html: str, item: Line) -> str:
        """Body pictures pointed at the images this run made of the ones they named."""

        def one(match: re.Match) -> str:
            tag = match.group(0)
            found = body_images.refs(tag)
            number = found[0].image_id if found else None
            image = self.numbers.get(number) if number is not None else None
            if image is None:
                if number is not None:
                    self.report.problem(item.where, f"body picture {number} is not in the export")
                return tag
            src = htmllib.escape(markup.largest_jpeg(image, planned=True).url)
            tag = re.sub(r'\sdata-file="[^"]*"', f' data-file="{image.pk}"', tag)
            return re.sub(r'\ssrc="[^"]*"', f' src="{src}"', tag)

        return body_images.IMG.sub(one, html)

    def _corrections(self, article: Article, state: Line, created: bool) -> None:
        entries = state.get("corrections", list, required=False) or []
        if not created:
            article.corrections.all().delete()  # the export's list replaces ours
        for entry in entries:
            if not isinstance(entry, dict):
                raise state.refuse("a correction is not an object")
            part = Line(state.file, state.number, entry)
            correction = Correction(
                article=article,
                text=part.get("text"),
                created_at=part.time("created_at", required=True),
            )
            self._clean(correction, state)
            correction.save()
            self.report.count("corrections", "created")

    def _pin(self, article: Article, state: Line, created: bool) -> None:
        pin = state.get("must_read", dict, required=False)
        if pin is None:
            if not created:
                MustRead.objects.filter(article=article).delete()
            return
        part = Line(state.file, state.number, pin)
        row, made = must_read_pin(article=article, position=part.get("position", int))
        MustRead.objects.filter(pk=row.pk).update(
            position=part.get("position", int),
            expires_at=part.time("expires_at"),
            created_at=part.time("created_at") or row.created_at,
        )
        self.report.count("must-reads", "created" if made else "updated")

    # -- comments ------------------------------------------------------------------------

    def comment(self, line: Line) -> None:
        source_id = line.get("uri")
        print_ = fingerprint(line.data)
        existing, unchanged = self._known(Kind.COMMENT, line, Comment, print_)
        parent_ref = line.get("parent", str, required=False)
        if parent_ref:
            self.replies.add(source_id)
        if unchanged:
            self.rows[(Kind.COMMENT, source_id)] = existing.pk
            self.report.count("comments", "unchanged")
            return
        article_id = self._ref(Kind.POST, line.get("article"), line, "article")
        parent = None
        if parent_ref:
            if parent_ref in self.replies:
                raise line.refuse("a reply goes under a top-level comment, not under a reply")
            parent = Comment(pk=self._ref(Kind.COMMENT, parent_ref, line, "earlier comment"))
        status = line.get("status")
        if status not in Comment.Status.values:
            raise line.refuse(f"status {status!r} is not one of {', '.join(Comment.Status.values)}")
        if existing is not None:
            existing.delete()  # replaced by the export's version (its replies follow it)
        try:
            comment = comment_import(
                article=Article(pk=article_id),
                parent=parent,
                name=line.get("name"),
                email=line.text("email"),
                text=line.get("text"),
                status=status,
                created_at=line.time("created_at", required=True),
                held_reason=line.text("held_reason"),
            )
        except ValidationError as error:
            raise line.refuse("; ".join(error.messages)) from None
        # What comment_import does not take: the moderation record, and whether it was
        # posted there or brought from elsewhere (a long one stays marked, as the limit says).
        reports = line.get("reports", int, required=False) or 0
        Comment.objects.filter(pk=comment.pk).update(
            imported=bool(line.get("imported", bool, required=False))
            or len(comment.text) > MAX_LENGTH,
            needs_review=bool(line.get("needs_review", bool, required=False)),
            reports=max(reports, 0),
            edited_at=line.time("edited_at"),
            moderated_at=line.time("moderated_at"),
        )
        self.report.count("comments", "created" if existing is None else "updated")
        self._map(Kind.COMMENT, source_id, comment, print_)


def _stored_digest(image: Image) -> str:
    try:
        with image.file.storage.open(image.file.name, "rb") as stored:
            return hashlib.sha256(stored.read()).hexdigest()
    except (OSError, FileNotFoundError):
        return ""
