"""Search at scale: 100,000 generated documents in Uzbek (Latin and Cyrillic), Russian and English.

    python -m bench.search [--documents 100000] [--postgres] [--probes 240] [--out bench/results/search.json]

Generates the documents with a seeded RNG (the same on every run), mixes in the hand-written targets of
``bench.search_queries`` and indexes them all through ``hamkor.core.search.put_cards`` into a fresh database
(SQLite under var/bench/, or the PostgreSQL database ``bench_search`` with --postgres, dropped and created
again). About one document in ten is for partners only. Then it measures:

* indexing: seconds and documents per second for every document (and ANALYZE, timed on its own);
* latency: p50/p95/p99 of ``search(...)`` as the search page calls it (a page of 20 hits with snippets, the
  total and the facet counts) over a fixed mix of queries (one to three words, common and rare, in every
  script, some with a kind or facet filter), anonymously and as a signed-in partner, and per query shape;
* quality: MRR (first page of 20) and recall@10 of the hand-written queries, each typed in another script
  than the document it should find, over the full index;
* access: that an anonymous visitor is never shown a partners-only document (the run fails otherwise).

The issue's peers (the RAN Collection of Inspiring Practices, Hedayah's library) are websites, not something
to install, so the side-by-side baseline is the same SQLite FTS5 engine without folding: the original text
under the plain ``unicode61 remove_diacritics 2`` tokenizer, each query word as typed, the same bm25
weights, the same all-words-then-any-word rule, the same audience condition, snippets and facet counts. It
shows what folding and stemming cost and what they buy. Results go to bench/results/search.json (SQLite at
the top level, PostgreSQL under ``postgresql``).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench.search_corpus import (
    COUNTRIES,
    LANGUAGE_CODES,
    LANGUAGES,
    PILLARS,
    PLACES,
    Document,
    generate,
    in_script,
)
from bench.search_queries import QUERIES, TARGETS, Query

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "search.json"
KIND = "bench.document"
TARGET_P95_MS = 50
TARGET_MRR = 0.9
PG_URL = "postgres://postgres@127.0.0.1:5432/bench_search"


@dataclass(frozen=True)
class Probe:
    """One query of the latency mix, with the filter the page would pass and the shape it is reported under."""

    text: str
    shape: str
    kind: str | None = None
    filters: dict[str, str] = field(default_factory=dict)


COMMON = {
    "uz-Latn": ("reabilitatsiya", "ayollar", "bolalar", "reintegratsiyasi", "yordam", "taʼlimi", "oilalar"),
    "ru": ("реабилитация", "женщин", "детей", "реинтеграции", "поддержки", "обучение", "семей", "права"),
    "en": ("rehabilitation", "women", "children", "reintegration", "support", "training", "families", "rights"),
}
RARE = {
    "uz-Latn": ("tikuvchilik", "oromgoh", "mediatsiya", "kiberpatrul", "zardoʻzlik", "Mehribonlik", "gepatit"),
    "ru": ("браслеты", "хавала", "Жусан", "пчеловодство", "робототехники", "Иссык-Куль", "наставник"),
    "en": ("hippotherapy", "yoga", "hotline", "cryptocurrency", "Zarafshan", "Baghdad", "survey"),
}


def probes(count: int, *, seed: int = 11) -> list[Probe]:
    """A fixed mix of ``count`` queries: one to three words, common and rare, in every script, a third filtered."""
    rng = random.Random(seed)  # reproducible benchmark data, not secrets
    shapes = ("1 common", "1 rare", "2 common", "2 mixed", "3 words", "1 place")
    out = []
    for i in range(count):
        language = rng.choice(("uz-Latn", "uz-Cyrl", "ru", "en"))
        pool = "uz-Latn" if language == "uz-Cyrl" else language
        common, rare = COMMON[pool], RARE[pool]
        place = rng.choice(rng.choice(list(PLACES.values())))
        place_name = {"uz-Latn": place[0], "uz-Cyrl": place[0], "ru": place[1], "en": place[3]}[language]
        shape = shapes[i % len(shapes)]
        words = {
            "1 common": [rng.choice(common)],
            "1 rare": [rng.choice(rare)],
            "2 common": rng.sample(common, 2),
            "2 mixed": [rng.choice(common), rng.choice(rare)],
            "3 words": [*rng.sample(common, 2), place_name],
            "1 place": [place_name],
        }[shape]
        text = in_script(language, " ".join(words))
        roll = rng.random()
        kind, filters, label = None, {}, shape
        if roll < 0.15:
            kind, label = KIND, f"{shape} + kind"
        elif roll < 0.25:
            filters, label = {"country": rng.choice(list(COUNTRIES))}, f"{shape} + country"
        elif roll < 0.3:
            filters = {"year": str(rng.randint(2010, 2026)), "pillar": rng.choice(PILLARS)}
            label = f"{shape} + 2 facets"
        out.append(Probe(text, label, kind, filters))
    return out


# --- the engine ---------------------------------------------------------------------------------------------------


def configure(database_url: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamkor.test_settings")
    os.environ["HAMKOR_DATABASE_URL"] = database_url
    import django

    django.setup()


def card(doc: Document) -> Any:
    from hamkor.core.search import SearchCard

    return SearchCard(
        title=doc.title,
        url=f"/bench/{doc.id}/",
        summary=doc.summary,
        body=doc.body,
        audience=doc.audience,
        languages=(LANGUAGE_CODES[doc.language],),
        countries=(doc.country,),
        pillars=doc.pillars,
        year=doc.year,
    )


def index_engine(docs: Sequence[Document], *, chunk: int = 5000, log: Callable[[str], None] = print) -> dict[str, Any]:
    """Index ``docs`` through ``put_cards`` (timed), then ANALYZE (timed on its own)."""
    from django.db import connection

    from hamkor.core.search import put_cards

    started = time.perf_counter()
    for offset in range(0, len(docs), chunk):
        put_cards(KIND, ((doc.id, card(doc)) for doc in docs[offset : offset + chunk]))
        done = min(len(docs), offset + chunk)
        if done % 20_000 < chunk or done == len(docs):
            log(f"  indexed {done:>7} ({time.perf_counter() - started:.0f} s)")
    seconds = time.perf_counter() - started
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {
        "seconds": round(seconds, 1),
        "documents_per_second": round(len(docs) / seconds),
        "analyze_seconds": round(time.perf_counter() - started, 2),
    }


def partner_user() -> Any:
    """A signed-in analyst of a partner organisation: the library's provider gives such users "partners"."""
    from hamkor.core import services as core
    from hamkor.core.models import User
    from hamkor.core.search import audiences_of

    user = User.objects.filter(email="partner@bench.local").first()
    if user is None:
        org = core.create_organisation(None, name="Bench partner office", kind="un_entity")
        user = core.create_user(
            None, email="partner@bench.local", full_name="Bench partner", organisation=org, roles=["analyst"]
        )
    if "partners" not in audiences_of(user):
        raise RuntimeError(f"a signed-in analyst should belong to 'partners', got {sorted(audiences_of(user))}")
    return user


