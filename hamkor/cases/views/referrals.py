"""Referral pages: the list of sent and received referrals, sending one from a case, and the provider's answer.

The provider reaches a referral and its shared fields, never the case: the referral page links to the case only
for users who reach it anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hamkor.cases import referral_queries
from hamkor.cases.domains import Domain, Sex
from hamkor.cases.forms import DOCUMENT_KINDS, DOCUMENT_STATUSES
from hamkor.cases.forms_referrals import ReferralAnswerForm, ReferralForm
from hamkor.cases.models import Case, Referral
from hamkor.cases.services import referrals as service
from hamkor.cases.services.referrals import SharedField
from hamkor.cases.views.common import apply_errors, case_code, case_url
from hamkor.core.decorators import requires

PAGE_SIZE = 50
DIRECTIONS = (referral_queries.SENT, referral_queries.RECEIVED)


@dataclass(frozen=True)
class ReferralRow:
    referral: Referral
    received: bool
    case_url: str  # empty when the user does not reach the case (the provider)
    mark: str  # "overdue", "due" or ""


def follow_up_mark(referral: Referral, today: date) -> str:
    if referral.status not in referral_queries.OPEN_REFERRAL or referral.follow_up_on > today:
        return ""
    return "overdue" if referral.follow_up_on < today else "due"


def rows_for(user: Any, shown: list[Referral], today: date) -> list[ReferralRow]:
    reachable = set(
        Case.objects.restrict(user, "view").filter(pk__in=[r.case_id for r in shown]).values_list("pk", flat=True)
    )
    organisation = getattr(user, "organisation_id", None)
    return [
        ReferralRow(
            r,
            r.provider_id == organisation,
            case_url(r.case) if r.case_id in reachable else "",
            follow_up_mark(r, today),
        )
        for r in shown
    ]


@requires("referral.view")
def referral_list(request: HttpRequest) -> HttpResponse:
    user = request.user
    today = date.today()
    direction = request.GET.get("direction", "")
    direction = direction if direction in DIRECTIONS else ""
    status = request.GET.get("status", "")
    status = status if status in Referral.Status.values else ""
    rows = referral_queries.referrals(user, direction=direction, status=status)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "rows": rows_for(user, list(page.object_list), today),
        "due": rows_for(user, list(referral_queries.due_referrals(user, today=today)[:PAGE_SIZE]), today),
        "query": query.urlencode(),
        "filters": {"direction": direction, "status": status},
        "statuses": Referral.Status.choices,
        "today": today,
    }
    return render(request, "cases/referrals/referral_list.html", context)


@requires("referral.create")
def referral_create(request: HttpRequest, person_code: str, number: int) -> HttpResponse:
    """Send a referral from a case: the provider, the service, the fields to share and the follow-up date."""
    case = referral_queries.case_for_referral(request.user, case_code(person_code, number))
    form = ReferralForm(request.POST or None, offered=referral_queries.provider_choices(case))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                referral = service.send_referral(
                    request.user,
                    case,
                    provider=data["provider"],
                    service=data["service"],
                    fields=list(data["fields_shared"]),
                    follow_up_on=data["follow_up_on"],
                )
            except ValidationError as exc:
                if hasattr(exc, "error_dict"):
                    form.add_service_errors(exc.message_dict)
                else:
                    apply_errors(form, exc)
            else:
                messages.success(request, _("Referral %(code)s is sent.") % {"code": referral.code})
                return redirect("cases:referral_detail", code=referral.code)
        messages.error(request, _("Nothing was sent; the form below says why."))
    context = {
        "case": case,
        "case_url": case_url(case),
        "form": form,
        "consented": referral_queries.consented_providers(case),
    }
    return render(request, "cases/referrals/referral_form.html", context, status=status)


@dataclass(frozen=True)
class SharedItem:
    label: str
    text: str = ""
    items: tuple[str, ...] = ()


def shared_items(referral: Referral) -> list[SharedItem]:
    """The snapshot as the provider reads it: a label and a value (or a list) per shared field, in order."""
    values: dict[str, Any] = referral.shared or {}
    result = []
    for key in referral.shared_fields:
        label = str(SharedField(key).label) if key in SharedField.values else key
        result.append(_shared_item(key, label, values.get(key)))
    return result


def _shared_item(key: str, label: str, value: Any) -> SharedItem:
    if value in (None, "", []):
        return SharedItem(label, "—")
    if key == SharedField.SEX:
        return SharedItem(label, str(Sex(value).label) if value in Sex.values else str(value))
    if key == SharedField.DOCUMENTS:
        kinds, statuses = dict(DOCUMENT_KINDS), dict(DOCUMENT_STATUSES)
        return SharedItem(
            label,
            items=tuple(f"{kinds.get(d['kind'], d['kind'])}: {statuses.get(d['status'], d['status'])}" for d in value),
        )
    if key == SharedField.LATEST_SCORES:
        scores = tuple(f"{_domain(d)}: {s}" for d, s in value["scores"].items())
        return SharedItem(label, _("assessed on %(day)s") % {"day": value["assessed_on"]}, scores)
    if key == SharedField.PLAN_GOALS:
        return SharedItem(label, items=tuple(f"{_domain(g['domain'])}: {g['description']}" for g in value))
    return SharedItem(label, str(value))


def _domain(code: str) -> str:
    return str(Domain(code).label) if code in Domain.values else code


def render_referral(
    request: HttpRequest, code: str, *, answer: ReferralAnswerForm | None = None, status: int = 200
) -> HttpResponse:
    """The referral page (its read audited); ``answer`` is a submitted answer to show again with its errors."""
    user = request.user
    referral = referral_queries.open_referral(user, code)
    is_provider = referral.provider_id == getattr(user, "organisation_id", None)
    can_answer = is_provider and referral.status == Referral.Status.SENT
    context = {
        "referral": referral,
        "shared": shared_items(referral),
        "is_provider": is_provider,
        "case_url": case_url(referral.case) if referral_queries.sees_case(user, referral) else "",
        "answer_form": answer or (ReferralAnswerForm() if can_answer else None),
        "can_complete": is_provider and referral.status == Referral.Status.ACCEPTED,
        "mark": follow_up_mark(referral, date.today()),
    }
    return render(request, "cases/referrals/referral_detail.html", context, status=status)


@requires("referral.view")
def referral_detail(request: HttpRequest, code: str) -> HttpResponse:
    return render_referral(request, code)


@require_POST
@requires("referral.change")
def referral_answer(request: HttpRequest, code: str) -> HttpResponse:
    """The provider accepts or declines (a decline says why)."""
    referral = referral_queries.referral_for_action(request.user, code)
    form = ReferralAnswerForm(request.POST)
    if form.is_valid():
        accept = form.cleaned_data["decision"] == "accept"
        note = form.cleaned_data["note"]
        try:
            if accept:
                service.accept_referral(request.user, referral, note=note)
            else:
                service.decline_referral(request.user, referral, note=note)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            done = _("You accepted the referral.") if accept else _("You declined the referral.")
            messages.success(request, done)
            return redirect("cases:referral_detail", code=referral.code)
    messages.error(request, _("Nothing was saved; the form below says why."))
    return render_referral(request, referral.code, answer=form, status=400)


@require_POST
@requires("referral.change")
def referral_complete(request: HttpRequest, code: str) -> HttpResponse:
    """The provider reports the service delivered."""
    referral = referral_queries.referral_for_action(request.user, code)
    try:
        service.complete_referral(request.user, referral)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return render_referral(request, referral.code, status=400)
    messages.success(request, _("The referral is completed."))
    return redirect(reverse("cases:referral_detail", kwargs={"code": referral.code}))
