from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from hamkor.cases.models import Case, Person
from hamkor.core.audit import verify_chain


@pytest.mark.django_db
def test_seed_demo_adds_fictional_families_at_different_stages_once():
    call_command("seed_demo", stdout=io.StringIO())
    statuses = set(Case.objects.values_list("status", flat=True))
    assert {"registration", "assessment", "planning", "services", "review", "closed"} <= statuses
    assert not Person.objects.filter(is_demo=False).exists()
    assert set(Case.objects.values_list("country_id", flat=True)) == {"UZ", "KZ"}
    count = Person.objects.count()
    call_command("seed_demo", stdout=io.StringIO())
    assert Person.objects.count() == count
    assert verify_chain()[0] is None
