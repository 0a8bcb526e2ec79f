"""Shared pieces of the council services."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from hamkor.core.policy import holds


def require_manage(actor: Any) -> None:
    """Only the Council's secretariat writes; ``None`` is the system (demo seed, commands)."""
    if actor is not None and not holds(actor, "council.manage"):
        raise PermissionDenied(_("Only the Council's secretariat may do this."))


def now_or(now: datetime | None) -> datetime:
    return now or timezone.now()
