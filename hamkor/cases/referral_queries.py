"""Reads of referrals and transfers shared by pages and API. Each starts from the access policy: the referring
organisation reaches its cases' referrals and transfers, the provider the referrals sent to it, the receiving
organisation the transfers asked of it. Opening a referral shows its shared fields, personal data, so that read
is audited like opening a case."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404

from hamkor.cases.domains import Purpose
from hamkor.cases.models import Case, Consent, Referral, Transfer
from hamkor.core.audit import record
from hamkor.core.models import Organisation

SENT, RECEIVED = "sent", "received"
OUTGOING, INCOMING = "outgoing", "incoming"
OPEN_REFERRAL = [Referral.Status.SENT, Referral.Status.ACCEPTED]


def _visible_cases(user: Any) -> QuerySet[Case]:
    return Case.objects.restrict(user, "view")


def referrals(user: Any, *, direction: str = "", status: str = "", case: Case | None = None) -> QuerySet[Referral]:
    """Referrals the user may see: ``sent`` from cases they reach, ``received`` by their organisation, or both."""
    rows = Referral.objects.restrict(user, "view").select_related("provider", "case__organisation")
    if direction == SENT:
        rows = rows.filter(case_id__in=_visible_cases(user).values("pk"))
    elif direction == RECEIVED:
        rows = rows.filter(provider_id=getattr(user, "organisation_id", None))
    if status:
        rows = rows.filter(status=status)
    if case is not None:
        rows = rows.filter(case=case)
    return rows.order_by("-sent_at", "pk")


def open_referral(user: Any, code: str) -> Referral:
    """The referral with this code if the user may see it (404 otherwise), its read audited."""
    referral = (
        Referral.objects.restrict(user, "view")
        .select_related("provider", "case__organisation", "sent_by", "responded_by")
        .filter(code=code)
        .first()
    )
    if referral is None:
        raise Http404(code)
    with transaction.atomic():
        record(user, "referral.read", referral, details={"fields": referral.shared_fields})
    return referral


def referral_for_action(user: Any, code: str) -> Referral:
    """The referral an answer is about, if the user may change it (404 otherwise); the service audits the step."""
    referral = Referral.objects.restrict(user, "change").select_related("case", "provider").filter(code=code).first()
    if referral is None:
        raise Http404(code)
    return referral


def sees_case(user: Any, referral: Referral) -> bool:
    """Whether the user reaches the referral's case (the referring side), not only the referral (the provider)."""
    return _visible_cases(user).filter(pk=referral.case_id).exists()


def due_referrals(user: Any, *, today: date | None = None) -> QuerySet[Referral]:
    """Referrals still sent or accepted whose follow-up date has come, on cases the user works, supervises or
    referred; the oldest follow-up first."""
    today = today or date.today()
    mine = Q(case__worker=user) | Q(case__supervisor=user) | Q(sent_by=user)
    return (
        referrals(user, direction=SENT)
        .filter(mine, status__in=OPEN_REFERRAL, follow_up_on__lte=today)
        .order_by("follow_up_on", "pk")
    )


def due_panel(request: Any) -> dict[str, Any]:
    """Referrals due for follow-up, for a dashboard panel (codes and providers only, no names)."""
    today = date.today()
    items = list(due_referrals(request.user, today=today)[:20])
    return {"items": items, "today": today}


def provider_choices(case: Case) -> QuerySet[Organisation]:
    """Organisations a case can be referred or transferred to: the others of its country."""
    return Organisation.objects.filter(country_id=case.country_id).exclude(pk=case.organisation_id).order_by("name")


def consented_providers(case: Case) -> QuerySet[Organisation]:
    """Organisations named by an active referral consent of the case's person."""
    consents = Consent.objects.filter(person=case.person, purpose=Purpose.REFERRAL, withdrawn_at__isnull=True)
    return Organisation.objects.filter(pk__in=consents.values("recipient_id")).order_by("name")


def case_for_referral(user: Any, code: str) -> Case:
    """A case the user may change, for sending a referral or asking a transfer (404 otherwise). Not an audited
    read: only the case number is shown, and the service audits what is done."""
    case = Case.objects.restrict(user, "change").select_related("person", "organisation").filter(code=code).first()
    if case is None:
        raise Http404(code)
    return case


# --- transfers ------------------------------------------------------------------------------------------------


def transfers(user: Any, *, direction: str = "", status: str = "", case: Case | None = None) -> QuerySet[Transfer]:
    """Transfers the user may see: ``outgoing`` from cases they reach, ``incoming`` to their organisation. The
    receiver sees a request by case number and reason only; the case itself stays out of reach until it accepts."""
    rows = Transfer.objects.restrict(user, "view").select_related(
        "case", "from_organisation", "to_organisation", "requested_by", "responded_by"
    )
    if direction == OUTGOING:
        rows = rows.filter(case_id__in=_visible_cases(user).values("pk")).exclude(
            to_organisation_id=getattr(user, "organisation_id", None)
        )
    elif direction == INCOMING:
        rows = rows.filter(to_organisation_id=getattr(user, "organisation_id", None))
    if status:
        rows = rows.filter(status=status)
    if case is not None:
        rows = rows.filter(case=case)
    return rows.order_by("-requested_at", "-pk")


def transfer_for_action(user: Any, pk: int) -> Transfer:
    """A transfer the user may change: one of their cases' or one asked of their organisation (404 otherwise)."""
    found = (
        Transfer.objects.restrict(user, "change")
        .select_related("case", "from_organisation", "to_organisation")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404(str(pk))
    return found
