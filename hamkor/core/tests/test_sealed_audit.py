"""An audit entry's reason is sealed at rest: oversight officers read it through the application, the chain still
proves it unchanged, key rotation re-seals it, and retention can still erase it."""

from __future__ import annotations

import importlib
from types import SimpleNamespace
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.urls import reverse

from hamkor.conftest import verified_client
from hamkor.core import services
from hamkor.core.audit import record, redact, verify_chain
from hamkor.core.models import AuditEntry
from hamkor.core.roles import Role
from hamkor.core.rotation import rotate

OLD = "b2xkLWtleS1vbGQta2V5LW9sZC1rZXktb2xkLWtleSE="
NEW = "bmV3LWtleS1uZXcta2V5LW5ldy1rZXktbmV3LWtleSE="
REASON = "Court case of Zorabella Qwertyuiopova."

pytestmark = pytest.mark.django_db


def _entries() -> list[AuditEntry]:
    return [
        record(None, "test.hold", object_type="cases.case", object_id=i, reason=REASON if i % 2 else "")
        for i in range(1, 5)
    ]


def _stored_reasons() -> dict[int, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT seq, reason FROM core_auditentry ORDER BY seq")
        return dict(cursor.fetchall())


def _raw(sql: str, params: list[Any]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def test_a_reason_is_sealed_in_the_table_and_an_empty_one_stays_empty():
    _entries()
    stored = _stored_reasons()
    assert stored[2] == stored[4] == ""
    assert "Zorabella" not in stored[1] and "Zorabella" not in stored[3] and stored[1] != stored[3]
    assert [e.reason for e in AuditEntry.objects.order_by("seq")] == [REASON, "", REASON, ""]
    assert verify_chain() == (None, 4)


def test_oversight_reads_the_reason_on_the_audit_page_in_the_export_and_in_the_api(client, persona):
    _entries()
    officer = persona[Role.OVERSIGHT_OFFICER]
    browser = verified_client(officer)
    assert REASON in browser.get(reverse("core:audit"), {"action": "test.hold"}).content.decode()
    export = b"".join(browser.get(reverse("core:audit_export"), {"action": "test.hold"}).streaming_content)
    assert export.decode().count(REASON) == 2
    token = services.create_api_token(None, officer, name="audit", scopes=["read"])
    items = client.get("/api/v1/audit?action=test.hold", HTTP_AUTHORIZATION=f"Bearer {token.secret}").json()["items"]
    assert [item["reason"] for item in items] == ["", REASON, "", REASON]


def test_a_sealed_reason_that_does_not_open_breaks_the_chain_at_that_entry():
    _entries()
    _raw("UPDATE core_auditentry SET reason = %s WHERE seq = %s", ["Court case of someone else.", 3])
    fault, _checked = verify_chain()
    assert fault is not None and fault.seq == 3 and "does not open" in fault.problem


def test_a_sealed_reason_moved_to_another_entry_is_caught():
    _entries()
    stored = _stored_reasons()
    _raw("UPDATE core_auditentry SET reason = %s WHERE seq = %s", [stored[1], 2])
    fault, _checked = verify_chain()
    assert fault is not None and fault.seq == 2 and "does not match its hash" in fault.problem


def test_redaction_erases_a_sealed_reason_and_the_chain_still_verifies():
    _entries()
    assert redact(None, AuditEntry.objects.filter(seq__in=[1, 3]), reason="retention: case 1") == 2
    stored = _stored_reasons()
    assert stored[1] == stored[3] == ""
    assert AuditEntry.objects.get(seq=5).reason == "retention: case 1"
    assert verify_chain() == (None, 5)


def test_key_rotation_reseals_audit_reasons_and_the_chain_still_verifies(settings):
    settings.HAMKOR_DATA_KEY = OLD
    _entries()
    settings.HAMKOR_DATA_KEY = f"{NEW},{OLD}"
    report = rotate(batch=1)
    assert report["core.AuditEntry.reason"] == 2
    settings.HAMKOR_DATA_KEY = NEW  # the old key can go
    assert verify_chain() == (None, 5)
    assert AuditEntry.objects.get(seq=1).reason == REASON


def test_the_migration_seals_reasons_written_in_clear_and_undoing_it_opens_them():
    _entries()
    _raw("UPDATE core_auditentry SET reason = %s WHERE reason <> ''", [REASON])
    step = importlib.import_module("hamkor.core.migrations.0008_sealed_audit_reason").Migration.operations[-1]
    editor = SimpleNamespace(connection=connection)
    step.code(apps, editor)
    assert "Zorabella" not in "".join(_stored_reasons().values())
    assert verify_chain() == (None, 4)
    step.reverse_code(apps, editor)
    assert _stored_reasons() == {1: REASON, 2: "", 3: REASON, 4: ""}
