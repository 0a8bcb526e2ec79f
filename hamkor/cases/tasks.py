"""Daily work of the cases module."""

from __future__ import annotations

from django_tasks import task

from hamkor.cases.services.cases import refresh_child_flags
from hamkor.cases.services.retention import apply_retention


@task()
def apply_retention_daily() -> dict[str, list[int]]:
    run = apply_retention()
    return {"anonymised": run.anonymised, "held": run.held}


@task()
def refresh_child_flags_daily() -> int:
    return refresh_child_flags()


@task()
def withdraw_unconsented_dossiers_daily() -> int:
    from hamkor.cases.services.dossiers import withdraw_unconsented_dossiers

    return withdraw_unconsented_dossiers()


@task()
def refresh_statistics_every_ten_minutes() -> int:
    from hamkor.cases.statistics import refresh_statistics

    return refresh_statistics()
