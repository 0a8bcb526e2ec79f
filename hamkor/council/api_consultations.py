"""Consultations under /api/v1/council/consultations: the same queries and services as the pages."""

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from hamkor.core.bounds import Code, Ids, Prose, Word, Words
from hamkor.core.policy import demand, holds
from hamkor.council import queries_consultations as queries
from hamkor.council import services
from hamkor.council.models import Consultation, Expert
from hamkor.council.services.consultations import MAX_PANEL, current_opinions

router = Router(tags=["council"])


class ConsultationIn(Schema):
    kind: Word
    question: Prose
    disciplines: Words
    languages: Words = []
    deadline: date
    dossier_code: Code = ""
    exclude_own_country: bool = False
    panel_size: int = Field(3, ge=1, le=MAX_PANEL)
    quorum: int | None = Field(None, ge=1, le=MAX_PANEL)


class PanelIn(Schema):
    experts: Ids | None = None


class OpinionIn(Schema):
    discipline: Word
    text: Prose


class RecommendationIn(Schema):
    text: Prose
    dissent: Prose = ""


class PanelSeatOut(Schema):
    expert: int
    name: str
    country: str
    rank: int
    reasons: str
    status: str


class OpinionOut(Schema):
    id: int
    expert: int
    discipline: str
    text: str
    version: int
    submitted_at: datetime


class ConsultationOut(Schema):
    code: str
    kind: str
    question: str
    dossier: str | None
    disciplines: list[str]
    languages: list[str]
    deadline: date
    status: str
    quorum: int
    panel: list[PanelSeatOut]
    opinions: list[OpinionOut]
    recommendation: str | None
    dissent: str | None


def _out(request: HttpRequest, c: Consultation) -> dict[str, Any]:
    sits = queries.seat_of(request.user, c) is not None
    done = c.recommended_at is not None
    recommendation = c.recommendation if done else None
    return {
        "code": c.code,
        "kind": c.kind,
        "question": c.question,
        "dossier": c.dossier.code if c.dossier else None,
        "disciplines": c.disciplines,
        "languages": c.languages,
        "deadline": c.deadline,
        "status": c.status,
        "quorum": c.required_quorum(),
        "panel": [
            {
                "expert": m.expert_id,
                "name": m.expert.name,
                "country": m.expert.country_id,
                "rank": m.rank,
                "reasons": m.reasons,
                "status": m.status,
            }
            for m in c.panel.select_related("expert")
        ],
        "opinions": [
            {
                "id": o.pk,
                "expert": o.expert_id,
                "discipline": o.discipline,
                "text": o.text,
                "version": o.version,
                "submitted_at": o.submitted_at,
            }
            for o in (current_opinions(c) if (sits or done or holds(request.user, "council.manage")) else [])
        ],
        "recommendation": recommendation.text if recommendation else None,
        "dissent": recommendation.dissent if recommendation else None,
    }


def _find(request: HttpRequest, code: str) -> Consultation:
    demand(request.user, "council.view")
    return queries.open_consultation(request.user, code)


@router.get("", response=list[ConsultationOut], summary="Consultations the user may see")
def consultations(request: HttpRequest) -> list[dict[str, Any]]:
    demand(request.user, "council.view")
    return [_out(request, c) for c in queries.consultations(request.user)[:200]]


@router.get("/{code}", response=ConsultationOut, summary="One consultation (the read is audited)")
def consultation(request: HttpRequest, code: Code) -> dict[str, Any]:
    return _out(request, _find(request, code))


@router.post("", response={201: ConsultationOut}, summary="Ask the Council")
def request_consultation(request: HttpRequest, payload: ConsultationIn) -> Status[dict[str, Any]]:
    demand(request.user, "council.request")
    found = services.request_consultation(request.user, **payload.model_dump())
    return Status(201, _out(request, found))


@router.post("/{code}/propose", response=ConsultationOut, summary="Propose a panel")
def propose(request: HttpRequest, code: Code) -> dict[str, Any]:
    demand(request.user, "council.manage")
    found = _find(request, code)
    services.propose_panel(request.user, found)
    return _out(request, found)


@router.post("/{code}/confirm", response=ConsultationOut, summary="Confirm the panel")
def confirm(request: HttpRequest, code: Code, payload: PanelIn) -> dict[str, Any]:
    demand(request.user, "council.manage")
    found = _find(request, code)
    experts = list(Expert.objects.filter(pk__in=payload.experts)) if payload.experts else None
    services.confirm_panel(request.user, found, experts)
    return _out(request, found)


@router.post("/{code}/accept", response=ConsultationOut, summary="Accept an invitation")
def accept(request: HttpRequest, code: Code) -> dict[str, Any]:
    found = _find(request, code)
    services.accept_invitation(request.user, found)
    return _out(request, found)


@router.post("/{code}/decline", response=ConsultationOut, summary="Decline an invitation")
def decline(request: HttpRequest, code: Code) -> dict[str, Any]:
    found = _find(request, code)
    services.decline_invitation(request.user, found)
    return _out(request, found)


@router.post("/{code}/opinions", response={201: ConsultationOut}, summary="Submit or correct")
def opinion(request: HttpRequest, code: Code, payload: OpinionIn) -> Status[dict[str, Any]]:
    found = _find(request, code)
    seat = queries.seat_of(request.user, found)
    latest = current_opinions(found).filter(expert=seat.expert).first() if seat else None
    if latest is not None:
        services.correct_opinion(request.user, latest, text=payload.text)
    else:
        services.submit_opinion(request.user, found, discipline=payload.discipline, text=payload.text)
    return Status(201, _out(request, found))


@router.post("/{code}/recommendation", response={201: ConsultationOut}, summary="Consolidate")
def recommend(request: HttpRequest, code: Code, payload: RecommendationIn) -> Status[dict[str, Any]]:
    demand(request.user, "council.manage")
    found = _find(request, code)
    services.consolidate(request.user, found, text=payload.text, dissent=payload.dissent)
    found.refresh_from_db()
    return Status(201, _out(request, found))
