"""The oversight officer's audit log: browse, filter, export. There is no way to edit or delete from here."""

from __future__ import annotations

import csv
from typing import Any

from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from hamkor.core import queries
from hamkor.core.audit import FLAGGED_ACTIONS, record
from hamkor.core.decorators import requires
from hamkor.core.forms import AuditFilterForm
from hamkor.core.spreadsheet import safe_cell

EXPORT_COLUMNS = [
    "seq",
    "at",
    "actor_id",
    "actor_label",
    "organisation_id",
    "action",
    "object_type",
    "object_id",
    "reason",
    "details",
    "prev_hash",
    "hash",
]


def _filters(request: HttpRequest) -> tuple[AuditFilterForm, dict[str, Any]]:
    form = AuditFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    return form, {k: v for k, v in filters.items() if v}


@requires("audit.view")
def audit_log(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    rows = queries.audit_entries(request.user, **filters)
    page = Paginator(rows, 100).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    flagged = queries.audit_entries(request.user).filter(action__in=FLAGGED_ACTIONS)[:20]
    context = {"form": form, "page": page, "query": query.urlencode(), "flagged": flagged}
    return render(request, "core/audit_log.html", context)


class _Echo:
    def write(self, value: str) -> str:
        return value


@requires("audit.export")
def audit_export(request: HttpRequest) -> HttpResponseBase:
    """CSV of the filtered log; the export itself is recorded with its filter."""
    _form, filters = _filters(request)
    with transaction.atomic():
        record(request.user, "audit.export", object_type="core.auditentry", details={"filter": filters})
    rows = queries.audit_entries(request.user, purpose="export", **filters).iterator(chunk_size=2000)
    writer = csv.writer(_Echo())

    def lines() -> Any:
        yield writer.writerow(EXPORT_COLUMNS)
        for entry in rows:
            yield writer.writerow([safe_cell(getattr(entry, c)) for c in EXPORT_COLUMNS])

    stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="hamkor-audit-{stamp}.csv"'
    return response
