from __future__ import annotations

import threading

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from hamkor.core import services
from hamkor.core.audit import record, verify_chain
from hamkor.core.models import AuditEntry, AuditHead, Organisation


def _entries(n: int) -> None:
    for i in range(n):
        record(None, "test.event", object_type="test", object_id=i, details={"i": i, "name": "Тошкент"})


@pytest.mark.django_db
def test_intact_chain_verifies_and_command_exits_zero(capsys):
    _entries(5)
    fault, checked = verify_chain()
    assert fault is None and checked == 5
    call_command("verify_audit")
    assert "intact: 5 entries" in capsys.readouterr().out


@pytest.mark.django_db
def test_each_entry_links_to_the_one_before():
    _entries(3)
    first, second, third = AuditEntry.objects.order_by("seq")
    assert first.prev_hash == "0" * 64
    assert second.prev_hash == first.hash and third.prev_hash == second.hash
    assert AuditHead.objects.get().hash == third.hash


def _raw(sql, params):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.mark.django_db
def test_altered_row_is_named_by_verify_audit():
    _entries(5)
    _raw("UPDATE core_auditentry SET action = %s WHERE seq = %s", ["test.harmless", 3])
    with pytest.raises(CommandError, match=r"#3: content does not match its hash"):
        call_command("verify_audit")


@pytest.mark.django_db
def test_altered_details_are_detected():
    _entries(4)
    _raw("UPDATE core_auditentry SET details = %s WHERE seq = %s", ['{"i": 99}', 2])
    fault, _ = verify_chain()
    assert fault is not None and fault.seq == 2


@pytest.mark.django_db
def test_deleted_row_is_named():
    _entries(5)
    _raw("DELETE FROM core_auditentry WHERE seq = %s", [2])
    with pytest.raises(CommandError, match=r"#2: missing"):
        call_command("verify_audit")


@pytest.mark.django_db
def test_deleted_last_row_is_named():
    _entries(4)
    _raw("DELETE FROM core_auditentry WHERE seq = %s", [4])
    fault, _ = verify_chain()
    assert fault is not None and fault.seq == 4 and "missing" in fault.problem


@pytest.mark.django_db
def test_inserted_row_is_named():
    _entries(3)
    # Shift the tail to make room, then insert a forged entry with a well-formed hash of its own.
    _raw("UPDATE core_auditentry SET seq = seq + 100 WHERE seq = %s", [3])
    forged = AuditEntry.objects.get(seq=2)
    _raw(
        "INSERT INTO core_auditentry (seq, at, actor_label, action, object_type, object_id, reason, details, "
        "payload_hash, prev_hash, hash) VALUES (%s, %s, '', 'forged', '', '', '', '{}', '', %s, %s)",
        [3, forged.at, forged.hash, "f" * 64],
    )
    fault, _ = verify_chain()
    assert fault is not None and fault.seq == 3


@pytest.mark.django_db
def test_application_cannot_change_or_delete_entries():
    _entries(2)
    entry = AuditEntry.objects.first()
    assert entry is not None
    entry.action = "changed"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().update(action="x")
    with pytest.raises(PermissionError):
        AuditEntry.objects.all().delete()
    assert verify_chain()[0] is None


@pytest.mark.django_db
def test_entry_vanishes_with_a_failed_change():
    before = AuditEntry.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        services.create_organisation(None, name="Rolled Back", kind=Organisation.Kind.CIVIL_SOCIETY)
        raise RuntimeError("the change fails after its audit entry was written")
    assert AuditEntry.objects.count() == before
    assert not Organisation.objects.filter(name="Rolled Back").exists()
    assert verify_chain()[0] is None


@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_line():
    if connection.vendor != "postgresql":
        pytest.skip("several threads writing at once need PostgreSQL; SQLite serialises whole transactions")
    writers, per_writer = 6, 15
    errors: list[BaseException] = []
    barrier = threading.Barrier(writers)

    def write(worker: int) -> None:
        try:
            barrier.wait()
            for i in range(per_writer):
                with transaction.atomic():
                    record(None, "test.concurrent", object_type="test", object_id=f"{worker}-{i}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    seqs = list(AuditEntry.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, writers * per_writer + 1))
    assert verify_chain() == (None, writers * per_writer)


@pytest.mark.django_db
def test_redaction_erases_payloads_and_the_chain_still_verifies():
    from hamkor.core.audit import redact

    _entries(4)
    erased = redact(None, AuditEntry.objects.filter(seq__in=[2, 3]), reason="retention of case 7")
    assert erased == 2
    second = AuditEntry.objects.get(seq=2)
    assert second.details == {} and second.reason == "" and second.redacted_at is not None
    assert second.action == "test.event" and second.object_id == "1"
    assert verify_chain() == (None, 5)
    assert AuditEntry.objects.get(seq=5).details == {"entries": [2, 3]}


@pytest.mark.django_db
def test_erasing_a_payload_without_a_redaction_entry_is_caught():
    _entries(3)
    _raw(
        "UPDATE core_auditentry SET details = %s, reason = '', redacted_at = %s WHERE seq = %s",
        ["{}", "2026-01-01 00:00:00", 2],
    )
    fault, _ = verify_chain()
    assert fault is not None and fault.seq == 2 and "without a recorded redaction" in fault.problem
