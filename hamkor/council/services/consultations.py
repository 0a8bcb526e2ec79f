"""Consultations: request, propose and confirm a panel, accept or decline, opinions, the recommendation.

Each verb is one transaction with one audit entry. Bad input is refused with a ``ValidationError`` that says
why, before anything is written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import Http404
from django.utils.translation import gettext as _

from hamkor.cases import queries_dossiers
from hamkor.core.audit import record
from hamkor.core.normalise import clean
from hamkor.core.policy import holds
from hamkor.council import panels
from hamkor.council.models import (
    Consultation,
    Discipline,
    Expert,
    Language,
    Opinion,
    PanelMember,
    Recommendation,
)
from hamkor.council.services.common import checked_codes, now_or, refuse_identifiers, require_manage

S = Consultation.Status
MAX_PANEL = 12
QUESTION_MAX_CHARS = 4000
OPEN = (S.REQUESTED, S.PANEL_PROPOSED, S.PANEL_CONFIRMED, S.OPINIONS)


def _next_code(year: int) -> str:
    taken = Consultation.objects.filter(code__startswith=f"C-{year}-").count()
    number = taken + 1
    while Consultation.objects.filter(code=f"C-{year}-{number:04d}").exists():
        number += 1
    return f"C-{year}-{number:04d}"


def request_consultation(
    actor: Any,
    *,
    kind: str,
    question: str,
    disciplines: Iterable[str],
    languages: Iterable[str],
    deadline: date,
    dossier_code: str = "",
    exclude_own_country: bool = False,
    panel_size: int = 3,
    quorum: int | None = None,
    now: datetime | None = None,
) -> Consultation:
    """Ask the Council: a thematic question, or one on a dossier the requester's organisation sent. The question
    is checked for identifiers before anything is written (``refuse_identifiers``)."""
    if not holds(actor, "council.request"):
        raise PermissionDenied(_("Your roles do not allow asking the Council."))
    at = now_or(now)
    question = clean(question).strip()  # stored as the identifier check judged it
    if kind not in Consultation.Kind.values:
        raise ValidationError({"kind": _("Choose a thematic question or a dossier.")})
    if not question:
        raise ValidationError({"question": _("State the question for the Council.")})
    if len(question) > QUESTION_MAX_CHARS:
        raise ValidationError(
            {"question": _("The question is at most %(max)s characters.") % {"max": QUESTION_MAX_CHARS}}
        )
    wanted = checked_codes(disciplines, Discipline.values, "disciplines", required=True)
    spoken = checked_codes(languages, Language.values, "languages", required=False)
    if deadline <= at.date():
        raise ValidationError({"deadline": _("The deadline must be after today.")})
    if not 1 <= panel_size <= MAX_PANEL:
        raise ValidationError({"panel_size": _("A panel has 1 to %(max)s seats.") % {"max": MAX_PANEL}})
    if quorum is not None and not 1 <= quorum <= panel_size:
        raise ValidationError({"quorum": _("The quorum is between 1 and the panel size.")})
    if actor.organisation_id is None:
        raise ValidationError(_("Only a member of an organisation may ask the Council."))
    dossier = None
    if kind == Consultation.Kind.DOSSIER:
        try:
            dossier = queries_dossiers.find_dossier(actor, dossier_code.strip().upper())
        except Http404:
            dossier = None
        if dossier is None or dossier.case.organisation_id != actor.organisation_id:
            raise ValidationError({"dossier_code": _("No dossier of your organisation has this code.")})
        if dossier.status != dossier.Status.SENT:
            raise ValidationError({"dossier_code": _("Only a dossier sent to the Council can be consulted on.")})
    elif dossier_code.strip():
        raise ValidationError({"dossier_code": _("A thematic question carries no dossier.")})
    refuse_identifiers("question", question, at.date(), dossier, writer=actor)
    with transaction.atomic():
        consultation = Consultation.objects.create(
            code=_next_code(at.year),
            kind=kind,
            question=question,
            dossier=dossier,
            requested_by=actor,
            organisation_id=actor.organisation_id,
            country_id=actor.organisation.country_id,
            disciplines=wanted,
            languages=spoken,
            deadline=deadline,
            exclude_own_country=exclude_own_country,
            panel_size=panel_size,
            quorum=quorum,
            requested_at=at,
        )
        record(
            actor,
            "consultation.request",
            consultation,
            details={"kind": kind, "disciplines": wanted, "languages": spoken, "deadline": deadline.isoformat()},
            at=at,
        )
    return consultation


def panel_request(consultation: Consultation) -> panels.Request:
    dossier = consultation.dossier
    return panels.Request(
        disciplines=tuple(consultation.disciplines),
        languages=tuple(consultation.languages),
        requester_country=consultation.country_id or "",
        requester_organisation_id=consultation.organisation_id,
        case_keys=queries_dossiers.dossier_case_references(dossier) if dossier is not None else frozenset(),
        exclude_own_country=consultation.exclude_own_country,
        panel_size=consultation.panel_size,
        deadline=consultation.deadline,
    )


def candidates(experts: Iterable[Expert] | None = None) -> list[panels.Candidate]:
    """Experts as the panel module sees them, workload being the open consultations they accepted."""
    chosen = Expert.objects.all() if experts is None else Expert.objects.filter(pk__in=[e.pk for e in experts])
    rows = chosen.annotate(
        workload=Count(
            "panel_seats",
            filter=Q(panel_seats__status=PanelMember.Status.ACCEPTED, panel_seats__consultation__status__in=OPEN),
        )
    ).prefetch_related("conflicts")
    found = []
    for expert in rows:
        conflicts = list(expert.conflicts.all())
        found.append(
            panels.Candidate(
                id=expert.pk,
                name=expert.name,
                country=expert.country_id,
                organisation_id=expert.organisation_id,
                disciplines=frozenset(expert.disciplines),
                languages=frozenset(expert.languages),
                vetting=expert.vetting_status,
                availability=expert.availability,
                workload=expert.workload,
                conflict_countries=frozenset(c.country_id for c in conflicts if c.country_id),
                conflict_organisations=frozenset(c.organisation_id for c in conflicts if c.organisation_id),
                conflict_cases=frozenset(c.case_digest for c in conflicts if c.case_digest),
            )
        )
    return found


def _require_status(consultation: Consultation, *allowed: str) -> None:
    if consultation.status not in allowed:
        raise ValidationError(
            _("This consultation is %(status)s; this step is not possible now.")
            % {"status": S(consultation.status).label}
        )


def propose_panel(actor: Any, consultation: Consultation, *, now: datetime | None = None) -> panels.Proposal:
    """Rank the Council for this consultation and store the proposed panel with each expert's reasons (a new
    proposal replaces the previous one)."""
    require_manage(actor)
    _require_status(consultation, S.REQUESTED, S.PANEL_PROPOSED)
    at = now_or(now)
    proposal = panels.propose_panel(panel_request(consultation), candidates())
    with transaction.atomic():
        consultation.panel.filter(status=PanelMember.Status.PROPOSED).delete()
        PanelMember.objects.bulk_create(
            PanelMember(
                consultation=consultation,
                expert_id=entry.expert.id,
                rank=entry.rank,
                reasons="; ".join(str(reason) for reason in entry.reasons),
            )
            for entry in proposal.panel
        )
        consultation.status = S.PANEL_PROPOSED
        consultation.save(update_fields=["status"])
        record(
            actor,
            "consultation.propose",
            consultation,
            details={
                "panel": [entry.expert.id for entry in proposal.panel],
                "excluded": len(proposal.excluded),
                "uncovered": list(proposal.uncovered),
            },
            at=at,
        )
    return proposal


def confirm_panel(
    actor: Any, consultation: Consultation, experts: Sequence[Expert] | None = None, *, now: datetime | None = None
) -> Consultation:
    """The coordinator confirms the panel (the proposed one, or the experts named) and invites its members.
    Refused, with nothing written, when any expert has a conflict of interest, is not vetted or is excluded by
    the request."""
    require_manage(actor)
    _require_status(consultation, S.PANEL_PROPOSED)
    at = now_or(now)
    proposed = {m.expert_id: m for m in consultation.panel.select_related("expert")}
    chosen = list(experts) if experts is not None else [m.expert for m in proposed.values()]
    by_id = {c.id: c for c in candidates(chosen)}
    refusals = panels.check_panel(panel_request(consultation), [by_id[e.pk] for e in chosen])
    if refusals:
        raise ValidationError(refusals)
    with transaction.atomic():
        keep = {e.pk for e in chosen}
        consultation.panel.exclude(expert_id__in=keep).delete()
        next_rank = max((m.rank for m in proposed.values()), default=0) + 1
        for expert in chosen:
            member = proposed.get(expert.pk)
            if member is None:
                member = PanelMember(
                    consultation=consultation,
                    expert=expert,
                    rank=next_rank,
                    reasons=_("added by the coordinator"),
                )
                next_rank += 1
            member.status = PanelMember.Status.INVITED
            member.save()
        consultation.status = S.PANEL_CONFIRMED
        consultation.coordinator = actor
        consultation.save(update_fields=["status", "coordinator"])
        record(actor, "consultation.confirm", consultation, details={"panel": sorted(keep)}, at=at)
    return consultation


def _seat(actor: Any, consultation: Consultation) -> PanelMember | None:
    if not getattr(actor, "pk", None):
        return None
    return (
        consultation.panel.select_related("expert")
        .filter(expert__user_id=actor.pk, status__in=PanelMember.SEATED)
        .first()
    )


def answer_invitation(
    actor: Any, consultation: Consultation, *, accept: bool, now: datetime | None = None
) -> PanelMember:
    """The invited expert (through their platform user) accepts or declines their seat."""
    _require_status(consultation, S.PANEL_CONFIRMED, S.OPINIONS)
    seat = _seat(actor, consultation)
    if seat is None or seat.status != PanelMember.Status.INVITED:
        raise ValidationError(_("You have no open invitation to this consultation's panel."))
    at = now_or(now)
    with transaction.atomic():
        seat.status = PanelMember.Status.ACCEPTED if accept else PanelMember.Status.DECLINED
        seat.answered_at = at
        seat.save(update_fields=["status", "answered_at"])
        record(actor, "consultation.accept" if accept else "consultation.decline", consultation, at=at)
    return seat


def accept_invitation(actor: Any, consultation: Consultation, *, now: datetime | None = None) -> PanelMember:
    return answer_invitation(actor, consultation, accept=True, now=now)


def decline_invitation(actor: Any, consultation: Consultation, *, now: datetime | None = None) -> PanelMember:
    return answer_invitation(actor, consultation, accept=False, now=now)


def _writer(actor: Any, consultation: Consultation, at: datetime) -> PanelMember:
    seat = _seat(actor, consultation)
    if seat is None or seat.status != PanelMember.Status.ACCEPTED:
        raise ValidationError(_("Only a panel member who accepted the invitation may write an opinion."))
    if at.date() > consultation.deadline:
        raise ValidationError(
            _("The deadline (%(deadline)s) has passed; no opinion can be submitted now.")
            % {"deadline": consultation.deadline.isoformat()}
        )
    _require_status(consultation, S.PANEL_CONFIRMED, S.OPINIONS)
    return seat


def _text(text: str) -> str:
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the opinion.")})
    return text


def current_opinions(consultation: Consultation) -> Any:
    """Each member's latest version."""
    return consultation.opinions.filter(superseded_by__isnull=True).select_related("expert")


