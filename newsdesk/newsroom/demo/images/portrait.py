"""Contributor portraits: initials on a coloured disc."""

import random

from PIL import Image, ImageDraw

from .drawing import SCALE, font, jpeg_bytes
from .palettes import mix, rgb

DISC_COLOURS = [
    "#3a5a78",
    "#5b4b8a",
    "#2f6f63",
    "#8a4b3c",
    "#6b7a32",
    "#7a3b5e",
    "#35607f",
    "#9a6b2f",
]
PAPER = (246, 244, 240)
INITIALS_COLOUR = (250, 250, 250)


def render_portrait(*, seed: int, initials: str, size: int = 400) -> bytes:
    """JPEG bytes of a square avatar: up to three initials ("?" if none) on a disc."""
    disc = rgb(random.Random(seed).choice(DISC_COLOURS))
    side = size * SCALE
    image = Image.new("RGB", (side, side), mix(disc, PAPER, 0.82))
    draw = ImageDraw.Draw(image)
    margin = side * 0.04
    draw.ellipse((margin, margin, side - margin, side - margin), fill=disc)
    text = initials.strip().upper()[:3] or "?"
    initials_font = font(round(side * (0.36 if len(text) < 3 else 0.28)))
    left, top, right, bottom = draw.textbbox((0, 0), text, font=initials_font)
    text_at = ((side - (right - left)) / 2 - left, (side - (bottom - top)) / 2 - top)
    draw.text(text_at, text, font=initials_font, fill=INITIALS_COLOUR)
    return jpeg_bytes(image.reduce(SCALE), quality=85)
