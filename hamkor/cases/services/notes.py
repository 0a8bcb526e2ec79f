"""Case notes in compartments."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hamkor.cases.access import open_compartments
from hamkor.cases.domains import Compartment
from hamkor.cases.models import Case, Note
from hamkor.cases.models.note import NOTE_MAX_CHARS
from hamkor.cases.services.common import log_event, now_or, require
from hamkor.core.audit import record


def add_note(actor: Any, case: Case, *, compartment: str, body: str, now: datetime | None = None) -> Note:
    """A note in a compartment the author may open; too long or empty notes are refused whole."""
    require(actor, "change", case)
    if compartment not in Compartment.values:
        raise ValidationError({"compartment": _("Unknown compartment.")})
    if compartment not in open_compartments(actor):
        raise PermissionDenied(_("You are not cleared for this compartment."))
    text = body.strip()
    if not text:
        raise ValidationError({"body": _("The note is empty.")})
    if len(text) > NOTE_MAX_CHARS:
        raise ValidationError(
            {
                "body": _("A note is at most %(max)s characters; this one has %(count)s.")
                % {"max": NOTE_MAX_CHARS, "count": len(text)}
            }
        )
    at = now_or(now)
    with transaction.atomic():
        note = Note.objects.create(case=case, compartment=compartment, body=text, author=actor, created_at=at)
        log_event(
            case,
            "note",
            actor,
            _("Note added (%(compartment)s)") % {"compartment": Compartment(compartment).label},
            at,
            compartment="" if compartment == Compartment.GENERAL else compartment,
        )
        record(actor, "case.note", case, details={"note": note.pk, "compartment": compartment})
    return note
