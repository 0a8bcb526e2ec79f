"""Shared case statistics: aggregate counts over cases, small cells suppressed, for the dashboard, the exports
and the API alike.

Who is counted. A case counts only while its person has an active (not withdrawn) consent for the purpose
"statistics": no consent, or a withdrawn one, and the case is left out of every table. Anonymised cases still
count: anonymisation erases identity, while sex, year of birth, region and the scores, which are all that
statistics read, stay (so does the consent row, which retention must keep for this reason). No table ever
holds a row of one case; nothing here opens an identity.

Who sees what. ``statistics.view`` (analysts, programme officers) and ``statistics.export`` (analysts) come
from the access policy; the rows counted are those of the user's country when the user's organisation has one,
else of every country. This does not go through ``Case.objects.restrict``: the case scope opens no case to an
analyst, and no case is opened here, only counted.

What is published. Every count is suppressed by the rules in ``hamkor.cases.suppression`` (counts 1–4 as "<5",
secondary suppression within a table). Regions are suppressed country by country, because the country table
publishes each country's total of its regions; a withheld country withholds its regions. A filter that selects 1
to 4 cases is refused outright (``Statistics.refused``): the page explains, the exports and the API answer with
the reason and nothing else. Residual risk: two filters can be differenced (all cases minus one sex);
suppression is per request, so an analyst determined to difference can narrow a cell. Exports are audited with
their filter, which is where oversight sees such a pattern.

How it stays fast. Two aggregate queries, whatever the number of cases: the counts per country and region
with every other dimension as a filtered COUNT in the same scan (no GROUP BY sort over the other dimensions),
and the first and latest assessment of each case with two or more, found by correlated subqueries that an
index on (case, assessed_on, id) answers with one seek each. At national scale that still takes about a second,
so the figures are published "as of" a moment at most 15 minutes old (see ``cached_aggregate``).
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any, cast

from django.core.cache import cache
from django.db.models import Count, F, FloatField, Func, OuterRef, Q, QuerySet, Subquery
from django.db.models.lookups import LessThan
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hamkor.cases.domains import Domain, Purpose, Sex
from hamkor.cases.models import Assessment, Case, Consent
from hamkor.cases.suppression import SMALL, THRESHOLD, WITHHELD, Shown, is_small, shown, shown_mean, suppress_table
from hamkor.core.models import Country
from hamkor.core.policy import user_country

REFRESH = timedelta(minutes=10)
MAX_AGE = timedelta(minutes=15)
MONTH_DAYS = 365.25 / 12  # time in programme is counted in days; a month is a twelfth of a year


@dataclass(frozen=True)
class Band:
    """A band of ages (years) or of time in programme (months): ``low`` inclusive, ``high`` exclusive."""

    code: str
    label: str | Promise
    low: int
    high: int | None


AGE_BANDS = (
    Band("0-4", "0–4", 0, 5),
    Band("5-11", "5–11", 5, 12),
    Band("12-17", "12–17", 12, 18),
    Band("18-24", "18–24", 18, 25),
    Band("25-34", "25–34", 25, 35),
    Band("35-44", "35–44", 35, 45),
    Band("45-59", "45–59", 45, 60),
    Band("60plus", "60+", 60, None),
)
TIME_BANDS = (
    Band("under-3", _("under 3 months"), 0, 3),
    Band("3-6", _("3 to 6 months"), 3, 6),
    Band("6-12", _("6 to 12 months"), 6, 12),
    Band("12-24", _("12 to 24 months"), 12, 24),
    Band("24plus", _("24 months or more"), 24, None),
)
AGE_BAND_CODES = [band.code for band in AGE_BANDS]


def age_condition(band: Band, year: int) -> Q:
    """Cases of people in ``band`` in ``year``. Only the year of birth is in clear, so a person's age is the age
    they reach in that year; the youngest and the oldest band are open-ended, so every case falls in one."""
    condition = Q()
    if band.low > 0:
        condition &= Q(person__birth_year__lte=year - band.low)
    if band.high is not None:
        condition &= Q(person__birth_year__gt=year - band.high)
    return condition


@dataclass(frozen=True)
class StatisticsFilter:
    """What the user narrowed the statistics to; empty means every value."""

    country: str = ""
    status: str = ""
    sex: str = ""
    age_band: str = ""
    year_opened: int | None = None

    def as_dict(self) -> dict[str, str | int]:
        """The filter as set (for the audit entry, the API answer and links)."""
        return {k: v for k, v in asdict(self).items() if v not in ("", None)}


@dataclass(frozen=True)
class DomainTally:
    """Raw progress of one domain over the cases with two or more assessments (never published as it is)."""

    cases: int = 0
    higher: int = 0
    same: int = 0
    lower: int = 0
    first_total: int = 0
    latest_total: int = 0


@dataclass(frozen=True)
class Aggregates:
    """Raw counts behind the tables. They stay on the server: only ``Statistics`` (suppressed) is published."""

    cases: int
    status: dict[str, int]
    country: dict[str, int]
    region: dict[tuple[str, str], int]
    sex: dict[str, int]
    age: dict[str, int]
    time: dict[str, int]
    progress_cases: int
    progress: dict[str, DomainTally] = field(default_factory=dict)


class _DaysBetween(Func):
    """Days from the second datetime to the first, as a fraction, computed by the database itself (no
    per-row Python function on SQLite, which a plain date subtraction would call)."""

    arity = 2
    output_field = FloatField()
    template = "(EXTRACT(EPOCH FROM (%(expressions)s)) / 86400.0)"
    arg_joiner = " - "

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler, connection, template="(julianday(%(expressions)s))", arg_joiner=") - julianday(", **extra
        )


def _reference(on: date) -> datetime:
    """The instant time in programme is measured to: the end of the day ``on``."""
    return timezone.make_aware(datetime.combine(on + timedelta(days=1), time.min))


def _under(months: int, on: date) -> Q:
    """Cases in the programme for less than ``months``: open ones until ``on``, closed ones until closure."""
    days = months * MONTH_DAYS
    still_open = Q(closed_at__isnull=True, opened_at__gt=_reference(on) - timedelta(days=days))
    closed = Q(LessThan(_DaysBetween(F("closed_at"), F("opened_at")), days), closed_at__isnull=False)
    return still_open | closed


def population(user: Any, filters: StatisticsFilter, on: date) -> QuerySet[Case]:
    """The cases counted for ``user`` under ``filters``: consented to statistics, in the user's country."""
    consenting = Consent.objects.filter(purpose=Purpose.STATISTICS, withdrawn_at__isnull=True).values("person_id")
    rows = Case.objects.filter(person_id__in=consenting)
    country = user_country(user)
    if country is not None:
        rows = rows.filter(country_id=country)
    if filters.country:
        rows = rows.filter(country_id=filters.country)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.sex:
        rows = rows.filter(person__sex=filters.sex)
    if filters.age_band:
        band = next(b for b in AGE_BANDS if b.code == filters.age_band)
        rows = rows.filter(age_condition(band, on.year))
    if filters.year_opened:
        rows = rows.filter(opened_at__year=filters.year_opened)
    return rows.order_by()


