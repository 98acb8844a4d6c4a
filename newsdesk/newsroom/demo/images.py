"""Procedural illustrations for the demo newsroom.

Lead images are flat, poster-like scenes drawn with Pillow alone: a gradient sky, a subject
silhouette chosen from the section and a few keywords in the headline, and the section name
in a small band in the lower-left corner. Everything is derived from ``random.Random(seed)``,
so the same arguments always produce the same bytes.

The scene is picked by :func:`scene_for`, which the demo content relies on: each article's
alt text describes the subject this function chooses for its headline.

Scenes are drawn at twice the output size and reduced, which gives clean anti-aliased edges
while staying well under 80 ms per 1200x675 image.
"""

import io
import math
import random
from functools import lru_cache

from PIL import Image, ImageColor, ImageDraw, ImageFont

SCALE = 2  # supersampling factor

Color = tuple[int, int, int]

# Colour schemes for the lead images. Each palette describes a time of day or weather: sky
# gradient, sun or moon, distant and near silhouettes, sea gradient and a light accent used
# for contrails, signal arcs and chart lines.
_PALETTES = [
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

# (scene, subject keywords) in priority order; the first match wins, the last entry of each
# scene is its default subject.
_SUBJECTS = {
    "land": [
        ("drone", ("drone", "unmanned", "robot", "surveillance")),
        ("artillery", ("howitzer", "artillery", "rocket", "mortar", "gun ")),
        ("tank", ()),
    ],
    "air": [
        ("radar", ("radar", "interceptor", "missile defense", "missile-warning")),
        ("satellite", ("satellite", "space", "orbit", "telescope")),
        ("drone", ("drone", "unmanned")),
        ("jet", ()),
    ],
    "naval": [
        ("submarine", ("submarine",)),
        ("warship", ()),
    ],
    "policy": [
        ("globe", ("export", "overseas", "buyer", "customer", "alliance", "space")),
        ("chart", ()),
    ],
}


def scene_kind(section: str) -> str:
    """Map a section slug or name to one of the four scene families."""
    s = section.lower()
    if "land" in s or "army" in s or "ground" in s:
        return "land"
    if "air" in s or "space" in s:
        return "air"
    if "nav" in s or "sea" in s or "marit" in s:
        return "naval"
    return "policy"


def scene_for(section: str, title: str) -> tuple[str, str]:
    """Return ``(scene, subject)`` for a section and headline."""
    kind = scene_kind(section)
    lowered = f" {title.lower()} "
    for subject, words in _SUBJECTS[kind]:
        if not words or any(w in lowered for w in words):
            return kind, subject
    raise AssertionError("unreachable: every scene has a default subject")


# -- helpers -----------------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, OSError):  # very old Pillow or no FreeType: fixed-size bitmap font
        return ImageFont.load_default()


def _rgb(value: str) -> Color:
    r, g, b = ImageColor.getrgb(value)[:3]
    return (r, g, b)


def _mix(a: Color, b: Color, t: float) -> Color:
    t = max(0.0, min(1.0, t))
    return (
        round(a[0] + (b[0] - a[0]) * t),
        round(a[1] + (b[1] - a[1]) * t),
        round(a[2] + (b[2] - a[2]) * t),
    )


def _palette(rng: random.Random) -> dict[str, Color]:
    raw = rng.choice(_PALETTES)
    return {k: _rgb(v) for k, v in raw.items() if k != "name"}


def _vgradient(width: int, height: int, stops: list[tuple[float, Color]]) -> Image.Image:
    """A vertical gradient through ``stops`` (position 0..1, colour)."""
    column = bytearray()
    for i in range(height):
        y = i / max(1, height - 1)
        colour = stops[-1][1] if y > stops[-1][0] else stops[0][1]
        for (p0, c0), (p1, c1) in zip(stops, stops[1:], strict=False):
            if p0 <= y <= p1:
                colour = _mix(c0, c1, (y - p0) / ((p1 - p0) or 1))
                break
        column += bytes(colour)
    strip = Image.frombytes("RGB", (1, height), bytes(column))
    # widening a one-pixel column with NEAREST is a plain copy, much cheaper than filtering
    return strip.resize((width, height), Image.Resampling.NEAREST)


def _transform(points, ox, oy, scale, angle=0.0, flip=False, sy=-1.0):
    """Scale/rotate unit-space points (y up) into image space around (ox, oy)."""
    ca, sa = math.cos(angle), math.sin(angle)
    out = []
    for x, y in points:
        if flip:
            x = -x
        rx, ry = x * ca - y * sa, x * sa + y * ca
        out.append((ox + rx * scale, oy + sy * ry * scale))
    return out


def _mirror_y(upper):
    """Complete a shape symmetric about the x axis from its upper half."""
    return upper + [(x, -y) for x, y in reversed(upper) if y != 0]


def _sun(draw, cx, cy, r, sky: Color, sun: Color, steps=14):
    for i in range(steps, 0, -1):
        rr = r * (1 + i * 0.2)
        draw.ellipse(
            (cx - rr, cy - rr, cx + rr, cy + rr), fill=_mix(sky, sun, 0.045 * (steps - i + 1))
        )
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=sun)


