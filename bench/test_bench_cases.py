"""CI runs the case benchmark once on tiny input, so it keeps working (the figures mean nothing at this size)."""

from __future__ import annotations

import pytest

from bench import cases


@pytest.mark.django_db
def test_case_benchmark_runs_on_tiny_input():
    users = cases.generate(40, assessments=3, log=lambda _line: None)
    pages = cases.measure(users, repeat=3)
    assert {"case_list", "case_page", "name_search", "statistics", "statistics_cold", "statistics_refresh"} <= set(
        pages
    )
    for figures in pages.values():
        assert figures["samples"] >= 3 and figures["p95_ms"] >= figures["p50_ms"] > 0 and figures["queries"] > 0
