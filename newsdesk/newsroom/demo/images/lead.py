"""Lead images: a scene chosen from the section and headline, with the section in a corner band."""

import random

from PIL import Image, ImageDraw

from .drawing import SCALE, font, jpeg_bytes
from .motifs import PAINTERS, background
from .palettes import Color, palette_pick
from .scenes import scene_for

LABEL_BACKING = (10, 12, 18)
LABEL_TEXT = (245, 245, 245)


def _draw_label(image: Image.Image, text: str, accent: Color) -> None:
    """A small darkened band in the lower-left corner with an accent edge (output resolution)."""
    height = image.height
    label_font = font(max(12, round(height * 0.028)))
    draw = ImageDraw.Draw(image)
    left, top, right, bottom = draw.textbbox((0, 0), text, font=label_font)
    pad_x, pad_y = round(height * 0.022), round(height * 0.014)
    box_width = right - left + 2 * pad_x + 5
    box_height = bottom - top + 2 * pad_y
    x0, y0 = round(height * 0.035), height - round(height * 0.035) - box_height
    region = (x0, y0, x0 + box_width, y0 + box_height)
    band = image.crop(region)
    image.paste(Image.blend(band, Image.new("RGB", band.size, LABEL_BACKING), 0.72), region[:2])
    draw.rectangle((x0, y0, x0 + 4, y0 + box_height - 1), fill=accent)
    text_at = (x0 + 5 + pad_x - left, y0 + pad_y - top)
    draw.text(text_at, text, font=label_font, fill=LABEL_TEXT)


def render_lead_image(
    *, seed: int, title: str, section: str, width: int = 1200, height: int = 675
) -> bytes:
    """JPEG bytes of an article's illustration; the same arguments always give the same bytes.

    ``section`` (display name or slug) picks the scene and is printed in the corner band;
    ``title`` picks the subject within the scene (see :func:`.scenes.scene_for`).
    """
    rng = random.Random(seed)
    palette = palette_pick(rng)
    scene, subject = scene_for(section, title)
    image = background(palette, scene, subject, width * SCALE, height * SCALE)
    PAINTERS[scene](image, ImageDraw.Draw(image), rng, palette, subject)
    image = image.reduce(SCALE)
    _draw_label(image, section.upper(), palette["accent"])
    return jpeg_bytes(image, quality=80, optimize=False, progressive=True)