def engine_search(user: Any, text: str, *, kind: str | None = None, filters: dict[str, str] | None = None) -> Any:
    """What the search page asks for: page 1 of 20 hits with snippets, the total and the facet counts."""
    from hamkor.core.search import search

    return search(user, text, kind=kind, filters=filters or None, page=1, per_page=20)


# --- the baseline: FTS5 over the text as written ------------------------------------------------------------------


class Baseline:
    """SQLite FTS5 over the unfolded text (``unicode61 remove_diacritics 2``), queried with the words as typed.

    Same shape as the engine: bm25 with the same column weights, every word or failing that any word, the
    audience inside the SQL, a page of hits with a snippet, the total and the facet counts of every match."""

    WEIGHTS = (10.0, 4.0, 1.0)

    def __init__(self, path: Path) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        self.db = sqlite3.connect(path)
        self.db.executescript(
            """
            PRAGMA journal_mode = WAL;
            CREATE TABLE doc (id INTEGER PRIMARY KEY, object_id TEXT, audience TEXT, title TEXT, url TEXT);
            CREATE VIRTUAL TABLE doc_fts USING fts5(
                title, summary, body, tokenize = 'unicode61 remove_diacritics 2'
            );
            CREATE TABLE facet (document_id INTEGER, name TEXT, value TEXT);
            """
        )

    def index(self, docs: Sequence[Document]) -> dict[str, Any]:
        started = time.perf_counter()
        with self.db:
            for number, doc in enumerate(docs, start=1):
                self.db.execute(
                    "INSERT INTO doc VALUES (?, ?, ?, ?, ?)",
                    (number, doc.id, doc.audience, doc.title, f"/bench/{doc.id}/"),
                )
                self.db.execute(
                    "INSERT INTO doc_fts (rowid, title, summary, body) VALUES (?, ?, ?, ?)",
                    (number, doc.title, doc.summary, doc.body),
                )
                self.db.executemany(
                    "INSERT INTO facet VALUES (?, ?, ?)",
                    [
                        (number, name, value)
                        for name, value in (
                            ("kind", KIND),
                            ("language", LANGUAGE_CODES[doc.language]),
                            ("country", doc.country),
                            *(("pillar", p) for p in doc.pillars),
                            ("year", str(doc.year)),
                        )
                    ],
                )
            self.db.execute("CREATE INDEX facet_document ON facet (document_id)")
            self.db.execute("CREATE INDEX facet_value ON facet (name, value, document_id)")
        seconds = time.perf_counter() - started
        self.db.execute("ANALYZE")
        return {"seconds": round(seconds, 1), "documents_per_second": round(len(docs) / seconds)}

    @staticmethod
    def match(text: str, mode: str) -> str:
        words = ['"{}"'.format(word.replace('"', '""')) for word in text.split() if any(c.isalnum() for c in word)]
        return (" OR " if mode == "any" else " AND ").join(words)

    def _where(self, audiences: Sequence[str], filters: dict[str, str]) -> tuple[str, list[Any]]:
        sql = f" AND d.audience IN ({', '.join('?' * len(audiences))})"
        params: list[Any] = list(audiences)
        for name, value in sorted(filters.items()):
            sql += " AND EXISTS (SELECT 1 FROM facet f WHERE f.document_id = d.id AND f.name = ? AND f.value = ?)"
            params += [name, value]
        return sql, params

    def search(
        self, text: str, audiences: Sequence[str], *, kind: str | None = None, filters: dict[str, str] | None = None
    ) -> tuple[list[str], int, dict[str, list[tuple[str, int]]]]:
        conditions = dict(filters or {})
        if kind:
            conditions["kind"] = kind
        where, params = self._where(audiences, conditions)
        matched = " FROM doc_fts JOIN doc d ON d.id = doc_fts.rowid WHERE doc_fts MATCH ?"
        score = "bm25(doc_fts, {}, {}, {})".format(*self.WEIGHTS)
        sql = (
            f"WITH m AS MATERIALIZED (SELECT d.id AS id, {score} AS score{matched}{where}),"
            " top AS (SELECT id, score, count(*) OVER () AS total FROM m ORDER BY score, id LIMIT 20)"
            " SELECT d.id, d.object_id, d.title, d.url, top.score, top.total"
            " FROM top JOIN doc d ON d.id = top.id ORDER BY top.score, d.id"
        )
        rows: list[Any] = []
        mode = "all"
        if self.match(text, mode):
            rows = self.db.execute(sql, [self.match(text, mode), *params]).fetchall()
            if not rows and len(text.split()) > 1:
                mode = "any"
                rows = self.db.execute(sql, [self.match(text, mode), *params]).fetchall()
        if rows:  # the page's snippets and highlighted titles, as the engine makes them for its page
            marks = ", ".join("?" * len(rows))
            self.db.execute(
                "SELECT rowid, snippet(doc_fts, 2, '<mark>', '</mark>', '…', 32), highlight(doc_fts, 0, '<mark>',"
                f" '</mark>') FROM doc_fts WHERE doc_fts MATCH ? AND rowid IN ({marks})",
                [self.match(text, mode), *(row[0] for row in rows)],
            ).fetchall()
        facets: dict[str, list[tuple[str, int]]] = {}
        if rows:
            facet_sql = (
                f"SELECT f.name, f.value, count(*) FROM facet f WHERE f.document_id IN (SELECT d.id{matched}{where})"
                " GROUP BY f.name, f.value"
            )
            for name, value, count in self.db.execute(facet_sql, [self.match(text, mode), *params]):
                facets.setdefault(name, []).append((value, count))
        return [row[1] for row in rows], (rows[0][-1] if rows else 0), facets

    def close(self) -> None:
        self.db.close()


