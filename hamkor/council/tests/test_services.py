"""Council services: each write audited; bad input refused with nothing written."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from hamkor.cases import queries_dossiers
from hamkor.core.audit import verify_chain
from hamkor.core.models import AuditEntry, Country
from hamkor.council import services
from hamkor.council.models import Conflict, Expert, Meeting


@pytest.fixture
def expert(world):
    return services.create_expert(
        None,
        name="Aziz Tursunov",
        country=Country.objects.get(code="UZ"),
        disciplines=["law_enforcement"],
        languages=["uz"],
    )


def test_every_write_leaves_one_audit_entry(expert, persona):
    officer = persona["programme_officer"]
    before = AuditEntry.objects.count()
    services.vet_expert(officer, expert, Expert.Vetting.VETTED)
    services.declare_conflict(officer, expert, case_code="uz-abcd-efgh/1")
    group = services.ensure_working_groups(officer)[0]
    services.add_member(officer, group, expert, role="chair")
    meeting = services.schedule_meeting(
        officer, title="Review", starts_at=datetime(2025, 1, 1, tzinfo=UTC), online=True
    )
    services.record_minutes(officer, meeting, "Short.", participants=[expert])
    services.record_decision(officer, meeting, "Agreed.")
    item = services.add_action_item(officer, meeting, description="Report", owner=expert, due_on=date(2025, 2, 1))
    services.set_action_status(officer, item, "done")
    actions = list(AuditEntry.objects.filter(seq__gt=before).order_by("seq").values_list("action", flat=True))
    assert actions == [
        "expert.vet",
        "expert.conflict",
        "working_group.create",
        "working_group.member",
        "meeting.schedule",
        "meeting.minutes",
        "meeting.decision",
        "meeting.action",
        "meeting.action_status",
    ]
    conflict = Conflict.objects.get()
    assert (conflict.case_key_id, conflict.case_digest) == queries_dossiers.case_reference("UZ-ABCD-EFGH/1")
    assert verify_chain()[0] is None


def test_only_the_secretariat_writes(expert, persona):
    with pytest.raises(PermissionDenied):
        services.vet_expert(persona["council_expert"], expert, Expert.Vetting.VETTED)
    assert Expert.objects.get().vetting_status == Expert.Vetting.PENDING


def test_an_expert_may_declare_their_own_conflict(world, persona):
    own = persona["council_expert"]
    expert = services.create_expert(
        None,
        name="Own Profile",
        country=Country.objects.get(code="UZ"),
        disciplines=["theology"],
        languages=["uz"],
        user=own,
    )
    services.declare_conflict(own, expert, country=Country.objects.get(code="KZ"))
    assert expert.conflicts.get().kind == Conflict.Kind.COUNTRY


@pytest.mark.parametrize(
    "fields",
    [{"disciplines": []}, {"disciplines": ["astrology"]}, {"languages": ["xx"]}, {"name": "  "}],
)
def test_bad_profiles_are_refused(world, fields):
    base = {
        "name": "Someone",
        "country": Country.objects.get(code="UZ"),
        "disciplines": ["medicine"],
        "languages": ["ru"],
    }
    with pytest.raises(ValidationError):
        services.create_expert(None, **(base | fields))
    assert not Expert.objects.exists()


def test_suspension_needs_a_reason_and_a_conflict_names_one_thing(expert):
    with pytest.raises(ValidationError):
        services.vet_expert(None, expert, Expert.Vetting.SUSPENDED)
    with pytest.raises(ValidationError):
        services.declare_conflict(None, expert, country=Country.objects.get(code="KZ"), case_code="X/1")
    assert not Conflict.objects.exists()


def test_meeting_needs_a_place_or_online_and_cannot_end_before_it_starts(world):
    with pytest.raises(ValidationError):
        services.schedule_meeting(None, title="Nowhere", starts_at=datetime(2025, 1, 1, tzinfo=UTC))
    with pytest.raises(ValidationError):
        services.schedule_meeting(
            None,
            title="Backwards",
            starts_at=datetime(2025, 1, 2, tzinfo=UTC),
            ends_at=datetime(2025, 1, 1, tzinfo=UTC),
            online=True,
        )
    assert not Meeting.objects.exists()
