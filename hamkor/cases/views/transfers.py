"""Transfer pages: asking another organisation of the country to take a case over, and its answer.

While a request waits, the receiving organisation sees it by case number and reason only; the case page opens for
it once it accepts (and closes for the organisation the case left).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hamkor.cases import referral_queries
from hamkor.cases.forms_referrals import TransferAcceptForm, TransferForm
from hamkor.cases.models import Transfer
from hamkor.cases.services import transfers as service
from hamkor.cases.views.common import apply_errors, case_code, case_url
from hamkor.core.decorators import requires

HISTORY_SIZE = 100


def render_transfers(
    request: HttpRequest, *, bound: dict[int, forms.Form] | None = None, status: int = 200
) -> HttpResponse:
    """Requests waiting for the user's organisation (with the accept form), its own requests, and the history."""
    user = request.user
    bound = bound or {}
    incoming = list(referral_queries.transfers(user, direction=referral_queries.INCOMING))
    outgoing = list(referral_queries.transfers(user, direction=referral_queries.OUTGOING)[:HISTORY_SIZE])
    waiting = [t for t in incoming if t.status == Transfer.Status.REQUESTED]
    context: dict[str, Any] = {
        "waiting": [(t, bound.get(t.pk) or TransferAcceptForm(transfer_pk=t.pk)) for t in waiting],
        "answered": [t for t in incoming if t.status != Transfer.Status.REQUESTED][:HISTORY_SIZE],
        "outgoing": [(t, case_url(t.case)) for t in outgoing],
    }
    return render(request, "cases/referrals/transfer_list.html", context, status=status)


@requires("transfer.view")
def transfer_list(request: HttpRequest) -> HttpResponse:
    return render_transfers(request)


@requires("transfer.create")
def transfer_create(request: HttpRequest, person_code: str, number: int) -> HttpResponse:
    """Ask another organisation of the case's country to take the case over, with the reason."""
    case = referral_queries.case_for_referral(request.user, case_code(person_code, number))
    form = TransferForm(request.POST or None, offered=referral_queries.provider_choices(case))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                service.request_transfer(
                    request.user, case, to_organisation=data["to_organisation"], reason=data["reason"]
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("The transfer is requested; the case stays with you until %(to)s accepts.")
                    % {"to": data["to_organisation"]},
                )
                return redirect(case_url(case) + "#referrals")
        messages.error(request, _("Nothing was saved; the form below says why."))
    context = {"case": case, "case_url": case_url(case), "form": form, "pending": service.pending_transfer(case)}
    return render(request, "cases/referrals/transfer_form.html", context, status=status)


@require_POST
@requires("transfer.change")
def transfer_accept(request: HttpRequest, pk: int) -> HttpResponse:
    """The receiving organisation takes the case over; the accepting user becomes its worker."""
    transfer = referral_queries.transfer_for_action(request.user, pk)
    form = TransferAcceptForm(request.POST, transfer_pk=transfer.pk)
    status, refusal = 400, _("Nothing was saved; the form below says why.")
    if form.is_valid():
        try:
            service.accept_transfer(request.user, transfer, region=form.cleaned_data["region"])
        except ValidationError as exc:
            apply_errors(form, exc)
            refusal = " ".join(exc.messages)
        except PermissionDenied as exc:  # e.g. a child's case and no child-protection clearance: say so
            status, refusal = 403, str(exc)
        else:
            messages.success(request, _("The case is now with your organisation, and you are its case worker."))
            return redirect(case_url(transfer.case))
    messages.error(request, refusal)
    return render_transfers(request, bound={transfer.pk: form}, status=status)


def _answer(request: HttpRequest, pk: int, verb: str) -> HttpResponse:
    transfer = referral_queries.transfer_for_action(request.user, pk)
    try:
        if verb == "decline":
            service.decline_transfer(request.user, transfer)
        else:
            service.cancel_transfer(request.user, transfer)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return render_transfers(request, status=400)
    done = _("You declined the transfer; the case stays where it is.") if verb == "decline" else None
    messages.success(request, done or _("The transfer request is withdrawn."))
    return redirect("cases:transfer_list")


@require_POST
@requires("transfer.change")
def transfer_decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(request, pk, "decline")


@require_POST
@requires("transfer.change")
def transfer_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    return _answer(request, pk, "cancel")
