"""The figures of one statistics answer, suppressed within each table and against every wider filter
(``hamkor.cases.suppression``), then labelled in the active language.

An answer depends on the answers of its wider filters (the same filter without some of its conditions): a cell
they hide stays hidden, and what they show bounds what this one may. So ``answer`` works through the lattice of
the filter's conditions from the whole scope down to the filter itself; each wider answer is computed from the
same cube and never published.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hamkor.cases.domains import Domain, Sex
from hamkor.cases.models import Case
from hamkor.cases.statistics_cube import AGE_BANDS, TIME_BANDS, Aggregates, DomainTally, Lattice
from hamkor.cases.suppression import (
    THRESHOLD,
    WITHHELD,
    Range,
    Shown,
    Wider,
    is_small,
    office_mean,
    suppress_table,
)
from hamkor.core.models import Country

Cell = tuple[str, ...]  # ("status", "closed"), ("region", "UZ", "North"), ("domain", "legal", "higher") ...


@dataclass(frozen=True)
class Figure:
    """One published cell and the range a reader can tell of its true count."""

    shown: Shown
    range: Range


Answer = dict[Cell, Figure]


@dataclass(frozen=True)
class _Table:
    """Cells that add up to the ``total`` cell, published before them; ``counts`` reads them off a population."""

    cells: list[Cell]
    counts: Callable[[Aggregates], list[int]]
    total: Cell


def _dimension(key: str, codes: list[str]) -> _Table:
    def counts(raw: Aggregates) -> list[int]:
        found: dict[str, int] = getattr(raw, key)
        return [found.get(code, 0) for code in codes]

    return _Table([(key, code) for code in codes], counts, ("cases",))


def _of(raw: Aggregates, domain: str) -> DomainTally:
    return raw.progress.get(domain, DomainTally())


def _layout(raw: Aggregates) -> list[_Table]:
    """The tables of an answer over ``raw``, each after the table that publishes its total."""
    found = [
        _dimension("status", list(Case.Status.values)),
        _dimension("country", sorted(raw.country)),
        _dimension("age", [band.code for band in AGE_BANDS]),
        _dimension("sex", list(Sex.values)),
        _dimension("time", [band.code for band in TIME_BANDS]),
        _Table(
            [("progress_cases",), ("progress_rest",)],
            lambda p: [p.progress_cases, p.cases - p.progress_cases],
            ("cases",),
        ),
    ]
    for code in sorted(raw.country):
        regions = sorted(region for country, region in raw.region if country == code)
        found.append(_Table([("region", code, r) for r in regions], _regions(code, regions), ("country", code)))
    for domain in _domains(raw):
        found += [
            _Table([("domain", domain, "cases"), ("domain", domain, "rest")], _assessed(domain), ("progress_cases",)),
            _Table([("domain", domain, p) for p in PARTS], _changes(domain), ("domain", domain, "cases")),
        ]
    return found


PARTS = ("higher", "same", "lower")


def _regions(code: str, regions: list[str]) -> Callable[[Aggregates], list[int]]:
    return lambda raw: [raw.region.get((code, region), 0) for region in regions]


def _assessed(domain: str) -> Callable[[Aggregates], list[int]]:
    """A domain's cases, and the cases assessed twice that lack the domain."""
    return lambda raw: [_of(raw, domain).cases, raw.progress_cases - _of(raw, domain).cases]


def _changes(domain: str) -> Callable[[Aggregates], list[int]]:
    return lambda raw: [_of(raw, domain).higher, _of(raw, domain).same, _of(raw, domain).lower]


def _domains(raw: Aggregates) -> list[str]:
    return [d for d in Domain.values if d in raw.progress]


def refused(lattice: Lattice, kept: int | None = None) -> bool:
    """Fewer than 5 cases (none included), or 1 to 4 fewer than a wider filter: the two totals would subtract
    to them."""
    kept = lattice.full if kept is None else kept
    cases = lattice.populations[kept].cases
    return cases < THRESHOLD or any(is_small(lattice.populations[w].cases - cases) for w in lattice.wider(kept))


def answer(lattice: Lattice) -> Answer | None:
    """The figures of the lattice's filter, or None when it is refused."""
    if refused(lattice):
        return None
    layouts = {kept: _layout(raw) for kept, raw in lattice.populations.items()}
    counts = {kept: _cell_counts(layouts[kept], raw) for kept, raw in lattice.populations.items()}
    answers: dict[int, Answer | None] = {}
    for kept in sorted(range(lattice.full + 1), key=lambda k: (k.bit_count(), k)):  # wider filters first
        if refused(lattice, kept) or _withheld_by_a_wider_answer(lattice, kept, answers):
            answers[kept] = None
            continue
        wider = [(counts[w], answers[w]) for w in lattice.wider(kept)]
        answers[kept] = _answer(layouts[kept], counts[kept], wider)
    return answers[lattice.full]


# The table cell of a wider answer that holds a filter's cases, per condition: ``age_band=25-34`` is the cell
# ("age", "25-34") of the answer without that condition. The year opened has no table of its own.
_CONDITION_CELL = {"country": "country", "status": "status", "sex": "sex", "age_band": "age"}


