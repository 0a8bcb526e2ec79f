"""The public directory: anonymous, vetted experts only, published fields only."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from hamkor.core.models import Country
from hamkor.council import services
from hamkor.council.models import Expert


@pytest.fixture
def experts(world):
    uz = Country.objects.get(code="UZ")

    def make(name, publish, vet=True, **extra):
        expert = services.create_expert(
            None, name=name, country=uz, disciplines=["psychology"], languages=["uz"], publish_fields=publish, **extra
        )
        if vet:
            services.vet_expert(None, expert, Expert.Vetting.VETTED)
        return expert

    return {
        "open": make(
            "Dilnoza Karimova",
            ["name", "biography"],
            name_cyrillic="Дилноза Каримова",
            biography="Works with children.",
            expertise_tags=["secret tag"],
        ),
        "private": make("Hidden Name", ["biography"], biography="Not public."),
        "pending": make("Pending Person", ["name", "biography"], vet=False),
    }


def test_public_directory_works_without_signing_in_and_lists_only_vetted_published_experts(experts):
    response = Client().get(reverse("council:public_directory"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Dilnoza Karimova" in body
    assert "Hidden Name" not in body
    assert "Pending Person" not in body


def test_public_profile_shows_only_published_fields(experts):
    body = Client().get(reverse("council:public_expert", args=[experts["open"].pk])).content.decode()
    assert "Works with children." in body
    assert "secret tag" not in body
    assert "Psychology" not in body  # disciplines not published


def test_public_profile_of_an_unpublished_or_pending_expert_is_not_found(experts):
    assert Client().get(reverse("council:public_expert", args=[experts["private"].pk])).status_code == 404
    assert Client().get(reverse("council:public_expert", args=[experts["pending"].pk])).status_code == 404


def test_public_search_crosses_scripts_but_never_matches_unpublished_data(experts):
    client = Client()
    assert "Dilnoza Karimova" in client.get(reverse("council:public_directory"), {"q": "Дилноза"}).content.decode()
    assert "Dilnoza Karimova" not in client.get(reverse("council:public_directory"), {"q": "secret"}).content.decode()
    # Disciplines are not published, so filtering by one cannot single the expert out.
    assert (
        "Dilnoza Karimova"
        not in client.get(reverse("council:public_directory"), {"discipline": "psychology"}).content.decode()
    )


def test_suspending_an_expert_removes_them_from_the_public_directory(experts, persona):
    services.vet_expert(persona["programme_officer"], experts["open"], Expert.Vetting.SUSPENDED, reason="Review.")
    assert "Dilnoza Karimova" not in Client().get(reverse("council:public_directory")).content.decode()
