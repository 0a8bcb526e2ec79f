"""The case list with its filters, and the panel of due and overdue interventions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from hamkor.cases import page_queries, queries
from hamkor.cases.models import Case
from hamkor.cases.views.common import case_url
from hamkor.core.decorators import requires
from hamkor.core.page_forms import query_string, whole_number
from hamkor.core.policy import holds, may

PAGE_SIZE = 50
DUE_PANEL_SIZE = 20


@dataclass(frozen=True)
class CaseRow:
    case: Case
    name: str
    url: str


@require_http_methods(["GET", "POST"])
@requires("case.view")
def case_list(request: HttpRequest) -> HttpResponse:
    """The case list. Filters come in the query string; a name search comes only in a POST body (with its
    filters and page), so no name reaches an access log, the browser's history or a Referer header."""
    user = request.user
    given = request.POST if request.method == "POST" else request.GET
    status = given.get("status", "")
    status = status if status in Case.Status.values else ""
    country = given.get("country", "")[:2]
    worker = given.get("worker", "")
    worker_id = whole_number(worker)
    due = given.get("due", "")
    due = due if due in {"due", "overdue"} else ""
    q = request.POST.get("q", "").strip()[:100] if request.method == "POST" else ""
    rows = queries.cases(user, status=status, country=country, worker=worker_id, due=due, q=q)
    page = Paginator(rows, PAGE_SIZE).get_page(given.get("page"))
    shown = list(page.object_list)
    queries.audit_list_read(user, shown)  # the rows show names: reading the list is reading the records
    countries, workers = page_queries.list_filter_choices(user)
    # The pager's links carry the filters in use (never a name: a name search pages by POST).
    query = query_string({"status": status, "country": country.upper(), "worker": str(worker_id or ""), "due": due})
    context = {
        "page": page,
        "rows": [CaseRow(c, queries.identity_of(c.person).display_name, case_url(c)) for c in shown],
        "query": query,
        "filters": {"status": status, "country": country.upper(), "worker": worker_id, "due": due, "q": q},
        "statuses": Case.Status.choices,
        "countries": countries,
        "workers": workers,
        "due_items": [(item, case_url(item.goal.case)) for item in queries.due_items(user)[:DUE_PANEL_SIZE]],
        "today": date.today(),
        "can_register": may(user, "create", "person"),
        "can_break_glass": holds(user, "case.break_glass"),
    }
    return render(request, "cases/case_list.html", context)
