"""A Ghost post's body as plain HTML (docs/imports.md, "Ghost"): the rendered ``html`` when
the export has it, else its lexical (Ghost 5) or mobiledoc (Ghost 2 to 4) document rendered
here. Cards become what the editor has: images and galleries figures, embeds and bookmarks
links, HTML and Markdown cards their HTML; any other card is removed and reported. The
result still goes through bodies.pictures and bodies.finish (the importer's part). No query.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import markdown
from django.utils.html import escape

from newsdesk.imports import bodies

Problem = Callable[[str], None]

# Cards that carry nothing for a web page (a paywall marker, newsletter-only content).
SILENT_CARDS = {"paywall", "email", "email-cta"}
TEXT_FORMATS = [  # lexical's text format bits, innermost first
    (16, "code"),
    (1, "strong"),
    (2, "em"),
    (8, "u"),
    (4, "s"),
    (32, "sub"),
    (64, "sup"),
]
BLOCK_NODES = {"paragraph": "p", "quote": "blockquote", "aside": "blockquote"}
MARKUP_TAGS = {"a", "b", "strong", "i", "em", "u", "s", "sub", "sup", "code"}
SECTION_TAGS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "aside", "pull-quote"}
GALLERY_FIGURE = re.compile(r"<figure\b[^>]*kg-gallery-card[^>]*>(.*?)</figure>", re.S | re.I)
BOOKMARK_FIGURE = re.compile(r"<figure\b[^>]*kg-bookmark-card[^>]*>(.*?)</figure>", re.S | re.I)
BOOKMARK_TITLE = re.compile(r'<div class="kg-bookmark-title">(.*?)</div>', re.S | re.I)
HREF = re.compile(r"""\bhref\s*=\s*["']([^"']+)["']""", re.I)
IFRAME = re.compile(r"<iframe\b([^>]*)>.*?</iframe>", re.S | re.I)


def source_html(*, html: str, lexical: str, mobiledoc: str, problem: Problem) -> str:
    """The post's HTML before our own steps: Ghost's rendering, else ours of its document."""
    if html.strip():
        return prepare(html)
    for kind, text, render in (("lexical", lexical, _lexical), ("mobiledoc", mobiledoc, _mobile)):
        if not text.strip():
            continue
        try:
            document = json.loads(text)
        except ValueError:
            problem(f"its {kind} document is not JSON: body left empty")
            return ""
        if isinstance(document, dict):
            return prepare(render(document, problem))
        problem(f"its {kind} document is not an object: body left empty")
        return ""
    return ""


def prepare(html: str) -> str:
    """Ghost's own card markup made plain: a gallery a figure per picture, a bookmark and
    an embedded frame a link; the ``__GHOST_URL__`` placeholder the site's root."""
    html = html.replace("__GHOST_URL__", "")
    html = GALLERY_FIGURE.sub(
        lambda m: "".join(f"<figure>{img}</figure>" for img in bodies.IMG.findall(m.group(1))),
        html,
    )
    html = BOOKMARK_FIGURE.sub(_bookmark_figure, html)
    return IFRAME.sub(lambda m: _frame_link(m.group(1)), html)


def _bookmark_figure(match: re.Match) -> str:
    href = HREF.search(match.group(1))
    title = BOOKMARK_TITLE.search(match.group(1))
    if not href:
        return ""
    return _anchor(href.group(1), title.group(1) if title else "", escaped=True)


def _frame_link(attributes: str) -> str:
    src = bodies.attrs(attributes).get("src", "")
    return bodies.link(src) if src.startswith(("https://", "http://")) else ""


def _anchor(url: str, words: str = "", *, escaped: bool = False) -> str:
    words = (words if escaped else escape(words)).strip() or escape(url)
    return f'<p><a href="{escape(url)}">{words}</a></p>'


# -- cards (both formats name them alike) ----------------------------------------------


def card(name: str, payload: dict, problem: Problem) -> str:
    """One card as HTML; an unknown one removed and reported."""
    get = lambda key: payload.get(key) if isinstance(payload.get(key), str) else ""  # noqa: E731
    if name == "image":
        return _figure(get("src"), get("alt") or get("altText"), get("caption"))
    if name == "gallery":
        images = payload.get("images") if isinstance(payload.get("images"), list) else []
        figures = "".join(
            _figure(str(i.get("src") or ""), str(i.get("alt") or ""), str(i.get("caption") or ""))
            for i in images
            if isinstance(i, dict)
        )
        return figures + (f"<p>{get('caption')}</p>" if get("caption") else "")
    if name == "html":
        return get("html")
    if name in {"markdown", "card-markdown"}:
        return markdown.markdown(get("markdown"))
    if name == "embed" and get("url"):
        return _anchor(get("url"), get("caption") or "", escaped=True)
    if name == "bookmark":
        metadata = payload.get("metadata") if isinstance(payload.get("metadata"), dict) else {}
        return _anchor(get("url"), str(metadata.get("title") or "")) if get("url") else ""
    if name in {"hr", "horizontalrule"}:
        return "<hr>"
    if name in {"code", "codeblock"}:
        return f"<pre><code>{escape(get('code'))}</code></pre>"
    if name == "callout":
        return f"<p>{get('calloutText')}</p>"
    if name == "button" and get("buttonUrl"):
        return _anchor(get("buttonUrl"), get("buttonText"))
    if name == "toggle":
        return f"<h4>{get('heading')}</h4>{get('content')}"
    if name == "header":
        heading = get("header") or get("heading")
        sub = get("subheader") or get("subheading")
        return f"<h2>{heading}</h2>" + (f"<p>{sub}</p>" if sub else "")
    if name not in SILENT_CARDS:
        problem(f"{name or 'unnamed'} card removed")
    return ""


