"""Reads shared by pages and the API; each starts from the access policy."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from hamkor.core.models import Agreement, AuditEntry, Organisation


def organisations(user: Any, *, kind: str = "", country: str = "", q: str = "") -> QuerySet[Organisation]:
    rows = Organisation.objects.restrict(user, "view").select_related("country", "parent")
    if kind:
        rows = rows.filter(kind=kind)
    if country:
        rows = rows.filter(country_id=country.upper())
    if q:
        rows = rows.filter(name__icontains=q) | rows.filter(short_name__icontains=q)
    return rows.order_by("name")


def agreements(user: Any) -> QuerySet[Agreement]:
    return Agreement.objects.restrict(user, "view").prefetch_related("parties").order_by("-signed_on", "title")


def audit_entries(user: Any, *, purpose: str = "view", **filters: Any) -> QuerySet[AuditEntry]:
    """Entries the user may ``purpose`` (view or export), narrowed by the filters of the audit page and export."""
    rows = AuditEntry.objects.restrict(user, purpose)
    if filters.get("action"):
        rows = rows.filter(action__startswith=filters["action"])
    if filters.get("actor"):
        rows = rows.filter(actor_label__icontains=filters["actor"])
    if filters.get("object_type"):
        rows = rows.filter(object_type=filters["object_type"])
    if filters.get("object_id"):
        rows = rows.filter(object_id=filters["object_id"])
    tz = timezone.get_current_timezone()
    if filters.get("since"):
        rows = rows.filter(at__gte=datetime.combine(filters["since"], time.min, tzinfo=tz))
    if filters.get("until"):
        rows = rows.filter(at__lte=datetime.combine(filters["until"], time.max, tzinfo=tz))
    return rows.order_by("-seq")
