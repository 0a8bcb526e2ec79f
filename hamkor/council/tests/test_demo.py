"""The Council's seed: DOMAIN.md's groups and meetings, fictional experts, added once."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command

from hamkor.core.audit import verify_chain
from hamkor.council.models import Expert, Meeting, WorkingGroup


@pytest.mark.django_db
def test_seed_adds_groups_meetings_and_demo_experts_once():
    call_command("seed_demo", stdout=io.StringIO())
    assert WorkingGroup.objects.count() == 4
    dates = {m.starts_at.date() for m in Meeting.objects.all()}
    assert {
        date(2024, 5, 14),
        date(2024, 7, 26),
        date(2024, 11, 27),
        date(2024, 11, 11),
        date(2024, 12, 10),
        date(2025, 5, 21),
    } <= dates
    first = Meeting.objects.get(title__startswith="First meeting of the Regional Expert Council")
    assert first.place == "Tashkent" and first.participant_count == 100
    experts = Expert.objects.all()
    assert experts.count() >= 40 and all(e.is_demo and e.name_cyrillic for e in experts)
    assert set(experts.values_list("country_id", flat=True)) == {"UZ", "KZ", "KG", "TJ", "TM"}
    disciplines = {d for e in experts for d in e.disciplines}
    assert len(disciplines) == 10
    counts = (Expert.objects.count(), Meeting.objects.count(), WorkingGroup.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert (Expert.objects.count(), Meeting.objects.count(), WorkingGroup.objects.count()) == counts
    assert verify_chain()[0] is None