def aggregate(user: Any, filters: StatisticsFilter, *, on: date) -> Aggregates:
    """The raw aggregates in two queries (see the module docstring)."""
    rows = population(user, filters, on)
    counts: dict[str, Any] = {"cases": Count("pk")}
    counts |= {f"status_{i}": Count("pk", filter=Q(status=s)) for i, s in enumerate(Case.Status.values)}
    counts |= {f"sex_{i}": Count("pk", filter=Q(person__sex=s)) for i, s in enumerate(Sex.values)}
    counts |= {f"age_{i}": Count("pk", filter=age_condition(b, on.year)) for i, b in enumerate(AGE_BANDS)}
    counts |= {f"under_{i}": Count("pk", filter=_under(b.high, on)) for i, b in enumerate(TIME_BANDS) if b.high}
    groups = cast(list[dict[str, Any]], list(rows.values("country_id", "region").annotate(**counts)))

    def total(prefix: str, codes: Iterable[str]) -> dict[str, int]:
        return {code: sum(g[f"{prefix}_{i}"] for g in groups) for i, code in enumerate(codes)}

    by_country: dict[str, int] = defaultdict(int)
    for group in groups:
        by_country[group["country_id"]] += group["cases"]
    cases = sum(by_country.values())
    under = [sum(g[f"under_{i}"] for g in groups) for i in range(len(TIME_BANDS) - 1)]
    bounds = [0, *under, cases]
    progress_cases, progress = _progress(rows)
    return Aggregates(
        cases=cases,
        status=total("status", Case.Status.values),
        country=dict(by_country),
        region={(g["country_id"], g["region"]): g["cases"] for g in groups},
        sex=total("sex", Sex.values),
        age=total("age", AGE_BAND_CODES),
        time={band.code: bounds[i + 1] - bounds[i] for i, band in enumerate(TIME_BANDS)},
        progress_cases=progress_cases,
        progress=progress,
    )


