"""A Ghost export (the JSON file of Settings > Advanced > Export, Ghost 2 to 5) read into
records: users, posts with their tags and authors in order, and what the export says about
the site (docs/imports.md, "Ghost").

Ghost writes one JSON document, so the file is read whole: memory holds the text and the
parsed rows while the records are made (measured: a 110 MB export of 20,000 posts peaked at
350 MB, about three times the file's size; small rows cost more per byte). A file that is
not JSON is refused with its line, column and reason, and one that is JSON but no Ghost
export with what is missing (MalformedExport).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from newsdesk.imports.errors import MalformedExport

VERSIONS = range(2, 6)  # the majors whose exports this reader knows
VERSION = re.compile(r"^(\d+)\.\d+")


@dataclass
class User:
    source_id: str
    slug: str
    name: str
    email: str = ""
    bio: str = ""


@dataclass
class Post:
    """A post or page with what it links to, resolved: its public tags and its authors
    (user ids) in their order. The whole record is its fingerprint."""

    source_id: str
    type: str
    status: str
    title: str = ""
    slug: str = ""
    html: str = ""
    lexical: str = ""
    mobiledoc: str = ""
    excerpt: str = ""
    visibility: str = "public"
    featured: bool = False
    feature_image: str = ""
    feature_image_alt: str = ""
    feature_image_caption: str = ""
    created_at: str = ""
    updated_at: str = ""
    published_at: str = ""
    tags: list[tuple[str, str, str]] = field(default_factory=list)  # (id, slug, name)
    authors: list[str] = field(default_factory=list)


@dataclass
class Export:
    version: str
    site: dict[str, str]  # the settings rows that say which site this is (title, db_hash)
    users: dict[str, User]
    posts: list[Post]
    internal_tags: int = 0  # "#name" tags (Ghost's own), left out
    comments: int = 0  # rows of Ghost's members' comments, not imported


def read(path: str | Path) -> Export:
    """The export's records; raises MalformedExport for a file that is not JSON or not a
    Ghost 2 to 5 export. Reads the whole file into memory (see the module's note)."""
    path = Path(path)
    raw = path.read_bytes()
    try:
        document = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise MalformedExport(
            f"{path.name} is not UTF-8 text: byte {error.start + 1} cannot be read."
        ) from None
    except json.JSONDecodeError as error:
        raise MalformedExport(
            f"{path.name} is not valid JSON: line {error.lineno}, column {error.colno}: "
            f"{error.msg[0].lower()}{error.msg[1:]}."
        ) from None
    except RecursionError:
        raise MalformedExport(f"{path.name} is nested too deeply to be an export.") from None
    del raw
    meta, data = _parts(document, path.name)
    return _records(meta, data, path.name)


def _parts(document, name: str) -> tuple[dict, dict]:
    """The ``meta`` and ``data`` objects, bare or inside ``{"db": [...]}``."""
    if isinstance(document, dict) and isinstance(document.get("db"), list) and document["db"]:
        document = document["db"][0]
    if not isinstance(document, dict):
        raise MalformedExport(f"{name} is not a Ghost export: no object at its top.")
    meta, data = document.get("meta"), document.get("data")
    if not isinstance(meta, dict) or not isinstance(data, dict):
        raise MalformedExport(f'{name} is not a Ghost export: no "meta" and "data" in it.')
    version = str(meta.get("version") or "")
    found = VERSION.match(version)
    if not found:
        raise MalformedExport(f"{name} is not a Ghost export: no Ghost version in its meta.")
    if int(found.group(1)) not in VERSIONS:
        raise MalformedExport(
            f"{name} is a Ghost {version} export: only Ghost 2 to 5 exports are read "
            "(import it into a newer Ghost and export it again)."
        )
    if not isinstance(data.get("posts"), list):
        raise MalformedExport(f"{name} is not a Ghost export: no list of posts in its data.")
    return meta, data


def _rows(data: dict, table: str) -> list[dict]:
    rows = data.get(table)
    return [row for row in rows if isinstance(row, dict)] if isinstance(rows, list) else []


def _text(row: dict, key: str) -> str:
    value = row.get(key)
    if value is None or isinstance(value, dict | list):
        return ""
    return str(value)


def _order(row: dict) -> int:
    value = row.get("sort_order")
    return value if isinstance(value, int) else 0


def _records(meta: dict, data: dict, name: str) -> Export:
    users = {
        _text(u, "id"): User(
            source_id=_text(u, "id"),
            slug=_text(u, "slug") or _text(u, "id"),
            name=_text(u, "name"),
            email=_text(u, "email"),
            bio=_text(u, "bio"),
        )
        for u in _rows(data, "users")
        if _text(u, "id")
    }
    tags, internal = {}, set()
    for tag in _rows(data, "tags"):
        tag_id, tag_name = _text(tag, "id"), _text(tag, "name")
        if tag_name.startswith("#") or tag.get("visibility") == "internal":
            internal.add(tag_id)
        elif tag_id:
            tags[tag_id] = (tag_id, _text(tag, "slug") or tag_id, tag_name)
    post_tags: dict[str, list[tuple[int, str]]] = {}
    for row in _rows(data, "posts_tags"):
        post_tags.setdefault(_text(row, "post_id"), []).append((_order(row), _text(row, "tag_id")))
    post_authors: dict[str, list[tuple[int, str]]] = {}
    for row in _rows(data, "posts_authors"):
        post_authors.setdefault(_text(row, "post_id"), []).append(
            (_order(row), _text(row, "author_id"))
        )
    metas = {_text(row, "post_id"): row for row in _rows(data, "posts_meta")}
    posts = []
    for row in _rows(data, "posts"):
        post_id = _text(row, "id")
        extra = metas.get(post_id, {})
        authors = [a for _o, a in sorted(post_authors.get(post_id, []), key=lambda p: p[0])]
        if not authors and _text(row, "author_id"):
            authors = [_text(row, "author_id")]  # exports before multiple authors
        kind = _text(row, "type") or ("page" if row.get("page") is True else "post")
        ordered = sorted(post_tags.get(post_id, []), key=lambda p: p[0])
        posts.append(
            Post(
                source_id=post_id,
                type=kind,
                status=_text(row, "status"),
                title=_text(row, "title"),
                slug=_text(row, "slug"),
                html=_text(row, "html"),
                lexical=_text(row, "lexical"),
                mobiledoc=_text(row, "mobiledoc"),
                excerpt=_text(row, "custom_excerpt"),
                visibility=_text(row, "visibility") or "public",
                featured=row.get("featured") is True or row.get("featured") == 1,
                feature_image=_text(row, "feature_image"),
                feature_image_alt=_text(extra, "feature_image_alt"),
                feature_image_caption=_text(extra, "feature_image_caption"),
                created_at=_text(row, "created_at"),
                updated_at=_text(row, "updated_at"),
                published_at=_text(row, "published_at"),
                tags=[tags[t] for _o, t in ordered if t in tags],
                authors=list(dict.fromkeys(a for a in authors if a)),
            )
        )
    site = {
        _text(s, "key"): _text(s, "value")
        for s in _rows(data, "settings")
        if _text(s, "key") in {"title", "db_hash"}
    }
    return Export(
        version=str(meta.get("version")),
        site=site,
        users=users,
        posts=posts,
        internal_tags=len(internal),
        comments=len(_rows(data, "comments")),
    )


def when(value: str) -> datetime | None:
    """A Ghost time (ISO 8601, UTC when it names no zone; or milliseconds since 1970, as
    the oldest exports wrote it); None when absent or unreadable."""
    value = (value or "").strip()
    if not value:
        return None
    if value.isdigit():
        return datetime.fromtimestamp(int(value) / 1000, tz=UTC)
    try:
        found = datetime.fromisoformat(value)
    except ValueError:
        return None
    return found if found.tzinfo else found.replace(tzinfo=UTC)
