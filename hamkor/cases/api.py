"""Case management under /api/v1/cases/, with the same policy as the pages.

Every lookup starts from the access policy; reads of a person or a case go through ``queries`` so they are
audited; writes go through ``services``. A case is addressed by its code, ``UZ-7K3Q-9D2M/1``, split into the
person's pseudonym and the case number.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router, Status
from pydantic import ValidationError as PydanticValidationError

from hamkor.cases import page_queries, queries, services
from hamkor.cases.identity import Identity, identity_errors
from hamkor.cases.models import Assessment, BreakGlass, Case, Consent, Family, Goal, Intervention, Note, Person
from hamkor.cases.schemas import (
    AssessmentIn,
    AssessmentOut,
    BreakGlassIn,
    BreakGlassOut,
    CaseFilters,
    CaseListOut,
    CaseOut,
    CaseSearchIn,
    CaseStatusOut,
    ConsentIn,
    ConsentOut,
    GoalIn,
    GoalOut,
    InterventionIn,
    InterventionOut,
    InterventionStatusIn,
    NoteIn,
    NoteOut,
    PersonIn,
    PersonOut,
    RegisteredOut,
    TransitionIn,
    WithdrawalIn,
)
from hamkor.core.bounds import Code, Id
from hamkor.core.models import Organisation, User
from hamkor.core.policy import demand

router = Router(tags=["cases"])

CASE = "/{person_code}/{int:number}"


def _case(request: HttpRequest, person_code: str, number: int, action: str = "change") -> Case:
    """A case the user may ``action``, without an audited read (the service the caller runs audits the write)."""
    demand(request.user, f"case.{action}")
    rows = Case.objects.restrict(request.user, action).select_related("person")
    return get_object_or_404(rows, code=f"{person_code}/{number}")


# --- people ------------------------------------------------------------------------------------------------


def _identity(payload: PersonIn) -> Identity:
    """The sealed identity, or a 422 naming the request's fields (a future or implausible date of birth ...)."""
    try:
        return Identity.from_input(payload.identity_document())
    except PydanticValidationError as exc:
        raise ValidationError(identity_errors(exc)) from None


def _family(request: HttpRequest, code: str | None) -> Family | None:
    if not code:
        return None
    family = Family.objects.restrict(request.user, "change").filter(code=code).first()
    if family is None:
        raise ValidationError({"family": _("There is no family %(code)s that you may change.") % {"code": code}})
    return family


@router.post("/people", response={201: RegisteredOut}, summary="Register a person and open their case")
def register_person(request: HttpRequest, payload: PersonIn) -> Status[dict[str, Any]]:
    demand(request.user, "person.create")
    identity = _identity(payload)
    family = _family(request, payload.family)
    with transaction.atomic():  # the duplicate check's audit entry stands only if the registration does
        duplicates = services.find_duplicates(request.user, identity)
        person, case = services.register_person(
            request.user,
            identity,
            family=family,
            new_family=payload.new_family,
            relationship=payload.relationship,
            is_guardian=payload.is_guardian,
        )
    membership = person.memberships.select_related("family").first()
    return Status(
        201,
        {
            "code": person.code,
            "case": case.code,
            "family": membership.family.code if membership else None,
            "possible_duplicates": [c.person.code for c in duplicates],
        },
    )


@router.get("/people/{code}", response=PersonOut, summary="A person's identity (an audited read)")
def person(request: HttpRequest, code: Code) -> dict[str, Any]:
    demand(request.user, "person.view")
    found = queries.open_person(request.user, code)
    identity = queries.identity_of(found)
    families = [
        {
            "code": family.code,
            "members": [
                {"person": m.person.code, "relationship": m.relationship, "is_guardian": m.is_guardian}
                for m, _visible in members
            ],
        }
        for family, members in queries.family_of(request.user, found)
    ]
    cases = Case.objects.restrict(request.user, "view").filter(person=found).order_by("opened_at")
    return {
        **identity.model_dump(),
        "code": found.code,
        "families": families,
        "cases": list(cases.values_list("code", flat=True)),
    }


# --- cases -------------------------------------------------------------------------------------------------


