"""Background work of the core app, run by `hamkor worker` (Django's task API, database backend)."""

from __future__ import annotations

from django.db import connection, transaction
from django_tasks import task

from hamkor.core.audit import record, verify_chain


@task()
def check_audit_chain() -> dict[str, object]:
    """Walk the audit chain and record the outcome in the chain itself, so oversight sees every check."""
    fault, checked = verify_chain()
    outcome = {"intact": fault is None, "checked": checked, "fault": str(fault) if fault else ""}
    with transaction.atomic():
        record(None, "audit.verified" if fault is None else "audit.broken", details=outcome)
    return outcome


@task()
def optimize_database() -> str:
    """Refresh the query planner's statistics, so plans stay good as tables grow (SQLite has no autovacuum)."""
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA optimize" if connection.vendor == "sqlite" else "ANALYZE")
    return connection.vendor
