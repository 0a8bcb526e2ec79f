"""The audit chain: one function writes entries, one walks the chain and proves it unbroken.

Every write in Hamkor, and every read of a personal record, calls ``record`` inside the transaction of the
change it records, so the entry and the change commit or vanish together. ``record`` locks the head row, so
concurrent writers queue and the chain stays a single line.

Details hold ids and codes, never a person's identity or anything typed: the log outlives the records it points
to. A reason (free text that may name a person) is sealed at rest like a note (``AuditEntry.reason`` is an
encrypted field); oversight officers read it opened through the application. The chain commits to the reason's
plaintext, so re-sealing it under a new key keeps the chain verifiable, and so does erasing it (``redact``).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import models, transaction
from django.db.models.functions import Cast
from django.utils import timezone

from hamkor.core.crypto import DecryptionError, open_text
from hamkor.core.models.audit import GENESIS_HASH, AuditEntry, AuditHead

# Actions that oversight officers should look at first (emergency access, consent overrides ...); apps add theirs.
FLAGGED_ACTIONS: set[str] = set()


def canonical(value: Any) -> Any:
    """What a JSON value reads back as from the database, so hashing before and after storing agrees."""
    return json.loads(json.dumps(value, sort_keys=True, default=str))


def entry_hash(fields: dict[str, Any], prev_hash: str) -> str:
    """SHA-256 over the canonical (sorted-key, compact, UTF-8) JSON of the entry's fields and the previous hash."""
    payload = dict(fields, prev_hash=prev_hash)
    encoded = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def _hashed_fields(entry: AuditEntry) -> dict[str, Any]:
    at = entry.at.astimezone(UTC) if entry.at.tzinfo else entry.at.replace(tzinfo=UTC)
    return {
        "seq": entry.seq,
        "at": at.isoformat(timespec="microseconds"),
        "actor_id": entry.actor_id,
        "actor_label": entry.actor_label,
        "organisation_id": entry.organisation_id,
        "action": entry.action,
        "object_type": entry.object_type,
        "object_id": entry.object_id,
        "payload_hash": entry.payload_hash,
    }


def payload_hash(reason: str, details: Any) -> str:
    """The commitment to an entry's reason and details. The chain hashes this, not the payload itself, so that
    retention can erase a payload (``redact``) while the chain still proves that nothing else changed."""
    encoded = json.dumps(
        {"reason": reason, "details": details}, sort_keys=True, separators=(",", ":"), ensure_ascii=False
    ).encode("utf-8")
    return hashlib.sha256(encoded).hexdigest()


def _locked_head() -> AuditHead:
    """The head row, locked until the transaction ends. Made here when missing (a freshly flushed database)."""
    head = AuditHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        AuditHead.objects.get_or_create(pk=1)
        head = AuditHead.objects.select_for_update().get(pk=1)
    return head


