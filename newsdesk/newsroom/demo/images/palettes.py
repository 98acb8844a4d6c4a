"""Colours of the generated pictures: the lead images' palettes and the helpers to mix them.

A palette is a time of day or weather; :func:`palette_pick` is the first draw a lead image makes
from its seeded generator, so the list's order is part of every picture.
"""

import random

from PIL import ImageColor

Color = tuple[int, int, int]
Palette = dict[str, Color]

# Sky gradient, sun or moon, distant and near silhouettes, sea gradient, and a light accent used
# for contrails, signal arcs and chart lines.
LEAD_PALETTES = [
    {
        "name": "dawn",
        "sky_top": "#2b3a55",
        "sky_bottom": "#e8a87c",
        "sun": "#fbe3b8",
        "far": "#8d7f8f",
        "near": "#1e2230",
        "sea_top": "#6e7b95",
        "sea_bottom": "#1f2a3d",
        "accent": "#f2c38b",
    },
    {
        "name": "overcast",
        "sky_top": "#7d8e9c",
        "sky_bottom": "#d7dde2",
        "sun": "#f1f3f4",
        "far": "#a3aeb8",
        "near": "#2a343d",
        "sea_top": "#7f909c",
        "sea_bottom": "#2e3d48",
        "accent": "#eef3f6",
    },
    {
        "name": "dusk",
        "sky_top": "#1b1f3b",
        "sky_bottom": "#c0607a",
        "sun": "#ffd2a1",
        "far": "#6b4a6e",
        "near": "#141526",
        "sea_top": "#5a4467",
        "sea_bottom": "#141a2c",
        "accent": "#ffb08f",
    },
    {
        "name": "clear",
        "sky_top": "#2f6ea5",
        "sky_bottom": "#bfe0f2",
        "sun": "#fffbe8",
        "far": "#7aa0b8",
        "near": "#1d3447",
        "sea_top": "#3f7ea6",
        "sea_bottom": "#0f3552",
        "accent": "#ffffff",
    },
    {
        "name": "haze",
        "sky_top": "#b9a98c",
        "sky_bottom": "#efe3c8",
        "sun": "#fff6df",
        "far": "#ad9d82",
        "near": "#3b3428",
        "sea_top": "#a99c82",
        "sea_bottom": "#4a4336",
        "accent": "#fff4da",
    },
    {
        "name": "night",
        "sky_top": "#070b18",
        "sky_bottom": "#23345a",
        "sun": "#dfe7f5",
        "far": "#2a3a5c",
        "near": "#05070e",
        "sea_top": "#1c2a47",
        "sea_bottom": "#05080f",
        "accent": "#8fb3ff",
    },
    {
        "name": "steel",
        "sky_top": "#33414e",
        "sky_bottom": "#9aa9b3",
        "sun": "#e9eef1",
        "far": "#6d7c88",
        "near": "#161d24",
        "sea_top": "#4f606c",
        "sea_bottom": "#151d24",
        "accent": "#d6e2ea",
    },
]


def rgb(value: str) -> Color:
    """The ``(r, g, b)`` of a CSS colour such as ``"#2b3a55"``."""
    r, g, b = ImageColor.getrgb(value)[:3]
    return (r, g, b)


def mix(a: Color, b: Color, t: float) -> Color:
    """The colour ``t`` of the way from ``a`` to ``b`` (``t`` clamped to 0..1)."""
    t = max(0.0, min(1.0, t))
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def palette_pick(rng: random.Random) -> Palette:
    """One of :data:`LEAD_PALETTES` chosen by ``rng``, as RGB tuples keyed by role."""
    raw = rng.choice(LEAD_PALETTES)
    return {role: rgb(value) for role, value in raw.items() if role != "name"}
