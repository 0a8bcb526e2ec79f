"""Scale benchmark of case management: 100,000 people in 40,000 families, 10 assessments each.

    python -m bench.cases [--people 100000] [--postgres] [--repeat 40] [--fresh]

Generates the data once per size into its own database (SQLite under var/bench/, or the PostgreSQL database
``hamkor_bench`` with --postgres) and reuses it on later runs. Then it measures, through the whole request
stack (middleware, policy, audit writes, templates), p50 and p95 of: the case list (filtered, 50 rows), the
case page, a name search across scripts, and the statistics dashboard (warm: the same filters again; cold: a
filter nobody asked for), and of the worker's rebuild of the statistics (a background job, not a page); and the
number of SQL queries of each. Results go to bench/results/cases.json, keyed by database.
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
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results" / "cases.json"

# Name pairs (Latin, Cyrillic) as they are written in the region; a person gets both spellings.
GIVEN_F = [
    ("Dilnoza", "Дилноза"),
    ("Gulnora", "Гулнора"),
    ("Shahnoza", "Шаҳноза"),
    ("Madina", "Мадина"),
    ("Zarina", "Зарина"),
    ("Nodira", "Нодира"),
    ("Malika", "Малика"),
    ("Feruza", "Феруза"),
    ("Aigerim", "Айгерім"),
    ("Saule", "Сауле"),
    ("Aziza", "Азиза"),
    ("Kamola", "Камола"),
    ("Mohira", "Моҳира"),
    ("Sevara", "Севара"),
    ("Umida", "Умида"),
    ("Lola", "Лола"),
]
GIVEN_M = [
    ("Jasur", "Жасур"),
    ("Aziz", "Азиз"),
    ("Bekzod", "Бекзод"),
    ("Sardor", "Сардор"),
    ("Nurlan", "Нұрлан"),
    ("Timur", "Тимур"),
    ("Otabek", "Отабек"),
    ("Ulugʻbek", "Улуғбек"),
    ("Akmal", "Акмал"),
    ("Daniyar", "Данияр"),
    ("Farrux", "Фаррух"),
    ("Ilhom", "Илҳом"),
]
FAMILY = [
    ("Karimov", "Каримов"),
    ("Yusupov", "Юсупов"),
    ("Rahimov", "Раҳимов"),
    ("Ergashev", "Эргашев"),
    ("Saidov", "Саидов"),
    ("Nazarov", "Назаров"),
    ("Hasanov", "Ҳасанов"),
    ("Toshmatov", "Тошматов"),
    ("Akhmetov", "Ахметов"),
    ("Nurmatov", "Нурматов"),
    ("Qodirov", "Қодиров"),
    ("Mirzayev", "Мирзаев"),
    ("Abdullayev", "Абдуллаев"),
    ("Sultanov", "Султонов"),
    ("Umarov", "Умаров"),
    ("Xolmatov", "Холматов"),
]
COUNTRIES = [
    ("UZ", "UZB", "Uzbekistan", "Узбекистан", "Oʻzbekiston"),
    ("KZ", "KAZ", "Kazakhstan", "Казахстан", "Qozogʻiston"),
    ("KG", "KGZ", "Kyrgyzstan", "Кыргызстан", "Qirgʻiziston"),
    ("TJ", "TJK", "Tajikistan", "Таджикистан", "Tojikiston"),
    ("TM", "TKM", "Turkmenistan", "Туркменистан", "Turkmaniston"),
]
REGIONS = ["North", "South", "East", "West", "Capital"]
STATUSES = ["registration", "assessment", "planning", "services", "services", "review", "closed"]


def configure(database_url: str) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hamkor.test_settings")
    os.environ["HAMKOR_DATABASE_URL"] = database_url
    import django

    django.setup()


def _female_name(rng: random.Random, family: tuple[str, str]) -> list[dict[str, str]]:
    given = rng.choice(GIVEN_F)
    return [
        {"given": given[0], "family": family[0] + "a", "script": "latin"},
        {"given": given[1], "family": family[1] + "а", "script": "cyrillic"},
    ]


def _names(rng: random.Random, family: tuple[str, str], sex: str) -> list[dict[str, str]]:
    if sex == "female":
        return _female_name(rng, family)
    given = rng.choice(GIVEN_M)
    return [
        {"given": given[0], "family": family[0], "script": "latin"},
        {"given": given[1], "family": family[1], "script": "cyrillic"},
    ]


def generate(
    people: int, *, seed: int = 7, assessments: int = 10, log: Callable[[str], None] = print
) -> dict[str, Any]:
    """Bulk-load ``people`` people (mothers with one or two children) with cases, consents, ten assessments,
    a goal and an intervention each, spread over 20 organisations in five countries. Returns the users to
    measure with."""
    from django.db import transaction

    from hamkor.cases import codes
    from hamkor.cases.domains import Domain
    from hamkor.cases.identity import Identity
    from hamkor.cases.models import (
        Assessment,
        Case,
        CaseEvent,
        Consent,
        Family,
        FamilyMember,
        Goal,
        Instrument,
        Intervention,
        Person,
        PersonNameKey,
        ScoreSummary,
    )
    from hamkor.cases.models.summary import summary_scores
    from hamkor.core import services as core
    from hamkor.core.crypto import keyring
    from hamkor.core.models import Organisation, User

    domains = list(Domain.values)
    rng = random.Random(seed)  # reproducible benchmark data, not secrets
    ring = keyring()
    for row in COUNTRIES:
        core.ensure_country(*row)
    orgs: list[Organisation] = []
    workers: list[User] = []
    for code, *_country_names in COUNTRIES:
        for n in range(4):
            org = core.create_organisation(
                None, name=f"Bench centre {code}-{n}", kind="service_provider", country_id=code
            )
            orgs.append(org)
            workers.append(
                core.create_user(
                    None,
                    email=f"worker-{code.lower()}-{n}@bench.local",
                    full_name=f"Bench worker {code}-{n}",
                    organisation=org,
                    roles=["case_worker"],
                    clearances=["child_protection"],
                )
            )
    un = core.create_organisation(None, name="Bench UN office", kind="un_entity")
    analyst = core.create_user(
        None, email="analyst@bench.local", full_name="Bench analyst", organisation=un, roles=["analyst"]
    )
    instrument = Instrument.objects.get(code="reintegration-needs-strengths", version="1.0")
    today = date.today()
    now = datetime.now(UTC)
    used_codes: set[str] = set()
    made = 0
    batch_families = 2000
    started = time.perf_counter()
    while made < people:
        with transaction.atomic():
            families, persons = [], []
            for _ in range(batch_families):
                if made >= people:
                    break
                org_index = rng.randrange(len(orgs))
                org = orgs[org_index]
                size = min(rng.choice([2, 2, 3]), people - made)
                family_name = rng.choice(FAMILY)
                while (code := codes.family_code(org.country_id or "UZ", rng)) in used_codes:
                    pass
                used_codes.add(code)
                families.append(Family(code=code, organisation=org, country_id=org.country_id, created_at=now))
                for member in range(size):
                    sex = "female" if member == 0 else rng.choice(["female", "male"])
                    age = rng.randint(22, 45) if member == 0 else rng.randint(0, 17)
                    born = today - timedelta(days=age * 365 + rng.randint(1, 360))
                    while (pcode := codes.pseudonym(org.country_id or "UZ", rng)) in used_codes:
                        pass
                    used_codes.add(pcode)
                    identity = Identity.model_validate(
                        {"names": _names(rng, family_name, sex), "birth_date": born, "sex": sex}
                    )
                    persons.append(
                        (
                            Person(
                                code=pcode,
                                identity=identity.model_dump(mode="json"),
                                sex=sex,
                                birth_year=born.year,
                                organisation=org,
                                country_id=org.country_id,
                                created_at=now,
                            ),
                            identity,
                            org_index,
                            len(families) - 1,
                            member,
                            age,
                        )
                    )
                    made += 1
            Family.objects.bulk_create(families)
            Person.objects.bulk_create([p for p, *_rest in persons])
            keys, members, cases = [], [], []
            for person, identity, org_index, family_index, member, age in persons:
                keys.extend(
                    PersonNameKey(person=person, key_id=ring.current.key_id, digest=ring.blind_index(w)[1])
                    for w in identity.name_words()
                )
                members.append(
                    FamilyMember(
                        family=families[family_index],
                        person=person,
                        relationship="mother" if member == 0 else "child",
                        is_guardian=member == 0,
                    )
                )
                opened = now - timedelta(days=rng.randint(30, 1000))
                status = rng.choice(STATUSES)
                cases.append(
                    Case(
                        code=f"{person.code}/1",
                        person=person,
                        organisation=orgs[org_index],
                        country_id=person.country_id,
                        status=status,
                        closure="reintegrated" if status == "closed" else "",
                        worker=workers[org_index],
                        opened_at=opened,
                        closed_at=now if status == "closed" else None,
                        is_child=age < 18,
                        region=rng.choice(REGIONS),
                    )
                )
            PersonNameKey.objects.bulk_create(keys)
            FamilyMember.objects.bulk_create(members)
            Case.objects.bulk_create(cases)
            consents, rows, goals, events, summaries = [], [], [], [], []
            for case, (person, _identity, org_index, *_rest) in zip(cases, persons, strict=True):
                for purpose in ("services", "statistics"):
                    consents.append(
                        Consent(
                            person=person,
                            purpose=purpose,
                            text_version="2024-1",
                            given_on=case.opened_at.date(),
                            recorded_by=workers[org_index],
                            recorded_at=case.opened_at,
                        )
                    )
                base = {d: rng.randint(0, 2) for d in domains}
                made_scores = []
                for i in range(assessments):
                    day = case.opened_at + timedelta(days=20 + 30 * i)
                    scores = {d: min(4, v + rng.randint(0, i // 3)) for d, v in base.items()}
                    made_scores.append((day.date(), scores))
                    rows.append(
                        Assessment(
                            case=case,
                            instrument=instrument,
                            assessed_on=day.date(),
                            assessor=workers[org_index],
                            scores=scores,
                            narratives={},
                            recorded_at=day,
                        )
                    )
                if made_scores:  # what the assessment service keeps for each case
                    (first_on, first), (latest_on, latest) = made_scores[0], made_scores[-1]
                    summaries.append(
                        ScoreSummary(
                            case=case,
                            assessments=len(made_scores),
                            first_on=first_on,
                            latest_on=latest_on,
                            **summary_scores(first, latest),
                        )
                    )
                goals.append(Goal(case=case, domain=rng.choice(domains), description="Bench goal", created_at=now))
                events.append(
                    CaseEvent(
                        case=case, at=case.opened_at, kind="registered", summary="Registered", actor=workers[org_index]
                    )
                )
            Consent.objects.bulk_create(consents)
            Assessment.objects.bulk_create(rows, batch_size=5000)
            ScoreSummary.objects.bulk_create(summaries, batch_size=5000)
            Goal.objects.bulk_create(goals)
            CaseEvent.objects.bulk_create(events)
            Intervention.objects.bulk_create(
                [
                    Intervention(goal=g, kind="documents", due_on=today + timedelta(days=rng.randint(-20, 40)))
                    for g in goals
                ]
            )
        log(f"  {made:>7} people ({time.perf_counter() - started:.0f} s)")
    # What the daily optimize task does in production: planner statistics for the new tables; on PostgreSQL
    # also the visibility map that autovacuum would set after a bulk load, or index-only scans read the heap.
    from django.db import connection

    with connection.cursor() as cursor:
        vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block  # not inside a test
        cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
    return {"worker": workers[0].email, "analyst": analyst.email, "seconds": time.perf_counter() - started}


def _client(email: str) -> Any:
    from hamkor.conftest import verified_client
    from hamkor.core.models import User

    return verified_client(User.objects.get(email=email))


def _timed(client: Any, paths: list[Any]) -> tuple[list[float], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    timings, queries = [], 0
    for path in paths:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            # A name search is a POST (no name in a URL): (path, body); every other page is a GET.
            response = client.post(*path) if isinstance(path, tuple) else client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")
        queries = max(queries, len(captured))
    return timings, queries


def _summary(timings: list[float], queries: int) -> dict[str, float | int]:
    ordered = sorted(timings)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "p50_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(p95, 1),
        "queries": queries,
        "samples": len(ordered),
    }


def measure(users: dict[str, Any], *, repeat: int = 40, seed: int = 11) -> dict[str, dict[str, float | int]]:
    """p50/p95 and query counts of the four pages, each warmed up first, and of the statistics' rebuild."""
    from django.db.models import Count
    from django.urls import reverse

    from hamkor.cases.models import Case, Person
    from hamkor.core.models import User

    rng = random.Random(seed)
    busiest = Case.objects.values("worker").annotate(n=Count("pk")).order_by("-n").first()
    worker = User.objects.get(pk=busiest["worker"]) if busiest else User.objects.get(email=users["worker"])
    client = _client(worker.email)
    own = list(Case.objects.filter(organisation=worker.organisation).values_list("code", flat=True)[:2000])
    sample = [rng.choice(own) for _ in range(repeat + 3)]
    own_people = list(Person.objects.filter(organisation=worker.organisation)[:500])
    people = [rng.choice(own_people) for _ in range(repeat + 3)]
    pages: dict[str, list[Any]] = {
        "case_list": [
            f"{reverse('cases:list')}?status={s}&page={rng.randint(1, 3)}"
            for s in (rng.choice(["services", "review", "planning"]) for _ in range(repeat + 3))
        ],
        "case_page": [reverse("cases:detail", args=code.split("/")) for code in sample],
        # The Cyrillic spelling of a name that is stored with a Latin one too: the blind index meets both.
        "name_search": [(reverse("cases:list"), {"q": p.identity["names"][1]["family"]}) for p in people],
    }
    results = {}
    for name, paths in pages.items():
        _timed(client, paths[:3])
        results[name] = _summary(*_timed(client, paths[3:]))
    results |= _measure_statistics(users, repeat=repeat, rng=rng)
    return results


