"""The demo newsroom, read from the files in ``content/`` next to this module.

``content/newsroom.toml`` holds three lists: ``tags`` (name, slug), ``sections`` (name, slug,
description, position) and ``contributors`` (display_name, slug, year, bio).

Each ``content/articles/NNN-<slug>.md`` is one article; the articles load in file-name order, and
an article's place in that order seeds its generated lead image. The file opens with TOML front
matter between two ``+++`` lines; the Markdown body follows. Front matter fields:

- ``headline``, ``slug``, ``summary``: text; the file name ends in ``-<slug>.md``.
- ``section``: a section slug; ``tags``, ``contributors``: slugs (the byline in order, 1 or more).
- ``kind``: ``published``, ``scheduled``, ``draft`` or ``in_review``.
- ``age_hours``: hours before the load, 0 or more for published, negative for scheduled articles.
- ``correction``: optional; ``age_hours`` and ``correction`` are for those two kinds only.
- ``[image]``: ``alt``, ``caption`` and ``credit`` of the lead image; optional ``source`` (a
  library source: staff, agency, handout, pool, illustration, other; default illustration),
  ``rights_note``, ``rights_expire_hours`` (the rights end this many hours after the load) and
  ``picture`` (``photo``: a full-size 4000x3000 photograph-like picture instead of a graphic).

All of it is fictional (see the note atop newsroom.toml). :func:`load` checks everything
before anything is written anywhere: any mistake raises :class:`DemoDataError` naming the file.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection
from pathlib import Path
from typing import Any, NamedTuple

import markdown

# Not "data/": the project's .gitignore keeps every data/ folder out of git.
CONTENT_DIR = Path(__file__).resolve().parent / "content"
KINDS = ("published", "scheduled", "draft", "in_review")
_LIVE_KINDS = {"published", "scheduled"}

_NEWSROOM_FIELDS = {
    "tags": {"name": str, "slug": str},
    "sections": {"name": str, "slug": str, "description": str, "position": int},
    "contributors": {"display_name": str, "slug": str, "year": int, "bio": str},
}
_ARTICLE_FIELDS = {
    "headline": str,
    "slug": str,
    "section": str,
    "tags": list,
    "contributors": list,
    "kind": str,
    "age_hours": (int, float),
    "summary": str,
    "correction": str,
    "image": dict,
}
_ARTICLE_OPTIONAL = {"age_hours", "correction"}
_IMAGE_FIELDS = {
    "alt": str,
    "caption": str,
    "credit": str,
    "source": str,
    "rights_note": str,
    "rights_expire_hours": (int, float),
    "picture": str,
}
_IMAGE_OPTIONAL = {"source", "rights_note", "rights_expire_hours", "picture"}
IMAGE_SOURCES = ("staff", "agency", "handout", "pool", "illustration", "other")
PICTURES = ("graphic", "photo")
_TYPE_NAMES = {
    str: "non-blank text",
    int: "a whole number",
    (int, float): "a number",
    list: "a list",
    dict: "a table",
}


class DemoDataError(ValueError):
    """A demo data file is wrong; the message starts with the file's path."""


class Newsroom(NamedTuple):
    """The files' fields as dicts; each article adds ``body``, its HTML (not yet sanitized)."""

    tags: list[dict[str, Any]]
    sections: list[dict[str, Any]]
    contributors: list[dict[str, Any]]
    articles: list[dict[str, Any]]


def load(directory: Path | None = None) -> Newsroom:
    """Read and check the demo newsroom in ``directory`` (default :data:`CONTENT_DIR`)."""
    directory = directory or CONTENT_DIR
    path = directory / "newsroom.toml"
    newsroom = _parse(path, _read(path))
    if unknown := set(newsroom) - set(_NEWSROOM_FIELDS):
        raise DemoDataError(f"{path}: unknown list(s) {', '.join(sorted(unknown))}")
    lists: dict[str, list[dict[str, Any]]] = {}
    for name, fields in _NEWSROOM_FIELDS.items():
        entries = newsroom.get(name)
        if not isinstance(entries, list) or not entries:
            raise DemoDataError(f"{path}: needs a non-empty list of {name}")
        for number, entry in enumerate(entries, start=1):
            _check(entry, fields, where=f"{path}: {name} #{number}")
        _unique(entries, where=f"{path}: {name}")
        lists[name] = entries
    known = {name: {entry["slug"] for entry in entries} for name, entries in lists.items()}
    files = sorted((directory / "articles").glob("*.md"))
    if not files:
        raise DemoDataError(f"{directory / 'articles'}: no article files (*.md)")
    articles = [_article(file, known) for file in files]
    _unique(articles, where=f"{directory / 'articles'}: articles")
    return Newsroom(**lists, articles=articles)


