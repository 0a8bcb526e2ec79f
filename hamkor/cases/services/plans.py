"""The reintegration plan: goals per domain and the interventions that serve them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hamkor.cases.domains import Domain
from hamkor.cases.models import Case, Goal, Intervention
from hamkor.cases.services.common import CaseRuleError, log_event, now_or, require
from hamkor.core.audit import record
from hamkor.core.models import Organisation, User

GOAL_MAX_CHARS = 2000


def add_goal(actor: Any, case: Case, *, domain: str, description: str, now: datetime | None = None) -> Goal:
    require(actor, "change", case)
    if case.status == Case.Status.CLOSED:
        raise CaseRuleError(_("A closed case has no new goals; reopen it first."))
    if domain not in Domain.values:
        raise ValidationError({"domain": _("Unknown domain.")})
    text = description.strip()
    if not text or len(text) > GOAL_MAX_CHARS:
        raise ValidationError(
            {"description": _("Describe the goal in 1 to %(max)s characters.") % {"max": GOAL_MAX_CHARS}}
        )
    at = now_or(now)
    with transaction.atomic():
        goal = Goal.objects.create(case=case, domain=domain, description=text, created_at=at)
        log_event(case, "plan", actor, _("Goal added: %(domain)s") % {"domain": Domain(domain).label}, at)
        record(actor, "case.goal", case, details={"goal": goal.pk, "domain": domain})
    return goal


def add_intervention(
    actor: Any,
    goal: Goal,
    *,
    kind: str,
    due_on: date,
    provider: Organisation | None = None,
    responsible: User | None = None,
    now: datetime | None = None,
) -> Intervention:
    require(actor, "change", goal.case)
    if kind not in Intervention.Kind.values:
        raise ValidationError({"kind": _("Unknown kind of intervention.")})
    if responsible is not None and responsible.organisation_id not in {
        goal.case.organisation_id,
        getattr(provider, "pk", None),
    }:
        raise ValidationError(
            {"responsible": _("The responsible person works for the case's organisation or the provider.")}
        )
    at = now_or(now)
    with transaction.atomic():
        intervention = Intervention.objects.create(
            goal=goal, kind=kind, due_on=due_on, provider=provider, responsible=responsible
        )
        log_event(
            goal.case,
            "plan",
            actor,
            _("Intervention planned: %(kind)s, due %(due)s")
            % {"kind": Intervention.Kind(kind).label, "due": due_on.isoformat()},
            at,
        )
        record(actor, "case.intervention", goal.case, details={"intervention": intervention.pk, "kind": kind})
    return intervention


def set_intervention_status(
    actor: Any,
    intervention: Intervention,
    status: str,
    *,
    completed_on: date | None = None,
    now: datetime | None = None,
) -> Intervention:
    case = intervention.goal.case
    require(actor, "change", case)
    if status not in Intervention.Status.values:
        raise ValidationError({"status": _("Unknown status.")})
    at = now_or(now)
    if status == Intervention.Status.DONE:
        completed_on = completed_on or at.date()
        if completed_on > at.date():
            raise ValidationError({"completed_on": _("An intervention cannot be completed in the future.")})
    with transaction.atomic():
        intervention.status = status
        intervention.completed_on = completed_on if status == Intervention.Status.DONE else None
        intervention.save(update_fields=["status", "completed_on"])
        log_event(
            case,
            "plan",
            actor,
            _("Intervention %(kind)s: %(status)s")
            % {"kind": intervention.get_kind_display(), "status": Intervention.Status(status).label},
            at,
        )
        record(actor, "case.intervention_status", case, details={"intervention": intervention.pk, "status": status})
    return intervention
