"""Horizontal bar charts for the statistics page, as inline SVG drawn on the server.

Like ``hamkor.cases.chart``: a pure function of its input returning markup, with no script, nothing from
another host, and every text escaped. A suppressed cell gets no bar at all (a bar's length would tell what the
marker hides): its marker is written where the bar would start. The page shows the same numbers as a table.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from hamkor.cases.chart import COLOURS

WIDTH = 720
LABEL_WIDTH, LABEL_CHARS = 210, 30
PLOT_LEFT, PLOT_RIGHT = LABEL_WIDTH + 12, WIDTH - 64
TOP, AXIS_HEIGHT, LEGEND_HEIGHT = 8, 24, 22
BAR_HEIGHT, BAR_GAP, GROUP_GAP = 16, 3, 10
TICKS = 5

Value = int | float | str | None


@dataclass(frozen=True)
class Bar:
    """One category: a value per series. A number draws a bar; a string (``"<5"``) is written instead."""

    label: str
    values: Sequence[Value]


def _nice_ceiling(value: float) -> float:
    """The smallest 1, 2 or 5 times a power of ten at or above ``value``, so the ticks are round numbers."""
    if value <= 0:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(step * power for step in (1, 2, 5, 10) if step * power >= value)


def _number(value: Value) -> float | None:
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _text(value: Value, decimals: int) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return str(round(value, decimals))  # as the table beside the chart writes it
    return str(value)


def _short(label: str) -> str:
    return label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…"


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    description: str,
    chart_id: str,
    series: Sequence[str] = (),
    high: float | None = None,
    decimals: int = 0,
) -> SafeString:
    """A horizontal bar chart of ``bars`` (one bar per series in each category); empty markup for no bars."""
    if not bars:
        return mark_safe("")
    count = max(len(bar.values) for bar in bars)
    numbers = [n for bar in bars for n in map(_number, bar.values) if n is not None]
    top = high if high is not None else _nice_ceiling(max(numbers, default=0))
    legend = LEGEND_HEIGHT if len(series) > 1 else 0
    group_height = count * BAR_HEIGHT + (count - 1) * BAR_GAP
    plot_top = TOP + legend
    plot_height = len(bars) * (group_height + GROUP_GAP)
    height = plot_top + plot_height + AXIS_HEIGHT
    scale = (PLOT_RIGHT - PLOT_LEFT) / (top or 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" font-family="system-ui, sans-serif" font-size="12">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    if legend:
        parts.append(_legend(series))
    parts.append('<g class="chart-grid" stroke="#c9d1dc" stroke-width="1">')
    ticks = [top * i / TICKS for i in range(TICKS + 1)]
    for tick in ticks:
        x = PLOT_LEFT + tick * scale
        parts.append(f'<line x1="{x:.1f}" y1="{plot_top}" x2="{x:.1f}" y2="{plot_top + plot_height}"/>')
    parts.append("</g>")
    parts.append('<g class="chart-axis" fill="#1a1a1a" text-anchor="middle">')
    for tick in ticks:
        x = PLOT_LEFT + tick * scale
        label = f"{tick:.{decimals}f}" if decimals else f"{tick:g}"
        parts.append(f'<text x="{x:.1f}" y="{plot_top + plot_height + 16}">{escape(label)}</text>')
    parts.append("</g>")
    for index, bar in enumerate(bars):
        parts.append(_group(bar, plot_top + index * (group_height + GROUP_GAP), scale, decimals, series))
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 (every text above is escaped)


def _group(bar: Bar, y: float, scale: float, decimals: int, series: Sequence[str]) -> str:
    group_height = len(bar.values) * BAR_HEIGHT + (len(bar.values) - 1) * BAR_GAP
    label = escape(bar.label)
    out = [
        f'<g class="chart-bar"><title>{label}</title>',
        f'<text x="{LABEL_WIDTH}" y="{y + group_height / 2 + 4:.1f}" text-anchor="end" fill="#1a1a1a">'
        f"{escape(_short(bar.label))}</text>",
    ]
    for position, value in enumerate(bar.values):
        top = y + position * (BAR_HEIGHT + BAR_GAP)
        colour = COLOURS[position % len(COLOURS)]
        number = _number(value)
        name = f"{escape(series[position])}: " if position < len(series) else ""
        text = escape(_text(value, decimals))
        if number is not None and number > 0:
            width = max(number * scale, 1.0)
            out.append(
                f'<rect x="{PLOT_LEFT}" y="{top:.1f}" width="{width:.1f}" height="{BAR_HEIGHT}" fill="{colour}">'
                f"<title>{label}, {name}{text}</title></rect>"
            )
            end = PLOT_LEFT + width
        else:
            end = PLOT_LEFT
        out.append(f'<text x="{end + 6:.1f}" y="{top + BAR_HEIGHT - 4:.1f}" fill="#1a1a1a">{text}</text>')
    out.append("</g>")
    return "".join(out)


def _legend(series: Sequence[str]) -> str:
    out = ['<g class="chart-legend" fill="#1a1a1a">']
    x = PLOT_LEFT
    for position, name in enumerate(series):
        colour = COLOURS[position % len(COLOURS)]
        out.append(
            f'<rect x="{x}" y="{TOP}" width="14" height="14" fill="{colour}"/>'
            f'<text x="{x + 20}" y="{TOP + 11}">{escape(name)}</text>'
        )
        x += 28 + 8 * len(name)
    out.append("</g>")
    return "".join(out)
