"""The statistics endpoint under /api/v1/cases/statistics/: the dashboard's tables as JSON, suppressed alike.

A suppressed cell is a string, ``"<5"`` (a count from 1 to 4) or ``"[c]"`` (withheld so that a count under 5
cannot be worked out from the total or from a wider filter); every other count is a number, every mean has one
decimal. A filter that selects fewer than 5 cases, none included, or 1 to 4 fewer than the same filter without
one of its conditions, is refused with one and the same problem document (422) and nothing else. Every request
is audited with its filter (``statistics.view``).
"""

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from hamkor.cases.forms_statistics import StatisticsFilterForm
from hamkor.cases.statistics import Statistics, audit_invalid_statistics, audited_statistics, refusal_reason
from hamkor.cases.suppression import SMALL, WITHHELD
from hamkor.core.bounds import Word, Year
from hamkor.core.policy import holds

router = Router(tags=["cases"])


class StatisticsQuery(Schema):
    country: Word = ""
    status: Word = ""
    sex: Word = ""
    age_band: Word = ""
    year_opened: Year | None = None


class CountRowOut(Schema):
    key: str
    labels: list[str]
    count: int | str


class CountTableOut(Schema):
    key: str
    title: str
    headings: list[str]
    rows: list[CountRowOut]
    total: int | str
    withheld: bool


class ProgressRowOut(Schema):
    domain: str
    label: str
    cases: int | str
    higher: int | str
    same: int | str
    lower: int | str
    mean_first: float | str | None
    mean_latest: float | str | None


class StatisticsOut(Schema):
    as_of: date
    filter: dict[str, str | int]
    markers: dict[str, str]
    cases: int | str
    progress_cases: int | str
    tables: list[CountTableOut]
    progress: list[ProgressRowOut]


def _answer(stats: Statistics) -> dict[str, Any]:
    return {
        "as_of": stats.on,
        "filter": stats.filters.as_dict(),
        "markers": {
            SMALL: _("a count from 1 to 4"),
            WITHHELD: _("withheld so that a count under 5 cannot be worked out from the total or a wider filter"),
        },
        "cases": stats.cases,
        "progress_cases": stats.progress_cases,
        "tables": [
            {
                "key": t.key,
                "title": t.title,
                "headings": list(t.headings),
                "rows": [{"key": r.key, "labels": list(r.labels), "count": r.count} for r in t.rows],
                "total": t.total,
                "withheld": t.withheld,
            }
            for t in stats.tables
        ],
        "progress": [vars(row) for row in stats.progress],
    }


@router.get("/", response=StatisticsOut, summary="Case statistics: aggregate counts, small cells suppressed")
def case_statistics(request: HttpRequest, filters: Query[StatisticsQuery]) -> dict[str, Any]:
    if not holds(request.user, "statistics.view"):
        raise PermissionDenied(_("Your roles do not allow this (%(permission)s).") % {"permission": "statistics.view"})
    chosen = {k: v for k, v in filters.model_dump().items() if v not in ("", None)}
    form = StatisticsFilterForm(chosen, user=request.user)
    if not form.is_valid():
        audit_invalid_statistics(request.user, request.GET, channel="api")
        raise ValidationError({field: [str(e) for e in errors] for field, errors in form.errors.items()})
    stats = audited_statistics(request.user, form.statistics_filter(), channel="api")
    if stats.refused:
        raise HttpError(422, refusal_reason())
    return _answer(stats)
