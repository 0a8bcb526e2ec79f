"""Shared pieces of the case services."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from hamkor.cases.models import Case, CaseEvent
from hamkor.core.policy import may


class CaseRuleError(ValidationError):
    """A step the case's rules do not allow now (out of order, consent missing ...): nothing was written."""


def require(user: Any, action: str, target: Any) -> None:
    if not may(user, action, target):
        raise PermissionDenied(_("You do not have access to this case."))


def bounded_reason(reason: str, low: int, high: int, message: str) -> str:
    """The stripped reason, or a form error with ``message`` (which may name ``%(min)s`` and ``%(max)s``)."""
    reason = reason.strip()
    if not low <= len(reason) <= high:
        raise ValidationError({"reason": message % {"min": low, "max": high}})
    return reason


def now_or(now: datetime | None) -> datetime:
    return now or timezone.now()


def log_event(case: Case, kind: str, actor: Any, summary: str, at: datetime, compartment: str = "") -> CaseEvent:
    """A timeline line; the summary names codes and statuses, never identity."""
    return CaseEvent.objects.create(
        case=case, kind=kind, actor=actor, summary=summary[:300], at=at, compartment=compartment
    )
