"""The four scene families' backgrounds and painters: land, air, naval and policy.

``PAINTERS[scene](image, draw, rng, palette, subject)`` draws a scene over :func:`background`
at supersampled size. Every painter draws from ``rng`` in a fixed order: the order is the picture.
"""

import math
import random

from PIL import Image, ImageDraw

from .drawing import SCALE, draw_sun, ridge_line, vertical_gradient
from .palettes import Palette, mix, rgb
from .shapes import (
    DRONE_UPPER,
    JET_UPPER,
    SHIP_PARTS,
    SUB_PARTS,
    draw_plane,
    draw_quadcopter,
    draw_radar,
    draw_satellite,
    draw_tank,
    draw_vessel,
)

Draw = ImageDraw.ImageDraw
WHITE = (255, 255, 255)


def background(palette: Palette, scene: str, subject: str, width, height) -> Image.Image:
    """The scene's backdrop: a dark panel for policy, night for orbit, else the sky gradient."""
    if scene == "policy":
        top = mix(palette["near"], palette["sky_top"], 0.35)
        bottom = mix(palette["near"], (0, 0, 0), 0.35)
        return vertical_gradient(width, height, [(0.0, top), (1.0, bottom)])
    if subject == "satellite":
        night = rgb("#03060f")
        return vertical_gradient(
            width, height, [(0.0, night), (1.0, mix(night, palette["sky_top"], 0.6))]
        )
    return vertical_gradient(
        width, height, [(0.0, palette["sky_top"]), (1.0, palette["sky_bottom"])]
    )


# -- land ----------------------------------------------------------------------------------------


def _draw_mountain_ranges(draw: Draw, rng, palette: Palette, width, height, layers=4) -> None:
    """Ridges receding into haze from mid-height down, each nearer one darker."""
    for i in range(layers):
        t = i / (layers - 1)
        base = height * (0.5 + 0.1 * i)
        ridge = ridge_line(rng, width, base, height * (0.24 - 0.04 * i), rng.uniform(0.5, 0.62))
        hazy_far = mix(palette["far"], palette["sky_bottom"], 0.45)
        draw.polygon(
            [(0, height), *ridge, (width, height)],
            fill=mix(hazy_far, palette["near"], 0.62 * t**0.9),
        )


def _draw_foreground(draw: Draw, rng, palette: Palette, width, height) -> float:
    """Draw the near hills; return the ground line a vehicle stands on."""
    foreground = ridge_line(rng, width, height * 0.9, height * 0.035, 0.45, 24)
    draw.polygon([(0, height), *foreground, (width, height)], fill=palette["near"])
    return min(y for _, y in foreground) + height * 0.012


def paint_land(
    image: Image.Image, draw: Draw, rng: random.Random, palette: Palette, subject: str
) -> None:
    """Sun, mountain ranges, then a tank, a self-propelled gun or a hovering drone."""
    width, height = image.size
    sky = mix(palette["sky_top"], palette["sky_bottom"], 0.7)
    sun_x, sun_y = rng.uniform(0.15, 0.85) * width, rng.uniform(0.18, 0.38) * height
    draw_sun(draw, sun_x, sun_y, height * 0.055, sky, palette["sun"])
    _draw_mountain_ranges(draw, rng, palette, width, height)
    ground = _draw_foreground(draw, rng, palette, width, height)
    flip = rng.random() < 0.5
    size = width * rng.uniform(0.24, 0.3)
    x = rng.uniform(0.12, 0.55) * width if not flip else rng.uniform(0.45, 0.88) * width
    if subject == "tank":
        draw_tank(draw, x, ground + 2, size, palette["near"], flip)
    elif subject == "artillery":
        draw_tank(draw, x, ground + 2, size, palette["near"], flip, gun_angle=math.radians(28))
    else:
        drone_x, drone_y = rng.uniform(0.3, 0.7) * width, rng.uniform(0.22, 0.36) * height
        draw_quadcopter(draw, drone_x, drone_y, width * 0.07, palette["near"])


# -- air -----------------------------------------------------------------------------------------


