"""Disclosure control across requests: no filter and its one-condition refinement subtract to a small count or
a mean over fewer than five cases, and a refusal tells nothing (issue 10, break 3)."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from hamkor.cases.statistics import StatisticsFilter, refresh_statistics, statistics
from hamkor.cases.suppression import office_mean
from hamkor.cases.tests.statistics_factories import assess, every_domain, register
from hamkor.core import services as core
from hamkor.core.models import AuditEntry

API = "/api/v1/cases/statistics/"
DASHBOARD = reverse("cases:statistics_dashboard")
CSV = reverse("cases:statistics_csv")


pytestmark = pytest.mark.usefixtures("statistics_cache")


@pytest.fixture
def kz_worker(make_user):
    return make_user("case_worker", "kz", clearances=("child_protection",))


@pytest.fixture
def global_analyst(make_user):
    return make_user("analyst", "un")  # the UN office works across borders, like the demo's analyst


def _token(user: Any) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {core.create_api_token(None, user, name='integration').secret}"}


def test_two_requests_no_longer_give_away_the_sixth_man(kz_worker, global_analyst, client):
    """The reported break: 6 men in Kazakhstan, 5 of them 35–44; the two means gave the sixth man's scores."""
    for case in register(kz_worker, 5, sex="male", age=40):
        assess(kz_worker, case, every_domain(2), every_domain(2))
    (sixth,) = register(kz_worker, 1, sex="male", age=50)
    assess(kz_worker, sixth, every_domain(0), every_domain(4))
    auth = _token(global_analyst)

    wider = client.get(API, {"sex": "male", "country": "KZ"}, **auth)
    narrower = client.get(API, {"sex": "male", "country": "KZ", "age_band": "35-44"}, **auth)
    nobody = client.get(API, {"sex": "female", "country": "KZ"}, **auth)

    assert wider.status_code == 200 and wider.json()["cases"] == 6
    education = next(row for row in wider.json()["progress"] if row["domain"] == "education")
    assert (education["mean_first"], education["mean_latest"]) == (1.7, 2.3)  # 10/6 and 14/6, one decimal
    # The refinement that leaves one man out answers exactly like a filter that selects nobody.
    assert narrower.status_code == nobody.status_code == 422
    assert narrower.json() == nobody.json()
    assert "mean_first" not in narrower.content.decode()
    uses = AuditEntry.objects.filter(action="token.use", details__path=API).order_by("seq")
    assert [e.details["query"] for e in uses] == [
        "sex=male&country=KZ",
        "sex=male&country=KZ&age_band=35-44",
        "sex=female&country=KZ",
    ]


def test_filter_selecting_none_answers_exactly_as_one_selecting_three(worker, analyst, client_for):
    register(worker, 6, sex="female", age=30)
    register(worker, 3, sex="male", age=30)
    client = client_for(analyst)

    three, none = client.get(API, {"sex": "male"}), client.get(API, {"age_band": "60plus"})
    assert three.status_code == none.status_code == 422 and three.json() == none.json()
    three, none = client.get(CSV, {"sex": "male"}), client.get(CSV, {"age_band": "60plus"})
    assert three.status_code == none.status_code == 422
    assert _alert(three.content.decode()) == _alert(none.content.decode())
    page_three = client.get(DASHBOARD, {"sex": "male"}).content.decode()
    page_none = client.get(DASHBOARD, {"age_band": "60plus"}).content.decode()
    assert _alert(page_three) == _alert(page_none) and "<table" not in page_none


def _alert(page: str) -> str:
    return page[page.index('<div class="alert"') : page.index("</div>", page.index('<div class="alert"'))]


