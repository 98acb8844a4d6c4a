"""The subjects' silhouettes: unit-space outlines and the functions that draw them.

Each ``draw_*`` paints one subject at a pixel position and size; ``flip`` faces it left. The
ones taking ``rng`` draw from it, so the order they are called in is part of the picture.
"""

import math
import random

from PIL import ImageDraw

from .drawing import SCALE, Point, mirror_y, transform
from .palettes import Color, mix

# Upper halves of the aircraft seen from above, nose at x = 1 (completed by mirror_y).
JET_UPPER = [
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
DRONE_UPPER = [
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

# Side views standing on the waterline (y = 0), one polygon per part, bow at x = 1.
SHIP_PARTS = [
    [(0.0, 0.0), (0.90, 0.0), (1.0, 0.10), (0.60, 0.085), (0.02, 0.075), (0.0, 0.06)],
    [(0.36, 0.08), (0.64, 0.085), (0.61, 0.17), (0.40, 0.17)],
    [(0.52, 0.16), (0.62, 0.16), (0.60, 0.23), (0.54, 0.23)],
    [(0.495, 0.16), (0.535, 0.16), (0.522, 0.36), (0.508, 0.36)],
    [(0.28, 0.075), (0.35, 0.078), (0.34, 0.15), (0.29, 0.15)],
    [(0.78, 0.09), (0.85, 0.093), (0.84, 0.12), (0.79, 0.12)],
    [(0.83, 0.107), (0.93, 0.118), (0.93, 0.124), (0.83, 0.116)],
    [(0.10, 0.072), (0.25, 0.074), (0.24, 0.11), (0.11, 0.11)],
]
SUB_PARTS = [
    [(0.0, 0.0), (0.03, 0.035), (0.12, 0.05), (0.88, 0.05), (0.97, 0.035), (1.0, 0.0)],
    [(0.60, 0.045), (0.70, 0.045), (0.685, 0.15), (0.62, 0.15)],
    [(0.56, 0.11), (0.74, 0.11), (0.74, 0.12), (0.56, 0.12)],
    [(0.02, 0.0), (0.05, 0.0), (0.035, 0.09), (0.02, 0.09)],
]

# Side view of a tracked vehicle standing on the ground (y = 0), front at x = 1.
_TRACKS = [(0.04, 0.0), (0.96, 0.0), (1.03, 0.10), (0.99, 0.21), (0.01, 0.21), (-0.03, 0.10)]
_HULL = [(0.0, 0.21), (1.02, 0.21), (0.93, 0.31), (0.06, 0.31)]
_TURRET = [(0.30, 0.31), (0.72, 0.31), (0.70, 0.45), (0.36, 0.47), (0.29, 0.42)]
_TANK_BARREL = [(0.68, 0.385), (1.38, 0.395), (1.38, 0.42), (0.68, 0.425)]
_TANK_ANTENNA = [(0.40, 0.46), (0.34, 0.78)]
_GUN_HOUSE = [(0.12, 0.31), (0.74, 0.31), (0.72, 0.55), (0.16, 0.56), (0.10, 0.46)]
_GUN_ANTENNA = [(0.20, 0.55), (0.15, 0.85)]

Draw = ImageDraw.ImageDraw


def _draw_contrails(draw: Draw, cx, cy, size, angle, trail: Color, sky: Color) -> None:
    """Two contrails streaming back from the wing roots, fading from ``trail`` into ``sky``."""
    dx, dy = -math.cos(angle), math.sin(angle)
    length = size * 6
    segments = 14
    for side in (-1, 1):
        x0, y0 = transform([(-0.55, 0.12 * side)], cx, cy, size, angle)[0]
        for i in range(segments):
            t0, t1 = i / segments, (i + 1) / segments
            draw.line(
                (
                    x0 + dx * length * t0,
                    y0 + dy * length * t0,
                    x0 + dx * length * t1,
                    y0 + dy * length * t1,
                ),
                fill=mix(trail, sky, 0.15 + 0.85 * t1),
                width=max(2, int(size * 0.035)),
            )


def draw_plane(
    draw: Draw, upper: list[Point], cx, cy, size, angle, color, trail: Color | None, sky: Color
) -> None:
    """An aircraft from its ``upper`` half-outline at ``angle``; contrails if ``trail`` is set."""
    outline = transform(mirror_y(upper), cx, cy, size, angle)
    if trail is not None:
        _draw_contrails(draw, cx, cy, size, angle, trail, sky)
    draw.polygon(outline, fill=color)


def draw_quadcopter(draw: Draw, cx, cy, size, color) -> None:
    """A small four-rotor drone seen from the side, centred on (cx, cy)."""
    draw.rounded_rectangle(
        (cx - size * 0.35, cy - size * 0.14, cx + size * 0.35, cy + size * 0.12),
        radius=size * 0.08,
        fill=color,
    )
    for side in (-1, 1):
        ax = cx + side * size * 0.95
        draw.line((cx, cy - size * 0.04, ax, cy - size * 0.18), fill=color, width=int(size * 0.08))
        draw.rectangle(
            (ax - size * 0.04, cy - size * 0.30, ax + size * 0.04, cy - size * 0.16), fill=color
        )
        draw.ellipse(
            (ax - size * 0.42, cy - size * 0.36, ax + size * 0.42, cy - size * 0.28), fill=color
        )
    draw.polygon(
        [
            (cx - size * 0.1, cy + size * 0.12),
            (cx + size * 0.1, cy + size * 0.12),
            (cx + size * 0.06, cy + size * 0.24),
            (cx - size * 0.06, cy + size * 0.24),
        ],
        fill=color,
    )


def _raised_barrel(angle: float) -> list[Point]:
    """The outline of a gun barrel pivoting on the housing, raised ``angle`` radians."""
    c, sn = math.cos(angle), math.sin(angle)
    bx, by, length, half = 0.66, 0.46, 0.95, 0.022
    return [
        (bx - sn * half, by + c * half),
        (bx + c * length - sn * half, by + sn * length + c * half),
        (bx + c * length + sn * half, by + sn * length - c * half),
        (bx + sn * half, by - c * half),
    ]


def draw_tank(draw: Draw, x, ground, size, color, flip, gun_angle=None) -> None:
    """A tank standing on ``ground``; with ``gun_angle`` a self-propelled gun instead."""

    def fill(points):
        draw.polygon(transform(points, x, ground, size, flip=flip), fill=color)

    fill(_TRACKS)
    fill(_HULL)
    if gun_angle is None:
        fill(_TURRET)
        fill(_TANK_BARREL)
        antenna = _TANK_ANTENNA
    else:
        fill(_GUN_HOUSE)
        fill(_raised_barrel(gun_angle))
        antenna = _GUN_ANTENNA
    (p0, p1) = transform(antenna, x, ground, size, flip=flip)
    draw.line((*p0, *p1), fill=color, width=max(2, int(size * 0.008)))


def _draw_signal_arcs(draw: Draw, fx, fy, size, arc: Color, sky: Color, rng) -> None:
    """Six widening arcs from the dish's feed at (fx, fy), fading from ``arc`` into ``sky``."""
    for i in range(1, 7):
        r = size * (0.45 + i * 0.42)
        draw.arc(
            (fx - r, fy - r, fx + r, fy + r),
            255,
            355,
            fill=mix(arc, sky, 0.12 * i + rng.uniform(0, 0.05)),
            width=max(3, int(size * 0.03)),
        )


def draw_radar(draw: Draw, cx, ground, size, color, arc: Color, sky: Color, rng) -> None:
    """A radar dish on a mast on a mound, sending arcs up to the right."""
    draw.ellipse(
        (cx - size * 1.6, ground - size * 0.35, cx + size * 1.6, ground + size * 0.9), fill=color
    )
    top = ground - size * 0.25
    draw.polygon(
        [
            (cx - size * 0.12, top + size * 0.05),
            (cx + size * 0.12, top + size * 0.05),
            (cx + size * 0.05, top - size * 0.35),
            (cx - size * 0.05, top - size * 0.35),
        ],
        fill=color,
    )
    dx, dy = cx, top - size * 0.55
    draw.chord(
        (dx - size * 0.55, dy - size * 0.55, dx + size * 0.55, dy + size * 0.55),
        110,
        290,
        fill=color,
    )
    draw.line(
        (dx - size * 0.05, dy + size * 0.05, dx + size * 0.45, dy - size * 0.45),
        fill=color,
        width=max(3, int(size * 0.03)),
    )
    _draw_signal_arcs(draw, dx + size * 0.45, dy - size * 0.45, size, arc, sky, rng)


def draw_satellite(draw: Draw, cx, cy, size, angle, body: Color, panel: Color, line: Color):
    """A satellite with two ruled solar wings, tilted by ``angle``."""

    def fill(points, colour):
        draw.polygon(transform(points, cx, cy, size, angle), fill=colour)

    def rule(points):
        p0, p1 = transform(points, cx, cy, size, angle)
        draw.line((*p0, *p1), fill=line, width=max(1, int(size * 0.012)))

    fill([(-0.22, -0.16), (0.22, -0.16), (0.22, 0.16), (-0.22, 0.16)], body)
    for side in (-1, 1):
        x0, x1 = side * 0.26, side * 1.25
        fill([(x0, -0.02), (side * 0.34, -0.02), (side * 0.34, 0.02), (x0, 0.02)], body)
        fill([(side * 0.34, -0.22), (x1, -0.22), (x1, 0.22), (side * 0.34, 0.22)], panel)
        for k in range(1, 5):
            gx = side * (0.34 + (1.25 - 0.34) * k / 5)
            rule([(gx, -0.22), (gx, 0.22)])
        rule([(side * 0.34, 0.0), (x1, 0.0)])
    fill([(-0.05, 0.16), (0.05, 0.16), (0.03, 0.30), (-0.03, 0.30)], body)
    fill([(-0.18, 0.30), (0.18, 0.30), (0.10, 0.40), (-0.10, 0.40)], body)


def draw_vessel(
    draw: Draw, parts, x, water, size, flip, color, reflect: Color, sea: Color, rng
) -> None:
    """A ship or submarine from ``parts`` on the ``water`` line, with a broken reflection."""
    for part in parts:
        draw.polygon(transform(part, x, water, size, flip=flip), fill=color)
    # broken reflection: mirrored shapes, then sea-coloured ripples cut through them
    for part in parts:
        draw.polygon(transform(part, x, water, size, flip=flip, y_scale=0.55), fill=reflect)
    _cut_ripples(draw, x - size if flip else x, water, size, sea, rng)


def _cut_ripples(draw: Draw, left, water, size, sea: Color, rng: random.Random) -> None:
    """Sea-coloured bands of random height and spacing across the reflection below ``water``."""
    y = water + 2
    while y < water + size * 0.22:
        h = rng.uniform(1.5, 4.0) * SCALE
        draw.rectangle((left - 10, y, left + size + 10, y + h), fill=sea)
        y += h + rng.uniform(3.0, 7.0) * SCALE