def _draw_stars(draw: Draw, rng, sky, width, height, count=260) -> None:
    for _ in range(count):
        x, y, r = rng.uniform(0, width), rng.uniform(0, height * 0.8), rng.choice((1, 1, 2, 3))
        draw.ellipse((x - r, y - r, x + r, y + r), fill=mix(sky, WHITE, rng.uniform(0.3, 0.9)))


def _draw_planet_rim(draw: Draw, rng, palette: Palette, sky, width, height) -> None:
    """The curve of a huge planet along the bottom edge, with a glowing atmosphere."""
    cx, r = rng.uniform(0.3, 0.7) * width, width * 1.6
    cy = height * 0.86 + r
    for i in range(6, 0, -1):
        rr = r + i * height * 0.012
        draw.ellipse(
            (cx - rr, cy - rr, cx + rr, cy + rr), fill=mix(sky, palette["accent"], 0.08 * (7 - i))
        )
    draw.ellipse(
        (cx - r, cy - r, cx + r, cy + r), fill=mix(palette["sea_top"], palette["near"], 0.3)
    )


def _paint_orbit(draw: Draw, rng, palette: Palette, sky, width, height) -> None:
    _draw_stars(draw, rng, sky, width, height)
    _draw_planet_rim(draw, rng, palette, sky, width, height)
    near = palette["near"]
    draw_satellite(
        draw,
        rng.uniform(0.35, 0.65) * width,
        rng.uniform(0.3, 0.45) * height,
        width * 0.15,
        rng.uniform(-0.5, 0.5),
        near,
        mix(near, palette["accent"], 0.25),
        mix(near, palette["accent"], 0.5),
    )


def _draw_clouds(draw: Draw, rng, palette: Palette, width, height) -> None:
    """Three to six clouds, each five overlapping ellipses tinted by the sky behind them."""
    cloud = mix(palette["sky_bottom"], WHITE, 0.35)
    for _ in range(rng.randint(3, 6)):
        cx, cy = rng.uniform(0, width), rng.uniform(0.45, 0.8) * height
        cloud_width = rng.uniform(0.12, 0.3) * width
        sky_behind = mix(palette["sky_top"], palette["sky_bottom"], cy / height)
        colour = mix(sky_behind, cloud, 0.45)
        for _ in range(5):
            ox, oy = rng.uniform(-0.4, 0.4) * cloud_width, rng.uniform(-0.05, 0.05) * cloud_width
            rw, rh = rng.uniform(0.25, 0.45) * cloud_width, rng.uniform(0.06, 0.12) * cloud_width
            draw.ellipse((cx + ox - rw, cy + oy - rh, cx + ox + rw, cy + oy + rh), fill=colour)


def _draw_aircraft(draw: Draw, rng, palette: Palette, subject, sky, width, height) -> None:
    """A radar on the ground, a drone without contrails, or a jet trailing two."""
    near = palette["near"]
    if subject == "radar":
        radar_x = rng.uniform(0.25, 0.4) * width
        draw_radar(draw, radar_x, height * 0.93, width * 0.16, near, palette["accent"], sky, rng)
    elif subject == "drone":
        cx, cy = rng.uniform(0.45, 0.6) * width, rng.uniform(0.35, 0.5) * height
        angle = rng.uniform(0.15, 0.45)
        draw_plane(draw, DRONE_UPPER, cx, cy, width * 0.2, angle, near, None, sky)
    else:
        cx, cy = rng.uniform(0.55, 0.7) * width, rng.uniform(0.3, 0.45) * height
        angle = rng.uniform(0.2, 0.55)
        draw_plane(draw, JET_UPPER, cx, cy, width * 0.15, angle, near, palette["accent"], sky)


def paint_air(
    image: Image.Image, draw: Draw, rng: random.Random, palette: Palette, subject: str
) -> None:
    """Orbit for a satellite; otherwise sun, clouds and hills under a radar, drone or jet."""
    width, height = image.size
    sky = mix(palette["sky_top"], palette["sky_bottom"], 0.5)
    if subject == "satellite":
        _paint_orbit(draw, rng, palette, sky, width, height)
        return
    sun_x, sun_y = rng.uniform(0.1, 0.9) * width, rng.uniform(0.15, 0.35) * height
    draw_sun(draw, sun_x, sun_y, height * 0.05, sky, palette["sun"])
    _draw_clouds(draw, rng, palette, width, height)
    hills = ridge_line(rng, width, height * 0.9, height * 0.08, 0.55)
    far = mix(palette["far"], palette["sky_bottom"], 0.3)
    draw.polygon([(0, height), *hills, (width, height)], fill=far)
    _draw_aircraft(draw, rng, palette, subject, sky, width, height)


