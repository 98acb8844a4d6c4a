"""Share links: plain addresses with encoded parameters; nothing loads until a reader clicks."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote, urlencode


@dataclass(frozen=True)
class ShareLink:
    network: str
    label: str
    href: str


def share_links(*, url: str, title: str) -> list[ShareLink]:
    def q(params: dict[str, str]) -> str:
        return urlencode(params, quote_via=quote)

    return [
        ShareLink(
            "facebook", "Facebook", "https://www.facebook.com/sharer/sharer.php?" + q({"u": url})
        ),
        ShareLink("x", "X", "https://x.com/intent/post?" + q({"url": url, "text": title})),
        ShareLink(
            "linkedin",
            "LinkedIn",
            "https://www.linkedin.com/sharing/share-offsite/?" + q({"url": url}),
        ),
        ShareLink(
            "reddit", "Reddit", "https://www.reddit.com/submit?" + q({"url": url, "title": title})
        ),
        ShareLink(
            "naver",
            "Naver",
            "https://share.naver.com/web/shareView?" + q({"url": url, "title": title}),
        ),
        ShareLink("line", "LINE", "https://social-plugins.line.me/lineit/share?" + q({"url": url})),
        ShareLink("email", "e-mail", "mailto:?" + q({"subject": title, "body": url})),
    ]