def _ridge(rng, width, base, amplitude, roughness, segments=48):
    """A mountain ridge line as a list of points (midpoint-displacement-ish random walk)."""
    heights = [0.0, 0.0]
    spread = 1.0
    while len(heights) < segments + 1:
        new = []
        for a, b in zip(heights, heights[1:], strict=False):
            new += [a, (a + b) / 2 + rng.uniform(-spread, spread)]
        new.append(heights[-1])
        heights = new
        spread *= roughness
    heights = heights[: segments + 1]
    lo, hi = min(heights), max(heights)
    span = (hi - lo) or 1.0
    step = width / segments
    return [(i * step, base - (h - lo) / span * amplitude) for i, h in enumerate(heights)]


# -- subjects ----------------------------------------------------------------------------------

_JET_UPPER = [
    (1.00, 0.0),
    (0.82, 0.035),
    (0.62, 0.055),
    (0.40, 0.075),
    (0.05, 0.46),
    (-0.07, 0.46),
    (-0.16, 0.11),
    (-0.38, 0.10),
    (-0.52, 0.27),
    (-0.64, 0.27),
    (-0.62, 0.06),
    (-0.68, 0.045),
    (-0.68, 0.0),
]
_DRONE_UPPER = [
    (0.70, 0.0),
    (0.66, 0.045),
    (0.18, 0.045),
    (0.13, 0.78),
    (0.01, 0.78),
    (0.02, 0.04),
    (-0.52, 0.03),
    (-0.64, 0.22),
    (-0.72, 0.22),
    (-0.66, 0.015),
    (-0.70, 0.0),
]


def _draw_plane(draw, shape, cx, cy, size, angle, color, trail: Color | None, sky: Color):
    pts = _transform(_mirror_y(shape), cx, cy, size, angle)
    if trail is not None:
        # two fading contrails streaming back from the wing roots
        for side in (-1, 1):
            x0, y0 = _transform([(-0.55, 0.12 * side)], cx, cy, size, angle)[0]
            dx, dy = -math.cos(angle), math.sin(angle)
            length = size * 6
            segs = 14
            for i in range(segs):
                t0, t1 = i / segs, (i + 1) / segs
                draw.line(
                    (
                        x0 + dx * length * t0,
                        y0 + dy * length * t0,
                        x0 + dx * length * t1,
                        y0 + dy * length * t1,
                    ),
                    fill=_mix(trail, sky, 0.15 + 0.85 * t1),
                    width=max(2, int(size * 0.035)),
                )
    draw.polygon(pts, fill=color)


def _draw_quadcopter(draw, cx, cy, s, color):
    draw.rounded_rectangle(
        (cx - s * 0.35, cy - s * 0.14, cx + s * 0.35, cy + s * 0.12), radius=s * 0.08, fill=color
    )
    for side in (-1, 1):
        ax = cx + side * s * 0.95
        draw.line((cx, cy - s * 0.04, ax, cy - s * 0.18), fill=color, width=int(s * 0.08))
        draw.rectangle((ax - s * 0.04, cy - s * 0.30, ax + s * 0.04, cy - s * 0.16), fill=color)
        draw.ellipse((ax - s * 0.42, cy - s * 0.36, ax + s * 0.42, cy - s * 0.28), fill=color)
    draw.polygon(
        [
            (cx - s * 0.1, cy + s * 0.12),
            (cx + s * 0.1, cy + s * 0.12),
            (cx + s * 0.06, cy + s * 0.24),
            (cx - s * 0.06, cy + s * 0.24),
        ],
        fill=color,
    )


