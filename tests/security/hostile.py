"""Hypothesis strategies for what an attacker or a broken client sends."""

from __future__ import annotations

import os
import random
from urllib.parse import quote

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

# 250 cases per endpoint in every `make test` (both CI configurations); `make fuzz` runs the
# same tests with 1,000 (NEWSDESK_HOSTILE_EXAMPLES), a soak kept out of the suite's 15 minutes.
# No example database: CI starts clean every time and .hypothesis/ is ignored.
EXAMPLES = int(os.environ.get("NEWSDESK_HOSTILE_EXAMPLES", "250"))
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


# --- Requests as a WSGI server hands them to newsdesk.wsgi.application ------------------------


def latin1(text: str) -> str:
    """A text as a WSGI server passes it on (PEP 3333): its UTF-8 bytes, one character each."""
    return text.encode("utf-8", "surrogatepass").decode("latin-1")


# A header value as an HTTP server lets it through: anything but CR, LF and NUL (it refuses
# those), bytes above 127 included.
header_text = odd_text.map(latin1).map(
    lambda t: t.replace("\r", "").replace("\n", "").replace("\x00", "")
)

hosts = st.one_of(
    st.just("testserver"),
    st.just("testserver"),
    st.sampled_from(
        [
            "TESTSERVER",
            "testserver:80",
            "testserver:99999999",
            "testserver.",
            "127.0.0.1",
            "[::1]",
            "[::1",
            "evil.example",
            "testserver@evil.example",
            ":80",
            "",
        ]
    ),
    header_text,
)

# Django's session cookie sends a request past the page cache to Django with its whole query:
# a quarter of the cookies (an eighth of the cases) carry one, so Django's views see raw
# hostile queries too.
cookies = st.one_of(
    header_text,
    st.sampled_from(["", "a=b", "nd_mine=1.2", "=", ";;"]),
    st.one_of(
        header_text.map(lambda t: "sessionid=" + t),
        st.sampled_from(["sessionid=x", 'sessionid=x; a="b', "sessionid=" + "a" * 4000]),
    ),
    st.builds(
        lambda n, v: f"{n}={v}",
        st.sampled_from(["nd_c1", "nd_c2", "nd_poster", "nd_mine", "csrftoken", "__Host-x"]),
        header_text,
    ),
)

forwarded_for = st.one_of(
    st.integers(0, 2**32 - 1).map(lambda n: ".".join(str(n >> s & 255) for s in (24, 16, 8, 0))),
    st.sampled_from(["2001:db8::1", "::ffff:203.0.113.9", "unknown", "1.2.3.4, 5.6.7.8", ","]),
    header_text,
)

HEADER_NAMES = [
    "HTTP_USER_AGENT",
    "HTTP_ACCEPT",
    "HTTP_ACCEPT_LANGUAGE",
    "HTTP_ACCEPT_ENCODING",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_REFERER",
    "HTTP_ORIGIN",
    "HTTP_SEC_FETCH_SITE",
    "HTTP_X_FORWARDED_PROTO",
    "HTTP_X_FORWARDED_HOST",
    "HTTP_AUTHORIZATION",
    "HTTP_RANGE",
]


def _headers(host, cookie, forwarded, others) -> dict[str, str]:
    sent = {"HTTP_HOST": host, **dict(others)}
    if cookie is not None:
        sent["HTTP_COOKIE"] = cookie
    if forwarded is not None:
        sent["HTTP_X_FORWARDED_FOR"] = forwarded
    return sent


def headers() -> st.SearchStrategy[dict[str, str]]:
    """Request headers: the host, often cookies and a client address, up to three others."""
    return st.builds(
        _headers,
        hosts,
        st.one_of(st.none(), cookies),
        st.one_of(st.none(), forwarded_for),
        st.lists(
            st.one_of(
                st.tuples(st.sampled_from(HEADER_NAMES), header_text),
                st.tuples(
                    st.just("HTTP_IF_NONE_MATCH"), st.sampled_from(["*", '"x"', 'W/"x", "y"', ","])
                ),
            ),
            max_size=3,
        ),
    )


def path_info(raw: str) -> str:
    """PATH_INFO for a path as sent: percent-decoded to bytes, one character each (PEP 3333)."""
    from urllib.parse import unquote_to_bytes

    return unquote_to_bytes(raw).decode("latin-1")


def form_body(fields: dict) -> bytes:
    """An application/x-www-form-urlencoded body; values that are lists repeat their name."""
    pairs = []
    for name, value in fields.items():
        for item in value if isinstance(value, list) else [value]:
            pairs.append(
                quote(name.encode("utf-8", "surrogatepass"), safe="")
                + "="
                + quote(item.encode("utf-8", "surrogatepass"), safe="")
            )
    return "&".join(pairs).encode("ascii")


bodies = st.one_of(
    st.binary(max_size=2000),
    st.dictionaries(odd_text, form_value(), max_size=4).map(form_body),
    encoded.map(lambda t: t.encode("ascii")),
)
content_types = st.sampled_from(
    [
        "application/x-www-form-urlencoded",
        "application/x-www-form-urlencoded; charset=latin-1",
        "application/x-www-form-urlencoded; charset=nonsense",
        "multipart/form-data; boundary=x",
        "multipart/form-data",
        "text/plain;charset=UTF-8",
        "application/json",
        "",
    ]
)
# CONTENT_LENGTH: the body's own (None), or a lie: shorter, longer, negative, not a number.
content_lengths = st.one_of(
    st.none(), st.none(), st.integers(-5, 5000).map(str), st.sampled_from(["", "x", "1e3", " 7"])
)
