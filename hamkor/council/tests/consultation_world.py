"""Builders shared by the consultation tests: a small Council across two countries and three disciplines, and
a dossier sent to the Council by a case worker in Uzbekistan."""

from __future__ import annotations

from datetime import date
from typing import Any

from hamkor.cases import services as case_services
from hamkor.cases.identity import Identity
from hamkor.cases.models import Dossier
from hamkor.cases.services import dossiers
from hamkor.cases.tests.factories import send_approved
from hamkor.core.models import Country
from hamkor.core.roles import Role
from hamkor.council import services
from hamkor.council.models import Expert

# name, country, disciplines, languages
PANEL = [
    ("Aigerim Nurlanovna", "KZ", ["psychology"], ["kk", "ru"]),
    ("Bahodir Yusupov", "UZ", ["theology"], ["uz", "ru"]),
    ("Dana Seitkali", "KZ", ["social_work"], ["kk", "ru", "en"]),
]


def council(make_user: Any, officer: Any) -> dict[str, Expert]:
    """Three vetted experts who are platform users, plus a conflicted psychologist (UZ declared)."""
    experts: dict[str, Expert] = {}
    for name, country, disciplines, languages in PANEL:
        user = make_user(Role.COUNCIL_EXPERT, "kz" if country == "KZ" else "uz", name)
        expert = services.create_expert(
            officer,
            name=name,
            country=Country.objects.get(code=country),
            disciplines=disciplines,
            languages=languages,
            user=user,
        )
        services.vet_expert(officer, expert, Expert.Vetting.VETTED)
        experts[disciplines[0]] = expert
    conflicted = services.create_expert(
        officer,
        name="Conflicted Psychologist",
        country=Country.objects.get(code="KZ"),
        disciplines=["psychology", "theology"],
        languages=["ru"],
        user=make_user(Role.COUNCIL_EXPERT, "kz", "Conflicted Psychologist"),
    )
    services.vet_expert(officer, conflicted, Expert.Vetting.VETTED)
    services.declare_conflict(officer, conflicted, country=Country.objects.get(code="UZ"))
    experts["conflicted"] = conflicted
    return experts


def sent_dossier(worker: Any, given: str = "Shahlo", family: str = "Tursunova") -> Dossier:
    identity = Identity.model_validate(
        {"names": [{"given": given, "family": family}], "birth_date": "1987-06-21", "sex": "female"}
    )
    person, case = case_services.register_person(worker, identity)
    case_services.record_consent(worker, person, "council", text_version="2025-1", given_on=date(2025, 1, 5))
    return send_approved(worker, dossiers.build_dossier(worker, case, text="Attends evening classes."))


def seat(user: Any, dossier: Dossier) -> None:
    """Seat a Council expert's user (given a vetted profile if they have none) on the confirmed panel of a new
    consultation on ``dossier``, asked by the worker who built it: the only way an expert reads a dossier."""
    from hamkor.council.models import Consultation

    expert = Expert.objects.filter(user=user).first()
    if expert is None:
        expert = services.create_expert(
            None, name=user.full_name, country=Country.objects.get(code="KZ"), disciplines=["psychology"],
            languages=["ru"], user=user,
        )  # fmt: skip
        services.vet_expert(None, expert, Expert.Vetting.VETTED)
    consultation = services.request_consultation(
        dossier.built_by,
        kind=Consultation.Kind.DOSSIER,
        question="What support would help most now?",
        disciplines=expert.disciplines,
        languages=[],
        deadline=date(2099, 1, 1),
        dossier_code=dossier.code,
    )
    services.propose_panel(None, consultation)
    services.confirm_panel(None, consultation, [expert])
