"""The query parameters reader pages read, and the one form of a query the cache keys on.

A parameter no page reads (``?x=<random>``, ``utm_source``) changes nothing on the page, so it
must not make a copy of its own: each would be a render and a stored copy pushing popular pages
out (docs/security.md, "Hostile traffic"). The page cache keys a page on the canonical query
and hands Django that same query, so a stored copy is always what its key asks for.

Like keys.BY_PATH_PREFIX, the table names what higher layers read; a test renders every
cached page type and fails if one reads a parameter missing here
(tests/pagecache/test_query_keys.py).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qsl, urlencode

NOT_A_PAGE = "x"  # what any malformed page number becomes: each page answers it with a 404


def _page_number(value: str) -> str | None:
    """1 to 6 digits, without leading zeros; anything else one value that is not a page."""
    if value.isascii() and value.isdigit() and len(value) <= 6:
        return str(int(value))
    return NOT_A_PAGE


def _one_of(*meaningful: str) -> Callable[[str], str | None]:
    """A value a page reacts to, kept; any other, dropped (the page shows its default)."""
    return lambda value: value if value in meaningful else None


PARAMETERS: dict[str, Callable[[str], str | None]] = {
    "page": _page_number,  # section, contributor and tag pages (newsroom.pagination)
    "p": _page_number,  # Django's sitemap view
    "cpage": _page_number,  # an article's comments (comments.selectors.comment_page)
    "upage": _page_number,  # a live article's updates (coverage.reading.page_coverage)
    "corder": _one_of("oldest"),  # "newest" is the default order
    "comment": _one_of("held", "reported"),  # the notice after posting or reporting
}
MAX_FIELDS = 1000  # Django's DATA_UPLOAD_MAX_NUMBER_FIELDS


def canonical(query: str) -> str | None:
    """The query as the cache keys it: the parameters pages read, sorted, each once (its last
    value, as QueryDict.get takes) in its canonical form. None for a query Django would refuse
    (too many fields): such a request is not looked up."""
    try:
        pairs = parse_qsl(query, keep_blank_values=True, max_num_fields=MAX_FIELDS)
    except ValueError:
        return None
    last = {name: value for name, value in pairs if name in PARAMETERS}
    kept = [(name, PARAMETERS[name](last[name])) for name in sorted(last)]
    return urlencode([(name, value) for name, value in kept if value is not None])
