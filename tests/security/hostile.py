"""Hypothesis strategies for what an attacker or a broken client sends."""

from __future__ import annotations

import os
import random
from urllib.parse import quote

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# 1,000 cases per endpoint, as CI runs them; NEWSDESK_HOSTILE_EXAMPLES lowers it for a quick
# local run. No example database: CI starts clean every time and .hypothesis/ is ignored.
EXAMPLES = int(os.environ.get("NEWSDESK_HOSTILE_EXAMPLES", "1000"))
hostile_settings = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    derandomize=False,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Markers that must never come back raw in HTML: each would run or inject markup if it did.
MARKERS = ("<x-hostile", "<script>alert(", "<img src=x onerror", "<svg onload")

KNOWN_BAD = [
    "<x-hostile>",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "</title><x-hostile>",
    "javascript:alert(1)",
    "{{ request }}",
    "{% debug %}",
    "{{7*7}}${7*7}#{7*7}",
    "' OR '1'='1",
    "1; DROP TABLE newsroom_article; --",
    "1 UNION SELECT password FROM auth_user --",
    "%",
    "%%",
    "\\",
    "\x00",
    "a\x00b",
    "\r\nSet-Cookie: x=1",
    "\u202eevil\u202c",  # right-to-left override
    "\u200b\u200d\ufeff",
    "\ud7ff\ue000\uffff",
    "💣" * 50,
    "한국어 기사",
    "9" * 400,
    "-9" + "9" * 30,
    "1e999",
    "NaN",
    "-1",
    "0",
    "18446744073709551616",
    "9223372036854775808",
    "2147483648",
    "../../../../etc/passwd",
    "..%2f..%2f",
    "x" * 5000,
]

# Percent-escapes that decode to nothing valid: lone bytes, overlongs, broken sequences.
BAD_ESCAPES = ["%", "%Z", "%ZZ", "%00", "%FF", "%C0%AF", "%C3%28", "%E2%82", "%ED%A0%80", "%F8%88"]


def _pool(size: int = 400) -> list[str]:
    """Hostile strings drawn once from a fixed seed: cheap to sample 1,000 times an endpoint.

    Hypothesis still varies and combines them (and adds its own short random text), but
    generating long Unicode text for every case would cost more than the requests it sends.
    """
    rng = random.Random(7)  # noqa: S311  (test data, not secrets)
    alphabets = [
        "".join(map(chr, range(0, 32))) + "\x7f",  # control characters, NUL included
        "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f",  # bidi
        "<>\"'&;%{}[]()\\/`$#!|=*",  # markup, template and SQL punctuation
        "한글기사뉴스國防新聞ニュース",
        "😀💣🇰🇷👩‍👩‍👧\ufe0f\u20e3",
        "\u0300\u0301\u0302\u034f\u200b\u200d\ufeff\ufffd\uffff",
        "abcxyz0123456789-_.~ ",
    ]
    pool = []
    for _ in range(size):
        chosen = rng.sample(alphabets, rng.randint(1, 3))
        letters = "".join(chosen)
        length = rng.choice([1, 2, 5, 20, 80, 300, 1200])
        pool.append("".join(rng.choice(letters) for _ in range(length)))
    return pool


POOL = KNOWN_BAD + _pool()
# By index: sampled_from(POOL) would make Hypothesis build a 200 kB repr of the whole pool.
pooled = st.integers(0, len(POOL) - 1).map(POOL.__getitem__)

odd_text = st.one_of(
    pooled,
    pooled,
    st.text(max_size=12),
    st.builds(lambda a, b: a + b, st.sampled_from(KNOWN_BAD), pooled),
    st.integers().map(str),
)

encoded = st.one_of(
    odd_text.map(lambda t: quote(t.encode("utf-8", "surrogatepass"), safe="")),
    st.lists(st.sampled_from(BAD_ESCAPES), min_size=1, max_size=4).map("".join),
    st.builds(
        lambda a, b: a + b,
        odd_text.map(lambda t: quote(t.encode("utf-8", "surrogatepass"), safe="")),
        st.sampled_from(BAD_ESCAPES),
    ),
)


def query_string(names: list[str]) -> st.SearchStrategy[str]:
    """A raw query string: the page's own parameters and others, any values, broken escapes."""
    name = st.one_of(st.sampled_from(names), encoded) if names else encoded
    pair = st.one_of(
        st.builds(lambda n, v: f"{n}={v}", name, encoded),
        name,
        st.sampled_from(BAD_ESCAPES),
    )
    return st.lists(pair, max_size=3).map("&".join)


segment = st.one_of(
    encoded,
    st.from_regex(r"[-a-z0-9]{1,40}", fullmatch=True),
    st.sampled_from(["..", ".", "", "%2e%2e", "admin", "static", "media", "~"]),
)


def form_value() -> st.SearchStrategy:
    return st.one_of(odd_text, st.lists(odd_text, max_size=3))
