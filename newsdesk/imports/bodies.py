"""A WordPress body turned into what the newsroom's editor makes (docs/imports.md, "Bodies"):
block comments stripped, classic paragraphs made, shortcodes replaced, pictures of imported
attachments as library figures (any other picture dropped: no hot-linking), links between
imported posts rewritten, then the editor's own sanitizer. No query: the caller hands in
what it knows (Context)."""

from __future__ import annotations

import html as htmllib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from django.utils.html import escape

from newsdesk.imports import redirects
from newsdesk.newsroom.models import Article

BLOCK_TAGS = (
    "p|div|figure|figcaption|h[1-6]|ul|ol|li|blockquote|table|thead|tbody|tr|td|th|pre|hr"
    "|address|section|article|aside|dl|dd|dt"
)
BLOCK_SPLIT = re.compile(rf"(<(?:{BLOCK_TAGS})\b[^>]*>|</(?:{BLOCK_TAGS})>)", re.I)
BLOCK_COMMENT = re.compile(r"<!--\s*/?wp:[^>]*?-->", re.S)
EMBED_BLOCK = re.compile(
    r"<!--\s*wp:(?:core-)?embed(?:/[\w-]+)?\s*(\{.*?\})?\s*-->(.*?)<!--\s*/wp:(?:core-)?embed[^>]*-->",
    re.S,
)
GALLERY_BLOCK = re.compile(r"<!--\s*wp:gallery\b[^>]*-->(.*?)<!--\s*/wp:gallery\s*-->", re.S)
AROUND_BLOCK = re.compile(rf"\s*(<(?:{BLOCK_TAGS})\b[^>]*>|</(?:{BLOCK_TAGS})>)\s*", re.I)
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
IMG = re.compile(r"<img\b[^>]*>", re.I)
LINKED_IMG = re.compile(r"<a\b[^>]*>\s*(<img\b[^>]*>)\s*</a>", re.I)
FIGURE = re.compile(r"<figure\b[^>]*>((?:(?!<figure\b).)*?)</figure>", re.S | re.I)
FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.S | re.I)
ATTR = re.compile(r"""([a-zA-Z_:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>\]]+))""")
WP_IMAGE_CLASS = re.compile(r"\bwp-image-(\d+)\b")
SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")
HREF = re.compile(r"""(<a\b[^>]*?\bhref\s*=\s*)(["'])(.*?)\2""", re.I | re.S)
HEADING = re.compile(r"<(/?)h([156])\b", re.I)
SHORTCODE = re.compile(
    r"\[(?P<name>[a-zA-Z][\w-]*)(?P<attrs>\s[^\]]*?)?(?P<slash>/)?\]"
    r"(?:(?P<content>.*?)\[/(?P=name)\])?",
    re.S,
)
# Standalone tags of these names are shortcodes even with no attribute; for any other name a
# bare [word] is text (an editor's "[sic]"), so only a tag with attributes, a slash or a
# closing tag is taken for an unknown shortcode.
KNOWN_STANDALONE = {"gallery", "audio", "video", "playlist", "embed", "caption", "wp_caption"}
BARE_URL_LINE = re.compile(r"^[ \t]*(https?://[^\s<>\"]+)[ \t]*$", re.M)


@dataclass(frozen=True)
class Picture:
    """An imported attachment that became a library image."""

    image_id: int
    src: str
    alt: str
    caption: str


@dataclass
class Context:
    """What the body's conversion needs to know: the imported pictures (by attachment id,
    and by their address at the old site without the size suffix), the old addresses of
    imported posts, the old site's host names and a post's own attachments (galleries)."""

    pictures: dict[str, Picture] = field(default_factory=dict)
    picture_urls: dict[str, str] = field(default_factory=dict)  # old file address -> id
    addresses: dict[str, str] = field(default_factory=dict)  # old address -> new
    hosts: set[str] = field(default_factory=set)
    children: dict[str, list[str]] = field(default_factory=dict)  # post id -> attachment ids

    def add_picture(self, source_id: str, picture: Picture, urls: Iterable[str]) -> None:
        """An imported picture, found in bodies by ``source_id`` or any of these addresses."""
        self.pictures[source_id] = picture
        for url in urls:
            if url:
                self.picture_urls[_file_key(url)] = source_id


