"""Shared pieces of the council services."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from hamkor.cases import queries as case_queries
from hamkor.cases import queries_dossiers
from hamkor.core.policy import holds


def require_manage(actor: Any) -> None:
    """Only the Council's secretariat writes; ``None`` is the system (demo seed, commands)."""
    if actor is not None and not holds(actor, "council.manage"):
        raise PermissionDenied(_("Only the Council's secretariat may do this."))


def now_or(now: datetime | None) -> datetime:
    return now or timezone.now()


def checked_codes(values: Iterable[str], allowed: list[str], field: str, *, required: bool) -> list[str]:
    """``values`` as a sorted list of distinct codes, each one of ``allowed``."""
    codes = sorted({str(v) for v in values})
    unknown = [c for c in codes if c not in allowed]
    if unknown:
        raise ValidationError({field: _("Unknown codes: %(codes)s.") % {"codes": ", ".join(unknown)}})
    if required and not codes:
        raise ValidationError({field: _("Choose at least one.")})
    return codes


def refuse_identifiers(field: str, text: str, today: date, dossier: Any = None, writer: Any = None) -> None:
    """Refuse a free text read beyond the writer's organisation (by experts in other countries, by the
    secretariat) that holds an identifier: of the person or family behind ``dossier`` (the dossier's own
    check), or, with or without one, what identifies anyone (a document number, a case number, a phone
    number ...), or the name of any person in the ``writer``'s cases. There is nothing to resolve: the writer
    rephrases."""
    findings = queries_dossiers.identifier_findings(dossier, text, today)
    found = queries_dossiers.finding_labels(findings)
    named = any(f.kind == "name" for f in findings)
    if writer is not None and not named and case_queries.names_a_person(writer, text):
        found = [*found, _("the name of a person in your cases")]
    if found:
        raise ValidationError(
            {
                field: _("This text holds %(kinds)s. It is read outside your organisation: write it without them.")
                % {"kinds": ", ".join(found)}
            }
        )