def submit_opinion(
    actor: Any, consultation: Consultation, *, discipline: str, text: str, now: datetime | None = None
) -> Opinion:
    """A panel member who accepted submits their opinion from one of their disciplines, before the deadline.
    Once submitted it never changes (see ``correct_opinion``)."""
    at = now_or(now)
    seat = _writer(actor, consultation, at)
    text = _text(text)
    if discipline not in seat.expert.disciplines:
        raise ValidationError({"discipline": _("Write from one of your own disciplines.")})
    if consultation.opinions.filter(expert=seat.expert).exists():
        raise ValidationError(_("You already submitted an opinion; submit a correction instead."))
    with transaction.atomic():
        opinion = Opinion.objects.create(
            consultation=consultation, expert=seat.expert, discipline=discipline, text=text, submitted_at=at
        )
        if consultation.status == S.PANEL_CONFIRMED:
            consultation.status = S.OPINIONS
            consultation.save(update_fields=["status"])
        record(actor, "consultation.opinion", consultation, details={"opinion": opinion.pk, "version": 1}, at=at)
    return opinion


def correct_opinion(actor: Any, opinion: Opinion, *, text: str, now: datetime | None = None) -> Opinion:
    """A correction: a new version that supersedes the author's latest one, under the same rules."""
    at = now_or(now)
    consultation = opinion.consultation
    seat = _writer(actor, consultation, at)
    if opinion.expert_id != seat.expert_id:
        raise ValidationError(_("Only the author may correct an opinion."))
    if Opinion.objects.filter(supersedes=opinion).exists():
        raise ValidationError(_("This version was already corrected; correct the latest one."))
    text = _text(text)
    with transaction.atomic():
        corrected = Opinion.objects.create(
            consultation=consultation,
            expert=seat.expert,
            discipline=opinion.discipline,
            text=text,
            submitted_at=at,
            version=opinion.version + 1,
            supersedes=opinion,
        )
        record(
            actor,
            "consultation.opinion",
            consultation,
            details={"opinion": corrected.pk, "version": corrected.version, "supersedes": opinion.pk},
            at=at,
        )
    return corrected


