"""A WordPress export (WXR 1.0 to 1.2) read as a stream of records, one channel child at a
time, each dropped once handed on: memory stays flat whatever the file's size.

The parser is defusedxml's: a file that declares entities (entity expansion) or refers to
anything outside itself is refused before a byte is expanded or fetched (HostileExport); a
file that is not well-formed XML is refused with its line, column and reason
(MalformedExport).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError
from xml.parsers import expat

from defusedxml import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import iterparse

from newsdesk.imports.errors import HostileExport, MalformedExport

VERSIONS = {"1.0", "1.1", "1.2"}
_NAMESPACES = [
    (re.compile(r"^http://wordpress\.org/export/1\.\d/excerpt/$"), "excerpt"),
    (re.compile(r"^http://wordpress\.org/export/1\.\d/$"), "wp"),
    (re.compile(r"^http://purl\.org/rss/1\.0/modules/content/$"), "content"),
    (re.compile(r"^http://purl\.org/dc/elements/1\.1/$"), "dc"),
]
NO_DATE = "0000-00-00 00:00:00"


@dataclass
class Site:
    """The channel's own facts, handed on before any item."""

    title: str = ""
    link: str = ""
    base_url: str = ""
    version: str = ""


@dataclass
class Author:
    login: str
    email: str = ""
    display_name: str = ""
    source_id: str = ""


@dataclass
class Term:
    kind: str  # "category" or "post_tag"
    slug: str
    name: str
    parent: str = ""  # the parent's slug (categories)
    source_id: str = ""


@dataclass
class Comment:
    source_id: str
    parent_id: str
    author: str
    email: str
    date_gmt: str
    date: str
    content: str
    approved: str
    type: str


@dataclass
class Item:
    source_id: str
    post_type: str
    status: str
    title: str = ""
    slug: str = ""
    link: str = ""
    guid: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    date: str = ""
    date_gmt: str = ""
    modified: str = ""
    modified_gmt: str = ""
    comment_status: str = "open"
    sticky: bool = False
    parent_id: str = ""
    attachment_url: str = ""
    terms: list[tuple[str, str, str]] = field(default_factory=list)  # (domain, slug, name)
    meta: dict[str, str] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)


Record = Site | Author | Term | Item


def _name(tag: str) -> str:
    """``{uri}local`` as ``prefix:local`` for the namespaces an export uses."""
    if not tag.startswith("{"):
        return tag
    uri, _, local = tag[1:].partition("}")
    for pattern, prefix in _NAMESPACES:
        if pattern.match(uri):
            return f"{prefix}:{local}"
    return local


def _fields(element: Element) -> dict[str, str]:
    return {_name(child.tag): (child.text or "").strip() for child in element}


def _raw(element: Element, name: str) -> str:
    """A child's text as written (bodies keep their line breaks)."""
    for child in element:
        if _name(child.tag) == name:
            return child.text or ""
    return ""


def read(path: str | Path) -> Iterator[Record]:
    """The export's records in file order: the Site first (once its header is read), then
    authors, terms and items as they come. Raises HostileExport or MalformedExport."""
    name = Path(path).name
    try:
        yield from _records(path, name)
    except EntitiesForbidden as error:
        kind = "an external entity" if error.sysid or error.pubid else "an entity"
        raise HostileExport(
            f"{name} declares {kind} ({error.name!r}): entity declarations are refused, "
            "so no entity is expanded and nothing outside the file is read. A WordPress "
            "export never declares one; export the site again."
        ) from error
    except ExternalReferenceForbidden as error:
        raise HostileExport(
            f"{name} refers to something outside itself ({error.sysid or error.pubid}): "
            "refused, nothing was fetched."
        ) from error
    except DefusedXmlException as error:
        raise HostileExport(f"{name} was refused by the hardened XML parser: {error}") from error
    except ParseError as error:
        line, column = error.position
        reason = expat.ErrorString(error.code) if error.code else str(error)
        raise MalformedExport(
            f"{name} is not well-formed XML: line {line}, column {column + 1}: {reason}."
        ) from error


