"""The retention routes in the generated permission test."""

from __future__ import annotations

from datetime import date
from typing import Any

from hamkor.cases import services
from hamkor.cases.tests.factories import identity
from hamkor.testing import CASEWORKER, SUPERVISOR, Route

ROUTES: dict[str, Route] = {
    "cases:retention_overview": Route(allowed=SUPERVISOR, denied=CASEWORKER),
    "cases:retention_hold": Route(
        allowed=SUPERVISOR,
        denied=CASEWORKER,
        method="post",
        kwargs=("person_code=retention_person", "number=retention_number"),
        data={"hold": "1", "reason": "Proceedings at the district court."},
    ),
    "cases:retention_export": Route(allowed=SUPERVISOR, denied=CASEWORKER, kwargs=("person_code=retention_person",)),
}

API_ROUTES: dict[str, Route] = {
    "POST /api/v1/cases/retention/{person_code}/{number}/hold": Route(
        allowed=SUPERVISOR,
        denied=CASEWORKER,
        kwargs=("person_code=retention_person", "number=retention_number"),
        data={"hold": True, "reason": "Proceedings at the district court."},
    ),
    "GET /api/v1/cases/retention/people/{code}/export": Route(
        allowed=SUPERVISOR, denied=CASEWORKER, kwargs=("code=retention_person",)
    ),
}


def make_objects(persona: dict[str, Any], world: dict[str, Any]) -> dict[str, Any]:
    worker = persona[CASEWORKER]
    person, case = services.register_person(worker, identity("Lola", "Ergasheva", "1987-07-07"))
    services.record_consent(worker, person, "services", text_version="2024-1", given_on=date.today())
    return {"retention_person": person.code, "retention_number": case.number}
