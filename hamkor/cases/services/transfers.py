"""Transfers: a case moving to another organisation of the same country when a family moves region.

The current organisation asks, with a reason; the receiving organisation accepts or declines. Nothing moves until
it accepts: then the case and its person belong to the receiver, the accepting user becomes the case worker, and
the old organisation no longer reaches the case. The Transfer rows, the timeline and the audit keep the history.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hamkor.cases.access import clearances
from hamkor.cases.models import Case, Transfer
from hamkor.cases.services.common import CaseRuleError, log_event, now_or, require
from hamkor.core.audit import record
from hamkor.core.models import Organisation
from hamkor.core.policy import holds
from hamkor.core.roles import Role

REASON_MAX_CHARS = 2000
REGION_MAX_CHARS = 100
T = Transfer.Status


def pending_transfer(case: Case) -> Transfer | None:
    """The case's open transfer request, if any (there is at most one)."""
    return case.transfers.filter(status=T.REQUESTED).select_related("to_organisation").first()


def request_transfer(
    actor: Any, case: Case, *, to_organisation: Organisation, reason: str, now: datetime | None = None
) -> Transfer:
    """Ask another organisation of the case's country to take the case over. A request to another country is
    refused: identity never crosses a border."""
    require(actor, "create", Transfer)
    require(actor, "change", case)
    text = reason.strip()
    if not text or len(text) > REASON_MAX_CHARS:
        raise ValidationError(
            {"reason": _("Give the reason for the transfer in 1 to %(max)s characters.") % {"max": REASON_MAX_CHARS}}
        )
    if to_organisation.pk == case.organisation_id:
        raise ValidationError({"to_organisation": _("The case is already with this organisation.")})
    if to_organisation.country_id != case.country_id:
        raise ValidationError(
            {
                "to_organisation": _(
                    "A case moves only to an organisation of its own country: identity never crosses a border."
                )
            }
        )
    if case.status == Case.Status.CLOSED:
        raise CaseRuleError(_("A closed case is not transferred; reopen it first."))
    at = now_or(now)
    with transaction.atomic():
        # Locking the case row makes two simultaneous requests queue, so only one can be pending.
        Case.objects.select_for_update().filter(pk=case.pk).first()
        if pending_transfer(case) is not None:
            raise CaseRuleError(_("A transfer of this case is already waiting for an answer."))
        transfer = Transfer.objects.create(
            case=case,
            from_organisation_id=case.organisation_id,
            to_organisation=to_organisation,
            reason=text,
            requested_by=actor,
            requested_at=at,
        )
        log_event(case, "transfer", actor, _("Transfer to %(to)s requested") % {"to": to_organisation}, at)
        # The reason stays on the transfer: free text may name the person, and the audit log outlives records.
        record(
            actor,
            "transfer.request",
            transfer,
            details={"case": case.code, "from": case.organisation_id, "to": to_organisation.pk},
        )
    return transfer


def _require_receiver(actor: Any, transfer: Transfer) -> None:
    if not holds(actor, "transfer.change") or getattr(actor, "organisation_id", None) != transfer.to_organisation_id:
        raise PermissionDenied(_("Only the organisation asked to take the case over can answer this request."))


def _close(actor: Any, transfer: Transfer, to: str, at: datetime) -> None:
    """Leave ``requested`` for ``to``, conditional on the status so two answers at once cannot both win."""
    changes: dict[str, Any] = {"status": to, "responded_by": actor, "responded_at": at}
    if not Transfer.objects.filter(pk=transfer.pk, status=T.REQUESTED).update(**changes):
        raise CaseRuleError(_("This transfer request was already answered or withdrawn."))
    transfer.refresh_from_db()


def _check_open(transfer: Transfer) -> None:
    if transfer.status != T.REQUESTED:
        raise CaseRuleError(
            _("This transfer request is %(status)s; only a pending request can be answered.")
            % {"status": T(transfer.status).label.lower()}
        )


def accept_transfer(actor: Any, transfer: Transfer, *, region: str = "", now: datetime | None = None) -> Transfer:
    """The receiver takes the case over: case and person move to it and the accepting user becomes the worker.
    ``region`` records where the family now lives, if given."""
    _require_receiver(actor, transfer)
    _check_open(transfer)
    case = Case.objects.select_related("person").get(pk=transfer.case_id)
    if case.organisation_id != transfer.from_organisation_id:
        raise CaseRuleError(_("The case has left the organisation that asked for this transfer."))
    if case.is_child and not clearances(actor).children:
        raise PermissionDenied(_("A child's case is taken over by a user cleared for child protection."))
    if len(region.strip()) > REGION_MAX_CHARS:
        raise ValidationError({"region": _("The region is at most %(max)s characters.") % {"max": REGION_MAX_CHARS}})
    at = now_or(now)
    with transaction.atomic():
        _close(actor, transfer, T.ACCEPTED, at)
        previous = {"organisation": case.organisation_id, "worker": case.worker_id, "supervisor": case.supervisor_id}
        case.organisation_id = transfer.to_organisation_id
        case.worker = actor
        case.supervisor = actor if Role.CASE_SUPERVISOR in actor.roles else None
        case.region = region.strip() or case.region
        case.save(update_fields=["organisation", "worker", "supervisor", "region"])
        case.person.organisation_id = transfer.to_organisation_id
        case.person.save(update_fields=["organisation"])
        log_event(
            case,
            "transfer",
            actor,
            _("Transferred from %(from)s to %(to)s")
            % {"from": transfer.from_organisation, "to": transfer.to_organisation},
            at,
        )
        record(actor, "transfer.accept", transfer, details={"case": case.code, "before": previous})
    return transfer


def decline_transfer(actor: Any, transfer: Transfer, *, now: datetime | None = None) -> Transfer:
    """The receiver turns the request down; the case stays where it is."""
    _require_receiver(actor, transfer)
    _check_open(transfer)
    at = now_or(now)
    with transaction.atomic():
        _close(actor, transfer, T.DECLINED, at)
        log_event(
            transfer.case, "transfer", actor, _("Transfer to %(to)s declined") % {"to": transfer.to_organisation}, at
        )
        record(actor, "transfer.decline", transfer, details={"case": transfer.case.code})
    return transfer


def cancel_transfer(actor: Any, transfer: Transfer, *, now: datetime | None = None) -> Transfer:
    """The requesting organisation withdraws its request before it is answered."""
    require(actor, "change", transfer.case)
    if getattr(actor, "organisation_id", None) != transfer.from_organisation_id:
        raise PermissionDenied(_("Only the organisation that asked for the transfer can withdraw it."))
    _check_open(transfer)
    at = now_or(now)
    with transaction.atomic():
        _close(actor, transfer, T.CANCELLED, at)
        log_event(
            transfer.case, "transfer", actor, _("Transfer to %(to)s withdrawn") % {"to": transfer.to_organisation}, at
        )
        record(actor, "transfer.cancel", transfer, details={"case": transfer.case.code})
    return transfer