def _draw_tank(draw, x, ground, s, color, flip, gun_angle=None):
    """Side view of a tracked vehicle; with ``gun_angle`` it becomes a self-propelled gun."""

    def poly(points):
        draw.polygon(_transform(points, x, ground, s, flip=flip), fill=color)

    poly([(0.04, 0.0), (0.96, 0.0), (1.03, 0.10), (0.99, 0.21), (0.01, 0.21), (-0.03, 0.10)])
    poly([(0.0, 0.21), (1.02, 0.21), (0.93, 0.31), (0.06, 0.31)])
    if gun_angle is None:
        poly([(0.30, 0.31), (0.72, 0.31), (0.70, 0.45), (0.36, 0.47), (0.29, 0.42)])
        poly([(0.68, 0.385), (1.38, 0.395), (1.38, 0.42), (0.68, 0.425)])
        ax0, ay0, ax1, ay1 = 0.40, 0.46, 0.34, 0.78
    else:
        poly([(0.12, 0.31), (0.74, 0.31), (0.72, 0.55), (0.16, 0.56), (0.10, 0.46)])
        c, sn = math.cos(gun_angle), math.sin(gun_angle)
        bx, by, length, half = 0.66, 0.46, 0.95, 0.022
        poly(
            [
                (bx - sn * half, by + c * half),
                (bx + c * length - sn * half, by + sn * length + c * half),
                (bx + c * length + sn * half, by + sn * length - c * half),
                (bx + sn * half, by - c * half),
            ]
        )
        ax0, ay0, ax1, ay1 = 0.20, 0.55, 0.15, 0.85
    (p0, p1) = _transform([(ax0, ay0), (ax1, ay1)], x, ground, s, flip=flip)
    draw.line((*p0, *p1), fill=color, width=max(2, int(s * 0.008)))


def _draw_radar(draw, cx, ground, s, color, arc: Color, sky: Color, rng):
    draw.ellipse((cx - s * 1.6, ground - s * 0.35, cx + s * 1.6, ground + s * 0.9), fill=color)
    top = ground - s * 0.25
    draw.polygon(
        [
            (cx - s * 0.12, top + s * 0.05),
            (cx + s * 0.12, top + s * 0.05),
            (cx + s * 0.05, top - s * 0.35),
            (cx - s * 0.05, top - s * 0.35),
        ],
        fill=color,
    )
    dx, dy = cx, top - s * 0.55
    draw.chord((dx - s * 0.55, dy - s * 0.55, dx + s * 0.55, dy + s * 0.55), 110, 290, fill=color)
    draw.line(
        (dx - s * 0.05, dy + s * 0.05, dx + s * 0.45, dy - s * 0.45),
        fill=color,
        width=max(3, int(s * 0.03)),
    )
    fx, fy = dx + s * 0.45, dy - s * 0.45
    for i in range(1, 7):
        r = s * (0.45 + i * 0.42)
        draw.arc(
            (fx - r, fy - r, fx + r, fy + r),
            255,
            355,
            fill=_mix(arc, sky, 0.12 * i + rng.uniform(0, 0.05)),
            width=max(3, int(s * 0.03)),
        )


def _draw_satellite(draw, cx, cy, s, angle, body: Color, panel: Color, line: Color):
    def poly(points, fill):
        draw.polygon(_transform(points, cx, cy, s, angle), fill=fill)

    poly([(-0.22, -0.16), (0.22, -0.16), (0.22, 0.16), (-0.22, 0.16)], body)
    for side in (-1, 1):
        x0, x1 = side * 0.26, side * 1.25
        poly([(x0, -0.02), (side * 0.34, -0.02), (side * 0.34, 0.02), (x0, 0.02)], body)
        poly([(side * 0.34, -0.22), (x1, -0.22), (x1, 0.22), (side * 0.34, 0.22)], panel)
        for k in range(1, 5):
            gx = side * (0.34 + (1.25 - 0.34) * k / 5)
            p0, p1 = _transform([(gx, -0.22), (gx, 0.22)], cx, cy, s, angle)
            draw.line((*p0, *p1), fill=line, width=max(1, int(s * 0.012)))
        p0, p1 = _transform([(side * 0.34, 0.0), (x1, 0.0)], cx, cy, s, angle)
        draw.line((*p0, *p1), fill=line, width=max(1, int(s * 0.012)))
    poly([(-0.05, 0.16), (0.05, 0.16), (0.03, 0.30), (-0.03, 0.30)], body)
    poly([(-0.18, 0.30), (0.18, 0.30), (0.10, 0.40), (-0.10, 0.40)], body)


