"""Demo data from DOMAIN.md: countries, the partners, the December 2023 memorandum, one demo user per role.

Idempotent: running it again adds what is missing and changes nothing else (except resetting demo passwords,
so that the printed ones work). Everything fictional is marked ``is_demo``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction

from hamkor.core import services
from hamkor.core.audit import record
from hamkor.core.models import Agreement, Organisation, User
from hamkor.core.roles import Role

DEMO_PASSWORD = "Demo-Hamkor-2026"

# Other apps add their demo data here (from their AppConfig.ready); each runs after the core data exists.
EXTRA_SEEDS: list[Callable[[], None]] = []  # printed only in debug mode; demo accounts only

COUNTRIES = [
    ("UZ", "UZB", "Uzbekistan", "Узбекистан", "Oʻzbekiston"),
    ("KZ", "KAZ", "Kazakhstan", "Казахстан", "Qozogʻiston"),
    ("KG", "KGZ", "Kyrgyzstan", "Кыргызстан", "Qirgʻiziston"),
    ("TJ", "TJK", "Tajikistan", "Таджикистан", "Tojikiston"),
    ("TM", "TKM", "Turkmenistan", "Туркменистан", "Turkmaniston"),
    ("AF", "AFG", "Afghanistan", "Афганистан", "Afgʻoniston"),
    ("SY", "SYR", "Syria", "Сирия", "Suriya"),
    ("IQ", "IRQ", "Iraq", "Ирак", "Iroq"),
    ("RU", "RUS", "Russia", "Россия", "Rossiya"),
    ("TR", "TUR", "Türkiye", "Турция", "Turkiya"),
    ("US", "USA", "United States", "Соединённые Штаты", "Amerika Qoʻshma Shtatlari"),
    ("CH", "CHE", "Switzerland", "Швейцария", "Shveytsariya"),
    ("AT", "AUT", "Austria", "Австрия", "Avstriya"),
    ("ES", "ESP", "Spain", "Испания", "Ispaniya"),
    ("MT", "MLT", "Malta", "Мальта", "Malta"),
]


@dataclass(frozen=True)
class DemoOrganisation:
    key: str
    name: str
    short_name: str
    kind: str
    country: str | None
    city: str
    is_demo: bool = False


K = Organisation.Kind
ORGANISATIONS = [
    DemoOrganisation("unoct", "United Nations Office of Counter-Terrorism", "UNOCT", K.UN_ENTITY, None, "New York"),
    DemoOrganisation(
        "isrs",
        "Institute for Strategic and Regional Studies under the President of the Republic of Uzbekistan",
        "ISRS",
        K.RESEARCH_INSTITUTE,
        "UZ",
        "Tashkent",
    ),
    DemoOrganisation("uz-gov", "Government of the Republic of Uzbekistan", "", K.GOVERNMENT_AGENCY, "UZ", "Tashkent"),
    DemoOrganisation(
        "unrcca",
        "United Nations Regional Centre for Preventive Diplomacy for Central Asia",
        "UNRCCA",
        K.UN_ENTITY,
        None,
        "Ashgabat",
    ),
    DemoOrganisation(
        "osce",
        "Organization for Security and Co-operation in Europe",
        "OSCE",
        K.INTERNATIONAL_ORGANISATION,
        None,
        "Vienna",
    ),
    DemoOrganisation(
        "gcerf",
        "Global Community Engagement and Resilience Fund",
        "GCERF",
        K.INTERNATIONAL_ORGANISATION,
        None,
        "Geneva",
    ),
    DemoOrganisation(
        "iij",
        "International Institute for Justice and the Rule of Law",
        "IIJ",
        K.INTERNATIONAL_ORGANISATION,
        None,
        "Valletta",
    ),
    DemoOrganisation(
        "uz-centre", "Demo Rehabilitation Centre (Tashkent)", "", K.SERVICE_PROVIDER, "UZ", "Tashkent", is_demo=True
    ),
    DemoOrganisation(
        "uz-fiu", "Demo Financial Monitoring Unit (Uzbekistan)", "", K.GOVERNMENT_AGENCY, "UZ", "Tashkent", True
    ),
    DemoOrganisation("uz-ngo", "Demo Mahalla Support Network", "", K.CIVIL_SOCIETY, "UZ", "Namangan", is_demo=True),
    DemoOrganisation(
        "kz-social", "Demo Social Services Agency (Almaty)", "", K.GOVERNMENT_AGENCY, "KZ", "Almaty", is_demo=True
    ),
]

# role code used in the demo email -> (role, organisation key, display name)
DEMO_USERS = [
    ("admin", Role.ADMINISTRATOR, "unoct", "Demo Administrator"),
    ("programme", Role.PROGRAMME_OFFICER, "isrs", "Demo Programme Officer"),
    ("expert", Role.COUNCIL_EXPERT, "isrs", "Demo Council Expert"),
    ("caseworker", Role.CASE_WORKER, "uz-centre", "Demo Case Worker"),
    ("supervisor", Role.CASE_SUPERVISOR, "uz-centre", "Demo Case Supervisor"),
    ("analyst", Role.ANALYST, "unoct", "Demo Analyst"),
    ("screening", Role.SCREENING_OFFICER, "uz-fiu", "Demo Screening Officer"),
    ("oversight", Role.OVERSIGHT_OFFICER, "unoct", "Demo Oversight Officer"),
    ("learner", Role.LEARNER, "uz-ngo", "Demo Learner"),
    ("caseworker-kz", Role.CASE_WORKER, "kz-social", "Demo Case Worker (Kazakhstan)"),
]

DEMO_CLEARANCES = {
    "caseworker": ("child_protection", "psychosocial"),
    "supervisor": ("child_protection", "health", "psychosocial", "legal"),
    "caseworker-kz": ("child_protection",),
}

MOU_AREAS = [
    "Exchange of expert assessments and research on preventing and countering violent extremism and terrorism "
    "and their root causes",
    "Implementing all four pillars of the UN Global Counter-Terrorism Strategy in Central Asia",
    "High-level conferences, seminars and roundtables",
]


def demo_email(code: str) -> str:
    return f"{code}@demo.hamkor.local"


def seed(*, password: str = DEMO_PASSWORD) -> list[tuple[str, str]]:
    """Add the demo data; return (email, role) of each demo user."""
    with transaction.atomic():
        for row in COUNTRIES:
            services.ensure_country(*row)
        orgs: dict[str, Organisation] = {}
        for spec in ORGANISATIONS:
            existing = Organisation.objects.filter(name=spec.name).first()
            orgs[spec.key] = existing or services.create_organisation(
                None,
                name=spec.name,
                short_name=spec.short_name,
                kind=spec.kind,
                country_id=spec.country,
                city=spec.city,
                is_demo=spec.is_demo,
            )
        _seed_agreements(orgs)
        users = []
        for code, role, org_key, name in DEMO_USERS:
            email = demo_email(code)
            user = User.objects.filter(email=email).first()
            if user is None:
                user = services.create_user(
                    None,
                    email=email,
                    full_name=name,
                    organisation=orgs[org_key],
                    roles=[role],
                    is_demo=True,
                    clearances=DEMO_CLEARANCES.get(code, ()),
                )
            services.set_password(None, user, password)
            users.append((email, str(role.label)))
        record(None, "demo.seed", details={"countries": len(COUNTRIES), "organisations": len(orgs)})
        for extra in EXTRA_SEEDS:
            extra()
    return users


def _seed_agreements(orgs: dict[str, Organisation]) -> None:
    agreements: list[dict[str, Any]] = [
        {
            "title": "Memorandum of Understanding between ISRS and UNOCT",
            "kind": Agreement.Kind.MEMORANDUM,
            "parties": [orgs["isrs"], orgs["unoct"]],
            "signed_on": date(2023, 12, 5),
            "signed_place": "UN Headquarters, New York",
            "areas": MOU_AREAS,
            "summary": "ISRS joins UNOCT's group of privileged partners.",
        },
        {
            "title": "Roadmap for cooperation between Uzbekistan and UNOCT",
            "kind": Agreement.Kind.ROADMAP,
            "parties": [orgs["uz-gov"], orgs["unoct"]],
            "signed_on": date(2022, 10, 18),
            "signed_place": "",
            "areas": [],
            "summary": "The first roadmap between Uzbekistan and UNOCT.",
        },
        {
            "title": "Roadmap for cooperation between Uzbekistan and UNOCT for 2024–2025",
            "kind": Agreement.Kind.ROADMAP,
            "parties": [orgs["uz-gov"], orgs["unoct"]],
            "signed_on": None,
            "signed_place": "",
            "valid_until": date(2025, 12, 31),
            "areas": [
                "Misuse of emerging technologies for terrorist purposes",
                "Countering the financing of terrorism",
                "A counter-terrorism early-warning network",
            ],
            "summary": "The second roadmap. Signing date not recorded here (unverified).",
        },
    ]
    for fields in agreements:
        if not Agreement.objects.filter(title=fields["title"]).exists():
            parties = fields.pop("parties")
            services.create_agreement(None, parties=parties, **fields)