# --- measuring ----------------------------------------------------------------------------------------------------


def _summary(timings: Sequence[float]) -> dict[str, float | int]:
    ordered = sorted(timings)

    def at(share: float) -> float:
        return round(ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))], 2)

    return {
        "p50_ms": round(statistics.median(ordered), 2),
        "p95_ms": at(0.95),
        "p99_ms": at(0.99),
        "max_ms": round(ordered[-1], 2),
        "samples": len(ordered),
    }


def _timed(call: Callable[[Probe], Any], mix: Sequence[Probe]) -> tuple[list[float], list[Any]]:
    for probe in mix[:5]:  # warm up
        call(probe)
    timings, results = [], []
    for probe in mix:
        started = time.perf_counter()
        result = call(probe)
        timings.append((time.perf_counter() - started) * 1000)
        results.append(result)
    return timings, results


def _by_shape(mix: Sequence[Probe], timings: Sequence[float]) -> dict[str, dict[str, float | int]]:
    shapes: dict[str, list[float]] = {}
    for probe, ms in zip(mix, timings, strict=True):
        shapes.setdefault(probe.shape, []).append(ms)
    return {shape: _summary(values) for shape, values in sorted(shapes.items())}


def _ratio(ours: float, theirs: float) -> float | None:
    return round(ours / theirs, 2) if theirs else None


