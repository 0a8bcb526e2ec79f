"""Panel proposal over a large Council: 2,000 experts, 200 consultation requests.

    python -m bench.council [--experts 2000] [--requests 200] [--out bench/results/council.json]

Generates the experts and requests with a seeded RNG (the same on every run), then measures p50 and p95 of
``hamkor.council.panels.propose_panel`` per request, including the reasons of the proposed panel as a page
shows them (translated to text); ``propose_panel_full_ranking`` also builds every ranked entry and exclusion,
which the proposal otherwise builds only when read. Loading experts from the database is the caller's part
and is not measured.

The issue names no installable peer, so the side-by-side is a naive baseline: the same exclusions, then one
sort of every eligible expert by a simple score (requested disciplines covered, languages, availability,
workload), top N. It is what a first version would do; the figures show what the set cover costs over it
and what it buys (disciplines the panel covers, ``covered_share``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "council.json"
COUNTRIES = ["UZ", "KZ", "KG", "TJ", "TM", "AF", "RU", "TR"]
ORGANISATIONS = 120
TARGET_P95_MS = 50


def configure() -> None:
    # Only gettext needs settings; no database is touched.
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamkor.test_settings")
    import django

    django.setup()


def generate(experts: int, requests: int, *, seed: int = 7) -> tuple[list[Any], list[Any]]:
    """``experts`` candidate experts and ``requests`` consultation requests, reproducible from ``seed``."""
    from hamkor.council.panels import DISCIPLINES, LANGUAGES, Candidate, Request

    rng = random.Random(seed)  # reproducible benchmark data, not secrets
    disciplines, languages = list(DISCIPLINES), list(LANGUAGES)
    regional = ["uz", "ru", "kk", "ky", "tg", "tk"]
    council = []
    for i in range(1, experts + 1):
        country = rng.choice(COUNTRIES)
        council.append(
            Candidate(
                id=i,
                name=f"Expert {i}",
                country=country,
                organisation_id=rng.randrange(1, ORGANISATIONS + 1),
                disciplines=frozenset(rng.sample(disciplines, rng.choice([1, 1, 2, 2, 3]))),
                languages=frozenset(rng.sample(regional, rng.randint(1, 3)) + rng.sample(languages, rng.randint(0, 1))),
                availability=rng.choices(["available", "limited", "unavailable"], weights=[6, 3, 1])[0],
                vetting=rng.choices(["vetted", "pending", "expired"], weights=[17, 2, 1])[0],
                workload=rng.randint(0, 6),
                conflict_countries=frozenset(rng.sample(COUNTRIES, rng.choice([0, 0, 0, 1]))),
                conflict_organisations=frozenset(rng.sample(range(1, ORGANISATIONS + 1), rng.choice([0, 0, 1, 2]))),
                conflict_cases=frozenset(f"UZ-{rng.randrange(400):04d}" for _ in range(rng.choice([0, 0, 0, 1, 2]))),
            )
        )
    asks = [
        Request(
            disciplines=tuple(rng.sample(disciplines, rng.randint(2, 5))),
            languages=tuple(rng.sample(regional, rng.randint(1, 2))),
            requester_country=rng.choice(COUNTRIES[:5]),
            requester_organisation_id=rng.randrange(1, ORGANISATIONS + 1),
            case_keys=frozenset(filter(None, [rng.choice([None, f"UZ-{rng.randrange(400):04d}"])])),
            exclude_own_country=rng.random() < 0.5,
            panel_size=rng.randint(3, 7),
            deadline=date(2026, 12, 1) + timedelta(days=rng.randint(7, 60)),
        )
        for _ in range(requests)
    ]
    return council, asks


def propose(request: Any, council: Sequence[Any]) -> list[Any]:
    """The proposal as a page needs it: ranked, panel chosen, the panel's reasons as text."""
    from hamkor.council.panels import propose_panel

    proposal = propose_panel(request, council)
    panel = proposal.panel
    for entry in panel:
        [str(reason) for reason in entry.reasons]
    return [entry.expert.id for entry in panel]


