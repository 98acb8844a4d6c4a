"""How text becomes search terms: one analyzer for documents, queries and highlighting.

Both backends index the terms made here and nothing else, so a query matches the same
articles on SQLite and on PostgreSQL, and the highlighter marks what matched:

- A word in an alphabetic script is NFKC-normalized, case-folded, stripped of diacritics
  and reduced to its English Snowball stem ("Drones" -> "drone").
- A run of Hangul (or Han, kana) is cut into overlapping two-character terms, the bigrams
  of CJK search engines ("국방부는" -> "국방 방부 부는"), since Korean words carry their
  particles attached and have no stems to find. A query word becomes the phrase of its
  bigrams, so "국방" or "국방부" is found inside any word that contains it; a one-syllable
  query is a prefix of the bigrams.

Nothing here is given to a database as syntax: a query is parsed into terms made of
letters and digits only, and each backend quotes them itself.
"""

from __future__ import annotations

import html
import re
import threading
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

import nh3
import Stemmer
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

MAX_QUERY_LENGTH = 500
# A query is cut to this many words or phrases: each costs a posting-list walk.
MAX_GROUPS = 16
# Longer "words" are noise (a pasted hash or URL) and PostgreSQL refuses lexemes past 2 KB.
MAX_TERM_LENGTH = 64

WORD = re.compile(r"[^\W_]+")
QUOTED = re.compile(r"[\"“”„«»「」『』]")
# Block-level tags end a run of text: "<p>a</p><p>b</p>" is two words, not "ab".
BLOCK_TAG = re.compile(
    r"<(?=/?(?:p|h[1-6]|li|ul|ol|blockquote|br|hr|figure|figcaption|table|tr|td|th|div)\b)",
    re.IGNORECASE,
)
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")

# Hangul (syllables, Jamo), kana and Han ideographs: scripts written without spaces between
# the parts of a word, indexed as bigrams. Letters only: kana marks and dots are left out.
CJK = (
    "\u1100-\u11ff\u3040-\u3098\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u3131-\u318e"
    "\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff"
    "\uff66-\uffdc\U00020000-\U0003ffff"
)
# A run of CJK letters, or a run of other letters and digits: a word splits where its script
# changes ("K2전차" is "K2" and "전차"). Two plain classes, so the scan stays in C.
RUN = re.compile(rf"([{CJK}]+)|([^\W_{CJK}]+)")
CJK_RUN = re.compile(f"[{CJK}]+")


def is_cjk_char(char: str) -> bool:
    return CJK_RUN.match(char) is not None


def runs(text: str) -> Iterator[tuple[int, int, bool, str]]:
    """(start, end, is CJK, text) of each run of letters and digits in ``text``."""
    for match in RUN.finditer(text):
        cjk = match.group(1) is not None
        yield match.start(), match.end(), cjk, match.group()


_local = threading.local()


def _stemmer() -> Stemmer.Stemmer:
    # A PyStemmer object is not safe to share between threads.
    stemmer = getattr(_local, "stemmer", None)
    if stemmer is None:
        stemmer = _local.stemmer = Stemmer.Stemmer("english")
    return stemmer


def html_to_text(body: str) -> str:
    """The text a reader sees in an HTML body: no tags, no script, entities decoded."""
    if not body:
        return ""
    cleaned = nh3.clean(BLOCK_TAG.sub(" <", body), tags=set())
    return " ".join(html.unescape(cleaned).split())


def clean_text(text: str) -> str:
    """NFC text without control characters (NUL included) and with single spaces."""
    if not text:
        return ""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    # Checks made in C first: long bodies are mostly clean already.
    if not text.isprintable() or "  " in text or text[0] == " " or text[-1] == " ":
        text = " ".join(CONTROL.sub(" ", text).split())
    return text


def _fold(text: str) -> str:
    if text.isascii():
        return text.lower()
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if not unicodedata.combining(c))


