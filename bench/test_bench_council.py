"""CI runs the council benchmark once on tiny input, so it keeps working (the figures mean nothing at this size)."""

from __future__ import annotations

import json

from bench import council


def test_council_benchmark_runs_on_tiny_input(tmp_path):
    out = tmp_path / "council.json"
    report = council.main(["--experts", "50", "--requests", "5", "--out", str(out)])

    written = json.loads(out.read_text())
    assert written["experts"] == 50 and written["requests"] == 5
    for name in ("propose_panel", "naive_sort"):
        figures = written[name]
        assert figures["samples"] == 5 and figures["p95_ms"] >= figures["p50_ms"] > 0
        assert 0 < figures["covered_share"] <= 1
    assert report["ratio_p50"] > 0 and set(written["machine"]) >= {"platform", "python"}
