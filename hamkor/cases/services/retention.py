"""Retention: legal holds, anonymisation of expired cases, and a person's own data on request.

Anonymising a case destroys its identity and free text and erases the audit payloads that concern it, while
everything statistics need stays: sex, year of birth, region, country, status, dates, domain scores.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from hamkor.cases.access import clearances
from hamkor.cases.domains import COMPARTMENT_CLEARANCE
from hamkor.cases.identity import Identity
from hamkor.cases.models import (
    Assessment,
    BreakGlass,
    Case,
    Consent,
    ConsentOverride,
    FamilyMember,
    Goal,
    Note,
    Person,
    PersonNameKey,
    Referral,
    RetentionPolicy,
    Transfer,
)
from hamkor.cases.queries import notes, timeline
from hamkor.cases.services.common import CaseRuleError, log_event, now_or, require
from hamkor.core.audit import record, redact
from hamkor.core.models import AuditEntry


def set_legal_hold(actor: Any, case: Case, *, hold: bool, reason: str = "", now: datetime | None = None) -> Case:
    """A legal hold keeps a case from being anonymised (proceedings, an inquiry); lifting it needs a reason too."""
    require(actor, "legal_hold", case)
    require(actor, "view", case)
    if len(reason.strip()) < 10:
        raise ValidationError({"reason": _("Give the reason for the legal hold (at least 10 characters).")})
    at = now_or(now)
    with transaction.atomic():
        case.legal_hold = hold
        case.legal_hold_reason = reason.strip() if hold else ""
        case.save(update_fields=["legal_hold", "legal_hold_reason"])
        log_event(case, "retention", actor, _("Legal hold placed") if hold else _("Legal hold lifted"), at)
        record(actor, "case.legal_hold", case, reason=reason.strip(), details={"hold": hold})
    return case


@dataclass
class RetentionRun:
    anonymised: list[int] = field(default_factory=list)
    held: list[int] = field(default_factory=list)


def expired_cases(now: datetime) -> Any:
    return Case.objects.filter(
        status=Case.Status.CLOSED, retention_until__lte=now.date(), anonymised_at__isnull=True
    ).order_by("pk")


def apply_retention(*, now: datetime | None = None, dry_run: bool = False) -> RetentionRun:
    """Anonymise every closed case past its retention date; cases under a legal hold are skipped and listed."""
    at = now_or(now)
    run = RetentionRun()
    for case in expired_cases(at).iterator(chunk_size=200):
        if case.legal_hold:
            run.held.append(case.pk)
            continue
        if not dry_run:
            anonymise_case(None, case, now=at)
        run.anonymised.append(case.pk)
    if not dry_run:
        with transaction.atomic():
            record(None, "retention.run", details={"anonymised": run.anonymised, "held": run.held})
    return run


def anonymise_case(actor: Any, case: Case, *, now: datetime | None = None) -> Case:
    """Destroy the case's identity and free text; keep its statistics. Refused under a legal hold."""
    at = now_or(now)
    if case.legal_hold:
        raise CaseRuleError(
            _("Case %(case)s is under a legal hold and is kept until the hold is lifted.") % {"case": case.pk}
        )
    if case.status != Case.Status.CLOSED or case.retention_until is None or case.retention_until > at.date():
        raise CaseRuleError(_("Only a closed case past its retention date is anonymised."))
    with transaction.atomic():
        Note.objects.filter(case=case).delete()
        Assessment.objects.filter(case=case).update(narratives={})
        Goal.objects.filter(case=case).update(description="")
        ConsentOverride.objects.filter(case=case).update(reason="")
        BreakGlass.objects.filter(case=case).update(reason="")
        Referral.objects.filter(case=case).update(shared=None, response_note="")
        Transfer.objects.filter(case=case).update(reason="")
        case.legal_hold_reason = ""
        case.anonymised_at = at
        case.save(update_fields=["legal_hold_reason", "anonymised_at"])
        person = case.person
        if not Case.objects.filter(person=person, anonymised_at__isnull=True).exists():
            _anonymise_person(person, at)
        redact(None, _entries_about(case, person), reason=f"retention: case {case.pk}")
        record(actor, "case.anonymise", case, details={"person": person.pk})
    return case


