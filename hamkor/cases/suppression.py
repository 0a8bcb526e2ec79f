"""Small-cell suppression for shared statistics: what a published count may show.

The rules, applied to every table on the page, in the exports and in the API alike:

* Primary: a count of 1 to 4 is shown as ``"<5"``. Zero is shown as 0 (an empty cell names nobody).
* Secondary: a table shows its total, so a single hidden cell could be worked out by subtraction. While any
  hidden cell can still be pinned to one value from the total and the other cells (one ``"<5"`` alone; two
  ``"<5"`` summing to 8, which can only be 4 and 4; ...), the smallest cell still shown is hidden too, as
  ``"[c]"`` (withheld; it is 5 or more). The total stays: it is the same population total that every other
  table shows, so hiding it in one table would protect nothing.
* A table whose hidden cells stay recoverable after every other cell is hidden is *withheld* whole: every cell
  shows ``"[c]"``.
* Figures computed over a population of 1 to 4 (a table's total, a mean) are all ``"<5"``, zeros included.

This guards a single table; a table whose rows nest in another table's rows (regions in countries) is suppressed
group by group against the totals the other table shows (``hamkor.cases.statistics``). Two requests with
complementary filters can still be differenced (all cases minus women = men); see the module docstring of
``hamkor.cases.statistics`` for how that risk is bounded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

THRESHOLD = 5
SMALL = "<5"
WITHHELD = "[c]"

Shown = int | str  # a count as published: the number, or one of the markers above


def is_small(count: int) -> bool:
    """A count that may not be published as it is (1 to 4)."""
    return 0 < count < THRESHOLD


def shown(count: int) -> Shown:
    """A count standing on its own (a headline total): primary suppression only."""
    return SMALL if is_small(count) else count


@dataclass(frozen=True)
class SuppressedTable:
    """The cells of one table as published, in the order they were given, and its total."""

    cells: tuple[Shown, ...]
    total: Shown
    withheld: bool = False


def suppress_table(counts: Sequence[int], total: int) -> SuppressedTable:
    """Primary and secondary suppression of one table whose ``counts`` add up to the shown ``total``."""
    if is_small(total):
        return SuppressedTable(tuple(SMALL for _count in counts), SMALL)
    hidden = {i for i, count in enumerate(counts) if is_small(count)}
    while hidden and _recoverable(counts, hidden):
        candidates = [i for i, count in enumerate(counts) if count >= THRESHOLD and i not in hidden]
        if not candidates:
            return SuppressedTable(tuple(WITHHELD for _count in counts), total, withheld=True)
        hidden.add(min(candidates, key=lambda i: (counts[i], i)))
    cells = tuple((SMALL if is_small(count) else WITHHELD) if i in hidden else count for i, count in enumerate(counts))
    return SuppressedTable(cells, total)


def _recoverable(counts: Sequence[int], hidden: set[int]) -> bool:
    """Whether a reader who knows the total, the shown cells and what each marker means can pin a hidden cell.

    The hidden cells add up to the total minus the shown cells. A ``"<5"`` cell lies in 1..4, a ``"[c]"`` cell
    in 5..that sum; a cell is recovered when the sum and the others' bounds leave it a single value.
    """
    residual = sum(counts[i] for i in hidden)
    bounds = {i: (1, THRESHOLD - 1) if is_small(counts[i]) else (THRESHOLD, residual) for i in hidden}
    lowest = sum(low for low, _high in bounds.values())
    highest = sum(high for _low, high in bounds.values())
    for low, high in bounds.values():
        at_least = max(low, residual - (highest - high))
        at_most = min(high, residual - (lowest - low))
        if at_least == at_most:
            return True
    return False


def shown_mean(total: float, cases: int, places: int = 2) -> float | str | None:
    """A mean over ``cases``: none for no case, ``"<5"`` for 1 to 4 cases, else rounded."""
    if cases == 0:
        return None
    if is_small(cases):
        return SMALL
    return round(total / cases, places)
