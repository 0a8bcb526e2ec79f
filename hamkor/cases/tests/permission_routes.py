"""The case pages' entries in the generated permission test.

Objects are built through the services by the case worker of the Uzbek organisation; the people are adults, so
the cases open for any case worker of that organisation. Oversight officers and council experts never reach a
case.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hamkor.cases import services
from hamkor.cases.identity import Identity
from hamkor.cases.instruments import REINTEGRATION_NEEDS_AND_STRENGTHS
from hamkor.testing import CASEWORKER, EXPERT, OVERSIGHT, SUPERVISOR, Route

CASE = ("person_code=cp_person", "number=cp_number")
ASSESSED_CASE = ("person_code=cp_assessed_person", "number=cp_assessed_number")
SCORES = {f"score_{d['code']}": "2" for d in REINTEGRATION_NEEDS_AND_STRENGTHS["domains"]}

ROUTES: dict[str, Route] = {
    "cases:list": Route(allowed=CASEWORKER, denied=OVERSIGHT),
    "cases:register": Route(allowed=CASEWORKER, denied=EXPERT),
    "cases:break_glass": Route(allowed=SUPERVISOR, denied=CASEWORKER),
    "cases:detail": Route(allowed=CASEWORKER, denied=OVERSIGHT, kwargs=CASE),
    "cases:transition": Route(
        allowed=CASEWORKER, denied=OVERSIGHT, method="post", kwargs=CASE, data={"to": "closed", "closure": "other"}
    ),
    "cases:consent": Route(
        allowed=CASEWORKER,
        denied=EXPERT,
        method="post",
        kwargs=CASE,
        data={"purpose": "statistics", "text_version": "2025-1", "given_on": "2025-01-10"},
    ),
    "cases:consent_withdraw": Route(
        allowed=CASEWORKER,
        denied=OVERSIGHT,
        method="post",
        kwargs=(*CASE, "pk=cp_consent"),
        data={"reason": "She asked to stop."},
    ),
    "cases:consent_override": Route(
        allowed=SUPERVISOR,
        denied=CASEWORKER,
        method="post",
        kwargs=CASE,
        data={"purpose": "services", "reason": "Urgent medical care is needed before consent can be asked."},
    ),
    "cases:assessment": Route(
        allowed=CASEWORKER,
        denied=OVERSIGHT,
        method="post",
        kwargs=ASSESSED_CASE,
        data={"assessed_on": "2025-02-01", **SCORES},
    ),
    "cases:goal": Route(
        allowed=CASEWORKER,
        denied=OVERSIGHT,
        method="post",
        kwargs=CASE,
        data={"domain": "education", "description": "Enrol in evening classes."},
    ),
    "cases:intervention": Route(
        allowed=CASEWORKER,
        denied=OVERSIGHT,
        method="post",
        kwargs=(*CASE, "goal=cp_goal"),
        data={"kind": "schooling", "due_on": "2030-01-31"},
    ),
    "cases:intervention_status": Route(
        allowed=CASEWORKER,
        denied=OVERSIGHT,
        method="post",
        kwargs=(*CASE, "pk=cp_intervention"),
        data={"status": "in_progress"},
    ),
    "cases:note": Route(
        allowed=CASEWORKER,
        denied=OVERSIGHT,
        method="post",
        kwargs=CASE,
        data={"compartment": "general", "body": "Met at the district office."},
    ),
}

API_ROUTES: dict[str, Route] = {}


def _adult(given: str, family: str) -> Identity:
    return Identity.model_validate(
        {"names": [{"given": given, "family": family}], "birth_date": "1991-03-04", "sex": "female"}
    )


def make_objects(persona, world) -> dict[str, Any]:
    """Two adults' cases of the Uzbek organisation: one in registration with a consent, a goal and an
    intervention, one moved on to assessment."""
    worker = persona[CASEWORKER]
    person, case = services.register_person(worker, _adult("Malika", "Yusupova"))
    consent = services.record_consent(worker, person, "services", text_version="2025-1", given_on=date(2025, 1, 5))
    goal = services.add_goal(worker, case, domain="legal", description="Passport for the return journey.")
    intervention = services.add_intervention(worker, goal, kind="documents", due_on=date(2030, 1, 1))
    assessed_person, assessed = services.register_person(worker, _adult("Gulnora", "Rahimova"))
    services.record_consent(worker, assessed_person, "services", text_version="2025-1", given_on=date(2025, 1, 5))
    services.transition_case(worker, assessed, "assessment")
    person_code, number = case.code.rsplit("/", 1)
    assessed_code, assessed_number = assessed.code.rsplit("/", 1)
    return {
        "cp_person": person_code,
        "cp_number": int(number),
        "cp_assessed_person": assessed_code,
        "cp_assessed_number": int(assessed_number),
        "cp_consent": consent.pk,
        "cp_goal": goal.pk,
        "cp_intervention": intervention.pk,
    }
