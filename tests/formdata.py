"""What a browser would submit for a form of a rendered page, for tests that use Django's client."""

from __future__ import annotations

from bs4 import BeautifulSoup


def form_data(html: str, selector: str = "form") -> dict[str, list[str]]:
    """form_fields of the first form in ``html`` matching ``selector`` (no button pressed)."""
    form = BeautifulSoup(html, "html5lib").select_one(selector)
    if form is None:
        raise AssertionError(f"no form matches {selector!r}")
    return form_fields(form)


def form_fields(form, submitter: str | None = None) -> dict[str, list[str]]:
    """What a browser sends for a parsed ``<form>``: HTML's form data set, with the value of
    the ``submitter`` button (by name) if one is pressed."""
    data: dict[str, list[str]] = {}

    def add(name: str, value: str) -> None:
        data.setdefault(name, []).append(value)

    for element in form.find_all(["input", "select", "textarea", "button"]):
        name = element.get("name")
        if not name or element.has_attr("disabled"):
            continue
        if any(f.has_attr("disabled") for f in element.find_parents("fieldset")):
            continue
        if element.name == "input":
            kind = (element.get("type") or "text").lower()
            if kind in ("submit", "image", "button", "reset"):
                if kind in ("submit", "image") and name == submitter:
                    add(name, element.get("value", ""))
            elif kind in ("checkbox", "radio"):
                if element.has_attr("checked"):
                    add(name, element.get("value", "on"))
            elif kind == "file":
                continue  # no file chosen: the browser sends an empty part, Django no file
            else:
                add(name, element.get("value", ""))
        elif element.name == "select":
            options = [o for o in element.find_all("option") if not o.has_attr("disabled")]
            chosen = [o for o in options if o.has_attr("selected")]
            if not element.has_attr("multiple"):
                chosen = chosen[-1:] or options[:1]
            for option in chosen:
                value = option.get("value")
                add(name, " ".join(option.get_text().split()) if value is None else value)
        elif element.name == "textarea":
            # The parser already dropped the newline after <textarea>; browsers send CRLF.
            add(name, element.get_text().replace("\r\n", "\n").replace("\n", "\r\n"))
        elif element.name == "button" and (element.get("type") or "submit") == "submit":
            if name == submitter:
                add(name, element.get("value", ""))
    return data


def form_errors(html: str) -> list[str]:
    """The admin's error messages on a page: the note at the top and each field's list."""
    soup = BeautifulSoup(html, "html5lib")
    found = soup.select(".errornote, ul.errorlist li")
    return [" ".join(node.get_text(" ", strip=True).split()) for node in found]
