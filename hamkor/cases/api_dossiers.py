"""Council dossiers under /api/v1/cases/dossiers/ (mounted by hamkor/api.py), for the council module and
integrators.

A dossier is addressed by its own pseudonym (``D-7K3Q-9D2M``), never by its case, and no response names the
case: what the Council reads cannot be linked back. Case staff build, edit, resolve, submit and withdraw through
the same services as the pages; a second supervisor of the case's organisation approves (which sends) or
returns; Council experts read what was sent, each read audited.
"""

from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from pydantic import Field

from hamkor.cases import queries_dossiers
from hamkor.cases.dossiers import TEXT_MAX_CHARS, unresolved
from hamkor.cases.models import Case, Dossier
from hamkor.cases.services import approvals
from hamkor.cases.services import dossiers as services
from hamkor.cases.services.dossiers import REASON_MAX_CHARS
from hamkor.core.bounds import Clean, Code, Id, PageFilters
from hamkor.core.policy import demand, may
from hamkor.core.schemas import StrictInput

router = Router(tags=["dossiers"])

SUMMARY = ("age_band", "sex", "region", "country", "stage")


class DossierBuildIn(StrictInput):
    text: Clean = Field("", max_length=TEXT_MAX_CHARS, description="The worker's summary for the Council.")
    notes: list[Id] = Field(default_factory=list, max_length=50, description="Ids of general notes to add.")


class DossierTextIn(StrictInput):
    text: Clean = Field(max_length=TEXT_MAX_CHARS)


class ResolutionIn(StrictInput):
    warning: Clean = Field(min_length=1, max_length=40, description="The warning's id, e.g. name-12.")
    reason: Clean = Field(max_length=REASON_MAX_CHARS, description="Why this is not an identifier.")


class DossierWithdrawalIn(StrictInput):
    reason: Clean = Field(max_length=REASON_MAX_CHARS)


class DossierApprovalIn(StrictInput):
    digest: Clean = Field(
        min_length=64, max_length=64, description="The `digest` of the version you read: another is refused."
    )


class DossierReturnIn(StrictInput):
    reason: Clean = Field(max_length=REASON_MAX_CHARS, description="What should change before it is sent.")


class ResolutionOut(Schema):
    reason: str
    by: int | None
    at: datetime


class WarningOut(Schema):
    id: str
    kind: str
    start: int
    end: int
    text: str = Field(description="The flagged words, as they stand in the text.")
    resolution: ResolutionOut | None


class DossierOut(Schema):
    code: Code = Field(description="The dossier's own pseudonym.")
    status: str
    built_at: datetime
    submitted_at: datetime | None = Field(description="When it was submitted for a supervisor's approval.")
    sent_at: datetime | None
    content: dict[str, Any] = Field(
        description="age_band, sex, region, country, stage, family_role, family, assessments, plan, text."
    )
    warnings: list[WarningOut] = Field(description="Identifier warnings of the text; for case staff only.")
    unresolved: int = Field(description="Warnings still to resolve before sending; for case staff only.")
    digest: str | None = Field(description="Of a submitted dossier, for case staff: what an approval names.")


class DossierSummaryOut(Schema):
    code: Code
    sent_at: datetime | None
    age_band: str
    sex: str
    region: str
    country: str
    stage: str


class DossierListOut(Schema):
    items: list[DossierSummaryOut]
    count: int


def _out(request: HttpRequest, dossier: Dossier) -> dict[str, Any]:
    content = queries_dossiers.readable_content(dossier)
    warnings: list[dict[str, Any]] = []
    staff = may(request.user, "change", dossier) and services.sees_whole_family(request.user, dossier.case)
    if staff:
        shown = services.shown_warnings(dossier)
        warnings = [{**w, "text": content["text"][w["start"] : w["end"]]} for w in shown]
    return {
        "code": dossier.code,
        "status": dossier.status,
        "built_at": dossier.built_at,
        "submitted_at": dossier.submitted_at,
        "sent_at": dossier.sent_at,
        "content": content,
        "warnings": warnings,
        "unresolved": len(unresolved(warnings)),
        "digest": approvals.approval_digest(dossier)
        if staff and dossier.status == Dossier.Status.AWAITING_APPROVAL
        else None,
    }


def _for_change(request: HttpRequest, code: str) -> Dossier:
    demand(request.user, "dossier.change")
    return queries_dossiers.find_dossier(request.user, code, "change")


