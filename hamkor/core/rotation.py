"""Key rotation without downtime: re-seal values under the current key, a batch per transaction.

Each value is replaced only if it still holds what was read (compare-and-set), so a write by the application
during the rotation is never overwritten. Hooks registered by apps re-derive what depends on the key (blind
indexes) in the same pass.
"""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection, transaction

from hamkor.core.audit import record
from hamkor.core.crypto import encrypted_fields, keyring

# Called once after all values are re-sealed (e.g. to rebuild blind indexes); each returns how many it rebuilt.
AFTER_ROTATION: list[Callable[[], int]] = []


def rotate(*, batch: int = 500) -> dict[str, int]:
    ring = keyring()
    prefix = f"{ring.current.key_id}$"
    report: dict[str, int] = {}
    for model, field_name in encrypted_fields():
        column = str(getattr(model._meta.get_field(field_name), "column", field_name))
        table = str(model._meta.db_table)
        pk = str(model._meta.pk.column) if model._meta.pk else "id"
        qn = connection.ops.quote_name
        changed = 0
        while True:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT {qn(pk)}, {qn(column)} FROM {qn(table)} "  # noqa: S608 - names from the model
                    f"WHERE {qn(column)} IS NOT NULL AND {qn(column)} NOT LIKE %s ORDER BY {qn(pk)} LIMIT %s",
                    [prefix + "%", batch],
                )
                rows = cursor.fetchall()
                for row_pk, sealed in rows:
                    resealed = ring.encrypt(ring.decrypt(sealed))
                    cursor.execute(
                        f"UPDATE {qn(table)} SET {qn(column)} = %s "  # noqa: S608
                        f"WHERE {qn(pk)} = %s AND {qn(column)} = %s",
                        [resealed, row_pk, sealed],
                    )
                    changed += cursor.rowcount
            if len(rows) < batch:
                break
        report[f"{model._meta.label}.{field_name}"] = changed
    for hook in AFTER_ROTATION:
        report[hook.__name__] = hook()
    with transaction.atomic():
        record(None, "crypto.rotate", details={"key": ring.current.key_id, "values": sum(report.values())})
    return report
