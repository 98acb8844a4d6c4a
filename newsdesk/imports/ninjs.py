"""The open export's format (docs/imports.md, "Leaving: the open export"): file names, the
ninjs 2.x object of an article, identifiers, times, and reading the JSON Lines files back
with a sentence for every line that is not what the format says. No query here.
"""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsdesk.imports.errors import HostileExport, MalformedExport

FORMAT = "newsdesk-export"
VERSION = 1  # of our layout and side files; an importer refuses any other
NINJS_VERSION = "2.1"
NINJS_SCHEMA = "http://www.iptc.org/std/ninjs/ninjs-schema_2.1.json"

MANIFEST = "manifest.json"
SECTIONS = "sections.jsonl"
TAGS = "tags.jsonl"
IMAGES = "images.jsonl"
CONTRIBUTORS = "contributors.jsonl"
ARTICLES = "articles.ninjs.jsonl"  # ninjs 2.x, one news item a line
ARTICLE_STATES = "articles.jsonl"  # what ninjs has no place for, line for line with ARTICLES
COMMENTS = "comments.jsonl"
MEDIA = "media"
FILES = [SECTIONS, TAGS, IMAGES, CONTRIBUTORS, ARTICLES, ARTICLE_STATES, COMMENTS]

# pubstatus says whether a reader may have the item; the side file keeps the exact state.
PUBSTATUS = {
    "published": "usable",
    "draft": "withheld",
    "in_review": "withheld",
    "unpublished": "canceled",
}
LEAD = "lead-image"
BODY_IMAGE = "body-image"


def uri(site: str, kind: str, key: object) -> str:
    """``urn:newsdesk:<site's host>:<kind>:<key>``: names one row of one site, for ever."""
    host = urlsplit(site).netloc.lower() or "newsdesk"
    return f"urn:newsdesk:{host}:{kind}:{key}"


def when(value: datetime | None) -> str | None:
    """An RFC 3339 date-time in UTC (``...Z``), microseconds kept; None stays None."""
    if value is None:
        return None
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


class Line:
    """One JSON object of one file, with where it came from for the messages."""

    def __init__(self, file: str, number: int, data: dict[str, Any]) -> None:
        self.file, self.number, self.data = file, number, data

    @property
    def where(self) -> str:
        return f"{self.file}, line {self.number}"

    def refuse(self, reason: str) -> MalformedExport:
        return MalformedExport(f"{self.where}: {reason}.")

    def get(self, key: str, kind: type | tuple[type, ...] = str, *, required: bool = True):
        """The value of ``key`` if it has the type; a missing optional key is None."""
        if key not in self.data or self.data[key] is None:
            if required:
                raise self.refuse(f"no {key!r}")
            return None
        value = self.data[key]
        if not isinstance(value, kind) or isinstance(value, bool) and kind in (int, float):
            raise self.refuse(f"{key!r} is not a {getattr(kind, '__name__', 'value')}")
        return value

    def text(self, key: str) -> str:
        return self.get(key, str, required=False) or ""

    def time(self, key: str, *, required: bool = False) -> datetime | None:
        value = self.get(key, str, required=required)
        return parse_time(value, self, key) if value is not None else None


