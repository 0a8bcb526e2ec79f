"""Referrals to service providers: sent with a sealed snapshot of the fields the worker chose to share, then
accepted or declined by the provider, then completed.

A referral goes only to a provider of the case's own country (identity never crosses a border) and only while an
active referral consent names that provider (or a supervisor's override stands). Each step is one transaction
with one timeline line and one audit entry; a refused step writes nothing.
"""

from __future__ import annotations

import random
import secrets
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hamkor.cases import codes
from hamkor.cases.domains import Domain, Purpose
from hamkor.cases.identity import Identity
from hamkor.cases.models import Case, Goal, Intervention, Referral
from hamkor.cases.services.common import CaseRuleError, log_event, now_or, require
from hamkor.cases.services.consents import consent_covers
from hamkor.core.audit import record
from hamkor.core.models import Organisation
from hamkor.core.policy import holds

NOTE_MAX_CHARS = 2000
_system = secrets.SystemRandom()
R = Referral.Status
# What may follow each status; anything else is refused with the current status named.
NEXT_STEPS: dict[str, set[str]] = {R.SENT: {R.ACCEPTED, R.DECLINED}, R.ACCEPTED: {R.COMPLETED}}


class SharedField(models.TextChoices):
    """The catalogue of what a referral can carry. The worker picks a subset; nothing else ever leaves."""

    PSEUDONYM = "pseudonym", gettext_lazy("Pseudonym code")
    GIVEN_NAME = "given_name", gettext_lazy("Given name")
    FAMILY_NAME = "family_name", gettext_lazy("Family name")
    BIRTH_DATE = "birth_date", gettext_lazy("Date of birth")
    AGE = "age", gettext_lazy("Age")
    SEX = "sex", gettext_lazy("Sex")
    REGION = "region", gettext_lazy("Region")
    NATIONALITY = "nationality", gettext_lazy("Nationality")
    DOCUMENTS = "documents", gettext_lazy("Civil documents (kind and status, no numbers)")
    LATEST_SCORES = "latest_scores", gettext_lazy("Latest assessment scores")
    PLAN_GOALS = "plan_goals", gettext_lazy("Open plan goals of the service's domain")


# The reintegration domain a service serves; its open goals are the ones a referral may share. "Other" serves
# no single domain, so it shares the open goals of every domain (the worker still chooses whether to share).
SERVICE_DOMAIN: dict[str, str | None] = {
    Intervention.Kind.DOCUMENTS: Domain.LEGAL,
    Intervention.Kind.MEDICAL: Domain.PHYSICAL_HEALTH,
    Intervention.Kind.PSYCHOSOCIAL: Domain.PSYCHOSOCIAL,
    Intervention.Kind.SCHOOLING: Domain.EDUCATION,
    Intervention.Kind.VOCATIONAL: Domain.LIVELIHOOD,
    Intervention.Kind.RELIGIOUS: Domain.RELIGIOUS,
    Intervention.Kind.LEGAL: Domain.LEGAL,
    Intervention.Kind.HOUSING: Domain.HOUSING,
    Intervention.Kind.COMMUNITY: Domain.COMMUNITY,
    Intervention.Kind.OTHER: None,
}


def referral_code(rng: random.Random | None = None) -> str:
    """E.g. ``R-7K3Q-9D2M``: 40 random bits from the unambiguous alphabet of the pseudonyms."""
    pick = rng or _system
    part = "".join(pick.choice(codes.ALPHABET) for _ in range(8))
    return f"R-{part[:4]}-{part[4:]}"


def _unique_code(rng: random.Random | None) -> str:
    for _attempt in range(20):
        code = referral_code(rng)
        if not Referral.objects.filter(code=code).exists():
            return code
    raise IntegrityError("Could not draw a free referral code.")