def _records(path: str | Path, name: str) -> Iterator[Record]:
    depth = 0
    channel: Element | None = None
    site = Site()
    site_sent = False
    for event, element in iterparse(
        str(path), events=("start", "end"), forbid_dtd=False, forbid_entities=True
    ):
        if event == "start":
            depth += 1
            if depth == 1 and _name(element.tag) != "rss":
                raise MalformedExport(f"{name} is not a WordPress export (no <rss> at its top).")
            if depth == 2 and _name(element.tag) == "channel":
                channel = element
            continue
        depth -= 1
        if depth != 2 or channel is None:
            continue
        tag = _name(element.tag)
        record: Record | None = None
        if tag == "item":
            if not site_sent:
                _check_site(site, name)
                yield site
                site_sent = True
            record = _item(element)
        elif tag == "wp:author":
            record = _author(element)
        elif tag in {"wp:category", "wp:tag", "wp:term"}:
            record = _term(tag, element)
        elif tag == "title":
            site.title = (element.text or "").strip()
        elif tag == "link":
            site.link = (element.text or "").strip()
        elif tag == "wp:base_blog_url":
            site.base_url = (element.text or "").strip()
        elif tag == "wp:base_site_url" and not site.base_url:
            site.base_url = (element.text or "").strip()
        elif tag == "wp:wxr_version":
            site.version = (element.text or "").strip()
        channel.remove(element)
        if record is not None:
            yield record
    if channel is None:
        raise MalformedExport(f"{name} is not a WordPress export (no <channel>).")
    if not site_sent:
        _check_site(site, name)
        yield site


def _check_site(site: Site, name: str) -> None:
    if site.version not in VERSIONS:
        raise MalformedExport(
            f"{name} is not a WordPress export this importer reads (WXR version "
            f"{site.version or 'missing'}; 1.0 to 1.2 are read)."
        )


def _author(element: Element) -> Author:
    data = _fields(element)
    return Author(
        login=data.get("wp:author_login", ""),
        email=data.get("wp:author_email", ""),
        display_name=data.get("wp:author_display_name", ""),
        source_id=data.get("wp:author_id", ""),
    )


def _term(tag: str, element: Element) -> Term | None:
    data = _fields(element)
    if tag == "wp:category":
        return Term(
            "category",
            data.get("wp:category_nicename", ""),
            data.get("wp:cat_name", ""),
            data.get("wp:category_parent", ""),
            data.get("wp:term_id", ""),
        )
    if tag == "wp:tag":
        return Term(
            "post_tag",
            data.get("wp:tag_slug", ""),
            data.get("wp:tag_name", ""),
            "",
            data.get("wp:term_id", ""),
        )
    if data.get("wp:term_taxonomy") in {"category", "post_tag"}:
        # WXR 1.2 lists some terms again as wp:term; the importer takes the first of each slug.
        return Term(
            data["wp:term_taxonomy"],
            data.get("wp:term_slug", ""),
            data.get("wp:term_name", ""),
            data.get("wp:term_parent", ""),
            data.get("wp:term_id", ""),
        )
    return None


def _item(element: Element) -> Item:
    data = _fields(element)
    item = Item(
        source_id=data.get("wp:post_id", ""),
        post_type=data.get("wp:post_type", "post"),
        status=data.get("wp:status", ""),
        title=data.get("title", ""),
        slug=data.get("wp:post_name", ""),
        link=data.get("link", ""),
        guid=data.get("guid", ""),
        creator=data.get("dc:creator", ""),
        content=_raw(element, "content:encoded"),
        excerpt=data.get("excerpt:encoded", ""),
        date=data.get("wp:post_date", ""),
        date_gmt=data.get("wp:post_date_gmt", ""),
        modified=data.get("wp:post_modified", ""),
        modified_gmt=data.get("wp:post_modified_gmt", ""),
        comment_status=data.get("wp:comment_status", "open"),
        sticky=data.get("wp:is_sticky", "0") == "1",
        parent_id=data.get("wp:post_parent", "0"),
        attachment_url=data.get("wp:attachment_url", ""),
    )
    for child in element:
        tag = _name(child.tag)
        if tag == "category":
            domain = child.get("domain", "category")
            item.terms.append((domain, child.get("nicename", ""), (child.text or "").strip()))
        elif tag == "wp:postmeta":
            meta = _fields(child)
            item.meta.setdefault(meta.get("wp:meta_key", ""), _raw(child, "wp:meta_value"))
        elif tag == "wp:comment":
            c = _fields(child)
            item.comments.append(
                Comment(
                    source_id=c.get("wp:comment_id", ""),
                    parent_id=c.get("wp:comment_parent", "0"),
                    author=c.get("wp:comment_author", ""),
                    email=c.get("wp:comment_author_email", ""),
                    date_gmt=c.get("wp:comment_date_gmt", ""),
                    date=c.get("wp:comment_date", ""),
                    content=_raw(child, "wp:comment_content"),
                    approved=c.get("wp:comment_approved", "1"),
                    type=c.get("wp:comment_type", ""),
                )
            )
    return item


def when(local: str, gmt: str, *, zone) -> datetime | None:
    """An export's time: its GMT form when it has one, else its local form in ``zone``
    (the newsroom's time zone: WXR does not say the old site's). None for no time."""
    from datetime import UTC

    for value, tz in ((gmt, UTC), (local, zone)):
        if value and value != NO_DATE:
            try:
                return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=tz)
            except ValueError:
                continue
    return None
