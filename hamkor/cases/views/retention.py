"""Retention pages: legal holds, the supervisor's overview, a person's own data on request."""

from __future__ import annotations

import json

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hamkor.cases.models import Case, Person
from hamkor.cases.services.retention import export_person_data, set_legal_hold
from hamkor.cases.views.common import case_code, case_url
from hamkor.core.decorators import requires


@require_POST
@requires("case.legal_hold")
def hold(request: HttpRequest, person_code: str, number: int) -> HttpResponse:
    case = get_object_or_404(Case.objects.restrict(request.user, "view"), code=case_code(person_code, number))
    try:
        set_legal_hold(request.user, case, hold=request.POST.get("hold") == "1", reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Legal hold placed.") if case.legal_hold else _("Legal hold lifted."))
    return redirect(case_url(case) + "#retention")


@requires("person.export_data")
def export(request: HttpRequest, person_code: str) -> HttpResponse:
    person = get_object_or_404(Person.objects.restrict(request.user, "view"), code=person_code)
    document = export_person_data(request.user, person)
    response = HttpResponse(json.dumps(document, ensure_ascii=False, indent=2), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="{person.code}.json"'
    return response


@requires("case.legal_hold")
def overview(request: HttpRequest) -> HttpResponse:
    """Closed cases of the supervisor's reach with their retention dates, holds first."""
    rows = (
        Case.objects.restrict(request.user, "view")
        .filter(status=Case.Status.CLOSED)
        .order_by("-legal_hold", "retention_until", "pk")
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    return render(request, "cases/retention/overview.html", {"page": page})