def snapshot(case: Case, fields: list[str], service: str, on: date) -> dict[str, Any]:
    """Exactly the chosen fields of the case as they are on ``on``, as JSON: what the provider will see."""
    identity = Identity.model_validate(case.person.identity)
    name = identity.names[0]
    values: dict[str, Any] = {}
    for key in fields:
        if key == SharedField.PSEUDONYM:
            values[key] = case.person.code
        elif key == SharedField.GIVEN_NAME:
            values[key] = name.given
        elif key == SharedField.FAMILY_NAME:
            values[key] = name.family
        elif key == SharedField.BIRTH_DATE:
            values[key] = identity.birth_date.isoformat()
        elif key == SharedField.AGE:
            values[key] = identity.age_on(on)
        elif key == SharedField.SEX:
            values[key] = identity.sex
        elif key == SharedField.REGION:
            values[key] = case.region
        elif key == SharedField.NATIONALITY:
            values[key] = identity.nationality
        elif key == SharedField.DOCUMENTS:
            values[key] = [{"kind": d.kind, "status": d.status} for d in identity.documents]
        elif key == SharedField.LATEST_SCORES:
            values[key] = _latest_scores(case)
        elif key == SharedField.PLAN_GOALS:
            values[key] = _open_goals(case, SERVICE_DOMAIN.get(service))
    return values


def _latest_scores(case: Case) -> dict[str, Any] | None:
    latest = case.assessments.order_by("-assessed_on", "-pk").first()
    if latest is None:
        return None
    return {"assessed_on": latest.assessed_on.isoformat(), "scores": dict(latest.scores)}


def _open_goals(case: Case, domain: str | None) -> list[dict[str, str]]:
    goals = case.goals.filter(status=Goal.Status.OPEN)
    if domain is not None:
        goals = goals.filter(domain=domain)
    return [{"domain": g.domain, "description": g.description} for g in goals.order_by("domain", "pk")]


def _check_referral(
    case: Case, provider: Organisation, service: str, fields: list[str], follow_up_on: date, at: datetime
) -> list[str]:
    """The chosen fields in catalogue order; raises with every problem of the request at once."""
    errors: dict[str, str] = {}
    if service not in Intervention.Kind.values:
        errors["service"] = _("Unknown service.")
    unknown = [f for f in fields if f not in SharedField.values]
    if unknown:
        errors["fields"] = _("Unknown fields: %(fields)s.") % {"fields": ", ".join(unknown)}
    elif not fields:
        errors["fields"] = _("Choose at least one field to share with the provider.")
    if follow_up_on < at.date():
        errors["follow_up_on"] = _("The follow-up date is in the past.")
    if provider.pk == case.organisation_id:
        errors["provider"] = _("A referral goes to another organisation; plan the service as an intervention.")
    elif provider.country_id != case.country_id:
        errors["provider"] = _(
            "A referral goes to a provider in the case's own country: identity never crosses a border."
        )
    if errors:
        raise ValidationError(errors)
    if case.person.identity is None:
        raise CaseRuleError(_("An anonymised case is not referred: there is nothing left to share."))
    if case.status == Case.Status.CLOSED:
        raise CaseRuleError(_("A closed case is not referred; reopen it first."))
    if not consent_covers(case, Purpose.REFERRAL, recipient=provider):
        raise CaseRuleError(
            _(
                "There is no active consent to a referral to %(provider)s for this person (or a supervisor's "
                "override). Record the consent naming this provider first."
            )
            % {"provider": provider}
        )
    return [f for f in SharedField.values if f in fields]


def send_referral(
    actor: Any,
    case: Case,
    *,
    provider: Organisation,
    service: str,
    fields: list[str],
    follow_up_on: date,
    now: datetime | None = None,
    rng: random.Random | None = None,
) -> Referral:
    """Send a referral carrying a sealed snapshot of exactly ``fields``. Refused, with nothing written, without an
    active referral consent naming ``provider``."""
    require(actor, "create", Referral)
    require(actor, "change", case)
    at = now_or(now)
    chosen = _check_referral(case, provider, service, fields, follow_up_on, at)
    with transaction.atomic():
        referral = Referral.objects.create(
            code=_unique_code(rng),
            case=case,
            provider=provider,
            service=service,
            shared_fields=chosen,
            shared=snapshot(case, chosen, service, at.date()),
            follow_up_on=follow_up_on,
            sent_by=actor,
            sent_at=at,
        )
        log_event(
            case,
            "referral",
            actor,
            _("Referral %(code)s sent to %(provider)s: %(service)s")
            % {"code": referral.code, "provider": provider, "service": Intervention.Kind(service).label},
            at,
        )
        record(
            actor,
            "referral.send",
            referral,
            details={"case": case.code, "provider": provider.pk, "service": service, "fields": chosen},
        )
    return referral


