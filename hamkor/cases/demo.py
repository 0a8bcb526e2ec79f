"""Fictional families for the demo (every record marked ``is_demo``), with cases at different stages."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from hamkor.cases import services
from hamkor.cases.identity import Identity
from hamkor.cases.models import Family, Person
from hamkor.core.models import User

SCORES_START = {
    "psychosocial": 1,
    "physical_health": 2,
    "education": 1,
    "livelihood": 1,
    "family": 2,
    "religious": 2,
    "legal": 0,
    "housing": 1,
    "community": 1,
}
SCORES_LATER = {**SCORES_START, "psychosocial": 2, "education": 3, "legal": 2, "community": 2}
INSTRUMENT: dict[str, Any] = {"instrument_code": "reintegration-needs-strengths", "version": "1.0"}


def _who(given: str, family: str, cyrillic: tuple[str, str], born: date, sex: str, **extra: Any) -> Identity:
    names = [
        {"given": given, "family": family, "script": "latin"},
        {"given": cyrillic[0], "family": cyrillic[1], "script": "cyrillic"},
    ]
    return Identity.model_validate({"names": names, "birth_date": born, "sex": sex, **extra})


def _years_ago(today: date, years: int, month: int, day: int) -> date:
    return date(today.year - years, month, day)


def seed_cases() -> None:
    """Idempotent: does nothing once demo people exist."""
    if Person.objects.filter(is_demo=True).exists():
        return
    worker = User.objects.filter(email="caseworker@demo.hamkor.local").first()
    kz_worker = User.objects.filter(email="caseworker-kz@demo.hamkor.local").first()
    if worker is None or kz_worker is None:
        return
    rng = random.Random(20240514)  # noqa: S311 - demo codes only need to be reproducible, not secret
    now = timezone.now()
    today = now.date()
    start = now - timedelta(days=400)
    _karimov_family(worker, today, start, rng)
    _yusupov_family(worker, today, start, rng)
    _akhmetov_family(kz_worker, today, start, rng)


def _register(actor: User, who: Identity, at: datetime, rng: random.Random, **kwargs: Any) -> Any:
    return services.register_person(actor, who, now=at, rng=rng, is_demo=True, **kwargs)


def _consent(
    actor: User, person: Person, at: datetime, guardian: Person | None = None, assent: bool | None = None
) -> None:
    services.record_consent(
        actor,
        person,
        "services",
        text_version="2024-1",
        given_on=at.date(),
        guardian=guardian,
        child_assent=assent,
        now=at,
    )


def _advance(actor: User, case: Any, until: str, at: datetime, scores: list[dict[str, int]]) -> None:
    """Walk a case through the lifecycle up to ``until``, with assessments a few months apart."""
    order = ["assessment", "planning", "services", "review", "closed"]
    step = timedelta(days=20)
    for status in order[: order.index(until) + 1]:
        at += step
        if status == "planning":
            for i, one in enumerate(scores):
                day = at - step + timedelta(days=90 * i)
                services.record_assessment(actor, case, assessed_on=day.date(), scores=one, **INSTRUMENT, now=day)
        if status == "services":
            goal = services.add_goal(
                actor, case, domain="legal", description="Birth certificate and residence registration", now=at
            )
            services.add_intervention(actor, goal, kind="documents", due_on=(at + timedelta(days=45)).date(), now=at)
            goal = services.add_goal(
                actor, case, domain="psychosocial", description="Weekly sessions with the psychologist", now=at
            )
            services.add_intervention(
                actor, goal, kind="psychosocial", due_on=timezone.now().date() + timedelta(days=5), now=at
            )
        closure = "reintegrated" if status == "closed" else ""
        services.transition_case(actor, case, status, closure=closure, now=at + timedelta(days=200 if closure else 0))


def _mother(worker: User, who: Identity, at: datetime, rng: random.Random) -> tuple[Person, Any, Family]:
    """A mother who starts a new family as the guardian of its children."""
    mother, case = _register(worker, who, at, rng, new_family=True, relationship="mother", is_guardian=True)
    return mother, case, Family.objects.get(members__person=mother)


def _child(worker: User, family: Family, who: Identity, at: datetime, rng: random.Random) -> tuple[Person, Any]:
    return _register(worker, who, at, rng, family=family, relationship="child")


def _karimov_family(worker: User, today: date, at: datetime, rng: random.Random) -> None:
    mother, mother_case, family = _mother(
        worker,
        _who(
            "Dilnoza",
            "Karimova",
            ("Дилноза", "Каримова"),
            _years_ago(today, 33, 3, 14),
            "female",
            place_of_birth="Andijon",
            nationality="Uzbekistan",
        ),
        at,
        rng,
    )
    son, son_case = _child(
        worker,
        family,
        _who("Jasur", "Karimov", ("Жасур", "Каримов"), _years_ago(today, 11, 9, 2), "male", place_of_birth="Andijon"),
        at,
        rng,
    )
    daughter, daughter_case = _child(
        worker,
        family,
        _who(
            "Madina",
            "Karimova",
            ("Мадина", "Каримова"),
            _years_ago(today, 5, 1, 20),
            "female",
            place_of_birth="Raqqa, Syria",
            documents=[{"kind": "birth_certificate", "status": "missing"}],
        ),
        at,
        rng,
    )
    _consent(worker, mother, at)
    _consent(worker, son, at, guardian=mother, assent=True)
    _consent(worker, daughter, at, guardian=mother)
    _advance(worker, mother_case, "services", at, [SCORES_START, SCORES_LATER])
    _advance(worker, son_case, "review", at, [SCORES_START, SCORES_LATER])
    _advance(worker, daughter_case, "assessment", at, [])
    services.add_note(
        worker,
        son_case,
        compartment="general",
        body="Attends school in the mahalla; teacher reports progress.",
        now=at + timedelta(days=120),
    )
    services.add_note(
        worker,
        mother_case,
        compartment="psychosocial",
        body="Sleeps better since the sessions began; still anxious about her husband's fate.",
        now=at + timedelta(days=150),
    )


def _yusupov_family(worker: User, today: date, at: datetime, rng: random.Random) -> None:
    mother, mother_case, family = _mother(
        worker,
        _who("Shahnoza", "Yusupova", ("Шаҳноза", "Юсупова"), _years_ago(today, 29, 7, 8), "female"),
        at,
        rng,
    )
    child, child_case = _child(
        worker,
        family,
        _who("Aziz", "Yusupov", ("Азиз", "Юсупов"), _years_ago(today, 9, 4, 30), "male", place_of_birth="Mosul, Iraq"),
        at,
        rng,
    )
    _consent(worker, mother, at)
    _consent(worker, child, at, guardian=mother, assent=True)
    _advance(worker, child_case, "closed", at, [SCORES_START, SCORES_LATER])
    _advance(worker, mother_case, "planning", at, [SCORES_START])


def _akhmetov_family(worker: User, today: date, at: datetime, rng: random.Random) -> None:
    mother, mother_case, family = _mother(
        worker,
        _who("Aigerim", "Akhmetova", ("Айгерім", "Ахметова"), _years_ago(today, 31, 2, 11), "female"),
        at,
        rng,
    )
    _child(
        worker,
        family,
        _who("Nurlan", "Akhmetov", ("Нұрлан", "Ахметов"), _years_ago(today, 7, 12, 1), "male"),
        at,
        rng,
    )
    _consent(worker, mother, at)
    _advance(worker, mother_case, "assessment", at, [])