def test_every_statistics_request_is_audited_with_its_whole_filter(worker, analyst, client_for):
    register(worker, 6, sex="female", age=30)
    client = client_for(analyst)
    start = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first()

    client.get(DASHBOARD, {"sex": "female", "age_band": "25-34"})
    client.get(API, {"status": "registration"})
    client.get(API, {"sex": "male"})  # refused, and audited all the same
    client.get(reverse("cases:statistics_xlsx"), {"year_opened": date.today().year})

    entries = AuditEntry.objects.filter(seq__gt=start, action__startswith="statistics.").order_by("seq")
    assert [(e.action, e.actor_id, e.details) for e in entries] == [
        (
            "statistics.view",
            analyst.pk,
            {"filter": {"sex": "female", "age_band": "25-34"}, "refused": False, "channel": "page"},
        ),
        ("statistics.view", analyst.pk, {"filter": {"status": "registration"}, "refused": False, "channel": "api"}),
        ("statistics.view", analyst.pk, {"filter": {"sex": "male"}, "refused": True, "channel": "api"}),
        (
            "statistics.export",
            analyst.pk,
            {"filter": {"year_opened": date.today().year}, "refused": False, "format": "xlsx"},
        ),
    ]


def test_a_filter_nobody_asked_for_is_answered_from_the_workers_figures(worker, analyst):
    for case in register(worker, 7, sex="male", age=40):
        assess(worker, case, every_domain(1), every_domain(3))
    refresh_statistics()  # what the worker does every ten minutes
    with CaptureQueriesContext(connection) as captured:
        answer = statistics(analyst, StatisticsFilter(sex="male", age_band="35-44", year_opened=date.today().year))
    assert answer.cases == 7 and answer.progress_cases == 7
    # The cache read and the country names: no query counts a case or reads an assessment.
    assert len(captured.captured_queries) <= 2


def test_means_are_rounded_to_one_decimal_with_halves_away_from_zero():
    assert [office_mean(t, 20) for t in (5, 45, 49, 51)] == [0.3, 2.3, 2.5, 2.6]  # 0.25, 2.25, 2.45, 2.55
    assert office_mean(10, 6) == 1.7 and office_mean(14, 6) == 2.3


def test_a_refinement_is_refused_when_the_wider_answer_withholds_its_cell(kz_worker, global_analyst, client):
    """The second review: 10 people of 25–34, 3 of 35–44 and 20 of 45–59. The whole answer shows 35–44 as "<5"
    and withholds 25–34 so that the small cell cannot be worked out; publishing the total of age_band=25-34
    would give it back (33 − 20 − 10 = 3). That refinement is refused like any other."""
    register(kz_worker, 10, sex="female", age=30)
    register(kz_worker, 3, sex="female", age=40)
    register(kz_worker, 20, sex="female", age=50)
    auth = _token(global_analyst)
    whole = client.get(API, {"country": "KZ"}, **auth).json()
    ages = {row["key"]: row["count"] for row in next(t for t in whole["tables"] if t["key"] == "age")["rows"]}
    assert ages["35-44"] == "<5" and not isinstance(ages["25-34"], int)
    refined = client.get(API, {"country": "KZ", "age_band": "25-34"}, **auth)
    nobody = client.get(API, {"country": "KZ", "age_band": "60plus"}, **auth)
    assert refined.status_code == nobody.status_code == 422 and refined.json() == nobody.json()
    assert client.get(API, {"country": "KZ", "age_band": "45-59"}, **auth).json()["cases"] == 20


def test_a_request_with_an_invalid_filter_is_audited_without_what_was_typed(analyst, client_for):
    client = client_for(analyst)
    probes = [
        (DASHBOARD, {"country": "ZZ"}, 200),
        (CSV, {"age_band": "Zarina"}, 422),
        # An API filter out of the schema's bounds (year 1800) is refused before this: a token.use entry only.
        (API, {"country": "ZZ"}, 422),
    ]
    for url, query, status in probes:
        assert client.get(url, query).status_code == status
    entries = AuditEntry.objects.filter(action__in=["statistics.view", "statistics.export"], details__invalid=True)
    assert entries.count() == 3
    assert "Zarina" not in str(list(entries.values_list("details", flat=True)))
