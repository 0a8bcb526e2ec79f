"""The case lifecycle: registration → assessment → planning → services → review → closed, and reopening."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hamkor.cases.domains import Purpose
from hamkor.cases.identity import Identity
from hamkor.cases.models import BreakGlass, Case, RetentionPolicy
from hamkor.cases.services.common import CaseRuleError, log_event, now_or, require
from hamkor.cases.services.consents import consent_covers
from hamkor.core.audit import record
from hamkor.core.models import User
from hamkor.core.policy import holds
from hamkor.core.roles import Role

S = Case.Status
ALLOWED: dict[str, set[str]] = {
    S.REGISTRATION: {S.ASSESSMENT, S.CLOSED},
    S.ASSESSMENT: {S.PLANNING, S.CLOSED},
    S.PLANNING: {S.SERVICES, S.CLOSED},
    S.SERVICES: {S.REVIEW, S.CLOSED},
    S.REVIEW: {S.SERVICES, S.PLANNING, S.CLOSED},
    S.CLOSED: {S.ASSESSMENT},  # reopening starts with a fresh assessment
}
BREAK_GLASS_HOURS = 4
DEFAULT_RETENTION_YEARS = 5


def transition_case(
    actor: Any, case: Case, to: str, *, closure: str = "", reason: str = "", now: datetime | None = None
) -> Case:
    """Move a case to its next status; an invalid move raises ``CaseRuleError`` and changes nothing."""
    require(actor, "change", case)
    if to not in S.values:
        raise CaseRuleError(_("Unknown status %(status)s.") % {"status": to})
    if to not in ALLOWED[case.status]:
        raise CaseRuleError(
            _("A case in %(current)s cannot move to %(target)s.")
            % {"current": S(case.status).label, "target": S(to).label}
        )
    _check_preconditions(case, to, closure)
    at = now_or(now)
    previous = case.status
    with transaction.atomic():
        case.status = to
        case.closure = closure if to == S.CLOSED else ""
        case.closed_at = at if to == S.CLOSED else None
        case.retention_until = retention_date(case.country_id, at) if to == S.CLOSED else None
        case.save(update_fields=["status", "closure", "closed_at", "retention_until"])
        label = S(to).label if to != S.CLOSED else f"{S(to).label} ({Case.Closure(closure).label})"
        kind = "reopened" if previous == S.CLOSED else "status"
        log_event(case, kind, actor, _("Status: %(status)s") % {"status": label}, at)
        record(
            actor, "case.transition", case, reason=reason, details={"from": previous, "to": to, "closure": case.closure}
        )
    return case


def retention_date(country: str, closed_at: datetime) -> date:
    """The day a closed case may be anonymised: the country's policy (default 5 years) after closure."""
    policy = RetentionPolicy.objects.filter(country_id=country).first()
    years = policy.years if policy else DEFAULT_RETENTION_YEARS
    closed = closed_at.date()
    try:
        return closed.replace(year=closed.year + years)
    except ValueError:  # 29 February
        return closed.replace(year=closed.year + years, day=28)


def _check_preconditions(case: Case, to: str, closure: str) -> None:
    if case.anonymised_at is not None:
        raise CaseRuleError(_("This case was anonymised under the retention rules; it cannot change."))
    if to == S.CLOSED:
        if closure not in Case.Closure.values:
            raise CaseRuleError(_("Say how the case closes: reintegrated, transferred or other."))
        if closure == Case.Closure.REINTEGRATED and case.status != S.REVIEW:
            raise CaseRuleError(_("A case closes as reintegrated only after a review."))
        return
    if to == S.ASSESSMENT and not consent_covers(case, Purpose.SERVICES):
        raise CaseRuleError(_("There is no active consent to services for this person (or a supervisor's override)."))
    if to == S.PLANNING and not case.assessments.exists():
        raise CaseRuleError(_("Record an assessment before planning."))
    if to == S.SERVICES and not case.goals.exists():
        raise CaseRuleError(_("Set at least one goal in the plan before services start."))


def assign_case(actor: Any, case: Case, *, worker: User, supervisor: User | None = None) -> Case:
    require(actor, "assign", case)
    require(actor, "view", case)
    for user, role in ((worker, Role.CASE_WORKER), (supervisor, Role.CASE_SUPERVISOR)):
        if user is not None and (user.organisation_id != case.organisation_id or role not in user.roles):
            raise ValidationError(
                _("%(user)s is not a %(role)s of this organisation.") % {"user": user, "role": role.label}
            )
    with transaction.atomic():
        case.worker = worker
        case.supervisor = supervisor
        case.save(update_fields=["worker", "supervisor"])
        record(
            actor,
            "case.assign",
            case,
            details={"worker": worker.pk, "supervisor": supervisor.pk if supervisor else None},
        )
    return case


def open_break_glass(actor: Any, case: Case, *, reason: str, now: datetime | None = None) -> BreakGlass:
    """Emergency access for a supervisor to a case of their country they cannot otherwise open; oversight sees it."""
    if not holds(actor, "case.break_glass"):
        raise PermissionDenied(_("Only case supervisors may use emergency access."))
    country = getattr(actor, "country_id", None)
    if country is not None and case.country_id != country:
        raise PermissionDenied(_("Emergency access reaches cases of your own country only."))
    if len(reason.strip()) < 20:
        raise ValidationError({"reason": _("Explain the emergency in at least 20 characters.")})
    at = now_or(now)
    with transaction.atomic():
        glass = BreakGlass.objects.create(
            user=actor,
            case=case,
            reason=reason.strip(),
            opened_at=at,
            expires_at=at + timedelta(hours=BREAK_GLASS_HOURS),
        )
        log_event(case, "break_glass", actor, _("Emergency access opened"), at)
        record(actor, "case.break_glass", case, reason=reason.strip(), details={"hours": BREAK_GLASS_HOURS})
    return glass


def refresh_child_flags(now: datetime | None = None) -> int:
    """Recompute who is a child from the sealed dates of birth (daily task); returns how many flags changed."""
    today = now_or(now).date()
    changed = 0
    with transaction.atomic():
        for case in Case.objects.select_related("person").filter(is_child=True).select_for_update():
            child = Identity.model_validate(case.person.identity).is_child_on(today)
            if child != case.is_child:
                case.is_child = child
                case.save(update_fields=["is_child"])
                changed += 1
        record(None, "case.child_flags_refreshed", details={"changed": changed})
    return changed
