"""A declared case conflict never names the case (issue 10, break 8): the secretariat cannot tie a dossier to
its case through an expert's profile, the API or the audit log, and the panel still keeps the expert off."""

from __future__ import annotations

import json
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from django.utils import timezone

from hamkor.cases import queries_dossiers
from hamkor.cases.models import Dossier
from hamkor.conftest import verified_client
from hamkor.core.audit import record, verify_chain
from hamkor.core.crypto import new_key
from hamkor.core.models import AuditEntry
from hamkor.core.roles import Role
from hamkor.core.rotation import rotate
from hamkor.council import services
from hamkor.council.models import Conflict, Consultation, Expert
from hamkor.council.tests.consultation_world import sent_dossier


def ask(worker, dossier: Dossier) -> Consultation:
    return services.request_consultation(
        worker,
        kind="dossier",
        question="What support would help most now?",
        disciplines=["psychology"],
        languages=[],
        deadline=date(2099, 1, 1),
        dossier_code=dossier.code,
    )


def declare_on_the_page(expert: Expert, code: str) -> None:
    """The expert declares, through their own profile page, a conflict with the case numbered ``code``."""
    assert expert.user is not None
    response = verified_client(expert.user).post(
        reverse("council:expert_conflict", args=[expert.pk]), {"case_code": code.lower(), "note": "A neighbour."}
    )
    assert response.status_code == 302
    assert Conflict.objects.filter(expert=expert, kind=Conflict.Kind.CASE).count() == 1


def test_after_declaring_no_page_api_answer_or_audit_entry_shows_the_case_number(worker, officer, experts, persona):
    dossier = sent_dossier(worker)
    code = dossier.case.code
    psychologist = experts["psychology"]
    declare_on_the_page(psychologist, code)
    consultation = ask(worker, dossier)
    services.propose_panel(officer, consultation)

    secretariat = verified_client(officer)
    profile = secretariat.get(reverse("council:expert", args=[psychologist.pk])).content.decode()
    assert "Case: a case — A neighbour." in profile
    seen = [
        profile,
        secretariat.get(reverse("council:consultation", args=[consultation.code])).content.decode(),
        secretariat.get(f"/api/v1/council/experts/{psychologist.pk}").content.decode(),
        secretariat.get(f"/api/v1/council/consultations/{consultation.code}").content.decode(),
        # The case's own entries name its number (the log holds ids and codes): the Council's must not.
        verified_client(persona[Role.OVERSIGHT_OFFICER])
        .get("/api/v1/audit", {"action": "expert.conflict"})
        .content.decode(),
        json.dumps([(e.details, e.reason) for e in AuditEntry.objects.filter(object_type__startswith="council.")]),
        json.dumps(list(Conflict.objects.values()), default=str),
    ]
    assert AuditEntry.objects.filter(action="expert.conflict").latest("seq").details == {"kind": "case"}
    for shown in seen:
        assert code not in shown and code.lower() not in shown
    own = verified_client(psychologist.user).get(reverse("council:expert", args=[psychologist.pk])).content.decode()
    assert "Case: a case you named" in own and code not in own


def test_the_panel_still_excludes_the_expert_who_named_the_case(worker, officer, experts):
    dossier = sent_dossier(worker)
    other = sent_dossier(worker, "Nodira", "Saidova")
    psychologist = experts["psychology"]
    declare_on_the_page(psychologist, dossier.case.code)

    consultation = ask(worker, dossier)
    proposal = services.propose_panel(officer, consultation)
    assert psychologist.pk in {e.expert.id for e in proposal.excluded}
    assert psychologist.pk not in {e.expert.id for e in proposal.panel}
    with pytest.raises(ValidationError) as refused:
        services.confirm_panel(officer, consultation, [psychologist])
    assert refused.value.messages == [
        "Aigerim Nurlanovna: declared a conflict of interest with the case behind this dossier."
    ]
    on_another_case = services.propose_panel(officer, ask(worker, other))
    assert psychologist.pk in {e.expert.id for e in on_another_case.panel}


def test_after_a_key_rotation_the_panel_still_excludes_the_expert(settings, worker, officer, experts):
    old, new = new_key(), new_key()
    settings.HAMKOR_DATA_KEY = old
    dossier = sent_dossier(worker)
    psychologist = experts["psychology"]
    services.declare_conflict(psychologist.user, psychologist, case_code=dossier.case.code)
    settings.HAMKOR_DATA_KEY = f"{new},{old}"
    excluded = services.propose_panel(officer, ask(worker, dossier)).excluded  # both keys loaded, not rotated
    assert psychologist.pk in {e.expert.id for e in excluded}
    assert rotate()["rekey_case_conflicts"] == 1
    settings.HAMKOR_DATA_KEY = new  # the old key can go
    excluded = services.propose_panel(officer, ask(worker, dossier)).excluded
    assert psychologist.pk in {e.expert.id for e in excluded}


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"case_code": "the Tursunova case"}, "Give a case number such as UZ-7K3Q-9D2M/1."),
        (
            {"case_code": "UZ-7K3Q-9D2M/1", "note": "It is UZ-ABCD-EFGH/2 too, call +998 90 123 45 67."},
            "This text holds a pseudonym or case number, a phone number. It is read outside your organisation: "
            "write it without them.",
        ),
    ],
)
def test_a_case_conflict_that_could_not_be_checked_or_names_a_case_in_its_note_is_refused(
    officer, experts, fields, message
):
    before = (Conflict.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ValidationError) as refused:
        services.declare_conflict(officer, experts["theology"], **fields)
    assert refused.value.messages == [message]
    assert (Conflict.objects.count(), AuditEntry.objects.count()) == before


@pytest.mark.django_db(transaction=True)
def test_the_migration_turns_stored_case_numbers_into_references_and_erases_them_from_the_log(world):
    expert = services.create_expert(
        None, name="Old Declaration", country=world["uz"].country, disciplines=["theology"], languages=["uz"]
    )
    executor = MigrationExecutor(connection)
    executor.migrate([("council", "0002_consultations")])
    before = MigrationExecutor(connection).loader.project_state([("council", "0002_consultations")]).apps
    before.get_model("council", "Conflict").objects.create(
        expert_id=expert.pk, kind="case", case_code="UZ-7K3Q-9D2M/1", declared_at=timezone.now()
    )
    with transaction.atomic():
        entry = record(None, "expert.conflict", expert, details={"kind": "case", "target": "UZ-7K3Q-9D2M/1"})
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    conflict = Conflict.objects.get()
    assert (conflict.case_key_id, conflict.case_digest) == queries_dossiers.case_reference("UZ-7K3Q-9D2M/1")
    entry.refresh_from_db()
    assert entry.details == {} and entry.redacted_at is not None
    assert "7K3Q" not in json.dumps(list(AuditEntry.objects.values_list("details", flat=True)))
    assert verify_chain() == (None, AuditEntry.objects.count())
