"""Recording, withdrawing and (for supervisors) overriding consent, from the case page."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hamkor.cases import page_queries, queries, services
from hamkor.cases.domains import Purpose
from hamkor.cases.forms import OverrideForm, WithdrawalForm
from hamkor.cases.models import Person
from hamkor.cases.views.case_page import act, consent_form, relatives
from hamkor.cases.views.common import case_code
from hamkor.core.decorators import requires


@require_POST
@requires("case.change")
def consent(request: HttpRequest, person_code: str, number: int) -> HttpResponse:
    case = page_queries.case_for_action(request.user, case_code(person_code, number))
    options = relatives(case, names={})
    form = consent_form(case, options, request.POST)

    def record() -> None:
        data = form.cleaned_data
        guardian_code = data.get("guardian") or ""
        services.record_consent(
            request.user,
            case.person,
            data["purpose"],
            text_version=data["text_version"],
            given_on=data["given_on"],
            recipient=data["recipient"],
            guardian=Person.objects.filter(code=guardian_code).first() if guardian_code else None,
            child_assent=form.assent() if case.is_child else None,
        )

    done = _("Consent to %(purpose)s is recorded.")
    purpose = Purpose(request.POST["purpose"]).label if request.POST.get("purpose") in Purpose.values else ""
    return act(request, case, "consent", form, record, done % {"purpose": purpose}, "consents")


@require_POST
@requires("case.change")
def consent_withdraw(request: HttpRequest, person_code: str, number: int, pk: int) -> HttpResponse:
    case = page_queries.case_for_action(request.user, case_code(person_code, number))
    given = get_object_or_404(queries.consents(case), pk=pk)
    form = WithdrawalForm(request.POST, consent_pk=given.pk)

    def withdraw() -> None:
        services.withdraw_consent(request.user, given, reason=form.cleaned_data["reason"])

    done = _("The consent to %(purpose)s is withdrawn.") % {"purpose": given.get_purpose_display()}
    return act(request, case, f"withdraw:{given.pk}", form, withdraw, done, "consents")


@require_POST
@requires("case.override_consent")
def consent_override(request: HttpRequest, person_code: str, number: int) -> HttpResponse:
    case = page_queries.case_for_action(request.user, case_code(person_code, number))
    form = OverrideForm(request.POST)

    def override() -> None:
        data = form.cleaned_data
        services.override_consent(request.user, case, data["purpose"], reason=data["reason"])

    done = _("The override is recorded; oversight will see your reason.")
    return act(request, case, "override", form, override, done, "consents")