def _cjk_fold(run: str) -> str:
    if unicodedata.is_normalized("NFKC", run):
        return run
    # Compatibility forms (half-width kana, ...) may fold to combining marks: drop those.
    return "".join(c for c in unicodedata.normalize("NFKC", run) if c.isalnum())


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of CJK letters or of other letters and digits, with its place in the text."""

    start: int
    end: int
    cjk: bool
    text: str  # normalized: folded for alphabetic runs, NFKC for CJK runs


def pieces(text: str) -> Iterator[Piece]:
    """The runs of NFC ``text``, normalized: see ``runs``."""
    for start, end, cjk, run in runs(text):
        yield Piece(start, end, cjk, _cjk_fold(run) if cjk else _fold(run))


def _stems(words: list[str]) -> list[str]:
    """Stems of folded words; folding may have split a word or emptied it."""
    found: list[str] = []
    for word in words:
        if word.isascii():
            found.append(word)
        else:
            found.extend(WORD.findall(word))
    found = [w for w in found if len(w) <= MAX_TERM_LENGTH]
    return _stemmer().stemWords(found) if found else []


def _words(piece: Piece) -> list[str]:
    return _stems([piece.text])


def bigrams(run: str) -> list[str]:
    if len(run) < 2:
        return [run] if run else []
    return [run[i : i + 2] for i in range(len(run) - 1)]


def document_terms(text: str) -> str:
    """The terms of a text to index, space-separated, in the order they occur."""
    text = clean_text(text)
    if text.isascii():
        return " ".join(_stems(WORD.findall(text.lower())))
    compatible = unicodedata.is_normalized("NFKC", text)  # then no CJK run needs folding
    terms: list[str] = []
    words: list[str] = []
    for cjk_run, word in RUN.findall(text):
        if word:
            words.append(_fold(word))
            continue
        # Alphabetic words are stemmed in one call; flush them before the CJK run.
        if words:
            terms.extend(_stems(words))
            words = []
        run = cjk_run if compatible else _cjk_fold(cjk_run)
        if len(run) == 2:
            terms.append(run)
        else:
            terms.extend(bigrams(run))
    if words:
        terms.extend(_stems(words))
    return " ".join(terms)


@dataclass(frozen=True, slots=True)
class Group:
    """Terms that must occur one after another (one term: anywhere). ``prefix``: as a prefix."""

    terms: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class Query:
    """A reader's query, cleaned and parsed. ``groups`` empty: nothing to search for."""

    text: str
    groups: tuple[Group, ...] = ()
    truncated: bool = False
    words: frozenset[str] = field(default_factory=frozenset)  # alphabetic terms, to highlight
    cjk: tuple[str, ...] = ()  # CJK runs as typed, to highlight

    def __bool__(self) -> bool:
        return bool(self.groups)


def _query_terms(text: str, *, in_phrase: bool) -> tuple[list[Group], set[str], list[str]]:
    """Groups for one word (or one quoted phrase), with what the highlighter should mark."""
    terms: list[str] = []
    words: set[str] = set()
    cjk: list[str] = []
    all_pieces = list(pieces(text))
    for piece in all_pieces:
        if piece.cjk:
            cjk.append(piece.text)
            terms.extend(bigrams(piece.text))
        else:
            stems = _words(piece)
            words.update(stems)
            terms.extend(stems)
    if not terms:
        return [], words, cjk
    lone_syllable = len(all_pieces) == 1 and all_pieces[0].cjk and len(terms[0]) == 1
    if lone_syllable and not in_phrase:
        return [Group((terms[0],), prefix=True)], words, cjk
    return [Group(tuple(terms))], words, cjk


def parse_query(raw: str | None, *, prefix_last: bool = False) -> Query:
    """Reads what a reader typed. Never fails: any text gives a query, maybe an empty one.

    Words must all match; text in double quotes must match as a phrase. Everything
    else (operators, brackets, stars, colons, a stray quote) is just text, and text
    beyond ``MAX_QUERY_LENGTH`` characters is cut off. ``prefix_last`` lets the last
    word, when not in quotes, match as the start of a word (for the admin's search as
    you type).
    """
    text = clean_text(raw or "")
    truncated = len(text) > MAX_QUERY_LENGTH
    if truncated:
        text = text[:MAX_QUERY_LENGTH].rstrip()
    groups: list[Group] = []
    words: set[str] = set()
    cjk: list[str] = []
    last_quoted = False
    # Even parts are outside quotes, odd parts inside; an unclosed quote runs to the end.
    for index, part in enumerate(QUOTED.split(text)):
        quoted = bool(index % 2)
        for chunk in [part] if quoted else part.split():
            found, chunk_words, chunk_cjk = _query_terms(chunk, in_phrase=quoted)
            if found:
                groups.extend(found)
                last_quoted = quoted
            words |= chunk_words
            cjk.extend(chunk_cjk)
    if prefix_last and groups and not last_quoted and len(groups[-1].terms) == 1:
        groups[-1] = Group(groups[-1].terms, prefix=True)
    unique = tuple(dict.fromkeys(groups))[:MAX_GROUPS]
    return Query(
        text=text,
        groups=unique,
        truncated=truncated,
        words=frozenset(words),
        cjk=tuple(dict.fromkeys(cjk)),
    )