def _progress(rows: QuerySet[Case]) -> tuple[int, dict[str, DomainTally]]:
    """First and latest scores of every case with two or more assessments, tallied per domain.

    One query returns the two score documents per case; the comparison runs here because SQLite would
    re-run the correlated subqueries once per JSON key if the sums were pushed into SQL.
    """
    of_case = Assessment.objects.filter(case_id=OuterRef("pk"))
    first = of_case.order_by("assessed_on", "pk").values("scores")[:1]
    latest = of_case.order_by("-assessed_on", "-pk").values("scores")[:1]
    second = of_case.order_by().values("pk")[1:2]
    pairs = (
        rows.alias(second=Subquery(second))
        .filter(second__isnull=False)
        .annotate(first_scores=Subquery(first), latest_scores=Subquery(latest))
        .values_list("first_scores", "latest_scores")
    )
    tallies: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0, 0])
    cases = 0
    for before, after in pairs.iterator(chunk_size=5000):
        cases += 1
        for domain, start in before.items():
            end = after.get(domain)
            if end is None or start is None:
                continue  # a domain one of the two instrument versions does not score
            tally = tallies[domain]
            tally[0] += 1
            tally[1 if end > start else 2 if end == start else 3] += 1
            tally[4] += start
            tally[5] += end
    return cases, {domain: DomainTally(*values) for domain, values in tallies.items()}


def _cache_key(country: str | None, filters: StatisticsFilter, on: date) -> str:
    parts = [country, filters.as_dict(), on.isoformat()]
    return "hamkor:cases:statistics:" + hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def cached_aggregate(
    user: Any, filters: StatisticsFilter, *, on: date, now: datetime | None = None
) -> tuple[Aggregates, datetime]:
    """``aggregate`` for the user's scope and filter, as computed at most ``MAX_AGE`` ago, and when it was.

    Shared statistics are figures "as of" a recent moment, not a live view: computing them over every case
    and assessment takes around a second at national scale, so the worker refreshes the unfiltered figures of
    each scope every ``REFRESH`` (``refresh_statistics``) and a request only computes a filter nobody asked for
    recently. The cache is the database cache, shared by the web processes and the worker.
    """
    now = now or timezone.now()
    key = _cache_key(user_country(user), filters, on)
    found = cache.get(key)
    if isinstance(found, tuple) and len(found) == 2 and now - found[1] <= MAX_AGE:
        return found[0], found[1]
    fresh = aggregate(user, filters, on=on)
    cache.set(key, (fresh, now), int(MAX_AGE.total_seconds()) * 2)
    return fresh, now


def refresh_statistics(now: datetime | None = None) -> int:
    """Recompute the unfiltered figures of every scope (each country, and all countries); the worker runs this
    every ``REFRESH``. Returns how many scopes were refreshed."""
    now = now or timezone.now()
    on = timezone.localdate(now)
    countries = [None, *Case.objects.order_by().values_list("country_id", flat=True).distinct()]
    for country in countries:
        scope = _Scope(country)
        cache.set(
            _cache_key(country, StatisticsFilter(), on),
            (aggregate(scope, StatisticsFilter(), on=on), now),
            int(MAX_AGE.total_seconds()) * 2,
        )
    return len(countries)


@dataclass(frozen=True)
class _Scope:
    """Stands in for a user of one country (or of none) when the worker computes figures for that scope."""

    country_id: str | None


# --- what is published ----------------------------------------------------------------------------------


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


def refusal_reason() -> str:
    """Why a filter that selects 1 to 4 cases gets nothing (page, exports and API say it alike)."""
    return str(_("This filter selects fewer than %(n)s cases; widen it.")) % {"n": THRESHOLD}