@router.get("/", response=CaseListOut, summary="Cases (paginated with page and page_size)")
def case_list(request: HttpRequest, filters: Query[CaseFilters]) -> dict[str, Any]:
    return _case_page(request, filters, "")


@router.post("/search", response=CaseListOut, summary="Cases found by name or number (the query in the body)")
def case_search(request: HttpRequest, payload: CaseSearchIn) -> dict[str, Any]:
    return _case_page(request, payload, payload.q)


def _case_page(request: HttpRequest, filters: CaseFilters, q: str) -> dict[str, Any]:
    demand(request.user, "case.view")
    rows = queries.cases(
        request.user,
        status=filters.status or "",
        country=filters.country,
        worker=filters.worker,
        due=filters.due or "",
        q=q,
    )
    start = (filters.page - 1) * filters.page_size
    page = list(rows[start : start + filters.page_size])
    queries.audit_list_read(request.user, page)
    return {"items": [_row(case) for case in page], "count": rows.count()}


def _row(case: Case) -> dict[str, Any]:
    return {
        "code": case.code,
        "person": case.person.code,
        "display_name": queries.identity_of(case.person).display_name,
        "status": case.status,
        "worker": case.worker,
        "organisation": case.organisation_id,
        "country": case.country_id,
        "opened_at": case.opened_at,
        "is_child": case.is_child,
    }


@router.get(CASE, response=CaseOut, summary="A case: plan, progress, notes you may open, consents, timeline")
def case_detail(request: HttpRequest, person_code: Code, number: Id) -> dict[str, Any]:
    demand(request.user, "case.view")
    case = queries.open_case(request.user, f"{person_code}/{number}")
    goals = case.goals.prefetch_related("interventions")
    return {
        **_row(case),
        "closure": case.closure,
        "supervisor": case.supervisor,
        "closed_at": case.closed_at,
        "latest_scores": queries.latest_assessment(case),
        "progress": [
            {"domain": s.domain, "points": [{"on": on, "score": score} for on, score in s.points]}
            for s in queries.progress(case)
        ],
        "goals": list(goals),
        "notes": list(queries.notes(request.user, case)),
        "consents": list(queries.consents(case).select_related("person")),
        "timeline": list(queries.timeline(request.user, case)),
    }


@router.post(CASE + "/transition", response=CaseStatusOut, summary="Move a case to its next status")
def transition(request: HttpRequest, person_code: Code, number: Id, payload: TransitionIn) -> Case:
    case = _case(request, person_code, number)
    return services.transition_case(
        request.user, case, payload.to, closure=payload.closure or "", reason=payload.reason
    )


@router.post(CASE + "/break-glass", response={201: BreakGlassOut}, summary="Emergency access (supervisors)")
def break_glass(request: HttpRequest, person_code: Code, number: Id, payload: BreakGlassIn) -> Status[BreakGlass]:
    demand(request.user, "case.break_glass")
    case = page_queries.case_for_break_glass(request.user, f"{person_code}/{number}")
    if case is None:
        raise Http404(person_code)
    return Status(201, services.open_break_glass(request.user, case, reason=payload.reason))


# --- consents ----------------------------------------------------------------------------------------------


def _household(request: HttpRequest, case: Case) -> QuerySet[Person]:
    """The case's person and their family members that the user may change."""
    families = case.person.memberships.values("family_id")
    rows = Person.objects.restrict(request.user, "change")
    return rows.filter(Q(pk=case.person_id) | Q(memberships__family_id__in=families)).distinct()


def _member(request: HttpRequest, case: Case, code: str, field: str) -> Person:
    found = _household(request, case).filter(code=code).first()
    if found is None:
        raise ValidationError({field: _("%(code)s is not a person of this case's family.") % {"code": code}})
    return found


def _organisation(pk: int | None, field: str) -> Organisation | None:
    if pk is None:
        return None
    found = Organisation.objects.filter(pk=pk).first()
    if found is None:
        raise ValidationError({field: _("There is no organisation %(id)s.") % {"id": pk}})
    return found


