"""What a browser would submit for a form of a rendered page, for tests that use Django's client."""

from __future__ import annotations

from bs4 import BeautifulSoup


def form_data(html: str, selector: str = "form") -> dict[str, list[str]]:
    """Every successful control of the first form matching ``selector``, as a browser sends it.

    Checkboxes and radios only when checked, selects their selected options (or the first of
    a single select), submit buttons never (the caller adds the one it presses), disabled
    controls never.
    """
    form = BeautifulSoup(html, "html5lib").select_one(selector)
    if form is None:
        raise AssertionError(f"no form matches {selector!r}")
    data: dict[str, list[str]] = {}
    for control in form.select("input, select, textarea"):
        name = control.get("name")
        if not name or control.has_attr("disabled"):
            continue
        kind = (control.get("type") or "text").lower()
        if control.name == "input":
            if kind in {"submit", "button", "image", "reset", "file"}:
                continue
            if kind in {"checkbox", "radio"} and not control.has_attr("checked"):
                continue
            default = "on" if kind in {"checkbox", "radio"} else ""
            data.setdefault(name, []).append(control.get("value", default))
        elif control.name == "textarea":
            data.setdefault(name, []).append(control.text)
        else:
            options = control.select("option")
            chosen = [o for o in options if o.has_attr("selected")]
            if not chosen and options and not control.has_attr("multiple"):
                chosen = options[:1]
            for option in chosen:
                data.setdefault(name, []).append(option.get("value", option.text))
    return data


def form_errors(html: str) -> list[str]:
    """The admin's error messages on a page: the note at the top and each field's list."""
    soup = BeautifulSoup(html, "html5lib")
    found = soup.select(".errornote, ul.errorlist li")
    return [" ".join(node.get_text(" ", strip=True).split()) for node in found]