def _withheld_by_a_wider_answer(lattice: Lattice, kept: int, answers: Mapping[int, Answer | None]) -> bool:
    """Whether an answer one condition wider withholds the cell that is this filter's population: publishing
    this filter's total would undo that suppression (the wider answer's other cells plus this total give the
    small cell it protects)."""
    for bit, dimension in enumerate(lattice.conditions):
        if not kept & (1 << bit) or dimension not in _CONDITION_CELL:
            continue
        wider = answers.get(kept ^ (1 << bit))
        cell = (_CONDITION_CELL[dimension], str(lattice.values[bit]))
        if wider is not None and cell in wider and not isinstance(wider[cell].shown, int):
            return True
    return False


def _cell_counts(layout: list[_Table], raw: Aggregates) -> dict[Cell, int]:
    found: dict[Cell, int] = {("cases",): raw.cases}
    for table in layout:
        found |= dict(zip(table.cells, table.counts(raw), strict=True))
    return found


def _answer(
    layout: list[_Table], counts: Mapping[Cell, int], wider: Sequence[tuple[Mapping[Cell, int], Answer | None]]
) -> Answer:
    cases = counts[("cases",)]
    found: Answer = {("cases",): Figure(cases, (cases, cases))}
    for table in layout:
        total = found[table.total]
        if not isinstance(total.shown, int):  # a withheld total withholds its parts: they would add up to it
            found |= {cell: Figure(total.shown, (0, total.range[1])) for cell in table.cells}
            continue
        others = [
            Wider(
                [more.get(cell, 0) for cell in table.cells],
                None if seen is None else [seen[cell].range for cell in table.cells],
            )
            for more, seen in wider
        ]
        published = suppress_table([counts[cell] for cell in table.cells], total.shown, others)
        found |= {
            cell: Figure(shown, span)
            for cell, shown, span in zip(table.cells, published.cells, published.ranges, strict=True)
        }
    return found


# --- labelled tables ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CountRow:
    key: str
    labels: tuple[str, ...]  # one per heading of the table: ("Uzbekistan", "Fergana") for a region
    count: Shown


@dataclass(frozen=True)
class CountTable:
    """One dimension's counts, suppressed; ``total`` is the population total every table shares."""

    key: str
    title: str
    headings: tuple[str, ...]
    rows: tuple[CountRow, ...]
    total: Shown
    withheld: bool = False


@dataclass(frozen=True)
class ProgressRow:
    domain: str
    label: str
    cases: Shown
    higher: Shown
    same: Shown
    lower: Shown
    mean_first: float | str | None
    mean_latest: float | str | None


def _count_table(
    figures: Answer, key: str, title: str | Promise, heading: str | Promise, labels: Mapping[str, Any]
) -> CountTable:
    rows = tuple(CountRow(code, (str(label),), figures[(key, code)].shown) for code, label in labels.items())
    return CountTable(key, str(title), (str(heading),), rows, figures[("cases",)].shown, _withheld(rows))


def _withheld(rows: tuple[CountRow, ...]) -> bool:
    return bool(rows) and all(row.count == WITHHELD for row in rows)


def tables(figures: Answer, raw: Aggregates) -> tuple[CountTable, ...]:
    """Status, country, region, age, sex and time in programme, in that order."""
    names = {c.code: c.name for c in Country.objects.filter(code__in=raw.country)}
    countries = {code: names.get(code, code) for code in sorted(raw.country, key=lambda c: names.get(c, c))}
    rows = tuple(
        CountRow(f"{code}:{region}", (name, region or str(_("Not recorded"))), figures[("region", code, region)].shown)
        for code, name in countries.items()
        for region in sorted(region for country, region in raw.region if country == code)
    )
    regions = CountTable(
        "region",
        str(_("Cases by region")),
        (str(_("Country")), str(_("Region"))),
        rows,
        figures[("cases",)].shown,
        _withheld(rows),
    )
    return (
        _count_table(figures, "status", _("Cases by status"), _("Status"), dict(Case.Status.choices)),
        _count_table(figures, "country", _("Cases by country"), _("Country"), countries),
        regions,
        _count_table(
            figures, "age", _("Cases by age (years, this year)"), _("Age"), {b.code: b.label for b in AGE_BANDS}
        ),
        _count_table(figures, "sex", _("Cases by sex"), _("Sex"), dict(Sex.choices)),
        _count_table(
            figures, "time", _("Time in programme"), _("Time in programme"), {b.code: b.label for b in TIME_BANDS}
        ),
    )


def progress_rows(figures: Answer, raw: Aggregates) -> tuple[Shown, tuple[ProgressRow, ...]]:
    """The cases with two or more assessments, and each domain's progress over them; a mean stands only beside
    an exact count (see ``hamkor.cases.suppression``)."""
    rows = []
    for domain in _domains(raw):
        cell = {part: figures[("domain", domain, part)].shown for part in ("cases", *PARTS)}
        tally = raw.progress[domain]
        cases = cell["cases"]
        means: tuple[float | str, float | str] = (
            (office_mean(tally.first_total, cases), office_mean(tally.latest_total, cases))
            if isinstance(cases, int)
            else (cases, cases)
        )
        label = str(Domain(domain).label)
        rows.append(ProgressRow(domain, label, cases, cell["higher"], cell["same"], cell["lower"], *means))
    return figures[("progress_cases",)].shown, tuple(rows)
