"""Who is reading: a browser or a bot, and a pseudonymous reader key without cookies."""

from __future__ import annotations

import functools
import hashlib
import hmac
import secrets
import threading
from datetime import date

import crawleruseragents
from crawlerdetect import CrawlerDetect
from django.db import IntegrityError, transaction

from newsdesk.audience.models import DailySalt
from newsdesk.site.caches import BoundedCache
from newsdesk.site.http import network_of

_detector = threading.local()


def is_bot(user_agent: str) -> bool:
    """True for no user agent, or one that a maintained crawler list recognises.

    Two lists: CrawlerDetect's and the crawler-user-agents project's, which each know bots
    the other misses (feed readers, uptime checkers, headless browsers). A check costs a few
    hundred microseconds, and readers share few distinct user agents, so answers are cached.
    """
    if not user_agent or not user_agent.strip():
        return True
    return _is_bot(user_agent[:1000])


@functools.lru_cache(maxsize=8192)
def _is_bot(user_agent: str) -> bool:
    detector = getattr(_detector, "value", None)
    if detector is None:  # CrawlerDetect keeps state per call: one per thread
        detector = _detector.value = CrawlerDetect()
    return bool(detector.isCrawler(user_agent)) or crawleruseragents.is_crawler(user_agent)


# One day's salt at a time: a new day's salt pushes out yesterday's.
_salts: BoundedCache[date, str] = BoundedCache("audience.daily_salt", max_entries=1)


def daily_salt(day: date) -> str:
    """Today's salt, made on first use; every older day's salt is deleted at that moment."""
    salt = _salts.get(day)
    if salt is None:
        salt = _stored_salt(day)
        _salts.set(day, salt)
    return salt


def _stored_salt(day: date) -> str:
    row = DailySalt.objects.filter(day=day).first()
    if row is not None:
        return row.salt
    try:
        with transaction.atomic():
            row = DailySalt.objects.create(day=day, salt=secrets.token_hex(32))
    except IntegrityError:  # another process made it first
        row = DailySalt.objects.get(day=day)
    DailySalt.objects.filter(day__lt=day).delete()
    return row.salt


def reader_key(*, ip: str, user_agent: str, day: date) -> str:
    """HMAC-SHA256 of address and user agent under the day's salt: one reader, one day, one key."""
    message = f"{ip}\n{user_agent}".encode("utf-8", "replace")
    return hmac.new(daily_salt(day).encode(), message, hashlib.sha256).hexdigest()


def address_key(*, ip: str, day: date) -> str:
    """HMAC-SHA256 of the address's network (an IPv6 /64) under the day's salt: what the
    per-address limits count, whatever user agent each beacon claims."""
    message = f"address\n{network_of(ip)}".encode("utf-8", "replace")
    return hmac.new(daily_salt(day).encode(), message, hashlib.sha256).hexdigest()
