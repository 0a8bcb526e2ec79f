"""The library's seed: the Tashkent Declaration and fictional items in four languages and scripts, added once."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command

from hamkor.core import search
from hamkor.core.audit import verify_chain
from hamkor.core.demo import demo_email
from hamkor.core.models import User
from hamkor.library import queries
from hamkor.library.models import Item


@pytest.fixture
def seeded(db):
    call_command("seed_demo", stdout=io.StringIO())


def test_seed_records_the_tashkent_declaration_as_a_real_public_document(seeded):
    declaration = Item.objects.get(title__startswith="Tashkent Declaration")
    assert declaration.kind == "official_document" and declaration.date == date(2022, 3, 3)
    assert declaration.status == "published" and declaration.access == "public" and not declaration.is_demo
    assert "76th session" in declaration.summary
    assert declaration in queries.public_items()


def test_seed_adds_published_practices_in_four_languages_marked_demo(seeded):
    practices = Item.objects.filter(kind="good_practice")
    assert all(p.is_demo and p.status == "published" and p.approach and p.aims and p.methods for p in practices)
    assert {lang for p in practices for lang in p.languages} >= {"ru", "uz", "uz-Cyrl", "en"}
    assert {"research_paper", "guideline", "training_material"} <= set(Item.objects.values_list("kind", flat=True))
    russian = Item.objects.get(title__startswith="Семейная поддержка")
    assert [t.languages for t in russian.translations()] == [["uz"]]


def test_seeded_items_are_found_across_scripts_and_restricted_ones_stay_hidden(seeded):
    latin = search.search(None, "reabilitatsiya")
    titles = {hit.title for hit in latin.hits}
    assert "Илоҳиёт маслаҳати орқали реабилитация" in titles
    assert any(t.startswith("Руководство") for t in titles)
    assert search.search(None, "capacity gaps", kind="library.item").total == 0
    partner = User.objects.get(email=demo_email("caseworker"))
    assert search.search(partner, "capacity gaps", kind="library.item").total == 1
    notes = "theological counselling cases"
    assert search.search(partner, notes, kind="library.item").total == 0
    member = User.objects.get(email=demo_email("supervisor"))
    assert search.search(member, notes, kind="library.item").hits[0].title.startswith("Notes on theological")


def test_seed_runs_twice_without_duplicates(seeded):
    before = Item.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert Item.objects.count() == before
    assert verify_chain()[0] is None
