"""The disclosure property over a seeded population: for every filter and every wider filter (the same filter
without one or more of its conditions, one-condition refinements among them), nothing the two answers publish
lets a reader work out a count of 1 to 4 or a mean over fewer than 5 cases.

The reader here knows only what was published: the shown counts, what each marker means, each table's total,
and that a narrower population's cell is at most the wider one's and at least that less all the narrower
table leaves out. From that the test works out, independently of the code under test, the range of every
hidden cell, and fails on any pair that pins a small count.
"""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from itertools import product
from typing import Any

import pytest

from hamkor.cases import services
from hamkor.cases.models import Case
from hamkor.cases.statistics import Statistics, StatisticsFilter, statistics
from hamkor.cases.statistics_cube import build_cube, derive
from hamkor.cases.suppression import SMALL, THRESHOLD, WITHHELD, is_small
from hamkor.cases.tests.factories import identity, years_ago
from hamkor.cases.tests.statistics_factories import assess, every_domain

AGES = (19, 30, 40)
LAST_YEAR = datetime.now(UTC) - timedelta(days=400)
Table = tuple[dict[str, Any], Any]  # cells by key, and the table's total, as published


pytestmark = pytest.mark.usefixtures("statistics_cache")


def _seeded_population(workers: tuple[Any, Any], seed: int = 10) -> None:
    """120 people in two countries, three ages, two sexes, two years and statuses, some assessed twice, some not
    counted at all; regions on some. The seed makes the group sizes cross 5 in many places."""
    rng = random.Random(seed)  # a fixed population: the test is exact
    for n in range(120):
        worker = rng.choice((workers[0], workers[0], workers[1]))
        age, sex = rng.choice(AGES), rng.choice(("female", "male"))
        opened = rng.choice((None, LAST_YEAR))
        person, case = services.register_person(
            worker, identity(f"Person{n}", "Karimova", years_ago(age), sex), now=opened
        )
        if rng.random() < 0.9:
            services.record_consent(worker, person, "statistics", text_version="2025-1", given_on=date.today())
        if rng.random() < 0.6:
            first, latest = rng.randint(0, 2), rng.randint(0, 4)
            scores = [every_domain(first)] + ([every_domain(latest)] if rng.random() < 0.8 else [])
            assess(worker, case, *scores)
        if rng.random() < 0.5:
            Case.objects.filter(pk=case.pk).update(region=rng.choice(("North", "South")))  # no service sets one


def _filters() -> list[StatisticsFilter]:
    years = (None, date.today().year, LAST_YEAR.year)
    bands = ("", "18-24", "25-34", "35-44", "60plus")
    values = product(("", "UZ", "KZ"), ("", "registration", "assessment"), ("", "female", "male"), bands, years)
    return [StatisticsFilter(c, s, x, a, y) for c, s, x, a, y in values]


def _wider(narrower: StatisticsFilter, all_filters: list[StatisticsFilter]) -> list[StatisticsFilter]:
    """Every filter whose conditions are some of ``narrower``'s, fewer of them."""
    mine = narrower.as_dict().items()
    return [f for f in all_filters if f.as_dict().items() < mine]


def _tables(stats: Statistics) -> dict[tuple[str, ...], Table]:
    """Every published table a reader can sum: its cells and its total."""
    found: dict[tuple[str, ...], Table] = {("cases",): _split(stats.progress_cases, stats.cases)}
    countries = {}
    for table in stats.tables:
        if table.key == "region":
            continue
        found[(table.key,)] = ({row.key: row.count for row in table.rows}, stats.cases)
        if table.key == "country":
            countries = {row.key: row.count for row in table.rows}
    region = next(t for t in stats.tables if t.key == "region")
    for code, total in countries.items():
        cells = {row.key: row.count for row in region.rows if row.key.split(":", 1)[0] == code}
        found[("region", code)] = (cells, total)
    for row in stats.progress:
        found[("domain", row.domain)] = ({"higher": row.higher, "same": row.same, "lower": row.lower}, row.cases)
        found[("assessed", row.domain)] = _split(row.cases, stats.progress_cases)
    return found


def _split(part: Any, total: Any) -> Table:
    """A count and the rest of its total, which a reader knows when both are shown (None: not known)."""
    rest = total - part if isinstance(part, int) and isinstance(total, int) else None
    return {"part": part, "rest": rest}, total


def _ranges(cells: dict[str, Any], total: int, bounds: dict[str, tuple[int, int]]) -> dict[str, tuple[int, int]]:
    """The reader's range for each hidden cell of a table, from its total, its shown cells, its markers (in a
    table withheld whole, "[c]" means only "withheld") and ``bounds`` from a wider answer."""
    withheld_whole = all(v == WITHHELD for v in cells.values() if v is not None)
    hidden = [k for k, v in cells.items() if not isinstance(v, int)]
    if not hidden:
        return {}
    residual = total - sum(v for v in cells.values() if isinstance(v, int))
    box = {}
    for key in hidden:
        if withheld_whole or cells[key] is None:
            low, high = 0, residual
        else:
            low, high = (1, THRESHOLD - 1) if cells[key] == SMALL else (THRESHOLD, residual)
        wider_low, wider_high = bounds.get(key, (0, residual))
        box[key] = (max(low, wider_low), min(high, wider_high))
    lowest, highest = sum(b[0] for b in box.values()), sum(b[1] for b in box.values())
    return {k: (max(lo, residual - (highest - hi)), min(hi, residual - (lowest - lo))) for k, (lo, hi) in box.items()}