_SHIP_PARTS = [
    [(0.0, 0.0), (0.90, 0.0), (1.0, 0.10), (0.60, 0.085), (0.02, 0.075), (0.0, 0.06)],
    [(0.36, 0.08), (0.64, 0.085), (0.61, 0.17), (0.40, 0.17)],
    [(0.52, 0.16), (0.62, 0.16), (0.60, 0.23), (0.54, 0.23)],
    [(0.495, 0.16), (0.535, 0.16), (0.522, 0.36), (0.508, 0.36)],
    [(0.28, 0.075), (0.35, 0.078), (0.34, 0.15), (0.29, 0.15)],
    [(0.78, 0.09), (0.85, 0.093), (0.84, 0.12), (0.79, 0.12)],
    [(0.83, 0.107), (0.93, 0.118), (0.93, 0.124), (0.83, 0.116)],
    [(0.10, 0.072), (0.25, 0.074), (0.24, 0.11), (0.11, 0.11)],
]
_SUB_PARTS = [
    [(0.0, 0.0), (0.03, 0.035), (0.12, 0.05), (0.88, 0.05), (0.97, 0.035), (1.0, 0.0)],
    [(0.60, 0.045), (0.70, 0.045), (0.685, 0.15), (0.62, 0.15)],
    [(0.56, 0.11), (0.74, 0.11), (0.74, 0.12), (0.56, 0.12)],
    [(0.02, 0.0), (0.05, 0.0), (0.035, 0.09), (0.02, 0.09)],
]


def _draw_vessel(draw, parts, x, water, s, flip, color, reflect: Color, sea: Color, rng):
    for part in parts:
        draw.polygon(_transform(part, x, water, s, flip=flip), fill=color)
    # broken reflection: mirrored shapes, then sea-coloured ripples cut through them
    for part in parts:
        draw.polygon(_transform(part, x, water, s, flip=flip, sy=0.55), fill=reflect)
    left = x - s if flip else x
    y = water + 2
    while y < water + s * 0.22:
        h = rng.uniform(1.5, 4.0) * SCALE
        draw.rectangle((left - 10, y, left + s + 10, y + h), fill=sea)
        y += h + rng.uniform(3.0, 7.0) * SCALE


# -- scenes ------------------------------------------------------------------------------------


def _scene_land(img, draw, rng, pal, subject):
    w, h = img.size
    sky = _mix(pal["sky_top"], pal["sky_bottom"], 0.7)
    _sun(draw, rng.uniform(0.15, 0.85) * w, rng.uniform(0.18, 0.38) * h, h * 0.055, sky, pal["sun"])
    layers = 4
    for i in range(layers):
        t = i / (layers - 1)
        base = h * (0.5 + 0.1 * i)
        ridge = _ridge(rng, w, base, h * (0.24 - 0.04 * i), rng.uniform(0.5, 0.62))
        color = _mix(_mix(pal["far"], pal["sky_bottom"], 0.45), pal["near"], 0.62 * t**0.9)
        draw.polygon([(0, h), *ridge, (w, h)], fill=color)
    ground = h * 0.9
    foreground = _ridge(rng, w, ground, h * 0.035, 0.45, 24)
    draw.polygon([(0, h), *foreground, (w, h)], fill=pal["near"])
    ground = min(y for _, y in foreground) + h * 0.012
    flip = rng.random() < 0.5
    s = w * rng.uniform(0.24, 0.3)
    x = rng.uniform(0.12, 0.55) * w if not flip else rng.uniform(0.45, 0.88) * w
    if subject == "tank":
        _draw_tank(draw, x, ground + 2, s, pal["near"], flip)
    elif subject == "artillery":
        _draw_tank(draw, x, ground + 2, s, pal["near"], flip, gun_angle=math.radians(28))
    else:
        _draw_quadcopter(
            draw, rng.uniform(0.3, 0.7) * w, rng.uniform(0.22, 0.36) * h, w * 0.07, pal["near"]
        )