def attrs(text: str) -> dict[str, str]:
    return {
        m.group(1).lower(): htmllib.unescape(next(g for g in m.groups()[1:] if g is not None))
        for m in ATTR.finditer(text or "")
    }


def convert(raw: str, *, post_id: str, context: Context, problem: Callable[[str], None]) -> str:
    """The body as the editor would have stored it; ``problem`` hears each thing dropped."""
    text = (raw or "").replace("\r\n", "\n").replace("\r", "\n")
    blocks = "<!-- wp:" in text
    if blocks:
        text = EMBED_BLOCK.sub(_embed_block, text)
        text = GALLERY_BLOCK.sub(lambda m: "\n\n".join(IMG.findall(m.group(1))), text)
        text = BLOCK_COMMENT.sub("", text)
    text = HTML_COMMENT.sub("", text)  # <!--more-->, <!--nextpage-->, notes
    text = _shortcodes(text, post_id, context, problem)
    text = pictures(text, context, problem)
    if not blocks:
        text = BARE_URL_LINE.sub(lambda m: link(m.group(1)), text)
        text = autop(text)
    return finish(text, context)


def pictures(text: str, context: Context, problem: Callable[[str], None]) -> str:
    """Every picture as the editor's library figure when it is an imported one (its caption
    kept), else dropped and reported: no hot-linking. Any source's body goes through here."""
    text = LINKED_IMG.sub(r"\1", text)
    text = FIGURE.sub(lambda m: _figure(m, context, problem), text)
    return _bare_images(text, context, problem)


def finish(text: str, context: Context) -> str:
    """The last steps of any source's body: headings the editor has, links to imported
    posts at their new addresses, then the body field's own sanitizer."""
    text = HEADING.sub(lambda m: f"<{m.group(1)}h{'2' if m.group(2) == '1' else '4'}", text)
    text = HREF.sub(lambda m: _rewrite_link(m, context), text)
    text = AROUND_BLOCK.sub(r"\1", text)
    # The body field's own sanitizer: the editor's extension list decides what stays.
    return Article._meta.get_field("body").sanitize(text).strip()


def link(url: str) -> str:
    return f'<p><a href="{escape(url)}">{escape(url)}</a></p>'


def _embed_block(match: re.Match) -> str:
    try:
        url = json.loads(match.group(1) or "{}").get("url", "")
    except ValueError:
        url = ""
    url = url or (re.search(r"https?://[^\s<\"]+", match.group(2)) or [""])[0]
    return "\n\n" + link(url) + "\n\n" if url else ""


def _shortcodes(text: str, post_id: str, context: Context, problem) -> str:
    def one(match: re.Match) -> str:
        name = match.group("name").lower()
        content = match.group("content")
        given = attrs(match.group("attrs") or "")
        if content is None and not (given or match.group("slash") or name in KNOWN_STANDALONE):
            return match.group(0)  # [sic]: text, not a shortcode
        if name in {"caption", "wp_caption"}:
            inner = content or ""
            image = IMG.search(inner)
            words = given.get("caption") or re.sub(r"<img\b[^>]*>|</?a\b[^>]*>", "", inner)
            if not image:
                return words
            caption = f"<figcaption>{words.strip()}</figcaption>" if words.strip() else ""
            return f"\n\n<figure>{image.group(0)}{caption}</figure>\n\n"
        if name == "gallery":
            ids = [i.strip() for i in given.get("ids", given.get("include", "")).split(",")]
            ids = [i for i in ids if i] or context.children.get(post_id, [])
            return "".join(f'\n\n<figure><img class="wp-image-{i}"></figure>\n\n' for i in ids)
        if name == "embed":
            url = (content or given.get("src", "")).strip()
            return "\n\n" + link(url) + "\n\n" if url else ""
        problem(f"shortcode [{name}] removed")
        return content or ""

    # Enclosed shortcodes can hold others ([caption] in a [column]): a few passes suffice.
    for _ in range(3):
        new = SHORTCODE.sub(one, text)
        if new == text:
            break
        text = new
    return text


