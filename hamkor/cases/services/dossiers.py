"""Pseudonymised dossiers for the Regional Expert Council: build, edit the text, resolve warnings, submit,
approve (which sends), return to draft, withdraw.

A case has at most one draft; building again refreshes it from the case. A dossier carries its own random
pseudonym, never the person's, and no identity field (see ``hamkor.cases.dossiers``). Its free text is checked
for identifiers of the person and their family, and it is sent only when every warning is resolved — the text
edited, or the warning declared "not an identifier" with a reason — and the person's consent to the Council
stands, and only after a second person approves the submitted text: a supervisor of the case's organisation
other than the submitter. A sent dossier cannot change; it can only be withdrawn.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hamkor.cases import queries_dossiers
from hamkor.cases.codes import ALPHABET
from hamkor.cases.domains import Compartment, Purpose
from hamkor.cases.dossiers import (
    TEXT_MAX_CHARS,
    CaseFacts,
    Identifiers,
    PlannedGoal,
    Relative,
    ScoredAssessment,
    build_content,
    carry_resolutions,
    check_text,
    redact,
    unresolved,
)
from hamkor.cases.identity import Identity
from hamkor.cases.models import Case, Dossier, FamilyMember
from hamkor.cases.queries_dossiers import SEALED, dossier_text
from hamkor.cases.services.common import CaseRuleError, log_event, now_or, require
from hamkor.cases.services.consents import consent_covers
from hamkor.core.audit import record
from hamkor.core.crypto import keyring
from hamkor.core.normalise import clean
from hamkor.core.policy import holds, may

_system = secrets.SystemRandom()
REASON_MIN_CHARS = 10
REASON_MAX_CHARS = 500
S = Dossier.Status


def dossier_code(rng: random.Random | None = None) -> str:
    """``D-XXXX-XXXX``: 40 random bits, unrelated to the person's pseudonym so it cannot be linked back."""
    pick = rng or _system
    part = "".join(pick.choice(ALPHABET) for _ in range(8))
    return f"D-{part[:4]}-{part[4:]}"


def read_case(case: Case, today: date) -> tuple[CaseFacts, Identifiers]:
    """What a dossier of ``case`` is built from, and what identifies the person and their family.

    Reads the sealed identities of the whole family: the names of a child or a mother must be caught in the
    text even when the worker may not open that relative's record. Nothing read here is shown.
    """
    person = case.person
    if person.identity is None:
        raise CaseRuleError(_("This person's record is anonymised; no dossier can be built from it."))
    identity = Identity.model_validate(person.identity)
    memberships = list(FamilyMember.objects.filter(person=person).select_related("family").order_by("pk"))
    others = (
        FamilyMember.objects.filter(family_id__in=[m.family_id for m in memberships])
        .exclude(person=person)
        .select_related("person")
        .order_by("family_id", "pk")
    )
    identities = [identity]
    relatives: list[Relative] = []
    people = {person.pk}
    codes = {person.code, *(m.family.code for m in memberships)}
    for member in others:
        if member.person_id in people:
            continue
        people.add(member.person_id)
        codes.add(member.person.code)
        if member.person.identity is None:
            relatives.append(Relative(member.relationship, today.year - member.person.birth_year))
            continue
        other = Identity.model_validate(member.person.identity)
        identities.append(other)
        relatives.append(Relative(member.relationship, other.age_on(today)))
    codes.update(Case.objects.filter(person_id__in=people).values_list("code", flat=True))
    facts = CaseFacts(
        age=identity.age_on(today),
        sex=person.sex,
        region=case.region.strip() or case.country.name_en,
        country=case.country_id,
        stage=case.status,
        family_role=memberships[0].relationship if memberships else "",
        relatives=relatives,
        assessments=[
            ScoredAssessment(a.assessed_on, f"{a.instrument.code} {a.instrument.version}", dict(a.scores))
            for a in case.assessments.select_related("instrument")
        ],
        goals=[
            PlannedGoal(g.domain, g.status, [(i.kind, i.status) for i in g.interventions.all()])
            for g in case.goals.prefetch_related("interventions")
        ],
    )
    return facts, Identifiers.of(identities, codes)


def current_warnings(dossier: Dossier, today: date | None = None) -> list[dict[str, Any]]:
    """The draft's warnings checked again against the family as it is now (a relative added since the last
    edit brings new names), each keeping the resolution it had."""
    text = dossier_text(dossier)
    _facts, identifiers = read_case(dossier.case, today or now_or(None).date())
    return carry_resolutions(check_text(text, identifiers), text, dossier.warnings, text)


