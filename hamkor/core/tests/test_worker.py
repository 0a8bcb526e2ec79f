from __future__ import annotations

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks.base import TaskResultStatus

from hamkor.core.audit import record
from hamkor.core.models import AuditEntry
from hamkor.core.tasks import check_audit_chain

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


@pytest.mark.django_db(transaction=True)
def test_worker_runs_an_enqueued_task_from_the_database():
    with override_settings(TASKS=DATABASE_TASKS):  # django-tasks resets its backends on this signal
        record(None, "test.event")
        result = check_audit_chain.enqueue()
        assert result.status == TaskResultStatus.READY
        assert not AuditEntry.objects.filter(action="audit.verified").exists()
        call_command("worker", "--batch")
        result.refresh()
        assert result.status == TaskResultStatus.SUCCESSFUL
        assert result.return_value == {"intact": True, "checked": 1, "fault": ""}
        # The explicit run, and the daily one that `worker --batch` enqueued from the schedule.
        assert AuditEntry.objects.filter(action="audit.verified").count() == 2
