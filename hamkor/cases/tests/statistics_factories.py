"""Populations for the statistics tests, registered, consented and assessed through the services."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hamkor.cases import services
from hamkor.cases.domains import Domain
from hamkor.cases.models import Case
from hamkor.cases.tests.factories import identity, years_ago

INSTRUMENT: dict[str, Any] = {"instrument_code": "reintegration-needs-strengths", "version": "1.0"}
DOMAINS = list(Domain.values)
GIVEN = ["Aziza", "Bobur", "Dilshod", "Feruza", "Gulnora", "Hamid", "Iroda", "Jamshid", "Kamola", "Laziz", "Malika"]


def register(
    worker: Any, n: int, *, sex: str = "female", age: int = 30, consent: bool = True, **kwargs: Any
) -> list[Case]:
    """``n`` people registered by ``worker``, each (unless told otherwise) consenting to statistics."""
    cases = []
    for i in range(n):
        person, case = services.register_person(
            worker, identity(GIVEN[i % len(GIVEN)], "Karimova", years_ago(age), sex), **kwargs
        )
        if consent:
            services.record_consent(worker, person, "statistics", text_version="2025-1", given_on=date.today())
        cases.append(case)
    return cases


def assess(worker: Any, case: Case, *scores: dict[str, int]) -> None:
    """Move ``case`` to assessment and record ``scores`` on consecutive days ending yesterday."""
    services.record_consent(worker, case.person, "services", text_version="2025-1", given_on=date.today())
    services.transition_case(worker, case, "assessment")
    for days_ago, score in zip(range(len(scores), 0, -1), scores, strict=True):
        services.record_assessment(
            worker, case, assessed_on=date.today() - timedelta(days=days_ago), scores=score, **INSTRUMENT
        )


def every_domain(score: int, **overrides: int) -> dict[str, int]:
    return {d: overrides.get(d, score) for d in DOMAINS}


def aggregate(user: Any, filters: Any, *, on: date) -> Any:
    """The raw, unpublished counts of ``filters`` in ``user``'s scope, computed now from a fresh cube."""
    from hamkor.cases.statistics_cube import build_cube, derive
    from hamkor.core.policy import user_country

    return derive(build_cube(on), filters, user_country(user)).selected
