"""The score summary of a case: kept by the assessment service, filled by the migration, kept by anonymisation."""

from __future__ import annotations

import importlib
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from django.apps import apps
from django.core.cache import cache

from hamkor.cases import services
from hamkor.cases.models import Case, ScoreSummary
from hamkor.cases.services.retention import anonymise_case
from hamkor.cases.statistics import StatisticsFilter, statistics
from hamkor.cases.tests.statistics_factories import INSTRUMENT, assess, every_domain, register

fill_summaries = importlib.import_module("hamkor.cases.migrations.0005_statistics_summary").fill_summaries


pytestmark = pytest.mark.usefixtures("statistics_cache")


def _summary(case: Case) -> dict[str, Any]:
    return dict(ScoreSummary.objects.filter(case=case).values().get())


def test_each_assessment_updates_its_cases_first_and_latest_scores(worker):
    (case,) = register(worker, 1)
    assess(worker, case, every_domain(1), every_domain(3, legal=0))
    services.record_assessment(
        worker, case, assessed_on=date.today() - timedelta(days=5), scores=every_domain(4), **INSTRUMENT
    )  # dated before the others: the new first assessment

    summary = _summary(case)
    assert summary["assessments"] == 3
    assert (summary["first_on"], summary["latest_on"]) == (
        date.today() - timedelta(days=5),
        date.today() - timedelta(days=1),
    )
    assert (summary["first_education"], summary["latest_education"]) == (4, 3)
    assert (summary["first_legal"], summary["latest_legal"]) == (4, 0)


def test_migration_fills_the_summaries_of_cases_assessed_before_it(worker):
    cases = register(worker, 3)
    assess(worker, cases[0], every_domain(0), every_domain(2), every_domain(4, housing=1))
    assess(worker, cases[1], every_domain(3))
    kept = [_summary(c) for c in cases[:2]]
    ScoreSummary.objects.all().delete()  # as before the migration

    fill_summaries(apps, None)

    assert [_summary(c) for c in cases[:2]] == kept
    assert not ScoreSummary.objects.filter(case=cases[2]).exists()  # never assessed


def test_anonymised_case_keeps_its_progress_in_the_statistics(worker, persona):
    years_back = datetime.now(UTC) - timedelta(days=7 * 365)
    cases = register(worker, 5, now=years_back)
    for case in cases:
        assess(worker, case, every_domain(1), every_domain(3))
    before = statistics(persona["analyst"], StatisticsFilter()).progress
    services.transition_case(worker, cases[0], "closed", closure="other", now=years_back + timedelta(days=300))

    anonymise_case(None, Case.objects.get(pk=cases[0].pk))  # five years after closure
    cache.clear()

    assert _summary(cases[0])["first_education"] == 1
    assert statistics(persona["analyst"], StatisticsFilter()).progress == before