def _scene_air(img, draw, rng, pal, subject):
    w, h = img.size
    sky = _mix(pal["sky_top"], pal["sky_bottom"], 0.5)
    if subject == "satellite":
        for _ in range(260):
            x, y, r = rng.uniform(0, w), rng.uniform(0, h * 0.8), rng.choice((1, 1, 2, 3))
            draw.ellipse(
                (x - r, y - r, x + r, y + r), fill=_mix(sky, (255, 255, 255), rng.uniform(0.3, 0.9))
            )
        cx, r = rng.uniform(0.3, 0.7) * w, w * 1.6
        cy = h * 0.86 + r
        for i in range(6, 0, -1):
            rr = r + i * h * 0.012
            draw.ellipse(
                (cx - rr, cy - rr, cx + rr, cy + rr), fill=_mix(sky, pal["accent"], 0.08 * (7 - i))
            )
        draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=_mix(pal["sea_top"], pal["near"], 0.3))
        _draw_satellite(
            draw,
            rng.uniform(0.35, 0.65) * w,
            rng.uniform(0.3, 0.45) * h,
            w * 0.15,
            rng.uniform(-0.5, 0.5),
            pal["near"],
            _mix(pal["near"], pal["accent"], 0.25),
            _mix(pal["near"], pal["accent"], 0.5),
        )
        return
    _sun(draw, rng.uniform(0.1, 0.9) * w, rng.uniform(0.15, 0.35) * h, h * 0.05, sky, pal["sun"])
    cloud = _mix(pal["sky_bottom"], (255, 255, 255), 0.35)
    for _ in range(rng.randint(3, 6)):
        cx, cy, cw = rng.uniform(0, w), rng.uniform(0.45, 0.8) * h, rng.uniform(0.12, 0.3) * w
        col = _mix(_mix(pal["sky_top"], pal["sky_bottom"], cy / h), cloud, 0.45)
        for _ in range(5):
            ox, oy = rng.uniform(-0.4, 0.4) * cw, rng.uniform(-0.05, 0.05) * cw
            rw, rh = rng.uniform(0.25, 0.45) * cw, rng.uniform(0.06, 0.12) * cw
            draw.ellipse((cx + ox - rw, cy + oy - rh, cx + ox + rw, cy + oy + rh), fill=col)
    horizon = h * 0.9
    far = _mix(pal["far"], pal["sky_bottom"], 0.3)
    draw.polygon([(0, h), *_ridge(rng, w, horizon, h * 0.08, 0.55), (w, h)], fill=far)
    if subject == "radar":
        _draw_radar(
            draw,
            rng.uniform(0.25, 0.4) * w,
            h * 0.93,
            w * 0.16,
            pal["near"],
            pal["accent"],
            sky,
            rng,
        )
    elif subject == "drone":
        _draw_plane(
            draw,
            _DRONE_UPPER,
            rng.uniform(0.45, 0.6) * w,
            rng.uniform(0.35, 0.5) * h,
            w * 0.2,
            rng.uniform(0.15, 0.45),
            pal["near"],
            None,
            sky,
        )
    else:
        _draw_plane(
            draw,
            _JET_UPPER,
            rng.uniform(0.55, 0.7) * w,
            rng.uniform(0.3, 0.45) * h,
            w * 0.15,
            rng.uniform(0.2, 0.55),
            pal["near"],
            pal["accent"],
            sky,
        )


def _scene_naval(img, draw, rng, pal, subject):
    w, h = img.size
    water = h * rng.uniform(0.6, 0.68)
    sky = _mix(pal["sky_top"], pal["sky_bottom"], 0.75)
    sun_x = rng.uniform(0.12, 0.88) * w
    _sun(draw, sun_x, water - h * rng.uniform(0.12, 0.3), h * 0.05, sky, pal["sun"])
    sea = _vgradient(w, int(h - water) + 1, [(0.0, pal["sea_top"]), (1.0, pal["sea_bottom"])])
    img.paste(sea, (0, int(water)))
    draw.polygon(
        [(0, water), *_ridge(rng, w * 0.45, water, h * 0.035, 0.5, 16), (w * 0.45, water)],
        fill=_mix(pal["far"], pal["sky_bottom"], 0.35),
    )
    glint = _mix(pal["sea_top"], pal["sun"], 0.5)
    for _ in range(40):
        y = rng.uniform(water + 4, h)
        half = rng.uniform(10, 60) * (y - water) / (h - water) * SCALE
        x = sun_x + rng.gauss(0, w * 0.02)
        draw.line((x - half, y, x + half, y), fill=glint, width=SCALE)
    flip = rng.random() < 0.5
    sea_mid = _mix(pal["sea_top"], pal["sea_bottom"], 0.15)
    reflect = _mix(pal["near"], pal["sea_top"], 0.45)
    if subject == "submarine":
        s = w * rng.uniform(0.55, 0.65)
        parts = _SUB_PARTS
    else:
        s = w * rng.uniform(0.5, 0.6)
        parts = _SHIP_PARTS
    x = (w - s) / 2 + rng.uniform(-0.08, 0.08) * w
    if flip:
        x += s
    _draw_vessel(draw, parts, x, water + 3, s, flip, pal["near"], reflect, sea_mid, rng)


