"""Periodic work: tasks registered here are enqueued once per interval by whichever worker gets there first.

``hamkor worker`` calls ``enqueue_due`` every minute beside the task runner. Claiming is a conditional UPDATE on
``ScheduledRun`` (the row moves forward only if it still holds the time that was read), so several workers on
several machines enqueue each run exactly once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from hamkor.core.models import ScheduledRun


@dataclass(frozen=True)
class Periodic:
    name: str
    task: Any  # a django_tasks Task
    every: timedelta


PERIODIC: dict[str, Periodic] = {}


def every_day(name: str, task: Any) -> None:
    every(name, task, timedelta(days=1))


def every(name: str, task: Any, interval: timedelta) -> None:
    PERIODIC[name] = Periodic(name, task, interval)


def enqueue_due(now: datetime | None = None) -> list[str]:
    """Enqueue each periodic task whose interval has passed; return the names enqueued by this call."""
    now = now or timezone.now()
    enqueued = []
    for periodic in PERIODIC.values():
        ScheduledRun.objects.get_or_create(name=periodic.name)  # tolerates a concurrent create
        with transaction.atomic():
            claimed = ScheduledRun.objects.filter(
                Q(last_enqueued_at__isnull=True) | Q(last_enqueued_at__lte=now - periodic.every), name=periodic.name
            ).update(last_enqueued_at=now)
            if claimed:
                periodic.task.enqueue()
                enqueued.append(periodic.name)
    return enqueued
