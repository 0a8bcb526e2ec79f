"""The statistics dashboard and its CSV and XLSX exports: aggregates only, small cells suppressed."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from hamkor.cases import exports
from hamkor.cases.forms_statistics import StatisticsFilterForm
from hamkor.cases.statistics import (
    CountTable,
    Statistics,
    audit_invalid_statistics,
    audited_statistics,
    refusal_reason,
)
from hamkor.cases.statistics_chart import Bar, bar_chart
from hamkor.cases.suppression import SMALL, WITHHELD
from hamkor.core.decorators import requires
from hamkor.core.policy import holds

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@dataclass(frozen=True)
class ChartedTable:
    table: CountTable
    chart: SafeString


def _table_chart(table: CountTable) -> SafeString:
    description = _(
        "%(title)s, one bar per category. Counts from 1 to 4 are shown as %(small)s and others withheld as "
        "%(withheld)s, without a bar. The table below holds the same numbers."
    ) % {"title": table.title, "small": SMALL, "withheld": WITHHELD}
    return bar_chart(
        [Bar(" · ".join(row.labels), [row.count]) for row in table.rows],
        title=table.title,
        description=description,
        chart_id=f"chart-{table.key}",
    )


def _progress_chart(stats: Statistics) -> SafeString:
    series = [_("Mean first score"), _("Mean latest score")]
    return bar_chart(
        [Bar(row.label, [row.mean_first, row.mean_latest]) for row in stats.progress],
        title=_("Mean scores per domain, first and latest assessment"),
        description=_(
            "For cases with two or more assessments: the mean first and the mean latest score per domain, "
            "from 0 (severe need) to 4 (strength). The table below holds the same numbers."
        ),
        chart_id="chart-progress",
        series=series,
        high=4,
        decimals=1,
    )


def _read_filter(request: HttpRequest) -> StatisticsFilterForm:
    return StatisticsFilterForm(request.GET or None, user=request.user)


@requires("statistics.view")
def dashboard(request: HttpRequest) -> HttpResponse:
    form = _read_filter(request)
    valid = not form.is_bound or form.is_valid()
    stats = audited_statistics(request.user, form.statistics_filter(), channel="page") if valid else None
    if not valid:
        audit_invalid_statistics(request.user, request.GET, channel="page")
    context = {
        "form": form,
        "stats": stats,
        "refusal": refusal_reason() if stats is not None and stats.refused else "",
        "charted": [ChartedTable(t, _table_chart(t)) for t in stats.tables] if stats else [],
        "progress_chart": _progress_chart(stats) if stats and stats.progress else "",
        "query": request.GET.urlencode(),
        "can_export": holds(request.user, "statistics.export"),
        "small": SMALL,
        "withheld": WITHHELD,
    }
    return render(request, "cases/statistics/dashboard.html", context)


def _export(request: HttpRequest, file_format: str) -> HttpResponse:
    """Refused when the filter is invalid or the disclosure control refuses it; otherwise the file. Audited."""
    form = _read_filter(request)
    if form.is_bound and not form.is_valid():
        audit_invalid_statistics(request.user, request.GET, channel=file_format)
        return _refused(request, [str(e) for errors in form.errors.values() for e in errors])
    stats = audited_statistics(request.user, form.statistics_filter(), channel=file_format)
    if stats.refused:
        return _refused(request, [refusal_reason()])
    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    if file_format == "csv":
        response = HttpResponse(exports.csv_text(stats), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(exports.xlsx_bytes(stats), content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="hamkor-statistics-{stamp}.{file_format}"'
    return response


def _refused(request: HttpRequest, reasons: list[str]) -> HttpResponse:
    context = {"reasons": reasons, "query": request.GET.urlencode()}
    return render(request, "cases/statistics/refused.html", context, status=422)


@requires("statistics.export")
def export_csv(request: HttpRequest) -> HttpResponse:
    return _export(request, "csv")


@requires("statistics.export")
def export_xlsx(request: HttpRequest) -> HttpResponse:
    return _export(request, "xlsx")
