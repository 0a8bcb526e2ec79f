"""The cases API's entries in the generated permission test.

The objects are a mother registered in a new family with consent to services, her case in assessment with one
assessment, a goal and an intervention, so that every write below is valid for the case worker.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from hamkor.cases import services
from hamkor.cases.identity import Identity
from hamkor.testing import ANALYST, CASEWORKER, EXPERT, SUPERVISOR, Route

CASE = "/api/v1/cases/{person_code}/{number}"
ON_CASE = ("person_code=api_person", "number=api_number")


def _today() -> str:
    return timezone.now().date().isoformat()


def _scores() -> dict[str, Any]:
    domains = ["psychosocial", "physical_health", "education", "livelihood", "family"]
    domains += ["religious", "legal", "housing", "community"]
    return {
        "instrument": "reintegration-needs-strengths",
        "version": "1.0",
        "assessed_on": _today(),
        "scores": dict.fromkeys(domains, 2),
    }


ROUTES: dict[str, Route] = {}

API_ROUTES: dict[str, Route] = {
    "POST /api/v1/cases/people": Route(
        allowed=CASEWORKER,
        denied=EXPERT,
        method="post",
        data={"given_name": "Zarina", "family_name": "Yusupova", "birth_date": "1991-03-08", "sex": "female"},
    ),
    "GET /api/v1/cases/people/{code}": Route(allowed=CASEWORKER, denied=EXPERT, kwargs=("code=api_person",)),
    "GET /api/v1/cases/": Route(allowed=CASEWORKER, denied=ANALYST),
    "POST /api/v1/cases/search": Route(allowed=CASEWORKER, denied=ANALYST, method="post", data={"q": "Karimova"}),
    f"GET {CASE}": Route(allowed=CASEWORKER, denied=EXPERT, kwargs=ON_CASE),
    f"POST {CASE}/transition": Route(
        allowed=CASEWORKER, denied=EXPERT, method="post", kwargs=ON_CASE, data={"to": "planning"}
    ),
    f"POST {CASE}/break-glass": Route(
        allowed=SUPERVISOR,
        denied=CASEWORKER,
        method="post",
        kwargs=ON_CASE,
        data={"reason": "The case worker is unreachable and the family needs urgent help tonight."},
    ),
    f"POST {CASE}/consents": Route(
        allowed=CASEWORKER,
        denied=ANALYST,
        method="post",
        kwargs=ON_CASE,
        data=lambda: {"purpose": "statistics", "text_version": "2025-1", "given_on": _today()},
    ),
    f"POST {CASE}/consents/{{consent_id}}/withdraw": Route(
        allowed=CASEWORKER,
        denied=EXPERT,
        method="post",
        kwargs=(*ON_CASE, "consent_id=api_consent"),
        data={"reason": "She asked to stop sharing."},
    ),
    f"POST {CASE}/assessments": Route(allowed=CASEWORKER, denied=EXPERT, method="post", kwargs=ON_CASE, data=_scores),
    f"POST {CASE}/goals": Route(
        allowed=CASEWORKER,
        denied=ANALYST,
        method="post",
        kwargs=ON_CASE,
        data={"domain": "livelihood", "description": "A sewing course and a first paid order."},
    ),
    f"POST {CASE}/goals/{{goal_id}}/interventions": Route(
        allowed=CASEWORKER,
        denied=EXPERT,
        method="post",
        kwargs=(*ON_CASE, "goal_id=api_goal"),
        data=lambda: {"kind": "vocational", "due_on": _today()},
    ),
    f"POST {CASE}/interventions/{{intervention_id}}/status": Route(
        allowed=CASEWORKER,
        denied=EXPERT,
        method="post",
        kwargs=(*ON_CASE, "intervention_id=api_intervention"),
        data={"status": "in_progress"},
    ),
    f"POST {CASE}/notes": Route(
        allowed=CASEWORKER,
        denied=ANALYST,
        method="post",
        kwargs=ON_CASE,
        data={"compartment": "general", "body": "Visited at home; the children attend school."},
    ),
}


def make_objects(persona, world) -> dict[str, Any]:
    """A case in assessment, ready for planning, with a consent, a goal and an intervention."""
    worker = persona[CASEWORKER]
    today = timezone.now().date()
    identity = Identity.model_validate(
        {"names": [{"given": "Dilnoza", "family": "Karimova"}], "birth_date": "1990-04-02", "sex": "female"}
    )
    person, case = services.register_person(worker, identity, new_family=True, relationship="mother", is_guardian=True)
    consent = services.record_consent(worker, person, "services", text_version="2025-1", given_on=today)
    services.transition_case(worker, case, "assessment")
    body = _scores()
    services.record_assessment(
        worker,
        case,
        instrument_code=body["instrument"],
        version=body["version"],
        assessed_on=today,
        scores=body["scores"],
    )
    goal = services.add_goal(worker, case, domain="legal", description="Passports for the family.")
    intervention = services.add_intervention(worker, goal, kind="documents", due_on=today)
    return {
        "api_person": person.code,
        "api_number": case.code.rsplit("/", 1)[1],
        "api_consent": consent.pk,
        "api_goal": goal.pk,
        "api_intervention": intervention.pk,
    }