# -- naval ---------------------------------------------------------------------------------------


def _draw_sea(image: Image.Image, draw: Draw, rng, palette: Palette, water) -> None:
    """The sea's gradient below the ``water`` line and a low coast on its left."""
    width, height = image.size
    sea = vertical_gradient(
        width,
        int(height - water) + 1,
        [(0.0, palette["sea_top"]), (1.0, palette["sea_bottom"])],
    )
    image.paste(sea, (0, int(water)))
    coast = ridge_line(rng, width * 0.45, water, height * 0.035, 0.5, 16)
    draw.polygon(
        [(0, water), *coast, (width * 0.45, water)],
        fill=mix(palette["far"], palette["sky_bottom"], 0.35),
    )


def _draw_sun_glints(draw: Draw, rng, palette: Palette, sun_x, water, width, height) -> None:
    """Forty glints under the sun, widening towards the viewer."""
    glint = mix(palette["sea_top"], palette["sun"], 0.5)
    for _ in range(40):
        y = rng.uniform(water + 4, height)
        half = rng.uniform(10, 60) * (y - water) / (height - water) * SCALE
        x = sun_x + rng.gauss(0, width * 0.02)
        draw.line((x - half, y, x + half, y), fill=glint, width=SCALE)


def paint_naval(
    image: Image.Image, draw: Draw, rng: random.Random, palette: Palette, subject: str
) -> None:
    """A low sun over the sea, its glints, then a warship or a submarine near the middle."""
    width, height = image.size
    water = height * rng.uniform(0.6, 0.68)
    sky = mix(palette["sky_top"], palette["sky_bottom"], 0.75)
    sun_x = rng.uniform(0.12, 0.88) * width
    sun_y = water - height * rng.uniform(0.12, 0.3)
    draw_sun(draw, sun_x, sun_y, height * 0.05, sky, palette["sun"])
    _draw_sea(image, draw, rng, palette, water)
    _draw_sun_glints(draw, rng, palette, sun_x, water, width, height)
    flip = rng.random() < 0.5
    sea_near_hull = mix(palette["sea_top"], palette["sea_bottom"], 0.15)
    reflect = mix(palette["near"], palette["sea_top"], 0.45)
    if subject == "submarine":
        size, parts = width * rng.uniform(0.55, 0.65), SUB_PARTS
    else:
        size, parts = width * rng.uniform(0.5, 0.6), SHIP_PARTS
    x = (width - size) / 2 + rng.uniform(-0.08, 0.08) * width
    if flip:
        x += size
    draw_vessel(draw, parts, x, water + 3, size, flip, palette["near"], reflect, sea_near_hull, rng)


# -- policy --------------------------------------------------------------------------------------


def _draw_grid(draw: Draw, colour, width, height) -> None:
    step = width / 24
    for i in range(25):
        draw.line((i * step, 0, i * step, height), fill=colour, width=SCALE)
    for j in range(int(height / step) + 1):
        draw.line((0, j * step, width, j * step), fill=colour, width=SCALE)


def _draw_corner_rings(draw: Draw, rng, colour, width, height) -> None:
    """Five radar-like rings from the top-right or top-left corner."""
    ox, oy = (width, 0) if rng.random() < 0.5 else (0, 0)
    for i in range(1, 6):
        r = height * 0.22 * i
        draw.ellipse((ox - r, oy - r, ox + r, oy + r), outline=colour, width=SCALE * 2)


def _draw_network(draw: Draw, rng, accent, soft, width, height) -> None:
    """Fourteen nodes on the left, each linked to its two nearest; every fourth one larger."""
    nodes = [(rng.uniform(0.05, 0.5) * width, rng.uniform(0.1, 0.8) * height) for _ in range(14)]
    for x0, y0 in nodes:
        nearest = sorted(nodes, key=lambda p: (p[0] - x0) ** 2 + (p[1] - y0) ** 2)[1:3]
        for x1, y1 in nearest:
            draw.line((x0, y0, x1, y1), fill=soft, width=SCALE * 2)
    for i, (x0, y0) in enumerate(nodes):
        r = (7 if i % 4 == 0 else 4) * SCALE
        draw.ellipse((x0 - r, y0 - r, x0 + r, y0 + r), fill=accent if i % 4 == 0 else soft)


