"""Cross-border sharing takes two people: a dossier's checked text is submitted, then approved — which sends it
to the Council — by a supervisor of the case's organisation who did not shape it, or returned to draft.

The approver approves exactly what they saw: the page and the API carry the digest of the text and its
warnings' resolutions as shown, and an approval for any other version is refused. Each step is one transaction
under the dossier's row lock, with one timeline line and one audit entry.
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from hamkor.cases.access import ordinary_case_condition
from hamkor.cases.domains import Purpose
from hamkor.cases.dossiers import unresolved
from hamkor.cases.models import Case, Dossier
from hamkor.cases.queries_dossiers import SEALED, dossier_text
from hamkor.cases.services.common import CaseRuleError, bounded_reason, log_event, now_or, require
from hamkor.cases.services.consents import consent_covers
from hamkor.cases.services.dossiers import (
    REASON_MAX_CHARS,
    REASON_MIN_CHARS,
    back_to_draft,
    contributed,
    current_warnings,
    locked,
    require_draft,
    require_whole_family,
    sees_whole_family,
)
from hamkor.core.audit import record
from hamkor.core.policy import holds

S = Dossier.Status


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


def approval_digest(dossier: Dossier) -> str:
    """A digest of what an approver sees of this submission: the text, the warnings with their resolutions,
    and the moment it was submitted (a resubmission is a new version)."""
    shown = {
        "text": dossier_text(dossier),
        "warnings": [{k: w.get(k) for k in ("kind", "start", "end", "resolution")} for w in (dossier.warnings or [])],
        "submitted_at": dossier.submitted_at.isoformat() if dossier.submitted_at else "",
    }
    return hashlib.sha256(json.dumps(shown, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def submit_dossier(actor: Any, dossier: Dossier, *, now: datetime | None = None) -> Dossier:
    """Ask a supervisor of the case's organisation to approve the checked text for the Council. Refused, with
    nothing written, without an active consent to the Council or while a warning is unresolved. The text
    stays sealed and cannot change while it waits; returning it to draft reopens it."""
    require(actor, "change", dossier)
    require_whole_family(actor, dossier.case)
    at = now_or(now)
    with transaction.atomic():
        locked(dossier)
        require_draft(dossier)
        dossier.warnings = _check_sendable(dossier, at)
        dossier.status = S.AWAITING_APPROVAL
        dossier.submitted_by = actor
        dossier.submitted_at = at
        dossier.contributors = contributed(dossier, actor)
        dossier.save(update_fields=["warnings", "status", "submitted_by", "submitted_at", "contributors"])
        summary = _("Council dossier %(code)s submitted for a supervisor's approval") % {"code": dossier.code}
        log_event(dossier.case, "dossier", actor, summary, at)
        record(actor, "dossier.submit", dossier, details={"resolved": len(dossier.warnings)})
    return dossier


def may_approve(actor: Any, dossier: Dossier) -> bool:
    """A supervisor who reaches the case by ordinary access (their organisation's, not through emergency
    access; a child's only with the child-protection clearance), who may open the whole family (so reads the
    warnings and their resolutions) and who shaped nothing of the dossier — did not build, edit, resolve or
    submit it — approves a submitted dossier."""
    return (
        dossier.status == S.AWAITING_APPROVAL
        and holds(actor, "dossier.approve")
        and getattr(actor, "pk", None) not in (dossier.contributors or [])
        and Case.objects.filter(ordinary_case_condition(actor), pk=dossier.case_id).exists()
        and sees_whole_family(actor, dossier.case)
    )


def approve_dossier(actor: Any, dossier: Dossier, *, digest: str, now: datetime | None = None) -> Dossier:
    """The second person's approval of the version they saw (``digest``), which sends the dossier to the
    Council: consent and warnings are checked again at this moment. The sent content holds the text: it is
    what the Council reads (sealed at rest like every dossier's content)."""
    require(actor, "change", dossier)
    at = now_or(now)
    with transaction.atomic():
        locked(dossier)
        if dossier.status != S.AWAITING_APPROVAL:
            raise CaseRuleError(
                _("This dossier is %(status)s; only a submitted dossier is approved.")
                % {"status": S(dossier.status).label}
            )
        if not may_approve(actor, dossier):
            raise PermissionDenied(
                _(
                    "A supervisor of the case's organisation who did not prepare, check or submit this dossier "
                    "approves it."
                )
            )
        if digest != approval_digest(dossier):
            raise CaseRuleError(_("The dossier changed since you opened it: read it again before approving."))
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
    message = _("Say in %(min)s to %(max)s characters what should change.")
    reason = bounded_reason(reason, REASON_MIN_CHARS, REASON_MAX_CHARS, message)
    at = now_or(now)
    with transaction.atomic():
        locked(dossier)
        if dossier.status != S.AWAITING_APPROVAL:
            raise CaseRuleError(_("Only a dossier awaiting approval goes back to draft."))
        if not (may_approve(actor, dossier) or dossier.submitted_by_id == actor.pk):
            raise PermissionDenied(_("The submitter or an approving supervisor returns a dossier to draft."))
        back_to_draft(dossier)
        summary = _("Council dossier %(code)s returned to draft") % {"code": dossier.code}
        log_event(dossier.case, "dossier", actor, summary, at)
        record(actor, "dossier.return", dossier, reason=reason)
    return dossier
