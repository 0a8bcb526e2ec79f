"""The assessment chart as inline SVG: one line per domain over the assessment dates, drawn on the server.

A pure function of its input returning markup: no script, no file, nothing from another host, and every text
escaped. The page puts a data table next to it for readers who cannot see the lines.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Dark enough for 3:1 against white; dash patterns tell lines apart without colour.
COLOURS = ["#0b5394", "#a4161a", "#1d6b2f", "#8a4f00", "#6a3d9a", "#00798c", "#c2185b", "#4a4a4a", "#b35900"]
DASHES = ["", "7 4", "2 3"]
WIDTH, PLOT_HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 24, 16, 40
LEGEND_ROW = 22
LEGEND_CHARS_PER_COLUMN = 44  # at 12px, what fits in half the width; longer labels get a column of their own
MAX_DATE_LABELS = 8


@dataclass(frozen=True)
class Line:
    """One domain's scores, oldest first."""

    label: str
    points: Sequence[tuple[date, int]]


def _x_positions(dates: list[date]) -> dict[date, float]:
    width = WIDTH - LEFT - RIGHT
    if len(dates) == 1:
        return {dates[0]: LEFT + width / 2}
    span = (dates[-1] - dates[0]).days or 1
    return {d: LEFT + (d - dates[0]).days / span * width for d in dates}


def _y(score: float, low: int, high: int) -> float:
    return TOP + (high - score) / ((high - low) or 1) * PLOT_HEIGHT


def line_chart(
    lines: Sequence[Line], *, title: str, description: str, low: int = 0, high: int = 4, chart_id: str = "chart"
) -> SafeString:
    """An SVG line chart of ``lines`` on a ``low``..``high`` scale, with its legend; empty markup for no data."""
    dates = sorted({d for line in lines for d, _score in line.points})
    if not dates:
        return mark_safe("")
    xs = _x_positions(dates)
    columns = 2 if max(len(line.label) for line in lines) <= LEGEND_CHARS_PER_COLUMN else 1
    legend_rows = -(-len(lines) // columns)
    height = TOP + PLOT_HEIGHT + BOTTOM + legend_rows * LEGEND_ROW + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-family="system-ui, sans-serif" font-size="12">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        '<g class="chart-grid" stroke="#c9d1dc" stroke-width="1">',
    ]
    for score in range(low, high + 1):
        y = _y(score, low, high)
        parts.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}"/>')
    parts.append("</g>")
    parts.append('<g class="chart-axis" fill="#1a1a1a">')
    for score in range(low, high + 1):
        parts.append(f'<text x="{LEFT - 10}" y="{_y(score, low, high) + 4:.1f}" text-anchor="end">{score}</text>')
    step = -(-len(dates) // MAX_DATE_LABELS)
    labelled = dates[::step]
    for d in labelled:
        # The outermost dates sit at the plot's edges: anchor them inwards so they are not cut off.
        anchor = "middle" if len(dates) == 1 else "start" if d == dates[0] else "end" if d == dates[-1] else "middle"
        parts.append(
            f'<text x="{xs[d]:.1f}" y="{TOP + PLOT_HEIGHT + 20}" text-anchor="{anchor}">{escape(d.isoformat())}</text>'
        )
    parts.append("</g>")
    for index, line in enumerate(lines):
        parts.append(_series(index, len(lines), line, xs, low, high))
    parts.append(_legend(lines, TOP + PLOT_HEIGHT + BOTTOM, columns))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)


def _series(index: int, count: int, line: Line, xs: dict[date, float], low: int, high: int) -> str:
    colour, dash = COLOURS[index % len(COLOURS)], DASHES[index % len(DASHES)]
    # Domains with equal scores would hide each other: a one-pixel offset per line keeps each visible.
    offset = (index - (count - 1) / 2) * 1.2
    points = [(xs[d], _y(score, low, high) + offset, d, score) for d, score in line.points]
    label = escape(line.label)
    dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
    out = [f'<g class="chart-line" stroke="{colour}" fill="{colour}">']
    if len(points) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _d, _s in points)
        out.append(f'<polyline points="{path}" fill="none" stroke-width="2.5"{dash_attr}/>')
    for x, y, d, score in points:
        out.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4"><title>{label}, {escape(d.isoformat())}: {score}</title></circle>'
        )
    out.append("</g>")
    return "".join(out)


def _legend(lines: Sequence[Line], top: int, columns: int) -> str:
    column_width = (WIDTH - LEFT) / columns
    out = ['<g class="chart-legend" fill="#1a1a1a">']
    for index, line in enumerate(lines):
        colour, dash = COLOURS[index % len(COLOURS)], DASHES[index % len(DASHES)]
        x = LEFT + (index % columns) * column_width
        y = top + (index // columns) * LEGEND_ROW
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x + 28:.1f}" y2="{y:.1f}" stroke="{colour}" stroke-width="2.5"'
            f"{dash_attr}/>"
            f'<circle cx="{x + 14:.1f}" cy="{y:.1f}" r="4" fill="{colour}"/>'
            f'<text x="{x + 36:.1f}" y="{y + 4:.1f}">{escape(line.label)}</text>'
        )
    out.append("</g>")
    return "".join(out)
