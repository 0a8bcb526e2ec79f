"""Shared fixtures: a small world of countries and organisations, and a persona per role, built through services."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from hamkor.core import services
from hamkor.core.models import Organisation, User
from hamkor.core.roles import Role

PASSWORD = "correct horse battery staple"


@pytest.fixture
def world(db: Any) -> dict[str, Organisation]:
    """Uzbekistan and Kazakhstan, a UN office that works across borders, and a provider in each country."""
    services.ensure_country("UZ", "UZB", "Uzbekistan", "Узбекистан", "Oʻzbekiston")
    services.ensure_country("KZ", "KAZ", "Kazakhstan", "Казахстан", "Qozogʻiston")
    kind = Organisation.Kind
    return {
        "un": services.create_organisation(None, name="UN Office", short_name="UNO", kind=kind.UN_ENTITY),
        "uz": services.create_organisation(None, name="Tashkent Centre", kind=kind.SERVICE_PROVIDER, country_id="UZ"),
        "kz": services.create_organisation(None, name="Almaty Agency", kind=kind.GOVERNMENT_AGENCY, country_id="KZ"),
    }


@pytest.fixture
def make_user(world: dict[str, Organisation]) -> Callable[..., User]:
    counter = iter(range(1, 10_000))

    def make(role: str, org: str = "uz", name: str = "", clearances: tuple[str, ...] = ()) -> User:
        n = next(counter)
        return services.create_user(
            None,
            email=f"{role.replace('_', '-')}-{n}@example.org",
            full_name=name or f"{Role(role).label} {n}",
            organisation=world[org],
            roles=[role],
            password=PASSWORD,
            clearances=clearances,
        )

    return make


@pytest.fixture
def persona(make_user: Callable[..., User]) -> dict[str, User]:
    """One user per role: national roles in Uzbekistan, the oversight officer and admin at the UN office.
    The case worker and supervisor are cleared for child protection; nobody holds a note compartment."""
    people = {role.value: make_user(role.value) for role in Role}
    for role in (Role.CASE_WORKER, Role.CASE_SUPERVISOR):
        people[role.value] = make_user(role.value, clearances=("child_protection",))
    people["administrator"] = make_user(Role.ADMINISTRATOR, "un", "Global Admin")
    people["oversight_officer"] = make_user(Role.OVERSIGHT_OFFICER, "un", "Global Oversight")
    return people


def verified_client(user: User) -> Client:
    """A test client signed in as ``user`` who has proved the second factor."""
    client = Client()
    client.force_login(user)
    device, _created = TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "test"})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def client_for() -> Callable[[User], Client]:
    return verified_client