def _check_pair(wider: Statistics, narrower: Statistics, where: Any) -> None:
    """Everything the two answers let a reader work out: exact differences, pinned hidden cells, means."""
    outer, inner = _tables(wider), _tables(narrower)
    for key, (cells, total) in inner.items():
        outer_cells, outer_total = outer.get(key, ({}, None))
        for cell, value in cells.items():
            other = outer_cells.get(cell, 0)
            if other is not None and not isinstance(other, int):  # what the wider answer hides stays hidden
                assert not isinstance(value, int) or value == 0, (where, key, cell)
            elif isinstance(value, int) and other is not None:
                assert not is_small(other - value), (where, key, cell, other, value)
        if not (isinstance(total, int) and isinstance(outer_total, int)):
            continue
        left_out = outer_total - total
        bounds = {c: (v - left_out, v) for c, v in outer_cells.items() if isinstance(v, int)}
        for cell, (low, high) in _ranges(cells, total, bounds).items():
            assert low <= high, (where, key, cell)
            if low == high:  # pinned: neither it nor what the wider answer adds to it may be 1 to 4
                assert not is_small(low), (where, key, cell, low)
                wider_value = outer_cells.get(cell, 0)
                assert not (isinstance(wider_value, int) and is_small(wider_value - low)), (where, key, cell)
    means = {(r.domain, m): (getattr(r, m), r.cases) for r in narrower.progress for m in ("mean_first", "mean_latest")}
    for row in wider.progress:
        for name in ("mean_first", "mean_latest"):
            inner_mean, inner_cases = means.get((row.domain, name), (None, None))
            if isinstance(getattr(row, name), float) and isinstance(inner_mean, float):
                assert isinstance(row.cases, int) and isinstance(inner_cases, int), where
                assert not is_small(row.cases - inner_cases), where


TABLE_OF_CONDITION = {"country": "country", "status": "status", "sex": "sex", "age_band": "age"}


def _check_total_against_the_wider_cell(
    wider: Statistics, narrower: Statistics, wider_filter: StatisticsFilter, narrower_filter: StatisticsFilter
) -> None:
    """A one-condition refinement's total is the wider answer's cell for that condition: where the wider answer
    withholds the cell, the refinement must publish no total (it would hand the withheld cell back)."""
    extra = dict(narrower_filter.as_dict().items() - wider_filter.as_dict().items())
    if wider.refused or narrower.refused or len(extra) != 1:
        return
    ((dimension, value),) = extra.items()
    if dimension not in TABLE_OF_CONDITION:
        return
    cells, _total = _tables(wider).get((TABLE_OF_CONDITION[dimension],), ({}, None))
    cell = cells.get(str(value), 0)
    assert isinstance(cell, int), (wider_filter.as_dict(), narrower_filter.as_dict(), cell, narrower.cases)


def test_no_filter_and_a_wider_one_give_away_a_small_count(make_user):
    workers = (
        make_user("case_worker", clearances=("child_protection",)),
        make_user("case_worker", "kz", clearances=("child_protection",)),
    )
    analyst = make_user("analyst", "un")
    _seeded_population(workers)
    all_filters = _filters()
    answers = {f: statistics(analyst, f) for f in all_filters}
    refusals = {(a.cases, a.tables, a.progress_cases, a.progress) for a in answers.values() if a.refused}
    assert len(refusals) == 1  # every refusal is the same answer, whatever lies behind it
    cube = build_cube(date.today())

    compared = one_condition = refined_refused = needed_hiding = 0
    raws = {f: derive(cube, f, None).selected for f in all_filters}
    for narrower in all_filters:
        raw = raws[narrower]
        for wider in _wider(narrower, all_filters):
            a, b = answers[wider], answers[narrower]
            refined_refused += int(b.refused and not a.refused and raw.cases >= THRESHOLD)
            _check_total_against_the_wider_cell(a, b, wider, narrower)
            if a.refused or b.refused:
                continue
            compared += 1
            one_condition += len(narrower.as_dict()) == len(wider.as_dict()) + 1
            wider_raw = raws[wider]
            needed_hiding += sum(
                1 for k, n in raw.status.items() if n >= THRESHOLD and is_small(wider_raw.status[k] - n)
            )
            _check_pair(a, b, (wider.as_dict(), narrower.as_dict()))
    # Not vacuous: many pairs are answered, some refinements of 5 or more cases were refused because a wider
    # filter has 1 to 4 more, and some cells had to be hidden for the same reason.
    assert compared > 300 and one_condition > 200 and refined_refused > 50 and needed_hiding > 20
