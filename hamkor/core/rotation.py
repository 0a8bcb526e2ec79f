"""Key rotation without downtime: re-seal values under the current key, a batch per transaction.

Each value is replaced only if it still holds what was read (compare-and-set), so a write by the application
during the rotation is never overwritten. Every sealed column of every app is found by its field type
(``crypto.encrypted_fields``), so a newly sealed field is rotated without being listed here. Hooks registered
by apps re-derive what depends on the key (blind indexes) in the same pass.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection, transaction

from hamkor.core.audit import record
from hamkor.core.crypto import encrypted_fields, keyring, rewrite_column

# Called once after all values are re-sealed (e.g. to rebuild blind indexes); each returns how many it rebuilt.
AFTER_ROTATION: list[Callable[[], int]] = []


def rotate(*, batch: int = 500) -> dict[str, int]:
    ring = keyring()
    report: dict[str, int] = {}
    for model, field_name in encrypted_fields():
        report[f"{model._meta.label}.{field_name}"] = rewrite_column(
            connection,
            model,
            field_name,
            lambda sealed: ring.encrypt(ring.decrypt(sealed)),
            skip_prefix=f"{ring.current.key_id}$",
            batch=batch,
        )
    for hook in AFTER_ROTATION:
        report[hook.__name__] = hook()
    with transaction.atomic():
        record(None, "crypto.rotate", details={"key": ring.current.key_id, "values": sum(report.values())})
    return report
