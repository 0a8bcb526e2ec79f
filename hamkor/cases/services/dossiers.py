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
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hamkor.cases import queries_dossiers
from hamkor.cases.codes import ALPHABET
from hamkor.cases.domains import Compartment
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
from hamkor.cases.models import Case, Dossier, FamilyMember, Person
from hamkor.cases.queries_dossiers import SEALED, dossier_text
from hamkor.cases.services.common import CaseRuleError, bounded_reason, log_event, now_or, require
from hamkor.core.audit import record
from hamkor.core.crypto import keyring
from hamkor.core.normalise import clean

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
    identifiers = Identifiers.of(identities, codes)
    # The region is typed freely on the case: it goes to the Council only if it names nobody of the family.
    region = case.region.strip()
    if not region or check_text(region, identifiers):
        region = case.country.name_en
    facts = CaseFacts(
        age=identity.age_on(today),
        sex=person.sex,
        region=region,
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
    return facts, identifiers


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


def require_draft(dossier: Dossier) -> None:
    if dossier.status != S.DRAFT:
        raise CaseRuleError(
            _("This dossier is %(status)s; only a draft can change. Build a new one from the case.")
            % {"status": S(dossier.status).label}
        )


def locked(dossier: Dossier) -> None:
    """Take the dossier's row lock and read it again: two clicks, or two people, act once and on what is."""
    Dossier.objects.select_for_update().filter(pk=dossier.pk).exists()
    dossier.refresh_from_db()


def contributed(dossier: Dossier, actor: Any) -> list[int]:
    """The people who shaped the dossier's text, with ``actor``: none of them may be its approver."""
    return sorted({*(dossier.contributors or []), actor.pk})


def sees_whole_family(actor: Any, case: Case) -> bool:
    """Whether ``actor`` may open every member of the case's families. A dossier's text is checked against
    all their identities, so its warnings would tell a user what a relative's record holds: only such a user
    builds, edits, checks or submits a dossier, or sees its warnings."""
    members = FamilyMember.objects.filter(
        family_id__in=FamilyMember.objects.filter(person_id=case.person_id).values("family_id")
    ).values_list("person_id", flat=True)
    wanted = set(members) | {case.person_id}
    return Person.objects.restrict(actor, "view").filter(pk__in=wanted).count() == len(wanted)


def require_whole_family(actor: Any, case: Case) -> None:
    if not sees_whole_family(actor, case):
        raise PermissionDenied(
            _(
                "This dossier is checked against the records of the whole family, and you may not open all of "
                "them (a child's record needs the child-protection clearance). A colleague who may open them "
                "prepares it."
            )
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
    require_whole_family(actor, case)
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
            back_to_draft(dossier)
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
        dossier.contributors = contributed(dossier, actor)
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


def _edit(actor: Any, dossier: Dossier, action: str, at: datetime, new_text: Callable[[Dossier], str]) -> Dossier:
    """Replace a draft's text with ``new_text(dossier)``, computed under the dossier's row lock from the
    dossier as it is now: an edit that loaded the page before a submission does not change what was submitted."""
    require(actor, "change", dossier)
    require_whole_family(actor, dossier.case)
    with transaction.atomic():
        locked(dossier)
        require_draft(dossier)
        previous = dossier_text(dossier)
        text = new_text(dossier)
        _facts, identifiers = read_case(dossier.case, at.date())
        dossier.warnings = carry_resolutions(check_text(text, identifiers), text, dossier.warnings, previous)
        dossier.content = {**dossier.content, SEALED: keyring().encrypt(text)}
        dossier.contributors = contributed(dossier, actor)
        dossier.save(update_fields=["content", "warnings", "contributors"])
        warnings = dossier.warnings
        record(actor, action, dossier, details={"warnings": len(warnings), "unresolved": len(unresolved(warnings))})
    return dossier


def update_dossier_text(actor: Any, dossier: Dossier, *, text: str, now: datetime | None = None) -> Dossier:
    """Replace a draft's free text; it is checked again, and warnings on unchanged wording keep their
    resolution."""
    checked = _checked_text(text)
    return _edit(actor, dossier, "dossier.text", now_or(now), lambda _current: checked)


def remove_flagged_text(actor: Any, dossier: Dossier, *, now: datetime | None = None) -> Dossier:
    """Replace every unresolved warning's text with "[…]" in one step."""
    at = now_or(now)

    def redacted(current: Dossier) -> str:
        open_warnings = unresolved(current_warnings(current, at.date()))
        if not open_warnings:
            raise CaseRuleError(_("No unresolved warning is left to remove."))
        return redact(dossier_text(current), [(w["start"], w["end"]) for w in open_warnings])

    return _edit(actor, dossier, "dossier.redact", at, redacted)


def resolve_warning(actor: Any, dossier: Dossier, *, warning: str, reason: str, now: datetime | None = None) -> Dossier:
    """Mark one warning "not an identifier", with the worker's reason, kept with the warning and audited."""
    require(actor, "change", dossier)
    require_whole_family(actor, dossier.case)
    reason = bounded_reason(
        reason,
        REASON_MIN_CHARS,
        REASON_MAX_CHARS,
        _("Say in %(min)s to %(max)s characters why this is not an identifier."),
    )
    at = now_or(now)
    with transaction.atomic():
        locked(dossier)
        require_draft(dossier)
        warnings = current_warnings(dossier, at.date())
        target = next((w for w in warnings if w["id"] == warning), None)
        if target is None:
            raise ValidationError({"warning": _("The text has no such warning now; an edit may have removed it.")})
        if target["resolution"]:
            raise CaseRuleError(_("This warning is already resolved."))
        target["resolution"] = {"reason": reason, "by": actor.pk, "at": at.isoformat()}
        dossier.warnings = warnings
        dossier.contributors = contributed(dossier, actor)
        dossier.save(update_fields=["warnings", "contributors"])
        record(actor, "dossier.resolve", dossier, reason=reason, details={"warning": warning, "kind": target["kind"]})
    return dossier


def back_to_draft(dossier: Dossier) -> None:
    """A submitted dossier becomes a draft again: its submission no longer stands."""
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
