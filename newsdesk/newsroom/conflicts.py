"""Two people, one story: a save based on an older version of an article is refused, with
what changed since, and the editor's own words kept in the form to merge (docs/desk.md).

The form carries the version it was opened at and a digest of each field's value then. If
the stored article has moved on, each content field is looked at three ways: changed only by
the colleague, it is taken into the form; changed only here, it is kept; changed by both, it
is kept and shown beside the colleague's text. The save is refused once either way, so
nobody's words are replaced without them seeing it.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join, strip_tags
from django.utils.safestring import SafeString
from reversion.models import Version

from newsdesk.newsroom.history import DRAFT_REVISION
from newsdesk.newsroom.models import Article
from newsdesk.newsroom.services import sanitize_body

# Text fields the form can take from the colleague's version without asking.
MERGEABLE = ["headline", "slug", "summary", "body", "lead_image_caption"]
# Fields only shown when both sides differ (their widgets are not plain text).
SHOWN = ["section", "lead_image", "publish_at", "comments_open"]
FIELDS = MERGEABLE + SHOWN


@dataclass
class Changed:
    name: str
    label: str
    diff: SafeString
    taken: bool  # True: the colleague's text is now in the form; False: yours is kept


@dataclass
class Conflict:
    by: str
    at: str
    version: int
    fields: list[Changed] = field(default_factory=list)

    @property
    def message(self) -> str:
        kept = [f.label for f in self.fields if not f.taken]
        taken = [f.label for f in self.fields if f.taken]
        parts = [f"{self.by} saved this article at {self.at}, after you opened it."]
        if taken:
            parts.append(f"Their changes to {', '.join(taken)} are now in the form.")
        if kept:
            parts.append(
                f"You both changed {', '.join(kept)}: your text is kept below; merge what you "
                "need from theirs (shown above the form), then save again."
            )
        else:
            parts.append("Check the form and save again.")
        return " ".join(parts)


def _text(value) -> str:
    text = re.sub(r"</(p|h[1-6]|li|figcaption|blockquote)>", "\n", str(value or ""))
    return strip_tags(text).strip()


def word_diff(theirs, mine) -> SafeString:
    """Their text and yours, word by word: <del> what only theirs has, <ins> what only yours."""
    a, b = _text(theirs).split(" "), _text(mine).split(" ")
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(format_html("{}", " ".join(a[i1:i2])))
            continue
        if i2 > i1:
            out.append(format_html("<del>{}</del>", " ".join(a[i1:i2])))
        if j2 > j1:
            out.append(format_html("<ins>{}</ins>", " ".join(b[j1:j2])))
    return format_html_join(" ", "{}", ((part,) for part in out))


def _fingerprint(name: str, value) -> str:
    value = getattr(value, "pk", value)
    if name == "body":
        value = sanitize_body(value or "")  # the editor re-serializes; compare as stored
    if hasattr(value, "isoformat"):
        value = value.isoformat()
    return hashlib.sha256(str("" if value is None else value).encode()).hexdigest()[:16]


def digest(article: Article) -> str:
    """What the form was opened with, field by field, for the three-way comparison."""
    return json.dumps({name: _fingerprint(name, _stored_value(article, name)) for name in FIELDS})


def _read_digest(text: str) -> dict[str, str]:
    try:
        found = json.loads(text or "{}")
    except ValueError:
        return {}
    return {k: v for k, v in found.items() if isinstance(v, str)} if isinstance(found, dict) else {}


def _stored_value(stored: Article, name: str):
    return (
        getattr(stored, f"{name}_id")
        if name in ("section", "lead_image")
        else getattr(stored, name)
    )


def _submitted(cleaned: dict, name: str):
    value = cleaned.get(name)
    return getattr(value, "pk", value)


def resolve(*, stored: Article, base_digest: str, cleaned: dict, labels: dict) -> Conflict:
    """What changed between the editor's version and the stored one, field by field, and
    which of the colleague's changes can go into the form. One query (who saved last).
    Without a digest (a form from before this existed) every difference is shown as both."""
    base = _read_digest(base_digest)
    saves = Version.objects.get_for_object(stored).exclude(
        revision__comment__startswith=DRAFT_REVISION  # kept for later, not saved
    )
    latest = saves.select_related("revision__user").first()
    user = latest.revision.user if latest is not None else None
    conflict = Conflict(
        by=(user.get_full_name() or user.get_username()) if user else "A colleague",
        at=f"{stored.modified_at:%H:%M:%S}",
        version=stored.version,
    )
    for name in FIELDS:
        theirs, mine = _stored_value(stored, name), _submitted(cleaned, name)
        if _fingerprint(name, theirs) == _fingerprint(name, mine):
            continue
        was = base.get(name)
        if was is not None and was == _fingerprint(name, theirs):
            continue  # only this editor changed it: keep theirs out of it, quietly
        untouched_here = name in MERGEABLE and was is not None and was == _fingerprint(name, mine)
        conflict.fields.append(
            Changed(name, labels.get(name, name), word_diff(theirs, mine), untouched_here)
        )
    return conflict