def _match_spans(text: str, query: Query) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    alphabetic: list[tuple[int, int, str]] = []
    for start, end, cjk, run in runs(text):
        if cjk:
            for needle in query.cjk:
                at = run.find(needle)
                while at != -1:
                    spans.append((start + at, start + at + len(needle)))
                    at = run.find(needle, at + 1)
        elif query.words:
            alphabetic.append((start, end, _fold(run)))
    if alphabetic:
        # One call stems every word; a word that folding split matches if any part does.
        simple = [w for _, _, w in alphabetic if w.isascii() and len(w) <= MAX_TERM_LENGTH]
        stems = iter(_stemmer().stemWords(simple))
        for start, end, word in alphabetic:
            if word.isascii() and len(word) <= MAX_TERM_LENGTH:
                matched = next(stems) in query.words
            else:
                matched = any(stem in query.words for stem in _stems([word]))
            if matched:
                spans.append((start, end))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _render(text: str, spans: list[tuple[int, int]], start: int, end: int) -> SafeString:
    parts: list[str] = []
    at = start
    for span_start, span_end in spans:
        if span_end <= start or span_start >= end:
            continue
        span_start, span_end = max(span_start, start), min(span_end, end)
        parts.append(escape(text[at:span_start]))
        parts.append(f"<mark>{escape(text[span_start:span_end])}</mark>")
        at = span_end
    parts.append(escape(text[at:end]))
    # Every piece of article text above went through escape(); only <mark> is ours.
    return mark_safe("".join(parts))  # noqa: S308


def highlight(text: str, query: Query) -> SafeString:
    """``text`` escaped, with the words the query matched in ``<mark>``."""
    text = clean_text(text)
    return _render(text, _match_spans(text, query), 0, len(text))


def _first_match(text: str, query: Query) -> int | None:
    """Where the first match in ``text`` starts. A regular expression finds the places where
    one may start (a CJK string, or a word beginning like a stem), so that only the words
    found there are analyzed, not the whole text."""
    parts = [re.escape(needle) for needle in query.cjk]
    parts += [re.escape(w[:-1] if len(w) > 3 else w) for w in query.words]
    if not parts:
        return None
    lowered, flags = text.lower(), 0
    if len(lowered) != len(text):  # a few characters lengthen when lowered: search as is
        lowered, flags = text, re.IGNORECASE
    for candidate in re.finditer("|".join(parts), lowered, flags):
        at = candidate.start()
        before = lowered[at - 1] if at else " "
        if before.isalnum() and not is_cjk_char(before) and not is_cjk_char(lowered[at]):
            continue  # inside a word: an alphabetic match starts a word
        word = WORD.match(text, at)
        if word is not None and _match_spans(word.group(), query):
            return at
    return None


def snippet(text: str, query: Query, *, length: int = 240) -> SafeString:
    """About ``length`` characters of ``text`` around its first match, escaped and marked."""
    text = clean_text(text)
    if len(text) <= length:
        return _render(text, _match_spans(text, query), 0, len(text))
    first = _first_match(text, query)
    start = max(0, first - length // 3) if first is not None else 0
    if start:
        # Begin at a word: after the space that precedes the window, if one is near.
        space = text.rfind(" ", 0, start)
        start = space + 1 if space != -1 and start - space < 20 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + length // 2 else end
    spans = [(a + start, b + start) for a, b in _match_spans(text[start:end], query)]
    body = _render(text, spans, start, end)
    lead = "… " if start else ""
    tail = " …" if end < len(text) else ""
    return mark_safe(f"{lead}{body}{tail}")  # noqa: S308  (body is escaped above)