def consolidate(
    actor: Any, consultation: Consultation, *, text: str, dissent: str = "", now: datetime | None = None
) -> Recommendation:
    """The coordinator consolidates the recommendation, with any dissent, once the quorum of accepted members
    submitted opinions; the requester then reads it."""
    require_manage(actor)
    _require_status(consultation, S.PANEL_CONFIRMED, S.OPINIONS)
    at = now_or(now)
    accepted = consultation.panel.filter(status=PanelMember.Status.ACCEPTED).values("expert_id")
    written = consultation.opinions.filter(expert_id__in=accepted).values("expert_id").distinct().count()
    needed = consultation.required_quorum()
    if written < needed:
        raise ValidationError(
            _("The quorum is not reached: %(written)s of the %(needed)s opinions needed are submitted.")
            % {"written": written, "needed": needed}
        )
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the recommendation.")})
    with transaction.atomic():
        recommendation = Recommendation.objects.create(
            consultation=consultation, text=text, dissent=dissent.strip(), consolidated_by=actor, at=at
        )
        consultation.status = S.RECOMMENDED
        consultation.recommended_at = at
        consultation.save(update_fields=["status", "recommended_at"])
        record(
            actor,
            "consultation.recommend",
            consultation,
            details={"opinions": written, "quorum": needed, "dissent": bool(recommendation.dissent)},
            at=at,
        )
    return recommendation
