"""Signed links in mail: confirm a sign-up, open one's preferences, unsubscribe in one click.

A confirmation link carries the address and the chosen lists (nothing is stored before the
reader confirms) and expires; the preferences and unsubscribe links carry the subscriber's
number and do not expire, so an old mail still unsubscribes. Forged or altered links fail the
signature (docs/newsletters.md, "Links").
"""

from __future__ import annotations

from django.core import signing

CONFIRM_SALT = "newsdesk.newsletters.confirm"
SUBSCRIBER_SALT = "newsdesk.newsletters.subscriber"
CONFIRM_MAX_AGE = 3 * 24 * 3600


class BadToken(Exception):
    def __init__(self, expired: bool) -> None:
        self.expired = expired
        super().__init__("expired" if expired else "bad signature")


def confirm_token(address: str, lists: list[str]) -> str:
    return signing.dumps({"a": address, "l": sorted(lists)}, salt=CONFIRM_SALT, compress=True)


def read_confirm(token: str) -> tuple[str, list[str]]:
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired as error:
        raise BadToken(expired=True) from error
    except signing.BadSignature as error:
        raise BadToken(expired=False) from error
    if not isinstance(data, dict) or not isinstance(data.get("a"), str):
        raise BadToken(expired=False)
    lists = data.get("l")
    if not isinstance(lists, list) or not all(isinstance(k, str) for k in lists):
        raise BadToken(expired=False)
    return data["a"], lists


OPEN_SALT = "newsdesk.newsletters.open"


def open_token(letter_id: int, subscriber_id: int) -> str:
    """The address of one copy's open-tracking picture (NEWSDESK_OPEN_TRACKING only)."""
    return signing.dumps([letter_id, subscriber_id], salt=OPEN_SALT)


def read_open(token: str) -> tuple[int, int]:
    try:
        value = signing.loads(token, salt=OPEN_SALT)
    except signing.BadSignature as error:
        raise BadToken(expired=False) from error
    if (
        not isinstance(value, list)
        or len(value) != 2
        or not all(isinstance(v, int) and not isinstance(v, bool) for v in value)
    ):
        raise BadToken(expired=False)
    return value[0], value[1]


def subscriber_token(subscriber_id: int) -> str:
    return signing.dumps(subscriber_id, salt=SUBSCRIBER_SALT)


def read_subscriber(token: str) -> int:
    try:
        value = signing.loads(token, salt=SUBSCRIBER_SALT)
    except signing.BadSignature as error:
        raise BadToken(expired=False) from error
    if not isinstance(value, int) or isinstance(value, bool):
        raise BadToken(expired=False)
    return value
