"""Case notes, each in a compartment the author is cleared for."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hamkor.cases import page_queries, services
from hamkor.cases.views.case_page import act, note_form
from hamkor.cases.views.common import case_code
from hamkor.core.decorators import requires


@require_POST
@requires("case.change")
def note(request: HttpRequest, person_code: str, number: int) -> HttpResponse:
    case = page_queries.case_for_action(request.user, case_code(person_code, number))
    form = note_form(request.user, request.POST)

    def write() -> None:
        data = form.cleaned_data
        services.add_note(request.user, case, compartment=data["compartment"], body=data["body"])

    return act(request, case, "note", form, write, _("The note is saved."), "notes")
