"""Background work of the core app, run by `hamkor worker` (Django's task API, database backend)."""

from __future__ import annotations

from django.db import transaction
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