def _scene_policy(img, draw, rng, pal, subject):
    w, h = img.size
    grid = _mix(pal["near"], pal["accent"], 0.1)
    step = w / 24
    for i in range(25):
        draw.line((i * step, 0, i * step, h), fill=grid, width=SCALE)
    for j in range(int(h / step) + 1):
        draw.line((0, j * step, w, j * step), fill=grid, width=SCALE)
    accent = pal["accent"]
    soft = _mix(pal["near"], accent, 0.35)
    # radar-like rings from a corner
    ox, oy = (w, 0) if rng.random() < 0.5 else (0, 0)
    for i in range(1, 6):
        r = h * 0.22 * i
        draw.ellipse(
            (ox - r, oy - r, ox + r, oy + r),
            outline=_mix(pal["near"], accent, 0.16),
            width=SCALE * 2,
        )
    # network of nodes
    nodes = [(rng.uniform(0.05, 0.5) * w, rng.uniform(0.1, 0.8) * h) for _ in range(14)]
    for x0, y0 in nodes:
        near = sorted(nodes, key=lambda p: (p[0] - x0) ** 2 + (p[1] - y0) ** 2)[1:3]
        for x1, y1 in near:
            draw.line((x0, y0, x1, y1), fill=soft, width=SCALE * 2)
    for i, (x0, y0) in enumerate(nodes):
        r = (7 if i % 4 == 0 else 4) * SCALE
        draw.ellipse((x0 - r, y0 - r, x0 + r, y0 + r), fill=accent if i % 4 == 0 else soft)
    if subject == "globe":
        cx, cy, r = w * 0.7, h * 0.5, h * 0.36
        draw.ellipse(
            (cx - r, cy - r, cx + r, cy + r),
            fill=_mix(pal["near"], accent, 0.08),
            outline=soft,
            width=SCALE * 2,
        )
        for k in range(1, 6):
            rx = r * abs(math.cos(math.pi * k / 6))
            draw.ellipse((cx - rx, cy - r, cx + rx, cy + r), outline=soft, width=SCALE)
        for k in range(-2, 3):
            y = cy + r * math.sin(math.pi * k / 6)
            half = r * math.cos(math.pi * k / 6)
            draw.line((cx - half, y, cx + half, y), fill=soft, width=SCALE)
        for _ in range(4):
            a0, a1 = rng.uniform(0, 2 * math.pi), rng.uniform(0, 2 * math.pi)
            p0 = (cx + r * 0.8 * math.cos(a0), cy + r * 0.8 * math.sin(a0))
            p1 = (cx + r * 0.8 * math.cos(a1), cy + r * 0.8 * math.sin(a1))
            mx, my = (p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2 - r * 0.6
            pts = [
                (
                    (1 - t) ** 2 * p0[0] + 2 * (1 - t) * t * mx + t * t * p1[0],
                    (1 - t) ** 2 * p0[1] + 2 * (1 - t) * t * my + t * t * p1[1],
                )
                for t in (i / 24 for i in range(25))
            ]
            draw.line(pts, fill=accent, width=SCALE * 2)
            for px, py in (p0, p1):
                draw.ellipse(
                    (px - 6 * SCALE, py - 6 * SCALE, px + 6 * SCALE, py + 6 * SCALE), fill=accent
                )
    else:
        n = rng.randint(6, 9)
        left, right, base = w * 0.56, w * 0.94, h * 0.85
        bw = (right - left) / n
        values = [rng.uniform(0.25, 1.0) for _ in range(n)]
        for i, v in enumerate(values):
            top = base - v * h * 0.55
            col = _mix(soft, accent, i / (n - 1))
            draw.rectangle(
                (left + i * bw + bw * 0.15, top, left + (i + 1) * bw - bw * 0.15, base), fill=col
            )
        draw.line((left, base, right, base), fill=accent, width=SCALE * 2)
        line = [
            (left + (i + 0.5) * bw, base - v * h * 0.55 - h * 0.08) for i, v in enumerate(values)
        ]
        draw.line(line, fill=accent, width=SCALE * 3, joint="curve")


def _background(rng, pal, scene, subject, w, h) -> Image.Image:
    if scene == "policy":
        top = _mix(pal["near"], pal["sky_top"], 0.35)
        return _vgradient(w, h, [(0.0, top), (1.0, _mix(pal["near"], (0, 0, 0), 0.35))])
    if subject == "satellite":
        night = _rgb("#03060f")
        return _vgradient(w, h, [(0.0, night), (1.0, _mix(night, pal["sky_top"], 0.6))])
    return _vgradient(w, h, [(0.0, pal["sky_top"]), (1.0, pal["sky_bottom"])])


def _label(img: Image.Image, text: str, accent: Color) -> None:
    """Small section band in the lower-left corner (drawn at output resolution)."""
    w, h = img.size
    font = _font(max(12, round(h * 0.028)))
    draw = ImageDraw.Draw(img)
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    pad_x, pad_y = round(h * 0.022), round(h * 0.014)
    box_w = right - left + 2 * pad_x + 5
    box_h = bottom - top + 2 * pad_y
    x0, y0 = round(h * 0.035), h - round(h * 0.035) - box_h
    region = (x0, y0, x0 + box_w, y0 + box_h)
    band = img.crop(region)
    img.paste(Image.blend(band, Image.new("RGB", band.size, (10, 12, 18)), 0.72), region[:2])
    draw.rectangle((x0, y0, x0 + 4, y0 + box_h - 1), fill=accent)
    draw.text((x0 + 5 + pad_x - left, y0 + pad_y - top), text, font=font, fill=(245, 245, 245))


def render_lead_image(
    *, seed: int, title: str, section: str, width: int = 1200, height: int = 675
) -> bytes:
    """Return JPEG bytes of a procedural illustration for an article.

    ``section`` is the section's display name (a slug also picks the right scene); it is
    printed in the corner band. ``title`` picks the subject within the scene (see
    :func:`scene_for`).
    """
    rng = random.Random(seed)
    pal = _palette(rng)
    scene, subject = scene_for(section, title)
    w, h = width * SCALE, height * SCALE
    img = _background(rng, pal, scene, subject, w, h)
    draw = ImageDraw.Draw(img)
    painter = {
        "land": _scene_land,
        "air": _scene_air,
        "naval": _scene_naval,
        "policy": _scene_policy,
    }[scene]
    painter(img, draw, rng, pal, subject)
    img = img.reduce(SCALE)
    _label(img, section.upper(), pal["accent"])
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=80, optimize=False, progressive=True)
    return buf.getvalue()


