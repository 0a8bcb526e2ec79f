"""CI runs the search benchmark once on tiny input: the quality set must still be found across scripts and an
anonymous visitor must never see a partners-only document (the timings mean nothing at this size)."""

from __future__ import annotations

import pytest

from bench import search
from bench.search_queries import QUERIES, TARGETS


def _cyrillic(text: str) -> bool:
    return any("\u0400" <= char <= "\u04ff" for char in text)


def test_every_query_is_typed_in_another_script_than_its_documents():
    languages = {target.id: target.language for target in TARGETS}
    assert len(QUERIES) >= 60
    for query in QUERIES:
        for expected in query.expected:
            document_cyrillic = languages[expected] in ("uz-Cyrl", "ru")
            assert _cyrillic(query.text) != document_cyrillic, query.text


def test_generation_is_reproducible_and_mixes_in_the_targets():
    first, second = search.generate(200, seed=3), search.generate(200, seed=3)
    assert first == second
    ids = {doc.id for doc in first}
    assert {target.id for target in TARGETS} <= ids and len(ids) == 200 + len(TARGETS)
    assert {doc.language for doc in first} == set(search.LANGUAGES)
    assert any(doc.audience == "partners" for doc in first)


@pytest.mark.django_db
def test_search_benchmark_finds_the_quality_set_and_keeps_partner_documents_from_visitors(tmp_path):
    report = search.run(300, baseline_path=tmp_path / "baseline.sqlite3", probe_count=24, log=lambda _line: None)

    quality = report["quality"]["engine"]
    assert quality["queries"] == len(QUERIES)
    assert quality["mrr"] >= search.TARGET_MRR, quality["misses"]
    audience = report["latency"]["audience"]
    assert audience["anonymous_hits_partners_only"] == 0
    assert audience["partner_hits_partners_only"] > 0  # the check above is not vacuous
    for name in ("anonymous", "partner", "baseline_anonymous"):
        assert report["latency"][name]["samples"] == 24
