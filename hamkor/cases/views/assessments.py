"""Recording an assessment with the newest instrument."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hamkor.cases import page_queries, services
from hamkor.cases.forms import AssessmentForm
from hamkor.cases.views.case_page import act, narrative_domains
from hamkor.cases.views.common import case_code
from hamkor.core.decorators import requires


@require_POST
@requires("case.change")
def assessment(request: HttpRequest, person_code: str, number: int) -> HttpResponse:
    case = page_queries.case_for_action(request.user, case_code(person_code, number))
    newest = page_queries.newest_instrument()
    if newest is None:
        raise Http404("no instrument")
    instrument, definition = newest
    form = AssessmentForm(
        request.POST, definition=definition, narrative_domains=narrative_domains(request.user, definition)
    )

    def record() -> None:
        services.record_assessment(
            request.user,
            case,
            instrument_code=instrument.code,
            version=instrument.version,
            assessed_on=form.cleaned_data["assessed_on"],
            scores=form.scores(),
            narratives=form.narratives(),
        )

    return act(request, case, "assessment", form, record, _("The assessment is recorded."), "assessments")