def propose_in_full(request: Any, council: Sequence[Any]) -> list[Any]:
    """As ``propose``, and every ranked entry and exclusion built too (a page listing the whole Council)."""
    from hamkor.council.panels import propose_panel

    proposal = propose_panel(request, council)
    for entry in proposal.panel:
        [str(reason) for reason in entry.reasons]
    if len(proposal.ranked) + len(proposal.excluded) != len(council):
        raise RuntimeError("the proposal lost an expert")
    return [entry.expert.id for entry in proposal.panel]


def naive_sort(request: Any, council: Sequence[Any]) -> list[Any]:
    """Baseline: the same exclusions, one sort by a simple score, top N. No set cover, no reasons."""
    from hamkor.council.panels import exclusion_causes

    wanted = set(request.disciplines)
    languages = set(request.languages)
    rank = {"available": 2, "limited": 1}
    eligible = [c for c in council if not exclusion_causes(request, c)]
    eligible.sort(
        key=lambda c: (
            -len(c.disciplines & wanted),
            -len(c.languages & languages),
            -rank[c.availability],
            c.workload,
            c.id,
        )
    )
    return [c.id for c in eligible[: request.panel_size] if c.disciplines & wanted]


def _timed(
    method: Callable[[Any, Sequence[Any]], list[Any]], council: Sequence[Any], asks: Sequence[Any]
) -> tuple[list[float], list[list[Any]]]:
    for request in asks[:3]:  # warm up
        method(request, council)
    timings, panels = [], []
    for request in asks:
        started = time.perf_counter()
        panel = method(request, council)
        timings.append((time.perf_counter() - started) * 1000)
        panels.append(panel)
    return timings, panels


def _summary(timings: list[float]) -> dict[str, float | int]:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "p50_ms": round(statistics.median(ordered), 3),
        "p95_ms": round(p95, 3),
        "max_ms": round(ordered[-1], 3),
        "samples": len(ordered),
    }


def _covered_share(council: Sequence[Any], asks: Sequence[Any], panels: list[list[Any]]) -> float:
    """Of the requested disciplines, the share the proposed panels cover (over all requests)."""
    by_id = {c.id: c for c in council}
    asked = covered = 0
    for request, panel in zip(asks, panels, strict=True):
        wanted = set(request.disciplines)
        asked += len(wanted)
        covered += len(wanted & {d for i in panel for d in by_id[i].disciplines})
    return round(covered / asked, 4) if asked else 0.0


def measure(experts: int, requests: int, *, seed: int = 7) -> dict[str, Any]:
    """p50/p95 of the proposal and of the naive baseline on the same experts and requests."""
    from django.utils import translation

    council, asks = generate(experts, requests, seed=seed)
    with translation.override("ru"):  # the reasons go through a real catalogue lookup
        proposal_timings, proposal_panels = _timed(propose, council, asks)
        full_timings, _panels = _timed(propose_in_full, council, asks)
        naive_timings, naive_panels = _timed(naive_sort, council, asks)
    proposed, naive = _summary(proposal_timings), _summary(naive_timings)
    proposed["covered_share"] = _covered_share(council, asks, proposal_panels)
    naive["covered_share"] = _covered_share(council, asks, naive_panels)
    return {
        "propose_panel": proposed,
        "propose_panel_full_ranking": _summary(full_timings),
        "naive_sort": naive,
        "ratio_p50": round(proposed["p50_ms"] / naive["p50_ms"], 2) if naive["p50_ms"] else None,
        "ratio_p95": round(proposed["p95_ms"] / naive["p95_ms"], 2) if naive["p95_ms"] else None,
    }


def machine() -> dict[str, Any]:
    return {
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--experts", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    configure()
    figures = measure(args.experts, args.requests, seed=args.seed)
    report: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "experts": args.experts,
        "requests": args.requests,
        "seed": args.seed,
        "target_p95_ms": TARGET_P95_MS,
        "machine": machine(),
        **figures,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    for name in ("propose_panel", "naive_sort"):
        f = figures[name]
        print(
            f"  {name:<14} p50 {f['p50_ms']:>7.2f} ms   p95 {f['p95_ms']:>7.2f} ms   "
            f"disciplines covered {f['covered_share']:.1%}"
        )
    print(f"  ratio p50 {figures['ratio_p50']}   (target p95 <= {TARGET_P95_MS} ms)")
    return report


if __name__ == "__main__":
    main()
