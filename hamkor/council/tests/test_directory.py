"""The partner directory: cross-script search and filters."""

from __future__ import annotations

import pytest

from hamkor.core.models import Country
from hamkor.council import queries, services
from hamkor.council.models import Expert
from hamkor.council.queries import DirectoryFilters


def _expert(name, cyrillic="", *, country="UZ", disciplines=("psychology",), languages=("uz", "ru"), tags=(), vet=True):
    expert = services.create_expert(
        None,
        name=name,
        name_cyrillic=cyrillic,
        country=Country.objects.get(code=country),
        disciplines=disciplines,
        languages=languages,
        expertise_tags=tags,
    )
    if vet:
        services.vet_expert(None, expert, Expert.Vetting.VETTED)
    return expert


def _names(user, **filters):
    return [e.name for e in queries.experts(user, DirectoryFilters(**filters))]


@pytest.fixture
def directory(world):
    return {
        "dilnoza": _expert("Dilnoza Karimova", tags=("reintegratsiya", "trauma therapy")),
        "rustam": _expert(
            "Рустам Абдуллаев", "Рустам Абдуллаев", country="KZ", disciplines=("theology",), languages=("kk", "ru")
        ),
        "aigerim": _expert(
            "Aigerim Nurlanovna",
            "Айгерим Нурлановна",
            country="KZ",
            disciplines=("social_work", "psychiatry"),
            languages=("kk", "en"),
        ),
    }


def test_cyrillic_query_finds_latin_name(directory, persona):
    assert _names(persona["programme_officer"], q="Дилноза") == ["Dilnoza Karimova"]


def test_latin_query_finds_cyrillic_name(directory, persona):
    assert _names(persona["programme_officer"], q="Rustam") == ["Рустам Абдуллаев"]
    assert _names(persona["programme_officer"], q="abdullayev") == ["Рустам Абдуллаев"]


def test_query_words_all_must_match_and_may_be_prefixes(directory, persona):
    assert _names(persona["programme_officer"], q="Айгерим Nurl") == ["Aigerim Nurlanovna"]
    assert _names(persona["programme_officer"], q="Dilnoza Nurlanovna") == []


def test_tags_are_searchable_across_scripts(directory, persona):
    assert _names(persona["programme_officer"], q="реинтеграция") == ["Dilnoza Karimova"]


def test_filters_by_discipline_language_and_country(directory, persona):
    officer = persona["programme_officer"]
    assert _names(officer, discipline="psychiatry") == ["Aigerim Nurlanovna"]
    assert _names(officer, discipline="psychology") == ["Dilnoza Karimova"]
    assert _names(officer, language="kk") == ["Aigerim Nurlanovna", "Рустам Абдуллаев"]
    assert _names(officer, language="kk", discipline="theology") == ["Рустам Абдуллаев"]
    assert _names(officer, country="uz") == ["Dilnoza Karimova"]


def test_filter_by_working_group(directory, persona):
    groups = {g.slug: g for g in services.ensure_working_groups()}
    services.add_member(None, groups["psychosocial-support"], directory["dilnoza"], role="chair")
    services.add_member(None, groups["accountability"], directory["rustam"])
    assert _names(persona["case_worker"], group="psychosocial-support") == ["Dilnoza Karimova"]


def test_unvetted_experts_are_seen_by_the_secretariat_only(world, persona):
    _expert("Pending Person", vet=False)
    assert _names(persona["programme_officer"], q="pending") == ["Pending Person"]
    assert _names(persona["council_expert"], q="pending") == []
    assert _names(persona["learner"]) == []


def test_renaming_refreshes_the_search_key(directory, persona):
    services.update_expert(None, directory["dilnoza"], name="Dilnoza Rahimova", name_cyrillic="Дилноза Рахимова")
    assert _names(persona["programme_officer"], q="Рахимова") == ["Dilnoza Rahimova"]
    assert _names(persona["programme_officer"], q="Karimova") == []