def statistics(user: Any, filters: StatisticsFilter, *, on: date | None = None) -> Statistics:
    """The statistics ``user`` may see under ``filters``; a population of 1 to 4 cases yields only a refusal."""
    on = on or timezone.localdate()
    raw, as_of = cached_aggregate(user, filters, on=on)
    if is_small(raw.cases):
        return Statistics(filters, on, SMALL, refused=True, as_of=as_of)
    return Statistics(
        filters,
        on,
        raw.cases,
        refused=False,
        tables=_tables(raw),
        progress_cases=shown(raw.progress_cases),
        progress=tuple(_progress_row(code, raw.progress.get(code, DomainTally())) for code in _domains(raw)),
        as_of=as_of,
    )


def _count_table(
    key: str, title: str, headings: tuple[str, ...], rows: Sequence[tuple[str, tuple[str, ...], int]], total: int
) -> CountTable:
    published = suppress_table([count for _key, _labels, count in rows], total)
    return CountTable(
        key,
        title,
        headings,
        tuple(CountRow(k, labels, cell) for (k, labels, _count), cell in zip(rows, published.cells, strict=True)),
        published.total,
        published.withheld,
    )


def _tables(raw: Aggregates) -> tuple[CountTable, ...]:
    names = {c.code: c.name for c in Country.objects.filter(code__in=raw.country)}

    def country(code: str) -> str:
        return names.get(code, code)

    one_column: list[tuple[str, Promise, Promise, dict[str, Any], dict[str, int]]] = [
        ("status", _("Cases by status"), _("Status"), dict(Case.Status.choices), raw.status),
        (
            "country",
            _("Cases by country"),
            _("Country"),
            {c: country(c) for c in sorted(raw.country, key=country)},
            raw.country,
        ),
        ("age", _("Cases by age (years, this year)"), _("Age"), {b.code: b.label for b in AGE_BANDS}, raw.age),
        ("sex", _("Cases by sex"), _("Sex"), dict(Sex.choices), raw.sex),
        ("time", _("Time in programme"), _("Time in programme"), {b.code: b.label for b in TIME_BANDS}, raw.time),
    ]
    tables = [
        _count_table(
            key, str(title), (str(heading),), [(k, (str(v),), counts[k]) for k, v in labels.items()], raw.cases
        )
        for key, title, heading, labels, counts in one_column
    ]
    published = {row.key: row.count for row in tables[1].rows}
    tables.insert(2, _region_table(raw, published, country))
    return tuple(tables)


def _region_table(raw: Aggregates, country_cells: dict[str, Shown], country: Any) -> CountTable:
    """Regions, suppressed country by country: each country's regions add up to the count the country table
    shows, so that count is their total. Where the country's own count is withheld, so are its regions (their
    sum would give it away)."""
    rows: list[CountRow] = []
    for code in sorted(raw.country, key=country):
        regions = sorted((region, n) for (c, region), n in raw.region.items() if c == code)
        cells = suppress_table([n for _region, n in regions], raw.country[code]).cells
        if country_cells.get(code) == WITHHELD:
            cells = tuple(WITHHELD for _cell in cells)
        rows += [
            CountRow(f"{code}:{region}", (country(code), region or str(_("Not recorded"))), cell)
            for (region, _n), cell in zip(regions, cells, strict=True)
        ]
    withheld = bool(rows) and all(row.count == WITHHELD for row in rows)
    headings = (str(_("Country")), str(_("Region")))
    return CountTable("region", str(_("Cases by region")), headings, tuple(rows), raw.cases, withheld)


def _domains(raw: Aggregates) -> list[str]:
    """The instrument's domains in their usual order, then any other a past instrument version scored."""
    return [d for d in Domain.values if d in raw.progress] + sorted(d for d in raw.progress if d not in Domain.values)


def _progress_row(domain: str, tally: DomainTally) -> ProgressRow:
    published = suppress_table([tally.higher, tally.same, tally.lower], tally.cases)
    higher, same, lower = published.cells
    return ProgressRow(
        domain,
        str(Domain(domain).label) if domain in Domain.values else domain,
        published.total,
        higher,
        same,
        lower,
        shown_mean(tally.first_total, tally.cases),
        shown_mean(tally.latest_total, tally.cases),
    )
