"""The consent registry: recording, withdrawing, and the supervisor's audited override."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hamkor.cases.domains import Purpose
from hamkor.cases.identity import Identity
from hamkor.cases.models import Case, Consent, ConsentOverride, FamilyMember, Person
from hamkor.cases.services.common import CaseRuleError, log_event, now_or, require
from hamkor.core.audit import record
from hamkor.core.models import Organisation

CONSENT_TEXT_VERSIONS = {"2024-1", "2025-1"}
ASSENT_FROM_AGE = 7


def record_consent(
    actor: Any,
    person: Person,
    purpose: str,
    *,
    text_version: str,
    given_on: date,
    recipient: Organisation | None = None,
    guardian: Person | None = None,
    child_assent: bool | None = None,
    now: datetime | None = None,
) -> Consent:
    """Record a consent. For a child: a guardian from the child's family consents, and a child of 7 or more
    gives (or refuses) their own assent."""
    require(actor, "change", person)
    at = now_or(now)
    errors: dict[str, str] = {}
    if purpose not in Purpose.values:
        errors["purpose"] = _("Unknown purpose.")
    if text_version not in CONSENT_TEXT_VERSIONS:
        errors["text_version"] = _("Unknown version of the consent text.")
    if given_on > at.date():
        errors["given_on"] = _("A consent cannot be given in the future.")
    if purpose == Purpose.REFERRAL and recipient is None:
        errors["recipient"] = _("A referral consent names the organisation that receives the referral.")
    identity = Identity.model_validate(person.identity)
    if identity.is_child_on(at.date()):
        if guardian is None:
            errors["guardian"] = _("A child's consent is given by a guardian from the child's family.")
        elif not _is_guardian_of(guardian, person):
            errors["guardian"] = _("This person is not recorded as a guardian in the child's family.")
        if identity.age_on(at.date()) >= ASSENT_FROM_AGE and child_assent is None:
            errors["child_assent"] = _("Record whether the child (aged 7 or more) assents.")
    elif guardian is not None:
        errors["guardian"] = _("An adult consents for themselves.")
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        consent = Consent.objects.create(
            person=person,
            purpose=purpose,
            recipient=recipient,
            text_version=text_version,
            guardian=guardian,
            child_assent=child_assent,
            given_on=given_on,
            recorded_by=actor,
            recorded_at=at,
        )
        for case in Case.objects.filter(person=person).exclude(status=Case.Status.CLOSED):
            log_event(case, "consent", actor, _("Consent recorded: %(purpose)s") % {"purpose": purpose}, at)
        record(
            actor,
            "consent.record",
            consent,
            details={"person": person.code, "purpose": purpose, "version": text_version, "guardian": bool(guardian)},
        )
    return consent


def _is_guardian_of(guardian: Person, child: Person) -> bool:
    families = FamilyMember.objects.filter(person=child).values("family_id")
    return FamilyMember.objects.filter(family_id__in=families, person=guardian, is_guardian=True).exists()


def withdraw_consent(actor: Any, consent: Consent, *, reason: str, now: datetime | None = None) -> Consent:
    require(actor, "change", consent.person)
    if not consent.active:
        raise CaseRuleError(_("This consent was already withdrawn."))
    at = now_or(now)
    with transaction.atomic():
        consent.withdrawn_at = at
        consent.withdrawn_by = actor
        consent.withdrawal_reason = reason.strip()
        consent.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_reason"])
        for case in Case.objects.filter(person=consent.person).exclude(status=Case.Status.CLOSED):
            log_event(case, "consent", actor, _("Consent withdrawn: %(purpose)s") % {"purpose": consent.purpose}, at)
        record(actor, "consent.withdraw", consent, details={"person": consent.person.code, "purpose": consent.purpose})
    return consent


def override_consent(
    actor: Any, case: Case, purpose: str, *, reason: str, now: datetime | None = None
) -> ConsentOverride:
    """A supervisor lets the case go on without a consent, with a written reason (audited, shown on the case)."""
    require(actor, "override_consent", case)
    require(actor, "view", case)
    if len(reason.strip()) < 20:
        raise ValidationError({"reason": _("Explain the override in at least 20 characters.")})
    if purpose not in Purpose.values:
        raise ValidationError({"purpose": _("Unknown purpose.")})
    at = now_or(now)
    with transaction.atomic():
        override = ConsentOverride.objects.create(
            case=case, purpose=purpose, reason=reason.strip(), supervisor=actor, at=at
        )
        log_event(
            case, "consent", actor, _("Consent overridden by a supervisor: %(purpose)s") % {"purpose": purpose}, at
        )
        record(actor, "consent.override", case, reason=reason.strip(), details={"purpose": purpose})
    return override


def consent_covers(case: Case, purpose: str, recipient: Organisation | None = None) -> bool:
    """Whether an active consent (or a supervisor's override) covers ``purpose`` for this case."""
    consents = Consent.objects.filter(person=case.person, purpose=purpose)
    if recipient is not None:
        consents = consents.filter(recipient=recipient)
    if consents.filter(withdrawn_at__isnull=True).exists():
        return True
    # An override stands only if it was made after the last withdrawal: withdrawing always blocks again.
    last_withdrawal = consents.filter(withdrawn_at__isnull=False).order_by("-withdrawn_at").first()
    overrides = case.consent_overrides.filter(purpose=purpose)
    if last_withdrawal is not None and last_withdrawal.withdrawn_at is not None:
        overrides = overrides.filter(at__gt=last_withdrawal.withdrawn_at)
    return overrides.exists()
