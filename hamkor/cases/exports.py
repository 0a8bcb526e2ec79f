"""The statistics as CSV and XLSX files: the same suppressed aggregate tables the page shows, never a row per case.

Every cell passes through ``safe_cell``, so a region typed as ``=HYPERLINK(...)`` arrives as text, not as a
formula. A label is text by nature, so one that merely looks like a signed number (a region typed as ``+1``,
which ``safe_cell`` lets through as a number) gets the same leading apostrophe: no spreadsheet turns it into
something else. In XLSX a count or a mean stays a number; markers such as ``"<5"`` are text.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from hamkor.cases.statistics import CountTable, Statistics
from hamkor.cases.suppression import SMALL, THRESHOLD, WITHHELD
from hamkor.core.spreadsheet import safe_cell

SHEET_NAME_MAX = 31
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True)
class Block:
    """One table of an export: a sheet of its own in XLSX, a run of lines in CSV."""

    name: str
    rows: list[list[Any]]


def describe_filter(stats: Statistics) -> str:
    chosen = stats.filters.as_dict()
    return ", ".join(f"{k}={v}" for k, v in chosen.items()) if chosen else _("none")


def blocks(stats: Statistics) -> list[Block]:
    """The export's content, cell values as they are (numbers or text), before any neutralising."""
    about = Block(
        _("About"),
        [
            [_("Hamkor case statistics")],
            [_("As of"), stats.on.isoformat()],
            [_("Filter"), describe_filter(stats)],
            [_("Cases"), stats.cases],
            [_("Counted"), _("Cases whose person has an active consent to statistics.")],
            [SMALL, _("A count from 1 to %(last)s.") % {"last": THRESHOLD - 1}],
            [WITHHELD, _("Withheld so that a count under 5 cannot be worked out from the total or a wider filter.")],
            [_("Means"), _("Over 5 cases or more, rounded to one decimal.")],
        ],
    )
    found = [about, *(_count_block(table) for table in stats.tables)]
    found.append(
        Block(
            _("Domain progress"),
            [
                [
                    _("Domain"),
                    _("Cases"),
                    _("Higher"),
                    _("Same"),
                    _("Lower"),
                    _("Mean first score"),
                    _("Mean latest score"),
                ],
                *([r.label, r.cases, r.higher, r.same, r.lower, r.mean_first, r.mean_latest] for r in stats.progress),
            ],
        )
    )
    return found


def _count_block(table: CountTable) -> Block:
    rows: list[list[Any]] = [[*table.headings, _("Cases")]]
    rows += [[*row.labels, row.count] for row in table.rows]
    rows.append([_("Total"), *([""] * (len(table.headings) - 1)), table.total])
    return Block(table.title, rows)


def export_cell(value: Any) -> str:
    """One cell as exported text: numbers as they are, any text neutralised (see the module docstring)."""
    text = safe_cell(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return text
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def csv_text(stats: Statistics) -> str:
    """All tables in one CSV file, each under its title and followed by an empty line."""
    out = io.StringIO()
    writer = csv.writer(out)
    for block in blocks(stats):
        writer.writerow([export_cell(block.name)])
        for row in block.rows:
            writer.writerow([export_cell(cell) for cell in row])
        writer.writerow([])
    return out.getvalue()


def _xlsx_cell(value: Any) -> Any:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value  # a number cannot carry a formula, and stays a number for the reader's sums
    return export_cell(value)


def _sheet_name(name: str, taken: set[str]) -> str:
    base = _SHEET_FORBIDDEN.sub(" ", name).strip("' ")[:SHEET_NAME_MAX] or "Sheet"
    candidate, n = base, 2
    while candidate.lower() in taken:
        suffix = f" {n}"
        candidate, n = base[: SHEET_NAME_MAX - len(suffix)] + suffix, n + 1
    taken.add(candidate.lower())
    return candidate


def xlsx_bytes(stats: Statistics) -> bytes:
    """A workbook with one sheet per table."""
    from openpyxl import Workbook  # imported here: only exports need it, and it is slow to import

    workbook = Workbook(write_only=True)
    taken: set[str] = set()
    for block in blocks(stats):
        sheet = workbook.create_sheet(_sheet_name(block.name, taken))
        sheet.column_dimensions["A"].width = 40
        for row in block.rows:
            sheet.append([_xlsx_cell(cell) for cell in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