def measure_latency(mix: Sequence[Probe], baseline: Baseline, partner: Any, partners_only: set[str]) -> dict[str, Any]:
    """p50/p95/p99 of the engine (anonymous, partner) and the baseline on the same mix; checks the audience."""
    anonymous_ms, anonymous_pages = _timed(lambda p: engine_search(None, p.text, kind=p.kind, filters=p.filters), mix)
    partner_ms, partner_pages = _timed(lambda p: engine_search(partner, p.text, kind=p.kind, filters=p.filters), mix)
    base_anonymous_ms, _ = _timed(lambda p: baseline.search(p.text, ["public"], kind=p.kind, filters=p.filters), mix)
    base_partner_ms, _ = _timed(
        lambda p: baseline.search(p.text, ["public", "partners"], kind=p.kind, filters=p.filters), mix
    )
    leaked = sorted({hit.object_id for page in anonymous_pages for hit in page.hits} & partners_only)
    if leaked:
        raise AssertionError(f"anonymous search showed partners-only documents: {leaked[:10]}")
    # A partner finds everything an anonymous visitor finds, when both got all-words matches (or both fell back
    # to any word: a partners-only document holding every word spares the partner the fallback).
    fewer = [
        p.text
        for p, a, b in zip(mix, anonymous_pages, partner_pages, strict=True)
        if a.total > b.total and a.any_word == b.any_word
    ]
    if fewer:
        raise AssertionError(f"a partner found fewer documents than an anonymous visitor for {fewer[:5]}")
    engine, plain = _summary(anonymous_ms), _summary(base_anonymous_ms)
    slowest = sorted(zip(anonymous_ms, mix, anonymous_pages, strict=True), key=lambda row: -row[0])[:10]
    return {
        "queries": len(mix),
        "anonymous": {**engine, "by_shape": _by_shape(mix, anonymous_ms)},
        "partner": {**_summary(partner_ms), "by_shape": _by_shape(mix, partner_ms)},
        "baseline_anonymous": {**plain, "by_shape": _by_shape(mix, base_anonymous_ms)},
        "baseline_partner": _summary(base_partner_ms),
        "ratio_p50": _ratio(engine["p50_ms"], plain["p50_ms"]),
        "ratio_p95": _ratio(engine["p95_ms"], plain["p95_ms"]),
        "audience": {
            "anonymous_hits_partners_only": 0,
            "partner_hits_partners_only": len(
                {hit.object_id for page in partner_pages for hit in page.hits} & partners_only
            ),
            "zero_result_queries": sum(1 for page in anonymous_pages if not page.total),
        },
        # The ten slowest anonymous queries with how many documents they matched: the cost follows the matches.
        "slowest": [
            {
                "query": p.text,
                "shape": p.shape,
                "total": page.total,
                "any_word": page.any_word,
                "facets_exact": getattr(page, "facets_exact", True),
                "ms": round(ms, 1),
            }
            for ms, p, page in slowest
        ],
    }


