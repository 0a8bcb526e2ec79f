"""Referrals and transfers under /api/v1/cases/referrals/ (mounted by hamkor/api.py before the case routes).

A referral is addressed by its code (``R-7K3Q-9D2M``), a transfer by ``T-`` and its number, so that no path here
looks like a case number. Lookups start from the access policy, writes go through the services, and a refusal is a
problem document (422 for a rule, 403 for a role, 404 for what the user may not see).
"""

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Status

from hamkor.cases import referral_queries
from hamkor.cases.models import Case, Referral, Transfer
from hamkor.cases.schemas_referrals import (
    ReferralAnswerIn,
    ReferralFilters,
    ReferralIn,
    ReferralListOut,
    ReferralOut,
    ReferralRowOut,
    TransferAcceptIn,
    TransferFilters,
    TransferIn,
    TransferListOut,
    TransferOut,
)
from hamkor.cases.services import referrals as referral_services
from hamkor.cases.services import transfers as transfer_services
from hamkor.core.bounds import Code
from hamkor.core.models import Organisation
from hamkor.core.policy import demand

router = Router(tags=["cases"])

TRANSFER_ID = re.compile(r"^T-([0-9]{1,18})$")


def _case(request: HttpRequest, code: str) -> Case:
    """A case of the body that the user may change; naming one they may not is a field error, like a typo."""
    case = Case.objects.restrict(request.user, "change").select_related("person").filter(code=code.strip()).first()
    if case is None:
        raise ValidationError({"case": _("There is no case %(code)s that you may change.") % {"code": code}})
    return case


def _organisation(pk: int, field: str) -> Organisation:
    found = Organisation.objects.filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: _("There is no organisation %(id)s.") % {"id": pk}})
    return found


def _referral_row(referral: Referral, reachable: set[int]) -> dict[str, Any]:
    return {
        "code": referral.code,
        "case": referral.case.code if referral.case_id in reachable else None,
        "from_organisation": referral.case.organisation_id,
        "provider": referral.provider_id,
        "service": referral.service,
        "shared_fields": referral.shared_fields,
        "status": referral.status,
        "follow_up_on": referral.follow_up_on,
        "sent_at": referral.sent_at,
        "responded_at": referral.responded_at,
        "response_note": referral.response_note,
        "completed_at": referral.completed_at,
    }


def _reachable(request: HttpRequest, referrals: list[Referral]) -> set[int]:
    ids = [r.case_id for r in referrals]
    return set(Case.objects.restrict(request.user, "view").filter(pk__in=ids).values_list("pk", flat=True))


def _referral(request: HttpRequest, referral: Referral) -> dict[str, Any]:
    return {**_referral_row(referral, _reachable(request, [referral])), "shared": referral.shared or {}}


# --- transfers (before "/{code}", which would take "transfers" for a referral code) -----------------------------


def _transfer(request: HttpRequest, transfer: str) -> Transfer:
    demand(request.user, "transfer.change")
    match = TRANSFER_ID.match(transfer)
    if match is None:
        raise Http404(transfer)
    return referral_queries.transfer_for_action(request.user, int(match.group(1)))


@router.get("/transfers", response=TransferListOut, summary="Transfers of your cases and asked of your organisation")
def transfer_list(request: HttpRequest, filters: Query[TransferFilters]) -> dict[str, Any]:
    demand(request.user, "transfer.view")
    rows = referral_queries.transfers(request.user, direction=filters.direction or "", status=filters.status or "")
    start = (filters.page - 1) * filters.page_size
    return {"items": list(rows[start : start + filters.page_size]), "count": rows.count()}


@router.post(
    "/transfers", response={201: TransferOut}, summary="Ask another organisation of the country to take a case"
)
def request_transfer(request: HttpRequest, payload: TransferIn) -> Status[Transfer]:
    demand(request.user, "transfer.create")
    case = _case(request, payload.case)
    to = _organisation(payload.to_organisation, "to_organisation")
    return Status(
        201, transfer_services.request_transfer(request.user, case, to_organisation=to, reason=payload.reason)
    )