def _article(path: Path, known: dict[str, set[str]]) -> dict[str, Any]:
    text = _read(path)
    head, separator, body = text.removeprefix("+++\n").partition("\n+++\n")
    if not text.startswith("+++\n") or not separator:
        raise DemoDataError(f"{path}: the file must open with front matter between '+++' lines")
    spec = _parse(path, "\n" + head)  # the newline keeps TOML's line numbers the file's own
    _check(spec, _ARTICLE_FIELDS, optional=_ARTICLE_OPTIONAL, where=str(path))
    _check(spec["image"], _IMAGE_FIELDS, optional=_IMAGE_OPTIONAL, where=f"{path}: [image]")
    if spec["image"].get("source", "illustration") not in IMAGE_SOURCES:
        raise DemoDataError(f"{path}: [image] source must be one of {', '.join(IMAGE_SOURCES)}")
    if spec["image"].get("picture", "graphic") not in PICTURES:
        raise DemoDataError(f"{path}: [image] picture must be one of {', '.join(PICTURES)}")

    def fail(problem: str) -> DemoDataError:
        return DemoDataError(f"{path}: {problem}")

    if not path.name.endswith(f"-{spec['slug']}.md"):
        raise fail(f"the file name must end in '-{spec['slug']}.md', after the slug")
    if spec["section"] not in known["sections"]:
        raise fail(f"unknown section {spec['section']!r}")
    for name in ("tags", "contributors"):
        if unknown := [slug for slug in spec[name] if slug not in known[name]]:
            raise fail(f"unknown {name}: {', '.join(map(repr, unknown))}")
    if not spec["contributors"]:
        raise fail("needs at least one contributor")
    kind = spec["kind"]
    if kind not in KINDS:
        raise fail(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if kind in _LIVE_KINDS:
        if "age_hours" not in spec:
            raise fail(f"a {kind} article needs age_hours")
        if (spec["age_hours"] < 0) != (kind == "scheduled"):
            raise fail(f"age_hours must be {'negative' if kind == 'scheduled' else '0 or more'}")
        spec["age_hours"] = float(spec["age_hours"])
    elif misplaced := sorted(_ARTICLE_OPTIONAL & set(spec)):
        raise fail(f"{' and '.join(misplaced)}: only for published and scheduled, not {kind}")
    if not body.strip():
        raise fail("the body is empty")
    spec["body"] = _render(body)
    return spec


def _render(text: str) -> str:
    md = markdown.Markdown(output_format="html")
    # The prose editor stores blocks with nothing between them; Markdown's "prettify" step adds
    # newlines there, and the first save in the editor would then change every demo body.
    md.treeprocessors.deregister("prettify")
    return md.convert(text)


def _read(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise DemoDataError(f"{path}: cannot be read ({error})") from error


def _parse(path: Path, text: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise DemoDataError(f"{path}: not valid TOML ({error})") from error


def _check(table: Any, fields: dict, *, where: str, optional: Collection[str] = ()) -> None:
    """Every field present (unless optional) with its type, text not blank, nothing unknown."""
    if not isinstance(table, dict):
        raise DemoDataError(f"{where}: expected a table of fields")
    if unknown := set(table) - set(fields):
        raise DemoDataError(f"{where}: unknown field(s) {', '.join(sorted(unknown))}")
    for name, kind in fields.items():
        if name not in table:
            if name in optional:
                continue
            raise DemoDataError(f"{where}: missing {name}")
        value = table[name]
        wrong = not isinstance(value, kind) or isinstance(value, bool)
        if wrong or (isinstance(value, str) and not value.strip()):
            raise DemoDataError(f"{where}: {name} must be {_TYPE_NAMES[kind]}, not {value!r}")
        if isinstance(value, list) and not all(isinstance(item, str) for item in value):
            raise DemoDataError(f"{where}: {name} must be a list of slugs, not {value!r}")


def _unique(entries: list[dict[str, Any]], *, where: str) -> None:
    slugs = [entry["slug"] for entry in entries]
    if repeated := sorted({slug for slug in slugs if slugs.count(slug) > 1}):
        raise DemoDataError(f"{where}: slug(s) used twice: {', '.join(repeated)}")
