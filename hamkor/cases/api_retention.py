"""Retention endpoints under /api/v1/cases/retention/: legal holds and a person's own data."""

from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Router, Schema
from pydantic import ConfigDict, Field

from hamkor.cases.models import Case, Person
from hamkor.cases.services.retention import export_person_data, set_legal_hold
from hamkor.core.bounds import Clean, Code, Id
from hamkor.core.policy import demand

router = Router(tags=["cases"])


class HoldIn(Schema):
    model_config = ConfigDict(extra="forbid")
    hold: bool
    reason: Clean = Field(min_length=1, max_length=2000)


class HoldOut(Schema):
    case: str
    legal_hold: bool
    retention_until: str | None


@router.post("/{person_code}/{int:number}/hold", response=HoldOut, summary="Place or lift a legal hold")
def hold(request: HttpRequest, person_code: Code, number: Id, payload: HoldIn) -> dict[str, Any]:
    demand(request.user, "case.legal_hold")
    case = get_object_or_404(Case.objects.restrict(request.user, "view"), code=f"{person_code}/{number}")
    set_legal_hold(request.user, case, hold=payload.hold, reason=payload.reason)
    return {
        "case": case.code,
        "legal_hold": case.legal_hold,
        "retention_until": case.retention_until.isoformat() if case.retention_until else None,
    }


@router.get("/people/{code}/export", response=dict[str, Any], summary="Everything held about a person")
def export(request: HttpRequest, code: Code) -> dict[str, Any]:
    demand(request.user, "person.export_data")
    person = get_object_or_404(Person.objects.restrict(request.user, "view"), code=code)
    return export_person_data(request.user, person)