@router.get("/", response=DossierListOut, summary="Dossiers sent to the Council that you may read")
def dossier_list(request: HttpRequest, filters: Query[PageFilters]) -> dict[str, Any]:
    demand(request.user, "dossier.view")
    return _summaries(queries_dossiers.sent_dossiers(request.user), filters)


def _summaries(rows: QuerySet[Dossier] | list[Dossier], filters: PageFilters) -> dict[str, Any]:
    start = (filters.page - 1) * filters.page_size
    page = list(rows[start : start + filters.page_size])
    items = [{"code": d.code, "sent_at": d.sent_at, **{k: str(d.content.get(k, "")) for k in SUMMARY}} for d in page]
    return {"items": items, "count": len(rows) if isinstance(rows, list) else rows.count()}


@router.get("/awaiting-approval", response=DossierListOut, summary="Dossiers waiting for your approval")
def awaiting_approval(request: HttpRequest, filters: Query[PageFilters]) -> dict[str, Any]:
    demand(request.user, "dossier.approve")
    return _summaries(queries_dossiers.awaiting_approval(request.user), filters)


@router.get("/{code}", response=DossierOut, summary="A dossier (an audited read)")
def dossier_detail(request: HttpRequest, code: Code) -> dict[str, Any]:
    demand(request.user, "dossier.view")
    return _out(request, queries_dossiers.open_dossier(request.user, code))


@router.post(
    "/new/{person_code}/{int:number}",
    response={201: DossierOut},
    summary="Build the draft dossier of case person_code/number, or refresh it",
)
def build_dossier(
    request: HttpRequest, person_code: Code, number: Id, payload: DossierBuildIn
) -> Status[dict[str, Any]]:
    demand(request.user, "dossier.change")
    demand(request.user, "case.change")
    rows = Case.objects.restrict(request.user, "change").select_related("person")
    case = get_object_or_404(rows, code=f"{person_code}/{number}")
    dossier = services.build_dossier(request.user, case, notes=payload.notes, text=payload.text)
    return Status(201, _out(request, dossier))


@router.post("/{code}/text", response=DossierOut, summary="Replace a draft's text; it is checked again")
def dossier_text(request: HttpRequest, code: Code, payload: DossierTextIn) -> dict[str, Any]:
    dossier = services.update_dossier_text(request.user, _for_change(request, code), text=payload.text)
    return _out(request, dossier)


@router.post("/{code}/resolve", response=DossierOut, summary="Mark a warning as not an identifier, with a reason")
def resolve_warning(request: HttpRequest, code: Code, payload: ResolutionIn) -> dict[str, Any]:
    dossier = services.resolve_warning(
        request.user, _for_change(request, code), warning=payload.warning, reason=payload.reason
    )
    return _out(request, dossier)


@router.post("/{code}/remove-flagged", response=DossierOut, summary="Replace every unresolved warning with […]")
def remove_flagged(request: HttpRequest, code: Code) -> dict[str, Any]:
    return _out(request, services.remove_flagged_text(request.user, _for_change(request, code)))


@router.post("/{code}/submit", response=DossierOut, summary="Submit a checked draft for a supervisor's approval")
def submit_dossier(request: HttpRequest, code: Code) -> dict[str, Any]:
    return _out(request, approvals.submit_dossier(request.user, _for_change(request, code)))


@router.post(
    "/{code}/approve",
    response=DossierOut,
    summary="Approve a submitted dossier, which sends it to the Expert Council (a second supervisor)",
)
def approve_dossier(request: HttpRequest, code: Code, payload: DossierApprovalIn) -> dict[str, Any]:
    demand(request.user, "dossier.approve")
    dossier = approvals.approve_dossier(request.user, _for_change(request, code), digest=payload.digest)
    return _out(request, dossier)


@router.post("/{code}/return", response=DossierOut, summary="Return a submitted dossier to draft, with a reason")
def return_dossier(request: HttpRequest, code: Code, payload: DossierReturnIn) -> dict[str, Any]:
    dossier = approvals.return_dossier(request.user, _for_change(request, code), reason=payload.reason)
    return _out(request, dossier)


@router.post("/{code}/withdraw", response=DossierOut, summary="Withdraw a dossier (or discard a draft)")
def withdraw_dossier(request: HttpRequest, code: Code, payload: DossierWithdrawalIn) -> dict[str, Any]:
    dossier = services.withdraw_dossier(request.user, _for_change(request, code), reason=payload.reason)
    return _out(request, dossier)
