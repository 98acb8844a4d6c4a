"""How comment length is counted: Unicode code points after NFC normalization.

The browser counter (static/newsdesk/comments.js) counts the same way, so an emoji
costs one character on both sides and decomposed Hangul jamo count as the syllables
they compose.
"""

import unicodedata

from newsdesk.comments.models import MAX_LENGTH


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFC", text or "")
    # Browsers send CR LF for a line break in a textarea; one break is one character.
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def length(text: str) -> int:
    return len(normalize(text))


def too_long(text: str) -> bool:
    return length(text) > MAX_LENGTH