def shown_warnings(dossier: Dossier) -> list[dict[str, Any]]:
    """The warnings to show: a draft's checked again now, a sent dossier's as they were when it left. A draft
    whose person's record was anonymised since shows its stored warnings (it can no longer be sent)."""
    if dossier.status != S.DRAFT:
        return list(dossier.warnings)
    try:
        return current_warnings(dossier)
    except CaseRuleError:
        return list(dossier.warnings)


def _checked_text(text: str) -> str:
    # Stored clean (no invisible character, NFKC), so the Council reads what the checker judged.
    text = clean(text).strip()
    if len(text) > TEXT_MAX_CHARS:
        raise ValidationError(
            {
                "text": _("The text for the Council is at most %(max)s characters; this one has %(count)s.")
                % {"max": TEXT_MAX_CHARS, "count": len(text)}
            }
        )
    return text


def _note_bodies(case: Case, notes: Iterable[int]) -> list[str]:
    wanted = list(dict.fromkeys(notes))
    chosen = list(case.notes.filter(pk__in=wanted, compartment=Compartment.GENERAL).order_by("created_at", "pk"))
    if len(chosen) != len(wanted):
        raise ValidationError({"notes": _("Only general notes of this case can go into a dossier.")})
    return [note.body for note in chosen]


def _require_draft(dossier: Dossier) -> None:
    if dossier.status != S.DRAFT:
        raise CaseRuleError(
            _("This dossier is %(status)s; only a draft can change. Build a new one from the case.")
            % {"status": S(dossier.status).label}
        )


def build_dossier(
    actor: Any,
    case: Case,
    *,
    notes: Iterable[int] = (),
    text: str = "",
    now: datetime | None = None,
    rng: random.Random | None = None,
) -> Dossier:
    """The case's draft dossier, made or refreshed from the case: structured content, and as free text the
    worker's summary followed by the general notes they picked, checked for identifiers."""
    require(actor, "change", case)
    at = now_or(now)
    facts, identifiers = read_case(case, at.date())
    body = _checked_text("\n\n".join(p for p in [text.strip(), *_note_bodies(case, notes)] if p))
    findings = check_text(body, identifiers)
    with transaction.atomic():
        # One draft per case, even when two workers build at the same moment.
        Case.objects.select_for_update().filter(pk=case.pk).exists()
        # A dossier waiting for approval is still the case's draft: building again returns it to draft.
        dossier = case.dossiers.filter(status__in=[S.DRAFT, S.AWAITING_APPROVAL]).first()
        refreshed = dossier is not None
        if dossier is not None and dossier.status == S.AWAITING_APPROVAL:
            _back_to_draft(dossier)
        if dossier is None:
            code = dossier_code(rng)
            while Dossier.objects.filter(code=code).exists():
                code = dossier_code(rng)
            dossier = Dossier(code=code, case=case, status=S.DRAFT)
            warnings = carry_resolutions(findings, body, [], "")
        else:
            warnings = carry_resolutions(findings, body, dossier.warnings, dossier_text(dossier))
        dossier.content = {**build_content(facts), SEALED: keyring().encrypt(body)}
        dossier.warnings = warnings
        dossier.built_by = actor
        dossier.built_at = at
        dossier.save()
        summary = _("Council dossier %(code)s refreshed") if refreshed else _("Council dossier %(code)s built")
        log_event(case, "dossier", actor, summary % {"code": dossier.code}, at)
        record(
            actor,
            "dossier.build",
            dossier,
            details={
                "case": case.code,
                "notes": list(dict.fromkeys(notes)),
                "warnings": len(warnings),
                "unresolved": len(unresolved(warnings)),
                "refreshed": refreshed,
            },
        )
    return dossier


def _store_text(actor: Any, dossier: Dossier, text: str, action: str, at: datetime) -> Dossier:
    _facts, identifiers = read_case(dossier.case, at.date())
    warnings = carry_resolutions(check_text(text, identifiers), text, dossier.warnings, dossier_text(dossier))
    with transaction.atomic():
        dossier.content = {**dossier.content, SEALED: keyring().encrypt(text)}
        dossier.warnings = warnings
        dossier.save(update_fields=["content", "warnings"])
        record(
            actor,
            action,
            dossier,
            details={"warnings": len(warnings), "unresolved": len(unresolved(warnings))},
        )
    return dossier


def update_dossier_text(actor: Any, dossier: Dossier, *, text: str, now: datetime | None = None) -> Dossier:
    """Replace a draft's free text; it is checked again, and warnings on unchanged wording keep their
    resolution."""
    require(actor, "change", dossier)
    _require_draft(dossier)
    return _store_text(actor, dossier, _checked_text(text), "dossier.text", now_or(now))


