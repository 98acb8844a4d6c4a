"""What every import does the same way, whatever the source (docs/imports.md): the mapping
and its fingerprints, contributors matched by e-mail, sections and tags by slug or name, free
slugs, library images from the old site's files, bylines, articles checked and saved, and the
old addresses' redirects. ``BaseImporter`` holds it; wordpress.py and ghost.py read their
own source and hand its records to these methods.
"""

from __future__ import annotations

import hashlib
import html as htmllib
import json
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

import nh3
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Model
from django.utils import timezone
from django.utils.text import Truncator, slugify

from newsdesk.images import pixels
from newsdesk.images.models import Image
from newsdesk.images.services import image_create
from newsdesk.imports import bodies, redirects
from newsdesk.imports.models import ImportedAuthor, ImportedItem, Redirect
from newsdesk.imports.report import Report
from newsdesk.newsroom.models import Article, Byline, Contributor, Section, Tag
from newsdesk.newsroom.services import contributor_create

Kind = ImportedItem.Kind
VERSION = "1"  # part of every fingerprint: a new version of the conversion updates all
FALLBACK_SECTION = ("Uncategorized", "uncategorized")
NO_ALT_TAG = "alt text needed"


def fingerprint(record) -> str:
    data = json.dumps(asdict(record), sort_keys=True, default=str)
    return hashlib.sha256(f"{VERSION}:{data}".encode()).hexdigest()


def plain(html: str) -> str:
    """Text without tags or entities (excerpts, titles, comments)."""
    return htmllib.unescape(nh3.clean(html or "", tags=set())).strip()


def valid_email(value: str) -> bool:
    try:
        validate_email(value)
    except ValidationError:
        return False
    return bool(value)


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


class Mapped(NamedTuple):
    """An ImportedItem as a run keeps it in memory: its id, our row's id, the fingerprint."""

    pk: int
    object_id: int
    fingerprint: str


