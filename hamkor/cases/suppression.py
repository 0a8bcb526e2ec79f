"""Statistical disclosure control for shared statistics: what a published figure may show.

The rules, applied to every table on the page, in the exports and in the API alike:

* Primary: a count of 1 to 4 is shown as ``"<5"``. Zero is shown as 0 (an empty cell names nobody).
* Secondary: a table shows its total, so a single hidden cell could be worked out by subtraction. While a
  hidden small cell can still be pinned to one value from the total and the other cells (one ``"<5"`` alone;
  two ``"<5"`` summing to 8, which can only be 4 and 4; ...), the smallest cell still shown is hidden too, as
  ``"[c]"`` (withheld; it is 5 or more). The total stays: it is the same population total that every other
  table shows, so hiding it in one table would protect nothing.
* A table whose hidden cells stay recoverable after every other cell is hidden is *withheld* whole: every cell
  shows ``"[c]"``.
* Figures computed over a population of 1 to 4 (a table's total, a mean) are all ``"<5"``, zeros included.
* Across requests: a filter's cell is also withheld when the same cell of a wider filter (the filter without
  some of its conditions) exceeds it by 1 to 4, so that no two published figures subtract to a small count; a
  cell a wider filter withholds stays withheld (so a narrower answer never shows what a wider one hides); and
  the secondary suppression counts what the wider filters' cells tell about each hidden cell.
  ``hamkor.cases.statistics`` refuses a filter whose whole population a wider filter exceeds by 1 to 4.
* A mean is rounded to one decimal, halves away from zero (``office_mean``), and published only next to an
  exact count of 5 or more that passed the rules above, so it cannot be differenced to a mean over 1 to 4.

This guards a table of one response, and a response against its wider filters; a table whose rows nest in
another table's rows (regions in countries) is suppressed group by group against the totals the other table
shows (``hamkor.cases.statistics``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

THRESHOLD = 5
SMALL = "<5"
WITHHELD = "[c]"

Shown = int | str  # a count as published: the number, or one of the markers above


def is_small(count: int) -> bool:
    """A count that may not be published as it is (1 to 4)."""
    return 0 < count < THRESHOLD


Range = tuple[int, int]  # what a reader can tell of a count: at least, at most


@dataclass(frozen=True)
class SuppressedTable:
    """The cells of one table as published, in the order they were given, its total, and the range a reader
    can tell for each cell (a shown cell's range is its value)."""

    cells: tuple[Shown, ...]
    total: Shown
    ranges: tuple[Range, ...]
    withheld: bool = False


@dataclass(frozen=True)
class Wider:
    """The same cells in a wider population (the filter without some of its conditions): their counts, and the
    range a reader of that population's answer holds for each (None when that answer was refused)."""

    counts: Sequence[int]
    ranges: Sequence[Range] | None


def suppress_table(counts: Sequence[int], total: int, wider: Sequence[Wider] = ()) -> SuppressedTable:
    """Primary and secondary suppression of one table whose ``counts`` add up to the shown ``total``.

    ``wider`` are the same cells in each wider population, which a reader may hold beside this table: a cell is
    withheld where one of them exceeds it by 1 to 4, a cell a wider answer hides stays hidden (so a narrower
    answer never shows what a wider one hides), and the secondary suppression counts what the wider answers
    tell about each hidden cell.
    """
    if is_small(total):
        return SuppressedTable(tuple(SMALL for _c in counts), SMALL, tuple((0, total) for _c in counts))
    extra = [[w - c for w, c in zip(more.counts, counts, strict=True)] for more in wider]
    hidden = {i for i, count in enumerate(counts) if is_small(count)}
    kept_hidden = {i for more in wider if more.ranges for i, (low, high) in enumerate(more.ranges) if low != high}
    hidden |= {i for i in _differenced(extra) | kept_hidden if counts[i] >= THRESHOLD}
    if not hidden:
        return SuppressedTable(tuple(counts), total, tuple((count, count) for count in counts))
    ranges = _ranges(counts, total, hidden, wider, extra)
    while _disclosing(counts, hidden, ranges, extra):
        candidates = [i for i, count in enumerate(counts) if count >= THRESHOLD and i not in hidden]
        if not candidates:
            everything = set(range(len(counts)))
            withheld = _ranges(counts, total, everything, wider, extra, marked=False)
            return SuppressedTable(tuple(WITHHELD for _c in counts), total, withheld, withheld=True)
        hidden.add(min(candidates, key=lambda i: (counts[i], i)))
        ranges = _ranges(counts, total, hidden, wider, extra)
    cells = tuple((SMALL if is_small(count) else WITHHELD) if i in hidden else count for i, count in enumerate(counts))
    return SuppressedTable(cells, total, ranges)


def _differenced(extra: Iterable[Sequence[int]]) -> set[int]:
    """Cells that a wider population exceeds by 1 to 4: shown here and there, they would subtract to it."""
    return {i for more in extra for i, n in enumerate(more) if is_small(n)}


def _ranges(
    counts: Sequence[int],
    total: int,
    hidden: set[int],
    wider: Sequence[Wider],
    extra: Sequence[Sequence[int]],
    *,
    marked: bool = True,
) -> tuple[Range, ...]:
    """The range a reader can tell for each cell, knowing the total, the shown cells, what each marker means
    (``marked``: a ``"<5"`` cell lies in 1..4, a ``"[c]"`` cell in 5..; otherwise only 0..the total) and the
    wider answers: a cell is at most the wider one, and at least the wider one less all that the wider
    population adds to the table. The hidden cells add up to the total minus the shown ones; that sum and the
    others' bounds give each hidden cell its exact range."""
    residual = total - sum(count for i, count in enumerate(counts) if i not in hidden)
    added = [sum(more) for more in extra]
    bounds = {}
    for i in hidden:
        if not marked:
            low, high = 0, residual
        else:
            low, high = (1, THRESHOLD - 1) if is_small(counts[i]) else (THRESHOLD, residual)
        for more, plus in zip(wider, added, strict=True):
            if more.ranges is not None:
                low, high = max(low, more.ranges[i][0] - plus), min(high, more.ranges[i][1])
        bounds[i] = (low, high)
    lowest = sum(low for low, _high in bounds.values())
    highest = sum(high for _low, high in bounds.values())
    found = []
    for i, count in enumerate(counts):
        if i not in hidden:
            found.append((count, count))
            continue
        low, high = bounds[i]
        found.append((max(low, residual - (highest - high)), min(high, residual - (lowest - low))))
    return tuple(found)


def _disclosing(
    counts: Sequence[int], hidden: set[int], ranges: Sequence[Range], extra: Sequence[Sequence[int]]
) -> bool:
    """Whether a hidden cell's range pins it to a value of 1 to 4, or to one that a wider population exceeds by
    1 to 4 (the two would subtract to it)."""
    for i in hidden:
        low, high = ranges[i]
        if low == high and (is_small(counts[i]) or any(is_small(more[i]) for more in extra)):
            return True
    return False


def office_mean(total: int, cases: int) -> float:
    """``total / cases`` to one decimal, halves rounded away from zero, as statistics offices publish (computed
    on the exact fraction, so no binary rounding error decides a half)."""
    mean = (Decimal(total) / Decimal(cases)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return float(mean)