def _draw_route(draw: Draw, rng, cx, cy, r, accent) -> None:
    """An arc between two random points on the globe, bulging upwards, with dots at both ends."""
    a0, a1 = rng.uniform(0, 2 * math.pi), rng.uniform(0, 2 * math.pi)
    p0 = (cx + r * 0.8 * math.cos(a0), cy + r * 0.8 * math.sin(a0))
    p1 = (cx + r * 0.8 * math.cos(a1), cy + r * 0.8 * math.sin(a1))
    mx, my = (p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2 - r * 0.6
    curve = [
        (
            (1 - t) ** 2 * p0[0] + 2 * (1 - t) * t * mx + t * t * p1[0],
            (1 - t) ** 2 * p0[1] + 2 * (1 - t) * t * my + t * t * p1[1],
        )
        for t in (i / 24 for i in range(25))
    ]
    draw.line(curve, fill=accent, width=SCALE * 2)
    dot = 6 * SCALE
    for px, py in (p0, p1):
        draw.ellipse((px - dot, py - dot, px + dot, py + dot), fill=accent)


def _draw_globe(draw: Draw, rng, palette: Palette, accent, soft, width, height) -> None:
    """A wireframe globe on the right with four trade routes across it."""
    cx, cy, r = width * 0.7, height * 0.5, height * 0.36
    disc = mix(palette["near"], accent, 0.08)
    draw.ellipse((cx - r, cy - r, cx + r, cy + r), fill=disc, outline=soft, width=SCALE * 2)
    for k in range(1, 6):
        rx = r * abs(math.cos(math.pi * k / 6))
        draw.ellipse((cx - rx, cy - r, cx + rx, cy + r), outline=soft, width=SCALE)
    for k in range(-2, 3):
        y = cy + r * math.sin(math.pi * k / 6)
        half = r * math.cos(math.pi * k / 6)
        draw.line((cx - half, y, cx + half, y), fill=soft, width=SCALE)
    for _ in range(4):
        _draw_route(draw, rng, cx, cy, r, accent)


def _draw_bar_chart(draw: Draw, rng, accent, soft, width, height) -> None:
    """Six to nine rising-colour bars on the right, with a trend line above them."""
    n = rng.randint(6, 9)
    left, right, base = width * 0.56, width * 0.94, height * 0.85
    bar_width = (right - left) / n
    gap = bar_width * 0.15
    values = [rng.uniform(0.25, 1.0) for _ in range(n)]
    for i, v in enumerate(values):
        top = base - v * height * 0.55
        draw.rectangle(
            (left + i * bar_width + gap, top, left + (i + 1) * bar_width - gap, base),
            fill=mix(soft, accent, i / (n - 1)),
        )
    draw.line((left, base, right, base), fill=accent, width=SCALE * 2)
    trend = [
        (left + (i + 0.5) * bar_width, base - v * height * 0.55 - height * 0.08)
        for i, v in enumerate(values)
    ]
    draw.line(trend, fill=accent, width=SCALE * 3, joint="curve")


def paint_policy(
    image: Image.Image, draw: Draw, rng: random.Random, palette: Palette, subject: str
) -> None:
    """A grid, corner rings and a node network, then a globe with routes or a bar chart."""
    width, height = image.size
    near, accent = palette["near"], palette["accent"]
    _draw_grid(draw, mix(near, accent, 0.1), width, height)
    soft = mix(near, accent, 0.35)
    _draw_corner_rings(draw, rng, mix(near, accent, 0.16), width, height)
    _draw_network(draw, rng, accent, soft, width, height)
    if subject == "globe":
        _draw_globe(draw, rng, palette, accent, soft, width, height)
    else:
        _draw_bar_chart(draw, rng, accent, soft, width, height)


PAINTERS = {"land": paint_land, "air": paint_air, "naval": paint_naval, "policy": paint_policy}