class BaseImporter:
    """A run's memory (the source's ids mapped to our rows) and the writes every source
    shares. A subclass sets ``source`` and calls ``load_mapping`` before anything else."""

    image_tag = "Import"  # the library tag of the images a source brings

    def __init__(self, *, media_dir: Path | None, report: Report, dry_run: bool) -> None:
        self.media_dir = media_dir.resolve() if media_dir else None
        self.report = report
        self.dry_run = dry_run
        self.zone = timezone.get_current_timezone()
        self.source = ""
        # Compact rows, not model instances: a 20,000-post site maps 150,000 items or more.
        self.mapped: dict[tuple[str, str], Mapped] = {}
        self.authors: dict[str, Contributor] = {}
        self.sections: dict[str, Section] = {}
        self.tags: dict[str, Tag] = {}
        self.planned: dict[str, Planned] = {}
        self.slugs_taken: set[str] = set()
        self.context = bodies.Context()
        # originals written this run, removed on failure
        self.stored_files: list[tuple[int, str]] = []

    # -- the mapping -------------------------------------------------------------------

    def load_mapping(self) -> None:
        """This source's mapping and the slugs other articles hold (two queries)."""
        rows = ImportedItem.objects.filter(source=self.source).values_list(
            "kind", "source_id", "pk", "object_id", "fingerprint"
        )
        for kind, source_id, *row in rows.iterator(chunk_size=5000):
            self.mapped[(kind, source_id)] = Mapped(*row)
        known = {row.object_id for (kind, _s), row in self.mapped.items() if kind == Kind.POST}
        self.slugs_taken = set(Article.objects.exclude(pk__in=known).values_list("slug", flat=True))

    def _map(self, kind: str, source_id: str, obj: Model, record=None) -> str:
        """Records (or updates) the mapping; "created", "updated" or "unchanged"."""
        print_ = fingerprint(record) if record is not None else ""
        row = self.mapped.get((kind, source_id))
        if row is None:
            made = ImportedItem.objects.create(
                source=self.source,
                kind=kind,
                source_id=source_id,
                object_id=obj.pk,
                fingerprint=print_,
            )
            self.mapped[(kind, source_id)] = Mapped(made.pk, obj.pk, print_)
            return "created"
        if row.fingerprint == print_ and row.object_id == obj.pk:
            return "unchanged"
        ImportedItem.objects.filter(pk=row.pk).update(
            fingerprint=print_, object_id=obj.pk, imported_at=timezone.now()
        )
        self.mapped[(kind, source_id)] = Mapped(row.pk, obj.pk, print_)
        return "updated"

    def unchanged(self, kind: str, record) -> bool:
        row = self.mapped.get((kind, getattr(record, "source_id", "")))
        return row is not None and row.fingerprint == fingerprint(record)

    def mapped_article(self, source_id: str) -> Article | None:
        row = self.mapped.get((Kind.POST, source_id))
        return Article.objects.filter(pk=row.object_id).first() if row else None

    def free_slug(self, model: type[Model], wanted: str, taken: set[str] | None = None) -> str:
        base = (slugify(wanted) or model.__name__.lower())[:100]
        slug, n = base, 1
        while (slug in taken) if taken is not None else model.objects.filter(slug=slug).exists():
            n += 1
            slug = f"{base}-{n}"
        return slug

    def article_slug(self, article: Article | None, wanted: str) -> str:
        """The article's own slug, or a free one for a new article (no query)."""
        if article is not None:
            return article.slug
        slug = self.free_slug(Article, wanted or "article", self.slugs_taken)
        self.slugs_taken.add(slug)
        return slug

    # -- contributors ------------------------------------------------------------------

    def contributor_for(
        self, *, login: str, email: str, display_name: str, bio: str = ""
    ) -> Contributor:
        """The contributor of a source author: the one imported before, else the one whose
        staff user has this e-mail, else a new one. Two to four queries."""
        known = ImportedAuthor.objects.filter(source=self.source, login=login)
        found = known.select_related("contributor").first()
        if found is not None:
            self.authors[login] = found.contributor
            self.report.count("contributors", "unchanged")
            return found.contributor
        contributor = None
        if email:
            contributor = Contributor.objects.filter(user__email__iexact=email).first()
        if contributor is not None:
            self.report.count("contributors", "matched")
        else:
            contributor = contributor_create(
                display_name=Truncator(display_name or login).chars(120),
                slug=self.free_slug(Contributor, login),
                bio=bio,
            )
            self.report.count("contributors", "created")
        ImportedAuthor.objects.create(
            source=self.source,
            login=login,
            email=email if valid_email(email) else "",
            contributor=contributor,
        )
        self.authors[login] = contributor
        self.redirect(f"/author/{slugify(login)}/", contributor.get_absolute_url())
        return contributor

    def bylines_set(self, article: Article, contributors: list[Contributor]) -> None:
        """The article's bylines in this order; no write when they already are."""
        contributors = list(dict.fromkeys(contributors))
        if [b.contributor_id for b in article.bylines.all()] == [c.pk for c in contributors]:
            return
        Byline.objects.filter(article=article).delete()
        Byline.objects.bulk_create(
            Byline(article=article, contributor=c, position=i) for i, c in enumerate(contributors)
        )

    # -- sections and tags -------------------------------------------------------------

    def section_for(self, key: str, slug: str, name: str) -> Section:
        """The section of a source term: mapped before, else one of that slug or name, else
        new. ``key`` names the term in the mapping. Up to four queries, once per run."""
        return self._term(Section, Kind.CATEGORY, self.sections, key, slug, name)

    def fallback_section(self) -> Section:
        return self.section_for(FALLBACK_SECTION[1], FALLBACK_SECTION[1], FALLBACK_SECTION[0])

    def tag_for(self, key: str, slug: str, name: str) -> Tag:
        """Like ``section_for``, for a tag."""
        return self._term(Tag, Kind.TAG, self.tags, key, slug, name)

    def _term(self, model, kind: str, known: dict, key: str, slug: str, name: str):
        if key in known:
            return known[key]
        row = self.mapped.get((kind, key))
        found = model.objects.filter(pk=row.object_id).first() if row else None
        name = htmllib.unescape(name or slug)[:80]
        if found is None:
            found = (
                model.objects.filter(slug=slug[:80]).first()
                or model.objects.filter(name=name).first()
            )
        if found is None:
            found = model(name=name, slug=self.free_slug(model, slug))
            found.full_clean()
            found.save()
            self.report.count("sections" if model is Section else "tags", "created")
        self._map(kind, key, found)
        known[key] = found
        return found

    def term_redirect(self, old: str, obj: Section | Tag, feed: str) -> None:
        """A term's old page and its feed (``old + feed``) to the section's or tag's."""
        self.redirect(old, obj.get_absolute_url())
        kind = "section" if isinstance(obj, Section) else "tag"
        self.redirect(old + feed, f"/feeds/{kind}/{obj.slug}/rss/")

    # -- images ------------------------------------------------------------------------

    def library_image(
        self, *, source_id: str, relative: str, where: str, alt: str, fields: dict[str, str]
    ) -> Image | None:
        """The library image of a file at ``media_dir / relative``: imported before, else
        checked and stored (only checked in a dry run); None, reported, when it cannot be.
        ``fields`` are the image's title, caption and credit. A few queries, once per file."""
        row = self.mapped.get((Kind.ATTACHMENT, source_id))
        if row is not None:
            image = Image.objects.filter(pk=row.object_id).first()
            if image is not None:
                self.report.count("images", "unchanged")
                return image
        if self.media_dir is None:
            return self._no_image(where, "no --media-dir given: not imported", "missing")
        file = (self.media_dir / relative).resolve()
        if not file.is_relative_to(self.media_dir):
            return self._no_image(where, f"{relative} lies outside --media-dir: refused")
        if not file.is_file():
            return self._no_image(where, f"file {relative} not found in --media-dir", "missing")
        data = file.read_bytes()
        try:
            found = pixels.inspect(data)
        except pixels.ImageRejected as error:
            return self._no_image(where, f"{relative}: {error}")
        fields = {
            "title": Truncator(fields.get("title", "")).chars(200),
            "caption": Truncator(fields.get("caption", "")).chars(300),
            "credit": Truncator(fields.get("credit", "")).chars(120),
        }
        tags = [self.image_tag] if alt else [self.image_tag, NO_ALT_TAG]
        if not alt:
            stand_in = next((k for k in ("title", "caption") if fields[k]), "file name")
            self.report.problem(
                where, f"no alt text: the {stand_in} stands in (tagged '{NO_ALT_TAG}')"
            )
        alt = alt or fields["title"] or fields["caption"] or Path(relative).stem
        alt = Truncator(alt).chars(250)
        if self.dry_run:
            # Checked like an upload, but neither stored nor rendered: the row rolls back.
            image = Image(alt_text=alt, width=found.width, height=found.height, **fields)
            image.file.name = f"dry-run/{Path(relative).name}"
            image.save()
        else:
            # Renditions after the run's transaction (services.renditions_after): the
            # database is not held while 22 pictures an image are encoded.
            image = image_create(
                data=data, filename=relative, alt_text=alt, tags=tags, render=False, **fields
            )
            self.stored_files.append((image.pk, image.file.name))
        self._map(Kind.ATTACHMENT, source_id, image)
        self.report.count("images", "created")
        return image

    def _no_image(self, where: str, what: str, outcome: str = "refused") -> None:
        self.report.problem(where, what)
        self.report.count("images", outcome)

    # -- articles ----------------------------------------------------------------------

    def headline_and_summary(self, article: Article, title: str, excerpt: str, problem) -> None:
        headline = plain(title) or "(untitled)"
        if len(headline) > 200:
            problem("headline over 200 characters, shortened")
        article.headline = Truncator(headline).chars(200)
        summary = plain(excerpt)
        if len(summary) > 400:
            problem("excerpt over 400 characters, shortened for the summary")
        article.summary = Truncator(summary).chars(400)

    def article_store(self, article: Article, where: str, modified: datetime | None) -> bool:
        """Checks and saves a filled article, with the source's modified time; False, and
        reported, when the model refuses it. Two or three queries."""
        try:
            article.full_clean()
        except ValidationError as error:
            self.report.problem(where, f"not imported: {'; '.join(error.messages)}")
            self.report.count("articles", "refused")
            return False
        article.save()
        if modified is not None:
            Article.objects.filter(pk=article.pk).update(modified_at=modified)
        return True

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
