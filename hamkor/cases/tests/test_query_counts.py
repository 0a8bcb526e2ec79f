"""Each case page runs a constant number of SQL queries, whatever the number of rows it shows.

The counts are a baseline kept in query_baseline.json: a change that adds a query per row (N+1) fails here, and
a change that adds or removes a fixed query updates the baseline on purpose.
"""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hamkor.cases import services
from hamkor.cases.domains import Domain
from hamkor.cases.tests.factories import identity
from hamkor.conftest import verified_client

BASELINE = json.loads((Path(__file__).with_name("query_baseline.json")).read_text())
SCORES = dict.fromkeys(Domain.values, 2)


def _count(client, path: str | tuple[str, dict[str, str]]) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.post(*path) if isinstance(path, tuple) else client.get(path)
        assert response.status_code == 200
    return len(captured)


def _cases(worker, n: int, *, detail: int = 1):
    made = []
    for i in range(n):
        person, case = services.register_person(
            worker,
            identity(f"Nodira{chr(97 + i % 26)}", "Rahimova", "1985-04-04"),
            new_family=True,
            relationship="mother",
            is_guardian=True,
        )
        services.record_consent(worker, person, "services", text_version="2024-1", given_on=date.today())
        services.transition_case(worker, case, "assessment")
        for d in range(detail):
            services.record_assessment(
                worker,
                case,
                instrument_code="reintegration-needs-strengths",
                version="1.0",
                assessed_on=date.today() - timedelta(days=30 * d),
                scores=SCORES,
            )
            goal = services.add_goal(worker, case, domain="legal", description=f"Goal {d}")
            services.add_intervention(worker, goal, kind="documents", due_on=date.today() + timedelta(days=d))
            services.add_note(worker, case, compartment="general", body=f"Note {d}")
        made.append(case)
    return made


@pytest.mark.parametrize("page", ["case_list", "case_page", "name_search", "dashboard"])
def test_page_runs_the_same_number_of_queries_for_few_and_many_rows(make_user, page):
    worker = make_user("case_worker")
    client = verified_client(worker)
    counts = []
    small = _cases(worker, 2, detail=1)
    paths = {
        "case_list": lambda cs: reverse("cases:list"),
        "case_page": lambda cs: reverse("cases:detail", args=cs[-1].code.split("/")),
        "name_search": lambda cs: (reverse("cases:list"), {"q": "Рахимова"}),
        "dashboard": lambda cs: reverse("core:dashboard"),
    }
    counts.append(_count(client, paths[page](small)))
    large = small + _cases(worker, 10, detail=5)
    counts.append(_count(client, paths[page](large)))
    assert counts[0] == counts[1], f"{page}: {counts[0]} queries with few rows, {counts[1]} with many"
    assert counts[0] == BASELINE[page], f"{page} runs {counts[0]} queries; the baseline is {BASELINE[page]}"
