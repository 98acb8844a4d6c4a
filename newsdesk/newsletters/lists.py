"""The lists a reader may join, named by keys: "briefing", "alerts", "digest:<section slug>".

One query (the sections). The catalogue is computed, not stored: a new section brings its
weekly digest with it, and a removed one takes it away (its subscriptions simply match nothing).
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.newsroom.models import Section

BRIEFING = "briefing"
ALERTS = "alerts"
DIGEST_PREFIX = "digest:"


@dataclass(frozen=True)
class NewsList:
    key: str
    name: str
    about: str


def catalogue() -> list[NewsList]:
    lists = [
        NewsList(BRIEFING, "Morning briefing", "The Must-Reads and the most read, every morning."),
        NewsList(ALERTS, "Breaking alerts", "Only when something big happens."),
    ]
    for section in Section.objects.only("name", "slug"):
        lists.append(
            NewsList(
                DIGEST_PREFIX + section.slug,
                f"{section.name} weekly",
                f"The week's {section.name} stories, on Saturdays.",
            )
        )
    return lists


def name_of(key: str) -> str:
    for item in catalogue():
        if item.key == key:
            return item.name
    return key
