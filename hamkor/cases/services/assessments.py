"""Recording assessments against a versioned instrument. Scores describe needs; nothing here rates a person."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hamkor.cases.access import clearances
from hamkor.cases.instruments import InstrumentDefinition
from hamkor.cases.models import Assessment, Case, Instrument
from hamkor.cases.services.common import CaseRuleError, log_event, now_or, require
from hamkor.cases.services.summary import refresh_score_summary
from hamkor.core.audit import record

NARRATIVE_MAX_CHARS = 5000
ASSESSABLE = {Case.Status.ASSESSMENT, Case.Status.PLANNING, Case.Status.SERVICES, Case.Status.REVIEW}


def record_assessment(
    actor: Any,
    case: Case,
    *,
    instrument_code: str,
    version: str,
    assessed_on: date,
    scores: dict[str, int],
    narratives: dict[str, str] | None = None,
    now: datetime | None = None,
) -> Assessment:
    """One assessment: every domain of the instrument scored on its scale, each with an optional narrative."""
    require(actor, "change", case)
    at = now_or(now)
    instrument = Instrument.objects.filter(code=instrument_code, version=version).first()
    if instrument is None:
        raise ValidationError(
            {
                "instrument": _("There is no instrument %(code)s version %(version)s.")
                % {"code": instrument_code, "version": version}
            }
        )
    if case.status not in ASSESSABLE:
        raise CaseRuleError(_("A case is assessed once it is in assessment, and until it closes."))
    if assessed_on > at.date():
        raise ValidationError({"assessed_on": _("An assessment cannot be dated in the future.")})
    definition = InstrumentDefinition.model_validate(instrument.definition)
    domains = definition.domain_codes()
    errors = {}
    missing = [d for d in domains if d not in scores]
    unknown = [d for d in scores if d not in domains]
    if missing:
        errors["scores"] = _("Score every domain; missing: %(domains)s") % {"domains": ", ".join(missing)}
    elif unknown:
        errors["scores"] = _("Not a domain of this instrument: %(domains)s") % {"domains": ", ".join(unknown)}
    else:
        low, high = definition.scale.min, definition.scale.max
        bad = [d for d, v in scores.items() if not isinstance(v, int) or isinstance(v, bool) or not low <= v <= high]
        if bad:
            errors["scores"] = _("Scores are whole numbers from %(low)s to %(high)s: %(domains)s") % {
                "low": low,
                "high": high,
                "domains": ", ".join(bad),
            }
    texts = {d: t.strip() for d, t in (narratives or {}).items() if t and t.strip()}
    if any(d not in domains for d in texts):
        errors["narratives"] = _("A narrative belongs to a domain of the instrument.")
    elif any(not clearances(actor).reads_narrative(d) for d in texts):
        errors["narratives"] = _("A narrative of this domain is written by a user cleared for its compartment.")
    if any(len(t) > NARRATIVE_MAX_CHARS for t in texts.values()):
        errors["narratives"] = _("A narrative is at most %(max)s characters.") % {"max": NARRATIVE_MAX_CHARS}
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        assessment = Assessment.objects.create(
            case=case,
            instrument=instrument,
            assessed_on=assessed_on,
            assessor=actor,
            scores={d: scores[d] for d in domains},
            narratives=texts,
            recorded_at=at,
        )
        refresh_score_summary(case)  # the statistics read the first and latest scores from here
        log_event(
            case,
            "assessment",
            actor,
            _("Assessment recorded (%(title)s %(version)s)")
            % {"title": instrument.title, "version": instrument.version},
            at,
        )
        record(
            actor,
            "case.assessment",
            case,
            details={"assessment": assessment.pk, "instrument": instrument_code, "version": version},
        )
    return assessment