def _quality(ranked: Callable[[Query], list[str]], titles: dict[str, str]) -> dict[str, Any]:
    reciprocal, recall, misses = [], [], []
    groups: dict[str, list[float]] = {}
    for query in QUERIES:
        ids = ranked(query)
        rank = next((i for i, object_id in enumerate(ids, start=1) if object_id in query.expected), None)
        reciprocal.append(1 / rank if rank else 0.0)
        recall.append(len(set(ids[:10]) & set(query.expected)) / len(query.expected))
        key = f"{query.typed_as} → {_target_language(query)} ({query.needs})"
        groups.setdefault(key, []).append(reciprocal[-1])
        groups.setdefault(f"needs {query.needs}", []).append(reciprocal[-1])
        if rank != 1:
            misses.append(
                {
                    "query": query.text,
                    "expected": list(query.expected),
                    "rank": rank,
                    "first": ids[0] if ids else None,
                    "first_title": titles.get(ids[0], "") if ids else None,
                    "needs": query.needs,
                }
            )
    return {
        "queries": len(QUERIES),
        "mrr": round(statistics.fmean(reciprocal), 3),
        "recall_at_10": round(statistics.fmean(recall), 3),
        "found_first": sum(1 for r in reciprocal if r == 1.0),
        "not_on_first_page": sum(1 for r in reciprocal if r == 0.0),
        "mrr_by_group": {key: round(statistics.fmean(values), 3) for key, values in sorted(groups.items())},
        "misses": misses,
    }


def _target_language(query: Query) -> str:
    languages = {t.language for t in TARGETS if t.id in query.expected}
    return "/".join(sorted(languages))


def measure_quality(baseline: Baseline, titles: dict[str, str]) -> dict[str, Any]:
    """MRR and recall@10 of the quality set, anonymously, for the engine and for the baseline."""
    ours = _quality(lambda q: [hit.object_id for hit in engine_search(None, q.text).hits], titles)
    plain = _quality(lambda q: baseline.search(q.text, ["public"])[0], titles)
    return {
        "engine": ours,
        "baseline": plain,
        "ratio_mrr": _ratio(ours["mrr"], plain["mrr"]),
        "ratio_recall_at_10": _ratio(ours["recall_at_10"], plain["recall_at_10"]),
    }


def detection(docs: Sequence[Document]) -> dict[str, float]:
    """Share of documents whose detected language (stored by the index) is the true one, per language."""
    from hamkor.core.models import SearchDocument

    detected = dict(SearchDocument.objects.filter(kind=KIND).values_list("object_id", "language").iterator(10_000))
    right: dict[str, list[int]] = {}
    for doc in docs:
        right.setdefault(doc.language, []).append(int(detected.get(doc.id) == LANGUAGE_CODES[doc.language]))
    return {language: round(statistics.fmean(values), 3) for language, values in sorted(right.items())}


def run(
    documents: int,
    *,
    baseline_path: Path,
    probe_count: int = 240,
    seed: int = 7,
    log: Callable[[str], None] = print,
) -> dict[str, Any]:
    """Generate, index (engine and baseline), measure. Django must be set up with a migrated, empty index."""
    started = time.perf_counter()
    docs = generate(documents, seed=seed)
    generation = time.perf_counter() - started
    log(f"Generated {len(docs)} documents in {generation:.0f} s; indexing ...")
    indexing = index_engine(docs, log=log)
    baseline = Baseline(baseline_path)
    try:
        log("Indexing the baseline ...")
        baseline_indexing = baseline.index(docs)
        partners_only = {doc.id for doc in docs if doc.audience != "public"}
        titles = {doc.id: doc.title for doc in docs}
        log("Measuring latency ...")
        latency = measure_latency(probes(probe_count), baseline, partner_user(), partners_only)
        log("Measuring quality ...")
        quality = measure_quality(baseline, titles)
    finally:
        baseline.close()
    return {
        "documents": len(docs),
        "generated": documents,
        "targets": len(TARGETS),
        "partners_only": len(partners_only),
        "languages": {language: sum(1 for d in docs if d.language == language) for language in LANGUAGES},
        "generation_seconds": round(generation, 1),
        "indexing": indexing,
        "baseline_indexing": baseline_indexing,
        "ratio_indexing_seconds": _ratio(indexing["seconds"], baseline_indexing["seconds"]),
        "language_detected": detection(docs),
        "latency": latency,
        "quality": quality,
    }