def record(
    actor: Any,
    action: str,
    obj: models.Model | None = None,
    *,
    object_type: str = "",
    object_id: str | int = "",
    reason: str = "",
    details: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> AuditEntry:
    """Append one entry to the chain, in the caller's transaction.

    ``actor`` is a user (or None / anonymous for the system and for failed logins). ``obj`` names the object;
    ``object_type``/``object_id`` do so when there is no model instance at hand. ``reason`` is the one place
    for free text (it is sealed); ``details`` carry ids and codes only.
    """
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or str(obj.pk)
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    with transaction.atomic():
        head = _locked_head()
        entry = AuditEntry(
            seq=head.seq + 1,
            at=(at or timezone.now()).astimezone(UTC),
            actor_id=actor.pk if is_user else None,
            actor_label=actor.email if is_user else "",
            organisation_id=getattr(actor, "organisation_id", None) if is_user else None,
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            reason=reason,
            details=canonical(details or {}),
            prev_hash=head.hash,
        )
        entry.payload_hash = payload_hash(entry.reason, entry.details)
        entry.hash = entry_hash(_hashed_fields(entry), head.hash)
        entry.save()
        AuditHead.objects.filter(pk=1).update(seq=entry.seq, hash=entry.hash)
    return entry


REDACT_ACTION = "audit.redact"


def redact(actor: Any, entries: models.QuerySet[AuditEntry], *, reason: str) -> int:
    """Erase the reason and details of ``entries`` (retention), keeping ids, actions and the chain's proof.

    The redaction is itself an entry naming every erased sequence number, so an erasure without one is caught.
    """
    with transaction.atomic():
        seqs = sorted(entries.filter(redacted_at__isnull=True).values_list("seq", flat=True))
        if not seqs:
            return 0
        AuditEntry.objects.erase_payloads(seqs, at=timezone.now())
        record(actor, REDACT_ACTION, object_type="core.auditentry", reason=reason, details={"entries": seqs})
    return len(seqs)


def _redacted_seqs() -> set[int]:
    seqs: set[int] = set()
    for details in AuditEntry.objects.filter(action=REDACT_ACTION).values_list("details", flat=True):
        seqs.update(details.get("entries", []))
    return seqs


@dataclass(frozen=True)
class ChainFault:
    """The first place where the chain is not what it should be."""

    seq: int
    problem: str

    def __str__(self) -> str:
        return f"audit entry #{self.seq}: {self.problem}"


def _opened_reason(entry: AuditEntry) -> str | None:
    """The entry's reason from its sealed form as stored (``sealed_reason``), or None if it does not open."""
    try:
        return open_text(str(getattr(entry, "sealed_reason", "") or ""))
    except DecryptionError:
        return None


def _walk(entries: Iterator[AuditEntry]) -> tuple[ChainFault | None, int, str]:
    expected_seq, prev = 1, GENESIS_HASH
    redacted = _redacted_seqs()
    for entry in entries:
        if entry.seq > expected_seq:
            return ChainFault(expected_seq, "missing (deleted)"), expected_seq - 1, prev
        if entry.seq < expected_seq:
            return ChainFault(entry.seq, "out of order (inserted)"), expected_seq - 1, prev
        if entry.prev_hash != prev:
            return ChainFault(entry.seq, "does not link to the entry before it (inserted or altered)"), entry.seq, prev
        if entry_hash(_hashed_fields(entry), entry.prev_hash) != entry.hash:
            return ChainFault(entry.seq, "content does not match its hash (altered)"), entry.seq, prev
        reason = _opened_reason(entry)
        if reason is None:
            return ChainFault(entry.seq, "its sealed reason does not open (altered or key missing)"), entry.seq, prev
        if entry.redacted_at is None:
            if payload_hash(reason, entry.details) != entry.payload_hash:
                return ChainFault(entry.seq, "content does not match its hash (altered)"), entry.seq, prev
        elif reason or entry.details or entry.seq not in redacted:
            return ChainFault(entry.seq, "erased without a recorded redaction (altered)"), entry.seq, prev
        if entry.action == REDACT_ACTION:
            redacted.update(entry.details.get("entries", []))
        prev = entry.hash
        expected_seq += 1
    return None, expected_seq - 1, prev


def verify_chain() -> tuple[ChainFault | None, int]:
    """Walk the whole chain; return the first fault (or None) and how many entries were checked."""
    # The reason is read as stored and opened entry by entry, so a value that does not open is a fault found,
    # not an exception in the middle of the walk.
    raw_reason = Cast("reason", output_field=models.TextField())
    rows = AuditEntry.objects.defer("reason").annotate(sealed_reason=raw_reason).order_by("seq")
    entries = rows.iterator(chunk_size=2000)
    fault, last_seq, last_hash = _walk(entries)
    if fault is not None:
        return fault, last_seq
    head = AuditHead.objects.filter(pk=1).first() or AuditHead(seq=0, hash=GENESIS_HASH)
    if head.seq != last_seq or head.hash != last_hash:
        if head.seq > last_seq:
            return ChainFault(last_seq + 1, "missing (deleted from the end of the chain)"), last_seq
        return ChainFault(head.seq + 1, "appended outside the application"), last_seq
    return None, last_seq
