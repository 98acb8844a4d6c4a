"""``wordpress_import``, ``ghost_import``: one export file, one transaction (docs/imports.md,
"Safe and repeatable"); ``redirect_keep``: a moved article's old address kept (docs/imports.md, "Old
links")."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from django.db import transaction

from newsdesk.images import renditions
from newsdesk.images.models import Image
from newsdesk.images.services import renditions_make
from newsdesk.imports import ghostjson, redirects, wxr
from newsdesk.imports.common import BaseImporter
from newsdesk.imports.ghost import Importer as GhostImporter
from newsdesk.imports.models import Redirect
from newsdesk.imports.report import Report
from newsdesk.imports.wordpress import Importer
from newsdesk.pagecache.services import purges_gathered

Progress = Callable[[str, int | None], Callable[[], None]]


def _no_progress(_label: str, _total: int | None) -> Callable[[], None]:
    return lambda: None


def wordpress_import(
    *,
    path: str | Path,
    media_dir: str | Path | None = None,
    dry_run: bool = False,
    progress: Progress = _no_progress,
) -> Report:
    """Brings a WXR file's authors, terms, attachments, posts and comments across, with a
    redirect for each old address. All or nothing: one transaction, rolled back on any
    error (files stored meanwhile are removed) and always for ``dry_run``. A second run of
    the same file writes nothing. Raises ExportRefused for a hostile or malformed file.

    Queries: a few per author, term and attachment; per post about ten, plus two per
    comment, when the post is new or changed; one per post when unchanged (its plan).
    """
    report = Report(dry_run=dry_run)
    importer = Importer(
        media_dir=Path(media_dir) if media_dir else None, report=report, dry_run=dry_run
    )

    def work() -> None:
        posts = _first_pass(importer, path, progress)
        _second_pass(importer, path, progress, posts)
        importer.term_redirects()
        importer.site_redirects()

    _all_or_nothing(importer, work, dry_run=dry_run, progress=progress)
    return report


def ghost_import(
    *,
    path: str | Path,
    media_dir: str | Path | None = None,
    site_url: str = "",
    dry_run: bool = False,
    progress: Progress = _no_progress,
) -> Report:
    """Brings a Ghost export's posts, users, tags and pictures across, with a redirect for
    each old address; pictures from ``media_dir``, else a ``content/images`` folder beside
    the file. The same guarantees as ``wordpress_import`` (one transaction, dry run, a
    second run writes nothing). Raises ExportRefused for a file that is no Ghost export.

    Queries: a few per user, tag and picture; about ten per new or changed post; one per
    post when unchanged (its plan).
    """
    export = ghostjson.read(path)  # refused before anything is written
    beside = Path(path).parent / "content" / "images"
    folder = Path(media_dir) if media_dir else (beside if beside.is_dir() else None)
    report = Report(dry_run=dry_run)
    importer = GhostImporter(media_dir=folder, report=report, dry_run=dry_run, site_url=site_url)

    def work() -> None:
        importer.begin(export)
        tick = progress("Planning", len(export.posts))
        for post in export.posts:
            importer.plan(post)
            tick()
        tick = progress("Posts", len(export.posts))
        for post in export.posts:
            importer.post(post)
            tick()
        importer.term_redirects()
        importer.site_redirects()

    _all_or_nothing(importer, work, dry_run=dry_run, progress=progress)
    return report


def _all_or_nothing(
    importer: BaseImporter, work: Callable[[], None], *, dry_run: bool, progress: Progress
) -> None:
    """``work`` in one transaction, rolled back on any error (the files it stored removed)
    and always for a dry run; then the renditions of the images it stored."""
    try:
        with transaction.atomic(), purges_gathered():
            work()
            if dry_run:
                transaction.set_rollback(True)
    except BaseException:
        _remove_files(importer.stored_files)
        raise
    if not dry_run:
        renditions_after([pk for pk, _name in importer.stored_files], importer.report, progress)


def renditions_after(image_ids: list[int], report: Report, progress: Progress) -> None:
    """The renditions of a run's new images, made once its transaction has committed, so the
    database is not held meanwhile (on SQLite: the write lock) and a rendition never outlives
    a rolled-back row. Until an image's are made, pages show its original. A failure is a
    report line; `newsdesk renditions` makes whatever is missing."""
    if not image_ids:
        return
    for image_id, reason in renditions_make(image_ids, progress("Renditions", len(image_ids))):
        report.problem(
            f"image {image_id}", f"renditions not made ({reason}); run `newsdesk renditions`"
        )


def _first_pass(importer: Importer, path, progress: Progress) -> int:
    """Authors, terms, attachments (into the library) and every post's new address."""
    tick = progress("Reading", None)
    posts = 0
    for record in wxr.read(path):
        if isinstance(record, wxr.Site):
            importer.begin(record)
        elif isinstance(record, wxr.Author):
            importer.author(record)
        elif isinstance(record, wxr.Term):
            importer.term(record)
        elif record.post_type == "attachment":
            importer.attachment(record)
        elif record.post_type == "guest-author":
            importer.guest(record)
        elif record.post_type == "post":
            importer.plan(record)
            posts += 1
        tick()
    return posts


def _second_pass(importer: Importer, path, progress: Progress, posts: int) -> None:
    tick = progress("Posts", posts)
    for record in wxr.read(path):
        if isinstance(record, wxr.Item):
            if record.post_type == "post":
                importer.post(record)
                tick()
            elif record.post_type not in {"attachment", "guest-author"}:
                importer.report.count("other items", f"skipped ({record.post_type})")


def _remove_files(stored: list[tuple[int, str]]) -> None:
    """Originals and renditions stored by a run that was rolled back: the rows are gone."""
    storage = Image._meta.get_field("file").storage
    for image_id, name in stored:
        renditions.delete_all(storage, image_id)
        storage.delete(name)


def redirect_keep(old_path: str, new_path: str) -> None:
    """A live article moved from ``old_path`` to ``new_path`` (newsroom.services.address_moved):
    the old address answers 301 with the new one, redirects that led to the old one lead
    straight to the new one, and a redirect away from the new address (an article moving back
    to where it was) is removed, so no address redirects to itself. Three to four queries."""
    old = redirects.normalize(old_path)
    new = redirects.normalize(new_path)
    if not old or not new or old == new or redirects.reserved(old):
        return
    Redirect.objects.filter(old_path=new).delete()
    Redirect.objects.filter(new_path=old).update(new_path=new)
    Redirect.objects.update_or_create(
        old_path=old, defaults={"new_path": new, "note": "The article moved (a new slug or date)"}
    )  # its save signal makes this process forget what it kept (imports.signal_handlers)