def parse_time(value: str, line: Line, key: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise line.refuse(f"{key!r} is not a date-time: {value[:40]!r}") from None
    if parsed.tzinfo is None:
        raise line.refuse(f"{key!r} has no UTC offset: {value[:40]!r}")
    return parsed


def read_manifest(folder: Path) -> dict[str, Any]:
    path = folder / MANIFEST
    if not path.is_file():
        raise MalformedExport(f"{folder}: no {MANIFEST}: not a complete Newsdesk export.")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise MalformedExport(f"{MANIFEST}: not JSON ({error}).") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise MalformedExport(f"{MANIFEST}: not a Newsdesk export (no format {FORMAT!r}).")
    if data.get("version") != VERSION:
        raise MalformedExport(
            f"{MANIFEST}: format version {data.get('version')!r} is not one this site reads "
            f"(it reads version {VERSION})."
        )
    if not isinstance(data.get("site"), str) or not isinstance(data.get("files"), dict):
        raise MalformedExport(f"{MANIFEST}: no 'site' or no 'files'.")
    return data


def read(folder: Path, name: str, expected: int | None = None) -> Iterator[Line]:
    """Each line of ``folder/name`` as a Line; a line that is not a JSON object refuses the
    whole export (MalformedExport with file, line and reason), and so does a line count
    that differs from the manifest's. Streams: one line in memory."""
    path = folder / name
    if not path.is_file():
        raise MalformedExport(f"{name}: missing from the export.")
    count = 0
    with path.open(encoding="utf-8", errors="strict", newline="\n") as lines:
        number = 0
        while True:
            try:
                raw = lines.readline()
            except UnicodeDecodeError:
                raise MalformedExport(f"{name}, line {number + 1}: not UTF-8 text.") from None
            if not raw:
                break
            number += 1
            if not raw.strip():
                continue
            try:
                data = json.loads(raw)
            except ValueError as error:
                reason = getattr(error, "msg", str(error))
                raise MalformedExport(f"{name}, line {number}: not JSON ({reason}).") from None
            if not isinstance(data, dict):
                raise MalformedExport(f"{name}, line {number}: not a JSON object.")
            count += 1
            yield Line(name, number, data)
    if expected is not None and count != expected:
        raise MalformedExport(
            f"{name} holds {count} records; {MANIFEST} says {expected}: the export is incomplete."
        )


def media_path(folder: Path, line: Line) -> Path:
    """The file an image record names, which must lie inside the export's media folder."""
    relative = line.get("file")
    root = (folder / MEDIA).resolve()
    if (
        relative.startswith(("/", "\\"))
        or re.match(r"^[a-zA-Z]:", relative)
        or ".." in posixpath.normpath(relative).split("/")
    ):
        raise HostileExport(f"{line.where}: the file {relative!r} lies outside the export folder.")
    found = (folder / relative).resolve()
    if not found.is_relative_to(root):
        raise HostileExport(f"{line.where}: the file {relative!r} lies outside the export folder.")
    if not found.is_file():
        raise line.refuse(f"the file {relative!r} is missing")
    return found


# -- what a ninjs 2.x object holds ------------------------------------------------------


def values(item: dict[str, Any], key: str, role: str, line: Line) -> str | None:
    """The value of the entry of ``item[key]`` (headlines, bodies, descriptions) in ``role``."""
    entries = item.get(key) or []
    if not isinstance(entries, list):
        raise line.refuse(f"{key!r} is not a list")
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("value"), str):
            raise line.refuse(f"an entry of {key!r} has no text 'value'")
        if entry.get("role") == role:
            return entry["value"]
    return None


def refs(item: dict[str, Any], key: str, rel: str, line: Line) -> list[str]:
    """The uris of ``item[key]`` (people, subjects) whose ``rel`` is ``rel``, in order."""
    entries = item.get(key) or []
    if not isinstance(entries, list):
        raise line.refuse(f"{key!r} is not a list")
    found = []
    for entry in entries:
        if not isinstance(entry, dict) or not isinstance(entry.get("uri"), str):
            raise line.refuse(f"an entry of {key!r} has no 'uri'")
        if entry.get("rel") == rel:
            found.append(entry["uri"])
    return found


def associated(item: dict[str, Any], name: str, line: Line) -> list[str]:
    """The uris of the associations called ``name`` (or ``name-N``), in order."""
    entries = item.get("associations") or []
    if not isinstance(entries, list):
        raise line.refuse("'associations' is not a list")
    found = []
    for entry in entries:
        if not isinstance(entry, dict) or not all(
            isinstance(entry.get(k), str) for k in ("name", "uri")
        ):
            raise line.refuse("an association has no 'name' or 'uri'")
        if entry["name"] == name or entry["name"].startswith(name + "-"):
            found.append(entry["uri"])
    return found