def _statistics_filters(rng: random.Random, count: int) -> list[str]:
    """``count`` different filters of one to five conditions, none asked before (the years are this one and the
    two before, as the generated cases were opened). The more conditions, the more wider filters an answer is
    checked against (up to 31)."""
    from urllib.parse import urlencode

    this_year = date.today().year
    values: dict[str, list[Any]] = {
        "country": [row[0] for row in COUNTRIES],
        "status": sorted(set(STATUSES)),
        "sex": ["female", "male"],
        "age_band": ["0-4", "5-11", "12-17", "18-24", "25-34", "35-44"],
        "year_opened": [this_year - 2, this_year - 1, this_year],
    }
    chosen: set[tuple[tuple[str, Any], ...]] = set()
    while len(chosen) < count:
        dimensions = rng.sample(sorted(values), rng.randint(1, len(values)))
        chosen.add(tuple((d, rng.choice(values[d])) for d in sorted(dimensions)))
    ordered = sorted(chosen)
    rng.shuffle(ordered)
    return ["?" + urlencode(list(items)) for items in ordered]


def _measure_statistics(users: dict[str, Any], *, repeat: int, rng: random.Random) -> dict[str, dict[str, Any]]:
    """The statistics dashboard, warm and cold, and the worker's rebuild of the figures it reads.

    Every filter is summed from one cube that the worker rebuilds every ten minutes (hamkor/cases/statistics.py),
    so a filter nobody asked for costs what a repeated one does: "cold" is a different filter on every request,
    none asked before. The rebuild itself is a background job, not a page: it is timed with the cache emptied,
    which is also what the first request pays when the worker has not run for fifteen minutes.
    """
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from hamkor.cases.statistics import refresh_statistics

    results: dict[str, dict[str, Any]] = {}
    rebuilds, rebuild_queries = [], 0
    for _ in range(3):
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            refresh_statistics()
            rebuilds.append((time.perf_counter() - started) * 1000)
        rebuild_queries = len(captured)
    results["statistics_refresh"] = _summary(rebuilds, rebuild_queries)

    stats_url = reverse("cases:statistics_dashboard")
    analyst = _client(users["analyst"])
    filters = ["", "?sex=female", "?status=services", "?country=UZ"]
    paths = [stats_url + filters[i % len(filters)] for i in range(repeat + len(filters))]
    _timed(analyst, paths[: len(filters)])
    results["statistics"] = _summary(*_timed(analyst, paths[len(filters) :]))
    cold = [stats_url + query for query in _statistics_filters(rng, repeat)]
    results["statistics_cold"] = _summary(*_timed(analyst, cold))
    return results


