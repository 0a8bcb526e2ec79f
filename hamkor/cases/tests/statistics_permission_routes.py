"""The statistics routes' entries in the generated permission test.

Statistics are aggregates, so the routes need no object of their own, only enough cases to be answered: five
consenting people (fewer are refused, none included, with 422). Analysts hold ``statistics.view`` and
``statistics.export``; case workers and council experts hold neither.
"""

from __future__ import annotations

from typing import Any

from hamkor.cases.tests.statistics_factories import register
from hamkor.testing import ANALYST, CASEWORKER, EXPERT, Route

ROUTES: dict[str, Route] = {
    "cases:statistics_dashboard": Route(allowed=ANALYST, denied=CASEWORKER),
    "cases:statistics_csv": Route(allowed=ANALYST, denied=EXPERT),
    "cases:statistics_xlsx": Route(allowed=ANALYST, denied=CASEWORKER),
}

API_ROUTES: dict[str, Route] = {
    "GET /api/v1/cases/statistics/": Route(allowed=ANALYST, denied=CASEWORKER),
}


def make_objects(persona, world) -> dict[str, Any]:
    register(persona["case_worker"], 5)
    return {}