def remove_flagged_text(actor: Any, dossier: Dossier, *, now: datetime | None = None) -> Dossier:
    """Replace every unresolved warning's text with "[…]" in one step."""
    require(actor, "change", dossier)
    _require_draft(dossier)
    at = now_or(now)
    open_warnings = unresolved(current_warnings(dossier, at.date()))
    if not open_warnings:
        raise CaseRuleError(_("No unresolved warning is left to remove."))
    text = redact(dossier_text(dossier), [(w["start"], w["end"]) for w in open_warnings])
    return _store_text(actor, dossier, text, "dossier.redact", at)


def _reason(reason: str, message: str) -> str:
    """The stripped reason, or a form error with ``message`` (which names the length bounds)."""
    reason = reason.strip()
    if not REASON_MIN_CHARS <= len(reason) <= REASON_MAX_CHARS:
        raise ValidationError({"reason": message % {"min": REASON_MIN_CHARS, "max": REASON_MAX_CHARS}})
    return reason


def resolve_warning(actor: Any, dossier: Dossier, *, warning: str, reason: str, now: datetime | None = None) -> Dossier:
    """Mark one warning "not an identifier", with the worker's reason, kept with the warning and audited."""
    require(actor, "change", dossier)
    _require_draft(dossier)
    reason = _reason(reason, _("Say in %(min)s to %(max)s characters why this is not an identifier."))
    at = now_or(now)
    warnings = current_warnings(dossier, at.date())
    target = next((w for w in warnings if w["id"] == warning), None)
    if target is None:
        raise ValidationError({"warning": _("The text has no such warning now; an edit may have removed it.")})
    if target["resolution"]:
        raise CaseRuleError(_("This warning is already resolved."))
    target["resolution"] = {"reason": reason, "by": actor.pk, "at": at.isoformat()}
    with transaction.atomic():
        dossier.warnings = warnings
        dossier.save(update_fields=["warnings"])
        record(actor, "dossier.resolve", dossier, reason=reason, details={"warning": warning, "kind": target["kind"]})
    return dossier


def _check_sendable(dossier: Dossier, at: datetime) -> list[dict[str, Any]]:
    """The dossier's current warnings, if it may go to the Council: refused without an active consent to
    the Council or while a warning is unresolved."""
    if not consent_covers(dossier.case, Purpose.COUNCIL):
        raise CaseRuleError(
            _(
                "There is no active consent to share a dossier with the Expert Council for this person. "
                "Record the consent first."
            )
        )
    warnings = current_warnings(dossier, at.date())
    open_warnings = unresolved(warnings)
    if open_warnings:
        raise CaseRuleError(
            ngettext(
                "%(count)s possible identifier in the text is unresolved: edit the text, or mark it as "
                "not an identifier with a reason.",
                "%(count)s possible identifiers in the text are unresolved: edit the text, or mark each as "
                "not an identifier with a reason.",
                len(open_warnings),
            )
            % {"count": len(open_warnings)}
        )
    return warnings


def _locked(dossier: Dossier) -> None:
    """Take the dossier's row lock and read it again: two clicks, or two people, act once."""
    Dossier.objects.select_for_update().filter(pk=dossier.pk).exists()
    dossier.refresh_from_db()


def submit_dossier(actor: Any, dossier: Dossier, *, now: datetime | None = None) -> Dossier:
    """Ask a supervisor of the case's organisation to approve the checked text for the Council. Refused, with
    nothing written, without an active consent to the Council or while a warning is unresolved. The text
    stays sealed and cannot change while it waits; returning it to draft reopens it."""
    require(actor, "change", dossier)
    at = now_or(now)
    with transaction.atomic():
        _locked(dossier)
        _require_draft(dossier)
        dossier.warnings = _check_sendable(dossier, at)
        dossier.status = S.AWAITING_APPROVAL
        dossier.submitted_by = actor
        dossier.submitted_at = at
        dossier.save(update_fields=["warnings", "status", "submitted_by", "submitted_at"])
        summary = _("Council dossier %(code)s submitted for a supervisor's approval") % {"code": dossier.code}
        log_event(dossier.case, "dossier", actor, summary, at)
        record(actor, "dossier.submit", dossier, details={"resolved": len(dossier.warnings)})
    return dossier


def may_approve(actor: Any, dossier: Dossier) -> bool:
    """A supervisor of the case's own organisation (not through emergency access), other than the person who
    submitted it, approves a submitted dossier."""
    return (
        dossier.status == S.AWAITING_APPROVAL
        and holds(actor, "dossier.approve")
        and getattr(actor, "organisation_id", None) == dossier.case.organisation_id
        and dossier.submitted_by_id != getattr(actor, "pk", None)
        and may(actor, "change", dossier)
    )