def _figure(src: str, alt: str, caption: str) -> str:
    if not src:
        return ""
    figcaption = f"<figcaption>{caption}</figcaption>" if caption.strip() else ""
    return f'<figure><img src="{escape(src)}" alt="{escape(alt)}">{figcaption}</figure>'


# -- lexical (Ghost 5) -------------------------------------------------------------------


def _lexical(document: dict, problem: Problem) -> str:
    root = document.get("root")
    return _nodes(root.get("children") if isinstance(root, dict) else [], problem)


def _nodes(nodes, problem: Problem) -> str:
    if not isinstance(nodes, list):
        return ""
    return "".join(_node(node, problem) for node in nodes if isinstance(node, dict))


def _node(node: dict, problem: Problem) -> str:
    kind = str(node.get("type") or "")
    inner = lambda: _nodes(node.get("children"), problem)  # noqa: E731
    if kind in {"text", "extended-text"}:
        text = escape(str(node.get("text") or ""))
        format_ = node.get("format") if isinstance(node.get("format"), int) else 0
        for bit, tag in TEXT_FORMATS:
            if format_ & bit:
                text = f"<{tag}>{text}</{tag}>"
        return text
    if kind == "linebreak":
        return "<br>"
    if kind == "tab":
        return " "
    if kind in {"link", "autolink"}:
        return f'<a href="{escape(str(node.get("url") or ""))}">{inner()}</a>'
    if kind in BLOCK_NODES:
        tag = BLOCK_NODES[kind]
        return f"<{tag}>{inner()}</{tag}>"
    if kind in {"heading", "extended-heading"}:
        tag = str(node.get("tag") or "h2")
        tag = tag if re.fullmatch(r"h[1-6]", tag) else "h2"
        return f"<{tag}>{inner()}</{tag}>"
    if kind == "list":
        tag = "ol" if node.get("listType") == "number" or node.get("tag") == "ol" else "ul"
        return f"<{tag}>{inner()}</{tag}>"
    if kind == "listitem":
        return f"<li>{inner()}</li>"
    return card(kind, node, problem)


# -- mobiledoc (Ghost 2 to 4) ----------------------------------------------------------


def _mobile(document: dict, problem: Problem) -> str:
    markups = _list(document.get("markups"))
    atoms = _list(document.get("atoms"))
    cards = _list(document.get("cards"))
    out = []
    for section in _list(document.get("sections")):
        if not isinstance(section, list) or not section:
            continue
        kind = section[0]
        if kind == 1 and len(section) > 2:
            tag = str(section[1]).lower()
            tag = tag if tag in SECTION_TAGS else "p"
            tag = "blockquote" if tag in {"aside", "pull-quote"} else tag
            out.append(f"<{tag}>{_markers(section[2], markups, atoms)}</{tag}>")
        elif kind == 2 and len(section) > 1:
            out.append(_figure(str(section[1] or ""), "", ""))
        elif kind == 3 and len(section) > 2:
            tag = "ol" if str(section[1]).lower() == "ol" else "ul"
            items = "".join(f"<li>{_markers(i, markups, atoms)}</li>" for i in _list(section[2]))
            out.append(f"<{tag}>{items}</{tag}>")
        elif kind == 10 and len(section) > 1:
            found = cards[section[1]] if _index(section[1], cards) else None
            if isinstance(found, list) and found:
                payload = found[1] if len(found) > 1 and isinstance(found[1], dict) else {}
                out.append(card(str(found[0]), payload, problem))
    return "".join(out)


def _markers(markers, markups: list, atoms: list) -> str:
    """Mobiledoc's markers: [type, opened markups, how many close after, text or atom]."""
    out, open_tags = [], []
    for marker in _list(markers):
        if not isinstance(marker, list) or len(marker) < 4:
            continue
        kind, opened, closed, value = marker[:4]
        for index in _list(opened):
            if not _index(index, markups) or not isinstance(markups[index], list):
                continue
            tag = str(markups[index][0]).lower() if markups[index] else ""
            tag = tag if tag in MARKUP_TAGS else "span"
            pairs = markups[index][1] if len(markups[index]) > 1 else []
            given = (
                dict(zip(pairs[::2], pairs[1::2], strict=False)) if isinstance(pairs, list) else {}
            )
            href = f' href="{escape(str(given["href"]))}"' if tag == "a" and "href" in given else ""
            out.append(f"<{tag}{href}>")
            open_tags.append(tag)
        if kind == 1 and _index(value, atoms) and isinstance(atoms[value], list):
            atom = atoms[value]
            name = str(atom[0]) if atom else ""
            out.append(
                "<br>" if name == "soft-return" else escape(str(atom[1] if len(atom) > 1 else ""))
            )
        elif kind == 0:
            out.append(escape(str(value)))
        for _ in range(closed if isinstance(closed, int) else 0):
            if open_tags:
                out.append(f"</{open_tags.pop()}>")
    out += [f"</{tag}>" for tag in reversed(open_tags)]
    return "".join(out)


def _list(value) -> list:
    return value if isinstance(value, list) else []


def _index(value, items: list) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < len(items)
