"""The Council dossier section of the case page: the case's dossiers, the consent they need, and a way to build
one. It reads its data itself, so the case page needs one line and no change to its view."""

from __future__ import annotations

from typing import Any

from django import template

from hamkor.cases import queries_dossiers
from hamkor.cases.dossiers import unresolved
from hamkor.cases.models import Case, Dossier
from hamkor.cases.views.dossiers import build_url
from hamkor.core.policy import holds

register = template.Library()


@register.inclusion_tag("cases/dossiers/_case_section.html", takes_context=True)
def council_dossier_section(context: dict[str, Any], case: Case) -> dict[str, Any]:
    user = context["request"].user
    if not holds(user, "dossier.view"):
        return {"shown": False}
    dossiers = list(queries_dossiers.case_dossiers(user, case))
    consent = queries_dossiers.council_consent_stands(case)
    return {
        "shown": True,
        "rows": [(d, len(unresolved(d.warnings)) if d.status == Dossier.Status.DRAFT else 0) for d in dossiers],
        "consent": consent,
        "exposed": [d for d in dossiers if d.status == Dossier.Status.SENT and not consent],
        "has_draft": any(d.status == Dossier.Status.DRAFT for d in dossiers),
        "build_url": build_url(case) if holds(user, "dossier.change") and context.get("can_change") else "",
    }
