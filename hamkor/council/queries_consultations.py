"""Reads of consultations shared by pages and API, starting from the access policy; every read audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404

from hamkor.cases import queries_dossiers
from hamkor.cases.models import Dossier
from hamkor.core.audit import record
from hamkor.council.models import Consultation, PanelMember


def consultations(user: Any) -> QuerySet[Consultation]:
    rows: QuerySet[Consultation] = Consultation.objects.restrict(user, "view")
    return rows.select_related("requested_by", "organisation", "dossier")


def open_consultation(user: Any, code: str) -> Consultation:
    """The consultation the user may see (404 otherwise), the read audited."""
    found = consultations(user).filter(code=code).first()
    if found is None:
        raise Http404(code)
    with transaction.atomic():
        record(user, "consultation.read", found, details={"status": found.status})
    return found


def consultation_dossier(user: Any, consultation: Consultation) -> Dossier | None:
    """The consultation's dossier if the user may read it, its read audited as a dossier read: the page
    shows the dossier's text, so opening the consultation is opening the dossier."""
    if consultation.dossier_id is None:
        return None
    dossier = queries_dossiers.visible_dossiers(user).filter(pk=consultation.dossier_id).first()
    if dossier is not None:
        queries_dossiers.record_read(user, dossier)
    return dossier


def seat_of(user: Any, consultation: Consultation) -> PanelMember | None:
    if not getattr(user, "pk", None):
        return None
    return consultation.panel.select_related("expert").filter(expert__user_id=user.pk).first()