@router.post(
    "/transfers/{transfer}/accept", response=TransferOut, summary="Take the case over (receiving organisation)"
)
def accept_transfer(request: HttpRequest, transfer: Code, payload: TransferAcceptIn) -> Transfer:
    return transfer_services.accept_transfer(request.user, _transfer(request, transfer), region=payload.region)


@router.post(
    "/transfers/{transfer}/decline", response=TransferOut, summary="Decline a transfer (receiving organisation)"
)
def decline_transfer(request: HttpRequest, transfer: Code) -> Transfer:
    return transfer_services.decline_transfer(request.user, _transfer(request, transfer))


@router.post("/transfers/{transfer}/cancel", response=TransferOut, summary="Withdraw a transfer request")
def cancel_transfer(request: HttpRequest, transfer: Code) -> Transfer:
    return transfer_services.cancel_transfer(request.user, _transfer(request, transfer))


# --- referrals ------------------------------------------------------------------------------------------------


@router.get("/", response=ReferralListOut, summary="Referrals sent from your cases and received by your organisation")
def referral_list(request: HttpRequest, filters: Query[ReferralFilters]) -> dict[str, Any]:
    demand(request.user, "referral.view")
    if filters.due:
        rows = referral_queries.due_referrals(request.user)
    else:
        rows = referral_queries.referrals(request.user, direction=filters.direction or "", status=filters.status or "")
    if filters.case:
        rows = rows.filter(case__code=filters.case)
    start = (filters.page - 1) * filters.page_size
    page = list(rows[start : start + filters.page_size])
    reachable = _reachable(request, page)
    return {"items": [_referral_row(r, reachable) for r in page], "count": rows.count()}


@router.post("/", response={201: ReferralOut}, summary="Send a referral (needs a referral consent naming the provider)")
def send_referral(request: HttpRequest, payload: ReferralIn) -> Status[dict[str, Any]]:
    demand(request.user, "referral.create")
    case = _case(request, payload.case)
    referral = referral_services.send_referral(
        request.user,
        case,
        provider=_organisation(payload.provider, "provider"),
        service=payload.service,
        fields=[str(f) for f in payload.shared_fields],
        follow_up_on=payload.follow_up_on,
    )
    return Status(201, _referral(request, referral))


@router.get("/{code}", response=ReferralOut, summary="A referral with its shared fields (an audited read)")
def referral_detail(request: HttpRequest, code: Code) -> dict[str, Any]:
    demand(request.user, "referral.view")
    return _referral(request, referral_queries.open_referral(request.user, code))


def _answered(request: HttpRequest, referral: Referral) -> dict[str, Any]:
    """An answer's result without the shared fields: showing them again would be another read to audit."""
    return _referral_row(referral, _reachable(request, [referral]))


def _for_answer(request: HttpRequest, code: str) -> Referral:
    demand(request.user, "referral.change")
    return referral_queries.referral_for_action(request.user, code)


@router.post("/{code}/accept", response=ReferralRowOut, summary="Accept a referral (provider)")
def accept_referral(request: HttpRequest, code: Code, payload: ReferralAnswerIn) -> dict[str, Any]:
    referral = referral_services.accept_referral(request.user, _for_answer(request, code), note=payload.note)
    return _answered(request, referral)


@router.post("/{code}/decline", response=ReferralRowOut, summary="Decline a referral, saying why (provider)")
def decline_referral(request: HttpRequest, code: Code, payload: ReferralAnswerIn) -> dict[str, Any]:
    referral = referral_services.decline_referral(request.user, _for_answer(request, code), note=payload.note)
    return _answered(request, referral)


@router.post("/{code}/complete", response=ReferralRowOut, summary="Report the service delivered (provider)")
def complete_referral(request: HttpRequest, code: Code) -> dict[str, Any]:
    return _answered(request, referral_services.complete_referral(request.user, _for_answer(request, code)))
