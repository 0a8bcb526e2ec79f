"""Shared case statistics: aggregate counts over cases, disclosure-controlled, for the dashboard, the exports
and the API alike.

Who is counted: see ``hamkor.cases.statistics_cube`` (cases whose person consents to statistics; anonymised
cases too). No table ever holds a row of one case; nothing here opens an identity.

Who sees what. ``statistics.view`` (analysts, programme officers) and ``statistics.export`` (analysts) come
from the access policy; the rows counted are those of the user's country when the user's organisation has one,
else of every country. This does not go through ``Case.objects.restrict``: the case scope opens no case to an
analyst, and no case is opened here, only counted.

What is published (``hamkor.cases.suppression`` has the rules, ``statistics_tables`` applies them). A wider
filter is the same filter without one or more of its conditions. A filter is refused, with one and the same
answer, when it selects fewer than 5 cases (none included: an empty answer would tell a reader that the 1 to
4 of a refusal exist) or 1 to 4 fewer than a wider filter (the two totals would subtract to them). Within an
answer every cell is suppressed in its table, withheld where the same cell of a wider filter exceeds it by 1
to 4, kept hidden where a wider answer hides it, and the secondary suppression counts what the wider answers
tell about each hidden cell; means stand only beside a count that passed all this. So no filter and a wider
one, a one-condition refinement among them, let a reader work out a count of 1 to 4 or a mean over fewer
than 5 cases. Regions are suppressed country by country against the country table; a withheld country
withholds its regions. Residual risk: filters that are not wider one of the other (two filters that select
the same cases in different words), and the same filter asked before and after a case is added, can still be
compared; every request is audited with its filter, which is where oversight sees such a pattern.

How it stays fast. Every filter is a sum over one cube (``statistics_cube``), which the worker rebuilds every
``REFRESH`` into the database cache; a request only sums it, whatever the filter. The figures are therefore
"as of" a moment at most ``MAX_AGE`` old; a request that finds no cube that recent builds it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hamkor.cases.statistics_cube import AGE_BANDS, DIMENSIONS, Cube, StatisticsFilter, build_cube, derive
from hamkor.cases.statistics_tables import CountTable, ProgressRow, answer, progress_rows, tables
from hamkor.cases.suppression import SMALL, THRESHOLD, Shown
from hamkor.core.audit import record
from hamkor.core.policy import user_country
from hamkor.core.query_record import recorded_query

__all__ = [
    "AGE_BANDS",
    "MAX_AGE",
    "REFRESH",
    "CountTable",
    "Statistics",
    "StatisticsFilter",
    "audit_invalid_statistics",
    "audited_statistics",
    "current_cube",
    "refresh_statistics",
    "refusal_reason",
    "statistics",
]

REFRESH = timedelta(minutes=10)
MAX_AGE = timedelta(minutes=15)
CUBE_KEY = "hamkor:cases:statistics:cube:1"  # the suffix changes whenever the cube's layout does


@dataclass(frozen=True)
class Statistics:
    """The published statistics of one request: suppressed, labelled in the active language."""

    filters: StatisticsFilter
    on: date
    cases: Shown
    refused: bool
    tables: tuple[CountTable, ...] = ()
    progress_cases: Shown = 0
    progress: tuple[ProgressRow, ...] = ()
    as_of: datetime | None = None  # when the figures were computed (at most MAX_AGE before the request)


def current_cube(now: datetime | None = None) -> tuple[Cube, datetime]:
    """The cube as built at most ``MAX_AGE`` ago, and when; built here if the worker's is missing or older.

    The cache is the database cache, shared by the web processes and the worker.
    """
    now = now or timezone.now()
    found = cache.get(CUBE_KEY)
    if (
        isinstance(found, tuple)
        and len(found) == 2
        and isinstance(found[0], Cube)
        and timedelta(0) <= now - found[1] <= MAX_AGE
        and found[0].on == timezone.localdate(now)
    ):
        return found[0], found[1]
    return _store(now), now


def _store(now: datetime) -> Cube:
    cube = build_cube(timezone.localdate(now))
    cache.set(CUBE_KEY, (cube, now), int(MAX_AGE.total_seconds()) * 2)
    return cube


def refresh_statistics(now: datetime | None = None) -> int:
    """Rebuild the cube (the worker runs this every ``REFRESH``). Returns how many scopes it serves: every
    country counted, and all countries together."""
    cube = _store(now or timezone.now())
    return 1 + len({row[0] for row in cube.counts})


def refusal_reason() -> str:
    """Why a filter gets nothing: the same words whatever the reason, so a refusal tells nothing either."""
    return str(
        _(
            "These figures are not shown: the filter selects fewer than %(n)s cases, or between 1 and %(last)s "
            "cases fewer than the same filter without some of its conditions, or a group that the wider figures "
            "withhold. Change the filter."
        )
    ) % {"n": THRESHOLD, "last": THRESHOLD - 1}


def statistics(user: Any, filters: StatisticsFilter, *, now: datetime | None = None) -> Statistics:
    """The statistics ``user`` may see under ``filters``; a refusal carries no figure at all."""
    cube, as_of = current_cube(now)
    lattice = derive(cube, filters, user_country(user))
    figures = answer(lattice)
    if figures is None:
        return Statistics(filters, cube.on, SMALL, refused=True, as_of=as_of)
    raw = lattice.selected
    progress_cases, progress = progress_rows(figures, raw)
    return Statistics(
        filters,
        cube.on,
        raw.cases,
        refused=False,
        tables=tables(figures, raw),
        progress_cases=progress_cases,
        progress=progress,
        as_of=as_of,
    )


def _record_request(user: Any, channel: str, details: dict[str, Any]) -> None:
    """One audit entry per statistics request: ``statistics.view`` (page, API) or ``statistics.export``."""
    exported = channel in ("csv", "xlsx")
    details |= {"format": channel} if exported else {"channel": channel}
    with transaction.atomic():
        record(user, "statistics.export" if exported else "statistics.view", details=details)


def audit_invalid_statistics(user: Any, given: Any, *, channel: str) -> None:
    """The audit entry of a statistics request refused for an invalid filter (``given`` is the request's
    ``QueryDict``): nothing is released, but a probe is what oversight should see. The filter is kept as codes
    only (``hamkor.core.query_record``), so no typed text — a name in a filter's place — reaches the log."""
    pairs = [(key, str(value)) for key in DIMENSIONS for value in given.getlist(key)]
    _record_request(user, channel, {"query": recorded_query(pairs, DIMENSIONS), "refused": True, "invalid": True})


def audited_statistics(user: Any, filters: StatisticsFilter, *, channel: str) -> Statistics:
    """``statistics`` for a request, with its audit entry: every request of the page, the API and the exports
    is recorded with its whole filter, refused or not, so oversight sees a pattern of narrowing filters.
    Viewing is ``statistics.view``, a file ``statistics.export`` (with its format)."""
    stats = statistics(user, filters)
    _record_request(user, channel, {"filter": filters.as_dict(), "refused": stats.refused})
    return stats
