"""Server-rendered SVG charts for the editors' dashboard: no script, no chart service.

Every chart is drawn from numbers the template also shows as a table, so screen-reader users
get the same figures; the SVG itself is marked as an image with a text alternative.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe


def bar_chart(
    points: Sequence[tuple[str, int]],
    *,
    title: str,
    width: int = 720,
    height: int = 180,
    label_every: int = 1,
) -> SafeString:
    """Vertical bars, one per point, with the peak value and every n-th label on the axis."""
    peak = max((v for _, v in points), default=0)
    scale = peak or 1
    gap, bottom, top = 2, 20, 14
    slot = width / max(len(points), 1)
    plot = height - bottom - top
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" width="100%" role="img" '
        f'aria-label="{escape(title)}: {sum(v for _, v in points)} views in all, peak {peak}; '
        f'the table below lists every value." preserveAspectRatio="none">',
        f'<text x="0" y="10" class="peak">peak {peak}</text><g class="bars">',
    ]
    for i, (label, value) in enumerate(points):
        bar = plot * value / scale
        parts.append(
            f'<rect x="{i * slot + gap / 2:.1f}" y="{top + plot - bar:.1f}" '
            f'width="{max(slot - gap, 1):.1f}" height="{bar:.1f}">'
            f"<title>{escape(label)}: {int(value)}</title></rect>"
        )
    parts.append('</g><g class="labels">')
    for i, (label, _) in enumerate(points):
        if i % label_every == 0:
            parts.append(
                f'<text x="{i * slot + slot / 2:.1f}" y="{height - 5}" '
                f'text-anchor="middle">{escape(label)}</text>'
            )
    parts.append("</g></svg>")
    return mark_safe("".join(parts))  # noqa: S308 - labels escaped above, numbers formatted


def sparkline(
    values: Sequence[int], *, label: str, width: int = 120, height: int = 28
) -> SafeString:
    peak = max(values, default=0) or 1
    step = width / max(len(values) - 1, 1)
    coords = " ".join(
        f"{i * step:.1f},{height - 2 - (height - 4) * v / peak:.1f}" for i, v in enumerate(values)
    )
    return mark_safe(  # noqa: S308 - the label is escaped, the rest are numbers
        f'<svg class="sparkline" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(label)}"><polyline points="{coords}" '
        f'fill="none" stroke="currentColor" stroke-width="2"/></svg>'
    )