def engine_fingerprint() -> str:
    """A short hash of the search engine's source, so a result can be matched to the code that produced it."""
    import hashlib

    digest = hashlib.sha256()
    for path in sorted([*(ROOT / "hamkor" / "core" / "search").glob("*.py"), ROOT / "hamkor" / "core" / "folding.py"]):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def machine() -> dict[str, Any]:
    from django.db import connection

    database: Any = connection
    return {
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        # Other work on the machine skews latency; the 1-minute load average when the report was written.
        "load_average_1m": round(os.getloadavg()[0], 2),
        "database": connection.vendor,
        "database_version": sqlite3.sqlite_version if connection.vendor == "sqlite" else str(database.pg_version),
    }


def _fresh_pg_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--documents", type=int, default=100_000)
    parser.add_argument("--probes", type=int, default=240)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--postgres", action="store_true", help="use PostgreSQL at 127.0.0.1 (database bench_search)")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    source = engine_fingerprint()  # before Django imports the engine
    work = ROOT / "var" / "bench"
    work.mkdir(parents=True, exist_ok=True)
    if args.postgres:
        url = os.environ.get("HAMKOR_BENCH_SEARCH_PG_URL", PG_URL)
        _fresh_pg_database(url)
    else:
        path = work / f"search-{args.documents}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    configure(url)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    figures = run(
        args.documents,
        baseline_path=work / f"search-{args.documents}-baseline.sqlite3",
        probe_count=args.probes,
        seed=args.seed,
    )
    report: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "engine": "PostgreSQL full text (tsvector, GIN)" if connection.vendor == "postgresql" else "SQLite FTS5",
        "engine_source": source,
        "baseline": "SQLite FTS5, unicode61 remove_diacritics 2, unfolded text, words as typed",
        "seed": args.seed,
        "target_p95_ms": TARGET_P95_MS,
        "target_mrr": TARGET_MRR,
        "machine": machine(),
        **figures,
    }
    if engine_fingerprint() != source:
        report["engine_source_changed_during_run"] = True
        print("  The engine's source changed during the run: measure again.", file=sys.stderr)
    existing = json.loads(args.out.read_text()) if args.out.exists() else {}
    if connection.vendor == "sqlite":
        existing = {**report, **({"postgresql": existing["postgresql"]} if "postgresql" in existing else {})}
    else:
        existing["postgresql"] = report
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(existing, indent=2, ensure_ascii=False) + "\n")
    _print(report)
    return report


def _print(report: dict[str, Any]) -> None:
    indexing, latency, quality = report["indexing"], report["latency"], report["quality"]
    print(
        f"  {report['engine']}: {report['documents']} documents indexed in {indexing['seconds']} s "
        f"({indexing['documents_per_second']}/s); baseline {report['baseline_indexing']['seconds']} s"
    )
    for name in ("anonymous", "partner", "baseline_anonymous", "baseline_partner"):
        f = latency[name]
        print(f"  {name:<19} p50 {f['p50_ms']:>7.2f} ms   p95 {f['p95_ms']:>7.2f} ms   p99 {f['p99_ms']:>7.2f} ms")
    for name in ("engine", "baseline"):
        q = quality[name]
        print(f"  {name:<19} MRR {q['mrr']:.3f}   recall@10 {q['recall_at_10']:.3f}   misses {len(q['misses'])}")
    print(f"  targets: p95 <= {TARGET_P95_MS} ms, MRR >= {TARGET_MRR}")


if __name__ == "__main__":
    main()