def approve_dossier(actor: Any, dossier: Dossier, *, now: datetime | None = None) -> Dossier:
    """The second person's approval, which sends the dossier to the Council: consent and warnings are checked
    again at this moment. The sent content holds the text in clear: it is what the Council reads."""
    require(actor, "change", dossier)
    at = now_or(now)
    with transaction.atomic():
        _locked(dossier)
        if dossier.status != S.AWAITING_APPROVAL:
            raise CaseRuleError(
                _("This dossier is %(status)s; only a submitted dossier is approved.")
                % {"status": S(dossier.status).label}
            )
        if not may_approve(actor, dossier):
            raise PermissionDenied(
                _("A supervisor of the case's organisation other than the person who submitted it approves it.")
            )
        warnings = _check_sendable(dossier, at)
        text = dossier_text(dossier)
        dossier.content = {**{k: v for k, v in dossier.content.items() if k != SEALED}, "text": text}
        dossier.warnings = warnings
        dossier.status = S.SENT
        dossier.sent_at = at
        dossier.approved_by = actor
        dossier.save(update_fields=["content", "warnings", "status", "sent_at", "approved_by"])
        summary = _("Council dossier %(code)s approved and sent") % {"code": dossier.code}
        log_event(dossier.case, "dossier", actor, summary, at)
        record(
            actor,
            "dossier.send",
            dossier,
            details={"case": dossier.case.code, "resolved": len(warnings), "submitted_by": dossier.submitted_by_id},
        )
    return dossier


def return_dossier(actor: Any, dossier: Dossier, *, reason: str, now: datetime | None = None) -> Dossier:
    """Send a submitted dossier back to draft, with a reason: the approving supervisor asking for changes, or
    the submitter taking it back to edit."""
    require(actor, "change", dossier)
    reason = _reason(reason, _("Say in %(min)s to %(max)s characters what should change."))
    at = now_or(now)
    with transaction.atomic():
        _locked(dossier)
        if dossier.status != S.AWAITING_APPROVAL:
            raise CaseRuleError(_("Only a dossier awaiting approval goes back to draft."))
        if not (may_approve(actor, dossier) or dossier.submitted_by_id == actor.pk):
            raise PermissionDenied(_("The submitter or an approving supervisor returns a dossier to draft."))
        _back_to_draft(dossier)
        log_event(
            dossier.case, "dossier", actor, _("Council dossier %(code)s returned to draft") % {"code": dossier.code}, at
        )
        record(actor, "dossier.return", dossier, reason=reason)
    return dossier


def _back_to_draft(dossier: Dossier) -> None:
    dossier.status = S.DRAFT
    dossier.submitted_by = None
    dossier.submitted_at = None
    dossier.save(update_fields=["status", "submitted_by", "submitted_at"])


def withdraw_dossier(actor: Any, dossier: Dossier, *, reason: str, now: datetime | None = None) -> Dossier:
    """Take a dossier back from the Council (or discard a draft); it stays on record, withdrawn."""
    require(actor, "change", dossier)
    if dossier.status == S.WITHDRAWN:
        raise CaseRuleError(_("This dossier was already withdrawn."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the dossier is withdrawn.")})
    at = now_or(now)
    with transaction.atomic():
        _withdraw(actor, dossier, reason, at)
    return dossier


def _withdraw(actor: Any, dossier: Dossier, reason: str, at: datetime) -> None:
    previous = dossier.status
    dossier.status = S.WITHDRAWN
    dossier.save(update_fields=["status"])
    log_event(dossier.case, "dossier", actor, _("Council dossier %(code)s withdrawn") % {"code": dossier.code}, at)
    record(actor, "dossier.withdraw", dossier, reason=reason, details={"from": previous})


def withdraw_unconsented_dossiers(*, now: datetime | None = None) -> int:
    """Withdraw every sent dossier whose person no longer consents to the Council (a daily task). The
    Council stops seeing such a dossier at once anyway (``queries_dossiers.visible_dossiers``)."""
    at = now_or(now)
    sent = Dossier.objects.filter(status=S.SENT)
    stale = sent.exclude(pk__in=queries_dossiers.with_council_consent(sent).values("pk")).select_related("case")
    count = 0
    for dossier in stale:
        with transaction.atomic():
            _withdraw(None, dossier, "The consent to share with the Expert Council was withdrawn.", at)
        count += 1
    return count


def reseal_drafts() -> int:
    """After a data-key rotation: seal the drafts' texts again under the current key."""
    current = keyring().current.key_id
    count = 0
    for dossier in Dossier.objects.filter(status__in=[S.DRAFT, S.AWAITING_APPROVAL]).iterator(chunk_size=200):
        sealed = str(dossier.content.get(SEALED, ""))
        if sealed and not sealed.startswith(f"{current}$"):
            with transaction.atomic():
                dossier.content = {**dossier.content, SEALED: keyring().encrypt(dossier_text(dossier))}
                dossier.save(update_fields=["content"])
            count += 1
    return count
