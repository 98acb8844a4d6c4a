"""A photograph-like demo picture at full camera size (4000x3000 by default): a hazy ridge
line over a valley at dusk, with grain, so the library's renditions meet a real-size photo.

It carries camera EXIF (make, model, a GPS position) as a camera would write it, which the
library strips on upload: the demo shows that as well. Same seed, same bytes.
"""

from __future__ import annotations

import io
import random

from PIL import Image, ImageDraw, ImageFilter, ImageOps

GPS_IFD = 0x8825


def _ridge(rng: random.Random, width: int, base: float, rough: float) -> list[tuple[int, int]]:
    points, y = [], base
    for x in range(0, width + 40, 40):
        y += rng.uniform(-rough, rough)
        points.append((x, int(y)))
    return points


def render_photo(*, seed: int, width: int = 4000, height: int = 3000) -> bytes:
    rng = random.Random(seed)
    small = (width // 4, height // 4)  # painted at a quarter, then scaled: soft like a lens
    sky = ImageOps.colorize(
        Image.linear_gradient("L").resize(small), black=(58, 74, 112), white=(236, 170, 122)
    ).convert("RGB")
    draw = ImageDraw.Draw(sky)
    w, h = small
    for depth, (tone, base) in enumerate(
        [((120, 110, 128), 0.55), ((84, 80, 96), 0.64), ((52, 54, 62), 0.74), ((28, 32, 34), 0.86)]
    ):
        ridge = _ridge(rng, w, h * base, h * (0.012 + depth * 0.006))
        draw.polygon([*ridge, (w, h), (0, h)], fill=tone)
    mast_x = int(w * rng.uniform(0.55, 0.8))
    draw.line([(mast_x, int(h * 0.66)), (mast_x, int(h * 0.78))], fill=(20, 22, 24), width=3)
    picture = sky.filter(ImageFilter.GaussianBlur(1.2)).resize(
        (width, height), Image.Resampling.BICUBIC
    )
    grain = Image.effect_noise((width, height), 28).convert("RGB")
    picture = Image.blend(picture, grain, 0.07)
    exif = Image.Exif()
    exif[0x010F] = "Newsdesk Demo Camera Co."
    exif[0x0110] = "DC-1 (demo)"
    gps = exif.get_ifd(GPS_IFD)
    gps[1], gps[2] = "N", (37.0, 57.0, 0.0)
    gps[3], gps[4] = "E", (126.0, 40.0, 0.0)
    out = io.BytesIO()
    picture.save(out, "JPEG", quality=86, exif=exif.tobytes())
    return out.getvalue()