_PORTRAIT_COLOURS = [
    "#3a5a78",
    "#5b4b8a",
    "#2f6f63",
    "#8a4b3c",
    "#6b7a32",
    "#7a3b5e",
    "#35607f",
    "#9a6b2f",
]


def render_portrait(*, seed: int, initials: str, size: int = 400) -> bytes:
    """Return JPEG bytes of a simple avatar: initials on a coloured disc."""
    rng = random.Random(seed)
    disc = _rgb(rng.choice(_PORTRAIT_COLOURS))
    backdrop = _mix(disc, (246, 244, 240), 0.82)
    s = size * SCALE
    img = Image.new("RGB", (s, s), backdrop)
    draw = ImageDraw.Draw(img)
    m = s * 0.04
    draw.ellipse((m, m, s - m, s - m), fill=disc)
    text = initials.strip().upper()[:3] or "?"
    font = _font(round(s * (0.36 if len(text) < 3 else 0.28)))
    left, top, right, bottom = draw.textbbox((0, 0), text, font=font)
    draw.text(
        ((s - (right - left)) / 2 - left, (s - (bottom - top)) / 2 - top),
        text,
        font=font,
        fill=(250, 250, 250),
    )
    img = img.reduce(SCALE)
    buf = io.BytesIO()
    img.save(buf, format="JPEG", quality=85)
    return buf.getvalue()