def _picture_for(tag: str, context: Context) -> Picture | None:
    found = attrs(tag[4:])
    match = WP_IMAGE_CLASS.search(found.get("class", ""))
    if match and match.group(1) in context.pictures:
        return context.pictures[match.group(1)]
    src = found.get("src", "")
    if src:
        key = _file_key(src)
        source_id = context.picture_urls.get(key)
        if source_id is not None:
            return context.pictures.get(source_id)
    return None


def _file_key(url: str) -> str:
    """An uploaded file's address without scheme, host or size suffix: one key for every
    size WordPress made of it."""
    path = urlsplit(url).path
    return SIZE_SUFFIX.sub("", path)


def _library_figure(picture: Picture, alt: str, caption: str) -> str:
    caption = caption.strip() or escape(picture.caption)
    figcaption = f'<figcaption class="figure-caption">{caption}</figcaption>' if caption else ""
    return (
        f'\n\n<figure class="figure"><img src="{escape(picture.src)}" '
        f'alt="{escape(alt or picture.alt)}" data-file="{picture.image_id}">{figcaption}'
        "</figure>\n\n"
    )


def _dropped(tag: str, problem) -> str:
    src = attrs(tag[4:]).get("src", "") or "(no address)"
    problem(f"picture {src} dropped: not an imported picture (no hot-linking)")
    return ""


def _figure(match: re.Match, context: Context, problem) -> str:
    inner = match.group(1)
    tag = IMG.search(inner)
    if not tag:
        return match.group(0)
    picture = _picture_for(tag.group(0), context)
    if picture is None:
        return _dropped(tag.group(0), problem)
    caption = FIGCAPTION.search(inner)
    alt = attrs(tag.group(0)[4:]).get("alt", "")
    return _library_figure(picture, alt, caption.group(1) if caption else "")


def _bare_images(text: str, context: Context, problem) -> str:
    """Each ``<img>`` outside a library figure: made one, or dropped."""
    parts = re.split(r'(<figure class="figure">.*?</figure>)', text, flags=re.S)
    for i in range(0, len(parts), 2):

        def one(match: re.Match) -> str:
            picture = _picture_for(match.group(0), context)
            if picture is None:
                return _dropped(match.group(0), problem)
            return _library_figure(picture, attrs(match.group(0)[4:]).get("alt", ""), "")

        parts[i] = IMG.sub(one, parts[i])
    return "".join(parts)


def autop(text: str) -> str:
    """WordPress's wpautop, in short: blank lines part paragraphs, a single line break in a
    paragraph is a <br>, and block elements stand on their own."""
    text = BLOCK_SPLIT.sub(r"\n\n\1\n\n", text)
    out = []
    depth = 0
    for chunk in re.split(r"\n\s*\n", text):
        chunk = chunk.strip()
        if not chunk:
            continue
        if BLOCK_SPLIT.fullmatch(chunk):
            if chunk.startswith("</"):
                depth = max(0, depth - 1)
            elif not chunk.lower().startswith("<hr"):
                depth += 1
            out.append(chunk)
        elif depth:
            out.append(chunk.replace("\n", "<br>\n"))  # inside a block: no <p> of ours
        else:
            out.append("<p>" + chunk.replace("\n", "<br>\n") + "</p>")
    return "\n".join(out)


def _rewrite_link(match: re.Match, context: Context) -> str:
    href = htmllib.unescape(match.group(3)).strip()
    new = new_address(href, context)
    if new is None:
        return match.group(0)
    return f"{match.group(1)}{match.group(2)}{escape(new)}{match.group(2)}"


def new_address(href: str, context: Context) -> str | None:
    """The new address of a link to an imported post at the old site, else None."""
    try:
        parts = urlsplit(href)
    except ValueError:
        return None
    if parts.scheme not in {"", "http", "https"}:
        return None
    if parts.netloc and parts.netloc.lower().removeprefix("www.") not in context.hosts:
        return None
    if not parts.netloc and not parts.path.startswith("/"):
        return None
    old = redirects.normalize(parts.path + ("?" + parts.query if parts.query else ""))
    new = context.addresses.get(old) or context.addresses.get(old.rstrip("/") + "/")
    if new is None:
        return None
    return new + (f"#{parts.fragment}" if parts.fragment else "")