def _anonymise_person(person: Person, at: datetime) -> None:
    PersonNameKey.objects.filter(person=person).delete()
    Consent.objects.filter(person=person).update(withdrawal_reason="")
    person.identity = None
    person.anonymised_at = at
    person.save(update_fields=["identity", "anonymised_at"])


def _entries_about(case: Case, person: Person) -> Any:
    consents = [str(pk) for pk in Consent.objects.filter(person=person).values_list("pk", flat=True)]
    return AuditEntry.objects.filter(
        Q(object_type="cases.case", object_id=str(case.pk))
        | Q(object_type="cases.person", object_id=str(person.pk))
        | Q(object_type="cases.consent", object_id__in=consents)
    )


def export_person_data(actor: Any, person: Person) -> dict[str, Any]:
    """What is held about a person, for their own request, as one JSON document: every case the exporting
    user may open, and inside it what their clearances open. ``withheld_compartments`` names the compartments
    the export does not cover (whether or not anything is in them), so a cleared colleague completes it."""
    require(actor, "export_data", person)
    require(actor, "view", person)
    identity = Identity.model_validate(person.identity)
    cleared = clearances(actor)
    cases = []
    for case in Case.objects.restrict(actor, "view").filter(person=person).order_by("pk"):
        cases.append(
            {
                "case": case.code,
                "organisation": case.organisation.name,
                "status": case.status,
                "closure": case.closure,
                "opened_at": case.opened_at.isoformat(),
                "closed_at": case.closed_at.isoformat() if case.closed_at else None,
                "region": case.region,
                "assessments": [
                    {
                        "assessed_on": a.assessed_on.isoformat(),
                        "instrument": a.instrument.code,
                        "version": a.instrument.version,
                        "scores": a.scores,
                        "narratives": cleared.narratives(a.narratives),
                    }
                    for a in case.assessments.select_related("instrument").order_by("assessed_on", "pk")
                ],
                "plan": [
                    {
                        "domain": g.domain,
                        "goal": g.description,
                        "status": g.status,
                        "interventions": [
                            {"kind": i.kind, "due_on": i.due_on.isoformat(), "status": i.status}
                            for i in g.interventions.order_by("due_on", "pk")
                        ],
                    }
                    for g in case.goals.order_by("pk")
                ],
                "notes": [
                    {"written": n.created_at.isoformat(), "compartment": n.compartment, "text": n.body}
                    for n in notes(actor, case).order_by("created_at", "pk")
                ],
                "timeline": [
                    {"at": e.at.isoformat(), "event": e.summary} for e in timeline(actor, case).order_by("at", "pk")
                ],
            }
        )
    document = {
        "person": person.code,
        "identity": identity.model_dump(mode="json"),
        "families": [
            {"family": m.family.code, "relationship": m.relationship, "guardian": m.is_guardian}
            for m in FamilyMember.objects.filter(person=person).select_related("family")
        ],
        "consents": [
            {
                "purpose": c.purpose,
                "recipient": c.recipient.name if c.recipient else None,
                "version": c.text_version,
                "given_on": c.given_on.isoformat(),
                "withdrawn_at": c.withdrawn_at.isoformat() if c.withdrawn_at else None,
            }
            for c in Consent.objects.filter(person=person).select_related("recipient").order_by("pk")
        ],
        "cases": cases,
        "withheld_compartments": [c for c in COMPARTMENT_CLEARANCE if not cleared.opens(c)],
    }
    with transaction.atomic():
        record(actor, "person.export_data", person)
    return document


def set_retention_policy(actor: Any, country: str, years: int) -> RetentionPolicy:
    """How many years after closure a country's cases are kept (1–50); applies to cases closed from now on."""
    from hamkor.core.models import Country

    if not 1 <= years <= 50:
        raise ValidationError({"years": _("Keep closed cases between 1 and 50 years.")})
    if not Country.objects.filter(code=country.upper()).exists():
        raise ValidationError({"country": _("Unknown country code %(code)s.") % {"code": country}})
    with transaction.atomic():
        policy, _created = RetentionPolicy.objects.update_or_create(
            country_id=country.upper(), defaults={"years": years}
        )
        record(
            actor, "retention.policy", object_type="core.country", object_id=country.upper(), details={"years": years}
        )
    return policy
