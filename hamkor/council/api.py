"""The Council under /api/v1/council/: the partner directory, working groups and meetings, read-only, with the
same access policy and queries as the pages."""

from typing import Any

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema
from ninja.pagination import paginate

from hamkor.core.bounds import Id, Line, Pages, Word
from hamkor.core.policy import demand
from hamkor.council import queries
from hamkor.council.models import Expert, Meeting
from hamkor.council.schemas import ExpertDetailOut, ExpertOut, MeetingDetailOut, MeetingOut, WorkingGroupOut

router = Router(tags=["council"])


class ExpertFilters(Schema):
    q: Line = ""
    discipline: Word = ""
    country: Word = ""
    language: Word = ""
    group: Word = ""


def _expert(expert: Expert, *, detail: bool = False) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": expert.pk,
        "name": expert.name,
        "name_cyrillic": expert.name_cyrillic,
        "country": expert.country_id,
        "organisation": str(expert.organisation) if expert.organisation else None,
        "disciplines": expert.disciplines,
        "languages": expert.languages,
        "expertise_tags": expert.expertise_tags,
        "availability": expert.availability,
        "vetting_status": expert.vetting_status,
        "working_groups": [{"group": s.group.slug, "role": s.role} for s in expert.memberships.all()],
        "is_demo": expert.is_demo,
    }
    if detail:
        out |= {"biography": expert.biography, "publish_fields": expert.publish_fields}
    return out


def _meeting(meeting: Meeting) -> dict[str, Any]:
    return {
        "id": meeting.pk,
        "uid": str(meeting.uid),
        "kind": meeting.kind,
        "group": meeting.group.slug if meeting.group else None,
        "title": meeting.title,
        "starts_at": meeting.starts_at,
        "ends_at": meeting.ends_at,
        "all_day": meeting.all_day,
        "place": meeting.place,
        "online": meeting.online,
    }


@router.get("/experts", response=list[ExpertOut], summary="Experts (search in any script, filters)")
@paginate(Pages)
def experts(request: HttpRequest, filters: Query[ExpertFilters]) -> Any:
    demand(request.user, "council.view")
    found = queries.experts(request.user, queries.DirectoryFilters(**filters.model_dump()))
    return [_expert(e) for e in found]


@router.get("/experts/{int:pk}", response=ExpertDetailOut, summary="One expert")
def expert(request: HttpRequest, pk: Id) -> dict[str, Any]:
    demand(request.user, "council.view")
    return _expert(get_object_or_404(queries.experts(request.user), pk=pk), detail=True)


@router.get("/groups", response=list[WorkingGroupOut], summary="Working groups with members and chairs")
def groups(request: HttpRequest) -> list[dict[str, Any]]:
    demand(request.user, "council.view")
    return [
        {
            "slug": g.slug,
            "name": g.name,
            "description": g.description,
            "members": [s.expert_id for s in g.memberships.all()],
            "chairs": [s.expert_id for s in g.memberships.all() if s.role == "chair"],
        }
        for g in queries.working_groups(request.user)
    ]


@router.get("/meetings", response=list[MeetingOut], summary="Meetings, latest first")
@paginate(Pages)
def meetings(request: HttpRequest) -> Any:
    demand(request.user, "council.view")
    return [_meeting(m) for m in queries.meetings(request.user)]


@router.get("/meetings/{int:pk}", response=MeetingDetailOut, summary="One meeting with its records")
def meeting(request: HttpRequest, pk: Id) -> dict[str, Any]:
    demand(request.user, "council.view")
    try:
        found = queries.meeting(request.user, pk)
    except Meeting.DoesNotExist:
        raise Http404 from None
    return _meeting(found) | {
        "description": found.description,
        "agenda": [a.title for a in found.agenda.all()],
        "participants": [p.pk for p in found.participants.all()],
        "participant_count": found.participant_count,
        "minutes": found.minutes,
        "decisions": [d.text for d in found.decisions.all()],
        "actions": [
            {"id": a.pk, "description": a.description, "owner": a.owner_id, "due_on": a.due_on, "status": a.status}
            for a in found.actions.all()
        ],
    }
