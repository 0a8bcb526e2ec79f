"""What the shared statistics count: the filter's dimensions, and the cube every filter's figures come from.

The cube holds the counts of every combination of the filter's dimensions (country, status, sex, age band,
year opened), by region and time in programme, and the progress tallies of the same combinations, over every
country. Three queries build it (``build_cube``): the span of the years opened, then one aggregate over the
counted cases and one over their score summaries (``ScoreSummary``, kept by the assessment service, so no
query reads an assessment). The figures of any filter, in any scope, are then sums over the cube's rows
(``derive``), and so are the figures of the filters the disclosure control compares it with: the same filter
without some of its conditions.

Who is counted: a case counts only while its person has an active consent for the purpose "statistics".
Anonymised cases still count (sex, year of birth, region and scores stay). Nothing here opens an identity.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from django.db.models import Case as SqlCase
from django.db.models import Count, F, FloatField, Func, IntegerField, Max, Min, Q, QuerySet, Sum, Value, When
from django.db.models.lookups import LessThan
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hamkor.cases.domains import Domain, Purpose, Sex
from hamkor.cases.models import Case, Consent
from hamkor.cases.models.summary import first_field, latest_field

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
DIMENSIONS = ("country", "status", "sex", "age_band", "year_opened")  # what a filter may narrow, in cube order


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

    def conditions(self) -> list[tuple[int, str | int]]:
        """The conditions set, as (position in a cube key, value)."""
        values = [getattr(self, dimension) for dimension in DIMENSIONS]
        return [(i, v) for i, v in enumerate(values) if v not in ("", None)]


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
    """Raw counts of one population. They stay on the server: only ``Statistics`` (suppressed) is published."""

    cases: int
    status: dict[str, int]
    country: dict[str, int]
    region: dict[tuple[str, str], int]
    sex: dict[str, int]
    age: dict[str, int]
    time: dict[str, int]
    progress_cases: int
    progress: dict[str, DomainTally] = field(default_factory=dict)


@dataclass(frozen=True)
class Cube:
    """Counts per combination of the filter dimensions (see the module docstring), as of the day ``on``.

    ``counts`` rows: the five dimensions, the region, the cases, then the cases in the programme for less than
    3, 6, 12 and 24 months. ``progress`` rows: the five dimensions, the cases with two or more assessments, then
    per domain of ``domains`` its cases, higher, lower, sum of first and sum of latest scores.
    """

    on: date
    counts: tuple[tuple[Any, ...], ...]
    progress: tuple[tuple[Any, ...], ...]
    domains: tuple[str, ...] = tuple(Domain.values)


@dataclass(frozen=True)
class Lattice:
    """A filter's population and the population of every wider filter: the same filter without some of its
    conditions. ``populations`` is keyed by the conditions kept, a bit mask over ``conditions`` (bit i for
    condition i): ``full`` is the filter itself, 0 the whole scope."""

    conditions: tuple[str, ...]
    populations: dict[int, Aggregates]
    values: tuple[str | int, ...]  # each condition's value, in the order of ``conditions``

    @property
    def full(self) -> int:
        return (1 << len(self.conditions)) - 1

    @property
    def selected(self) -> Aggregates:
        return self.populations[self.full]

    def wider(self, kept: int) -> list[int]:
        """The filters wider than ``kept``: every proper subset of its conditions."""
        return [other for other in range(kept) if other & kept == other]


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


def counted_cases() -> QuerySet[Case]:
    """Every case whose person has an active consent to statistics, in every country."""
    consenting = Consent.objects.filter(purpose=Purpose.STATISTICS, withdrawn_at__isnull=True).values("person_id")
    return Case.objects.filter(person_id__in=consenting).order_by()


def _keyed(rows: QuerySet[Case], on: date) -> QuerySet[Case]:
    """``rows`` with the five dimensions as columns. Age band and year are CASE expressions over plain
    comparisons, so no database calls a function per row."""
    age = SqlCase(*(When(age_condition(b, on.year), then=Value(b.code)) for b in AGE_BANDS), default=Value(""))
    span = rows.aggregate(low=Min("opened_at"), high=Max("opened_at"))
    years = range(span["low"].year, span["high"].year + 1) if span["low"] else range(0)
    opened = SqlCase(*(When(opened_at__year=y, then=Value(y)) for y in years), output_field=IntegerField())
    return rows.annotate(k_sex=F("person__sex"), k_age=age, k_year=opened)


_KEY = ("country_id", "status", "k_sex", "k_age", "k_year")


def build_cube(on: date) -> Cube:
    """The cube as of ``on``, in three queries (see the module docstring)."""
    rows = _keyed(counted_cases(), on)
    under = {f"u{i}": Count("pk", filter=_under(b.high, on)) for i, b in enumerate(TIME_BANDS) if b.high}
    counts = rows.values(*_KEY, "region").annotate(n=Count("pk"), **under)
    tallies: dict[str, Any] = {"n": Count("pk")}
    domains = tuple(Domain.values)
    for i, domain in enumerate(domains):
        first, latest = f"score_summary__{first_field(domain)}", f"score_summary__{latest_field(domain)}"
        tallies |= {
            f"c{i}": Count("pk", filter=Q(**{f"{first}__isnull": False})),
            f"h{i}": Count("pk", filter=Q(**{f"{latest}__gt": F(first)})),
            f"l{i}": Count("pk", filter=Q(**{f"{latest}__lt": F(first)})),
            f"f{i}": Sum(first),
            f"t{i}": Sum(latest),
        }
    progress = rows.filter(score_summary__assessments__gte=2).values(*_KEY).annotate(**tallies)
    return Cube(
        on=on,
        counts=tuple((*(r[k] for k in _KEY), r["region"], r["n"], *(r[k] for k in under)) for r in counts.iterator()),
        progress=tuple(
            (
                *(r[k] for k in _KEY),
                r["n"],
                *(r[f"{p}{i}"] or 0 for i in range(len(domains)) for p in "chlft"),
            )
            for r in progress.iterator()
        ),
        domains=domains,
    )


class _Tally:
    """Sums of cube rows (``derive``)."""

    def __init__(self, domains: int) -> None:
        self.cases = 0
        self.status: dict[str, int] = defaultdict(int)
        self.country: dict[str, int] = defaultdict(int)
        self.region: dict[tuple[str, str], int] = defaultdict(int)
        self.sex: dict[str, int] = defaultdict(int)
        self.age: dict[str, int] = defaultdict(int)
        self.under = [0] * (len(TIME_BANDS) - 1)
        self.progress_cases = 0
        self.progress = [0] * (5 * domains)

    def add_counts(self, row: Sequence[Any]) -> None:
        country, status, sex, age, _year, region, n = row[:7]
        self.cases += n
        self.status[status] += n
        self.country[country] += n
        self.region[(country, region)] += n
        self.sex[sex] += n
        self.age[age] += n
        for i, under in enumerate(row[7:]):
            self.under[i] += under

    def add_progress(self, row: Sequence[Any]) -> None:
        self.progress_cases += row[5]
        for i, value in enumerate(row[6:]):
            self.progress[i] += value

    def absorb(self, other: _Tally) -> None:
        self.cases += other.cases
        self.progress_cases += other.progress_cases
        for mine, theirs in (
            (self.status, other.status),
            (self.country, other.country),
            (self.region, other.region),
            (self.sex, other.sex),
            (self.age, other.age),
        ):
            for key, n in theirs.items():
                mine[key] += n  # type: ignore[index]
        self.under = [a + b for a, b in zip(self.under, other.under, strict=True)]
        self.progress = [a + b for a, b in zip(self.progress, other.progress, strict=True)]

    def aggregates(self, domains: Sequence[str]) -> Aggregates:
        bounds = [0, *self.under, self.cases]
        progress = {}
        for i, domain in enumerate(domains):
            cases, higher, lower, first, latest = self.progress[5 * i : 5 * i + 5]
            if cases:
                progress[domain] = DomainTally(cases, higher, cases - higher - lower, lower, first, latest)
        return Aggregates(
            cases=self.cases,
            status={s: self.status.get(s, 0) for s in Case.Status.values},
            country={c: n for c, n in self.country.items() if n},
            region={k: n for k, n in self.region.items() if n},
            sex={s: self.sex.get(s, 0) for s in Sex.values},
            age={code: self.age.get(code, 0) for code in AGE_BAND_CODES},
            time={band.code: bounds[i + 1] - bounds[i] for i, band in enumerate(TIME_BANDS)},
            progress_cases=self.progress_cases,
            progress=progress,
        )


def derive(cube: Cube, filters: StatisticsFilter, scope: str | None) -> Lattice:
    """The population of ``filters`` within ``scope`` (a country, or None for every country) and of each wider
    filter (``Lattice``), as sums over the cube's rows.

    Each row is tallied once, under the set of conditions it fails; a filter's population is then the sum of
    the tallies of the rows that fail none of its conditions (a sum over subsets, one pass per condition).
    """
    conditions = filters.conditions()
    size = 1 << len(conditions)
    tallies = [_Tally(len(cube.domains)) for _ in range(size)]
    for rows, add in ((cube.counts, _Tally.add_counts), (cube.progress, _Tally.add_progress)):
        for row in rows:
            if scope is not None and row[0] != scope:
                continue
            failed = 0
            for bit, (position, value) in enumerate(conditions):
                if row[position] != value:
                    failed |= 1 << bit
            add(tallies[failed], row)
    for bit in range(len(conditions)):  # afterwards tallies[u]: the rows that fail only conditions in u
        for failed in range(size):
            if failed & (1 << bit):
                tallies[failed].absorb(tallies[failed ^ (1 << bit)])
    full = size - 1
    return Lattice(
        conditions=tuple(DIMENSIONS[position] for position, _value in conditions),
        values=tuple(value for _position, value in conditions),
        populations={kept: tallies[full ^ kept].aggregates(cube.domains) for kept in range(size)},
    )
