"""Drawing primitives the scenes share: supersampling, font, gradients, unit-space geometry.

Shapes are described in unit space (x forward, y up) and placed with :func:`transform`. The
functions taking ``rng`` draw from it, so the order they are called in is part of the picture.
"""

import io
import math
import random
from functools import lru_cache

from PIL import Image, ImageDraw, ImageFont

from .palettes import Color, mix

SCALE = 2  # scenes are drawn at this multiple of the output size, then reduced (anti-aliasing)

Point = tuple[float, float]


@lru_cache(maxsize=16)
def font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    """Pillow's default font at ``size`` pixels (a fixed bitmap font without FreeType)."""
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError):  # very old Pillow or no FreeType: fixed-size bitmap font
        return ImageFont.load_default()


def jpeg_bytes(image: Image.Image, **save_options) -> bytes:
    """``image`` encoded as JPEG with Pillow's ``save_options`` (quality, progressive, ...)."""
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", **save_options)
    return buffer.getvalue()


def _colour_at(position: float, stops: list[tuple[float, Color]]) -> Color:
    colour = stops[-1][1] if position > stops[-1][0] else stops[0][1]
    for (p0, c0), (p1, c1) in zip(stops, stops[1:], strict=False):
        if p0 <= position <= p1:
            return mix(c0, c1, (position - p0) / ((p1 - p0) or 1))
    return colour


def vertical_gradient(width: int, height: int, stops: list[tuple[float, Color]]) -> Image.Image:
    """An RGB image shading from top to bottom through ``stops`` (position 0..1, colour)."""
    column = bytearray()
    for i in range(height):
        column += bytes(_colour_at(i / max(1, height - 1), stops))
    strip = Image.frombytes("RGB", (1, height), bytes(column))
    # widening a one-pixel column with NEAREST is a plain copy, much cheaper than filtering
    return strip.resize((width, height), Image.Resampling.NEAREST)


def transform(
    points: list[Point],
    ox: float,
    oy: float,
    scale: float,
    angle: float = 0.0,
    flip: bool = False,
    y_scale: float = -1.0,
) -> list[Point]:
    """Unit-space ``points`` (y up) flipped, rotated, scaled into image space around (ox, oy)."""
    cos_a, sin_a = math.cos(angle), math.sin(angle)
    placed = []
    for x, y in points:
        if flip:
            x = -x
        rx, ry = x * cos_a - y * sin_a, x * sin_a + y * cos_a
        placed.append((ox + rx * scale, oy + y_scale * ry * scale))
    return placed


def mirror_y(upper: list[Point]) -> list[Point]:
    """A closed outline symmetric about the x axis, completed from its upper half."""
    return upper + [(x, -y) for x, y in reversed(upper) if y != 0]


def draw_sun(
    draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float, sky: Color, sun: Color, steps=14
) -> None:
    """A disc of colour ``sun`` and radius ``r`` in a glow fading out into ``sky``."""
    for i in range(steps, 0, -1):
        rr = r * (1 + i * 0.2)
        draw.ellipse(
            (cx - rr, cy - rr, cx + rr, cy + rr), fill=mix(sky, sun, 0.045 * (steps - i + 1))
        )
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=sun)


def _random_heights(rng: random.Random, segments: int, roughness: float) -> list[float]:
    """``segments + 1`` heights by midpoint displacement, the spread shrinking by ``roughness``."""
    heights = [0.0, 0.0]
    spread = 1.0
    while len(heights) < segments + 1:
        refined = []
        for a, b in zip(heights, heights[1:], strict=False):
            refined += [a, (a + b) / 2 + rng.uniform(-spread, spread)]
        refined.append(heights[-1])
        heights = refined
        spread *= roughness
    return heights[: segments + 1]


def ridge_line(
    rng: random.Random,
    width: float,
    base: float,
    amplitude: float,
    roughness: float,
    segments: int = 48,
) -> list[Point]:
    """A mountain ridge across ``width``: points rising up to ``amplitude`` above ``base``."""
    heights = _random_heights(rng, segments, roughness)
    lo, hi = min(heights), max(heights)
    span = (hi - lo) or 1.0
    step = width / segments
    return [(i * step, base - (h - lo) / span * amplitude) for i, h in enumerate(heights)]
