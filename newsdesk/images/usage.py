"""Where an image is used. The library knows no article (it sits below the newsroom,
docs/architecture.md); apps that refer to images register a function that names the uses."""

from __future__ import annotations

from collections.abc import Callable

from newsdesk.images.models import Image

Use = tuple[str, str]  # (what, admin address)
_finders: dict[str, Callable[[Image], list[Use]]] = {}


def register(name: str, finder: Callable[[Image], list[Use]]) -> None:
    _finders[name] = finder


def uses(image: Image) -> list[Use]:
    """Every place that shows ``image``; one query per registered finder."""
    return [use for finder in _finders.values() for use in finder(image)]