@router.post(CASE + "/consents", response={201: ConsentOut}, summary="Record a consent")
def record_consent(request: HttpRequest, person_code: Code, number: Id, payload: ConsentIn) -> Status[Consent]:
    case = _case(request, person_code, number)
    consent = services.record_consent(
        request.user,
        _member(request, case, payload.person, "person") if payload.person else case.person,
        payload.purpose,
        text_version=payload.text_version,
        given_on=payload.given_on,
        recipient=_organisation(payload.recipient, "recipient"),
        guardian=_member(request, case, payload.guardian, "guardian") if payload.guardian else None,
        child_assent=payload.child_assent,
    )
    return Status(201, consent)


@router.post(CASE + "/consents/{int:consent_id}/withdraw", response=ConsentOut, summary="Withdraw a consent")
def withdraw_consent(
    request: HttpRequest, person_code: Code, number: Id, consent_id: Id, payload: WithdrawalIn
) -> Consent:
    case = _case(request, person_code, number)
    consent = get_object_or_404(Consent.objects.filter(person__in=_household(request, case)), pk=consent_id)
    return services.withdraw_consent(request.user, consent, reason=payload.reason)


# --- assessment and plan -----------------------------------------------------------------------------------


@router.post(CASE + "/assessments", response={201: AssessmentOut}, summary="Record an assessment")
def record_assessment(request: HttpRequest, person_code: Code, number: Id, payload: AssessmentIn) -> Status[Assessment]:
    case = _case(request, person_code, number)
    assessment = services.record_assessment(
        request.user,
        case,
        instrument_code=payload.instrument,
        version=payload.version,
        assessed_on=payload.assessed_on,
        scores=payload.scores,
        narratives=payload.narratives,
    )
    return Status(201, assessment)


@router.post(CASE + "/goals", response={201: GoalOut}, summary="Add a goal to the plan")
def add_goal(request: HttpRequest, person_code: Code, number: Id, payload: GoalIn) -> Status[Goal]:
    case = _case(request, person_code, number)
    return Status(201, services.add_goal(request.user, case, domain=payload.domain, description=payload.description))


def _responsible(pk: int | None, case: Case, provider: Organisation | None) -> User | None:
    if pk is None:
        return None
    # Only people of the case's organisation or the provider can be named, so an id reveals nobody else.
    organisations = [case.organisation_id] + ([provider.pk] if provider else [])
    found = User.objects.filter(pk=pk, is_active=True, organisation_id__in=organisations)
    if not found.exists():
        raise ValidationError(
            {"responsible": _("The responsible person works for the case's organisation or the provider.")}
        )
    return found.get()


@router.post(
    CASE + "/goals/{int:goal_id}/interventions", response={201: InterventionOut}, summary="Plan an intervention"
)
def add_intervention(
    request: HttpRequest, person_code: Code, number: Id, goal_id: Id, payload: InterventionIn
) -> Status[Intervention]:
    case = _case(request, person_code, number)
    goal = get_object_or_404(Goal.objects.select_related("case"), pk=goal_id, case=case)
    provider = _organisation(payload.provider, "provider")
    intervention = services.add_intervention(
        request.user,
        goal,
        kind=payload.kind,
        due_on=payload.due_on,
        provider=provider,
        responsible=_responsible(payload.responsible, case, provider),
    )
    return Status(201, intervention)


@router.post(
    CASE + "/interventions/{int:intervention_id}/status",
    response=InterventionOut,
    summary="Set an intervention's status",
)
def set_intervention_status(
    request: HttpRequest, person_code: Code, number: Id, intervention_id: Id, payload: InterventionStatusIn
) -> Intervention:
    case = _case(request, person_code, number)
    rows = Intervention.objects.select_related("goal__case")
    intervention = get_object_or_404(rows, pk=intervention_id, goal__case=case)
    return services.set_intervention_status(
        request.user, intervention, payload.status, completed_on=payload.completed_on
    )


# --- notes -------------------------------------------------------------------------------------------------


@router.post(CASE + "/notes", response={201: NoteOut}, summary="Add a note in a compartment you may open")
def add_note(request: HttpRequest, person_code: Code, number: Id, payload: NoteIn) -> Status[Note]:
    case = _case(request, person_code, number)
    return Status(201, services.add_note(request.user, case, compartment=payload.compartment, body=payload.body))
