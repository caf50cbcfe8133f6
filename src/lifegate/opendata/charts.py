# SPDX-License-Identifier: EUPL-1.2
"""Small server-rendered SVG bar charts; the page shows the same numbers as a table.

Pure: no Django, no IO. Every text is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

WIDTH = 480
HEIGHT = 200
MARGIN = 32


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | None  # None: suppressed or not published


def bar_chart(chart_id: str, title: str, bars: list[Bar], missing: str) -> str:
    """An accessible SVG (`role="img"`, titled) with one bar per month."""
    top = max([b.value for b in bars if b.value is not None], default=0) or 1
    slot = (WIDTH - 2 * MARGIN) / max(len(bars), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{chart_id}-title" class="lifegate-chart">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<line x1="{MARGIN}" y1="{HEIGHT - MARGIN}" x2="{WIDTH - MARGIN}" '
        f'y2="{HEIGHT - MARGIN}" stroke="#333" />',
    ]
    for i, bar in enumerate(bars):
        x = MARGIN + i * slot + slot * 0.15
        parts.append(
            f'<text x="{x + slot * 0.35:.1f}" y="{HEIGHT - MARGIN + 16}" font-size="11" '
            f'text-anchor="middle" fill="#222">{escape(bar.label)}</text>'
        )
        if bar.value is None:
            parts.append(
                f'<text x="{x + slot * 0.35:.1f}" y="{HEIGHT - MARGIN - 4}" font-size="11" '
                f'text-anchor="middle" fill="#222">{escape(missing)}</text>'
            )
            continue
        height = (HEIGHT - 2 * MARGIN) * bar.value / top
        y = HEIGHT - MARGIN - height
        parts.append(
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{slot * 0.7:.1f}" height="{height:.1f}" '
            f'fill="#1f5c99" />'
            f'<text x="{x + slot * 0.35:.1f}" y="{y - 4:.1f}" font-size="11" '
            f'text-anchor="middle" fill="#222">{bar.value}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