def machine() -> dict[str, Any]:
    from django.db import connection

    return {
        "platform": platform.platform(),
        "processor": platform.processor() or platform.machine(),
        "cpus": os.cpu_count(),
        "python": sys.version.split()[0],
        "database": connection.vendor,
        "database_version": ".".join(map(str, connection.Database.sqlite_version_info))
        if connection.vendor == "sqlite"
        else str(connection.pg_version),
    }


def main(argv: list[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=40)
    parser.add_argument("--postgres", action="store_true", help="use PostgreSQL at 127.0.0.1 (database hamkor_bench)")
    parser.add_argument("--fresh", action="store_true", help="regenerate the data even if it exists")
    parser.add_argument("--out", type=Path, default=RESULTS)
    args = parser.parse_args(argv)

    if args.postgres:
        url = os.environ.get("HAMKOR_BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/hamkor_bench")
        _ensure_pg_database(url)
    else:
        path = ROOT / "var" / "bench" / f"cases-{args.people}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        if args.fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    configure(url)
    from django.core.management import call_command

    from hamkor.core.models import User

    if args.postgres and args.fresh:
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    users = {"worker": "worker-uz-0@bench.local", "analyst": "analyst@bench.local"}
    generation = None
    if not User.objects.filter(email=users["worker"]).exists():
        print(f"Generating {args.people} people ...")
        generation = generate(args.people)["seconds"]
    print("Measuring ...")
    pages = measure(users, repeat=args.repeat)
    from django.db import connection

    report: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "people": args.people,
        "assessments_per_case": 10,
        "repeat": args.repeat,
        "target_p95_ms": 150,
        "machine": machine(),
        **pages,
    }
    if generation is not None:
        report["generation_seconds"] = round(generation, 1)
    # SQLite (the target) at the top level, PostgreSQL under its own key.
    existing = json.loads(args.out.read_text()) if args.out.exists() else {}
    if connection.vendor == "sqlite":
        existing = {**report, **({"postgresql": existing["postgresql"]} if "postgresql" in existing else {})}
    else:
        existing["postgresql"] = report
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(existing, indent=2, ensure_ascii=False) + "\n")
    for name, figures in pages.items():
        print(
            f"  {name:<12} p50 {figures['p50_ms']:>7.1f} ms   p95 {figures['p95_ms']:>7.1f} ms   "
            f"{figures['queries']} queries"
        )
    return report


def _ensure_pg_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


if __name__ == "__main__":
    main()