def _require_provider(actor: Any, referral: Referral) -> None:
    if not holds(actor, "referral.change") or getattr(actor, "organisation_id", None) != referral.provider_id:
        raise PermissionDenied(_("Only the organisation that received the referral can answer it."))


def _step(actor: Any, referral: Referral, to: str, *, note: str | None, at: datetime) -> Referral:
    """Move the referral to ``to`` if its current status allows it. The UPDATE is conditional on the status read,
    so two people answering at once cannot both win."""
    if to not in NEXT_STEPS.get(referral.status, set()):
        raise CaseRuleError(
            _("A referral that is %(current)s cannot become %(target)s.")
            % {"current": R(referral.status).label.lower(), "target": R(to).label.lower()}
        )
    changes: dict[str, Any] = {"status": to}
    if to == R.COMPLETED:
        changes["completed_at"] = at
    else:
        changes.update(responded_by=actor, responded_at=at, response_note=note or "")
    if not Referral.objects.filter(pk=referral.pk, status=referral.status).update(**changes):
        raise CaseRuleError(_("Someone else answered this referral just now; reload the page."))
    referral.refresh_from_db()
    return referral


def accept_referral(actor: Any, referral: Referral, *, note: str = "", now: datetime | None = None) -> Referral:
    """The provider takes the referral on; an optional note tells the referring worker what happens next."""
    return _answer(actor, referral, R.ACCEPTED, note, now)


def decline_referral(actor: Any, referral: Referral, *, note: str, now: datetime | None = None) -> Referral:
    """The provider turns the referral down, saying why, so the referring worker can look elsewhere."""
    return _answer(actor, referral, R.DECLINED, note, now)


def _answer(actor: Any, referral: Referral, to: str, note: str, now: datetime | None) -> Referral:
    _require_provider(actor, referral)
    text = note.strip()
    if to == R.DECLINED and not text:
        raise ValidationError({"note": _("Say why the referral is declined.")})
    if len(text) > NOTE_MAX_CHARS:
        raise ValidationError({"note": _("The note is at most %(max)s characters.") % {"max": NOTE_MAX_CHARS}})
    at = now_or(now)
    with transaction.atomic():
        _step(actor, referral, to, note=text, at=at)
        summary = (
            _("Referral %(code)s accepted by %(provider)s")
            if to == R.ACCEPTED
            else _("Referral %(code)s declined by %(provider)s")
        )
        log_event(
            referral.case, "referral", actor, summary % {"code": referral.code, "provider": referral.provider}, at
        )
        # The note stays on the referral: free text may name the person, and the audit log outlives records.
        action = "referral.accept" if to == R.ACCEPTED else "referral.decline"
        record(actor, action, referral, details={"case": referral.case.code, "note": bool(text)})
    return referral


def complete_referral(actor: Any, referral: Referral, *, now: datetime | None = None) -> Referral:
    """The provider reports the service delivered; only an accepted referral can be completed."""
    _require_provider(actor, referral)
    at = now_or(now)
    with transaction.atomic():
        _step(actor, referral, R.COMPLETED, note=None, at=at)
        log_event(
            referral.case,
            "referral",
            actor,
            _("Referral %(code)s completed by %(provider)s") % {"code": referral.code, "provider": referral.provider},
            at,
        )
        record(actor, "referral.complete", referral, details={"case": referral.case.code})
    return referral
