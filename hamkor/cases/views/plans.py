"""The reintegration plan: goals, interventions and their progress."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hamkor.cases import page_queries, services
from hamkor.cases.forms import GoalForm, InterventionForm, InterventionStatusForm
from hamkor.cases.models import Intervention
from hamkor.cases.views.case_page import act
from hamkor.cases.views.common import case_code
from hamkor.core.decorators import requires


@require_POST
@requires("case.change")
def goal(request: HttpRequest, person_code: str, number: int) -> HttpResponse:
    case = page_queries.case_for_action(request.user, case_code(person_code, number))
    form = GoalForm(request.POST)

    def add() -> None:
        data = form.cleaned_data
        services.add_goal(request.user, case, domain=data["domain"], description=data["description"])

    return act(request, case, "goal", form, add, _("The goal is added to the plan."), "plan")


@require_POST
@requires("case.change")
def intervention(request: HttpRequest, person_code: str, number: int, goal: int) -> HttpResponse:
    case = page_queries.case_for_action(request.user, case_code(person_code, number))
    target = get_object_or_404(case.goals, pk=goal)
    form = InterventionForm(request.POST, goal_pk=target.pk)

    def add() -> None:
        data = form.cleaned_data
        services.add_intervention(
            request.user, target, kind=data["kind"], due_on=data["due_on"], provider=data["provider"]
        )

    return act(request, case, f"intervention:{target.pk}", form, add, _("The intervention is planned."), "plan")


@require_POST
@requires("case.change")
def intervention_status(request: HttpRequest, person_code: str, number: int, pk: int) -> HttpResponse:
    case = page_queries.case_for_action(request.user, case_code(person_code, number))
    item = get_object_or_404(Intervention.objects.select_related("goal__case"), goal__case=case, pk=pk)
    form = InterventionStatusForm(request.POST, intervention_pk=item.pk)

    def update() -> None:
        services.set_intervention_status(request.user, item, form.cleaned_data["status"])

    return act(request, case, f"status:{item.pk}", form, update, _("The intervention's status is updated."), "plan")
