"""Council dossier pages: building one from a case, checking its text, sending it; and the Council's reading.

Case staff see their cases' dossiers with the tools of a draft and a link back to the case. Anyone else who
may read dossiers (Council experts) sees a sent dossier's content only: no case, no warnings, no link back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from hamkor.cases import page_queries, queries, queries_dossiers
from hamkor.cases.domains import Compartment, Domain, Purpose, Relationship, Sex
from hamkor.cases.dossiers import KIND_LABELS, unresolved
from hamkor.cases.forms_dossiers import (
    DossierBuildForm,
    DossierReturnForm,
    DossierTextForm,
    DossierWithdrawalForm,
    WarningResolutionForm,
)
from hamkor.cases.models import Case, Dossier, Goal, Intervention
from hamkor.cases.services import approvals
from hamkor.cases.services import dossiers as services
from hamkor.cases.services.consents import consent_covers
from hamkor.cases.views.common import apply_errors, case_code, case_url
from hamkor.core.decorators import requires
from hamkor.core.models import User
from hamkor.core.policy import may

LIST_PAGE_SIZE = 50
NOTE_PREVIEW_CHARS = 160


def _label(choices: Any, value: str) -> str:
    return str(choices(value).label) if value in choices.values else value


@dataclass
class Part:
    """A piece of the draft text: plain, or the text of a warning."""

    text: str
    warning: dict[str, Any] | None = None


def highlighted(text: str, warnings: list[dict[str, Any]]) -> list[Part]:
    parts, at = [], 0
    for warning in sorted(warnings, key=lambda w: int(w["start"])):
        parts.append(Part(text[at : warning["start"]]))
        parts.append(Part(text[warning["start"] : warning["end"]], warning))
        at = warning["end"]
    parts.append(Part(text[at:]))
    return [p for p in parts if p.text]


def presented(content: dict[str, Any]) -> dict[str, Any]:
    """The content with the labels of its vocabularies, in the reader's language."""
    domains = list(dict.fromkeys(d for a in content.get("assessments", []) for d in a["scores"]))
    return {
        "age_band": content.get("age_band", ""),
        "sex": _label(Sex, content.get("sex", "")),
        "region": content.get("region", ""),
        "country": content.get("country", ""),
        "stage": _label(Case.Status, content.get("stage", "")),
        "family_role": _label(Relationship, content.get("family_role", "")),
        "family": [(_label(Relationship, m["relationship"]), m["age_band"]) for m in content.get("family", [])],
        "domains": [_label(Domain, d) for d in domains],
        "assessments": [
            (a["month"], a["instrument"], [a["scores"].get(d) for d in domains]) for a in content.get("assessments", [])
        ],
        "plan": [
            (
                _label(Domain, g["domain"]),
                _label(Goal.Status, g["status"]),
                [
                    (_label(Intervention.Kind, i["kind"]), _label(Intervention.Status, i["status"]))
                    for i in g["interventions"]
                ],
            )
            for g in content.get("plan", [])
        ],
        "text": content.get("text", ""),
    }


# --- the Council's list ------------------------------------------------------------------------------------


@requires("dossier.view")
def dossier_list(request: HttpRequest) -> HttpResponse:
    """Dossiers sent to the Council that the user may read; case staff also see which case each is of."""
    user = request.user
    page = Paginator(queries_dossiers.sent_dossiers(user), LIST_PAGE_SIZE).get_page(request.GET.get("page"))
    staff = queries_dossiers.is_case_staff(user)
    rows = [
        (
            dossier,
            presented(dossier.content),
            case_url(dossier.case) if staff and may(user, "view", dossier.case) else "",
        )
        for dossier in page
    ]
    awaiting = [(d, presented(d.content), case_url(d.case)) for d in queries_dossiers.awaiting_approval(user)[:50]]
    context = {"page": page, "rows": rows, "staff": staff, "awaiting": awaiting}
    return render(request, "cases/dossiers/list.html", context)


# --- building from a case ----------------------------------------------------------------------------------


def _note_choices(case: Case) -> list[tuple[str, str]]:
    notes = case.notes.filter(compartment=Compartment.GENERAL).order_by("created_at", "pk")
    choices = []
    for note in notes:
        preview = note.body if len(note.body) <= NOTE_PREVIEW_CHARS else note.body[:NOTE_PREVIEW_CHARS] + "…"
        choices.append((str(note.pk), f"{note.created_at:%Y-%m-%d}: {preview}"))
    return choices


@requires("dossier.change")
def dossier_build(request: HttpRequest, person_code: str, number: int) -> HttpResponse:
    """Build the case's draft dossier (or refresh it): a summary and general notes to check."""
    code = case_code(person_code, number)
    if request.method != "POST":
        case = queries.open_case(request.user, code, purpose="change")  # the notes are shown: an audited read
        draft = case.dossiers.filter(status=Dossier.Status.DRAFT).first()
        initial = {"text": queries_dossiers.dossier_text(draft)} if draft else {}
        form = DossierBuildForm(notes=_note_choices(case), initial=initial)
        return _build_page(request, case, form, draft)
    case = page_queries.case_for_action(request.user, code)
    form = DossierBuildForm(request.POST, notes=_note_choices(case))
    if form.is_valid():
        try:
            dossier = services.build_dossier(request.user, case, notes=form.note_ids(), text=form.cleaned_data["text"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            count = len(unresolved(dossier.warnings))
            if count:
                messages.warning(
                    request,
                    ngettext(
                        "The draft is built; %(count)s possible identifier needs your decision.",
                        "The draft is built; %(count)s possible identifiers need your decision.",
                        count,
                    )
                    % {"count": count},
                )
            else:
                messages.success(request, _("The draft is built; no possible identifier was found in its text."))
            return redirect("cases:dossier_detail", code=dossier.code)
    messages.error(request, _("Nothing was saved; the form below says why."))
    return _build_page(request, case, form, case.dossiers.filter(status=Dossier.Status.DRAFT).first(), status=400)


def _build_page(
    request: HttpRequest, case: Case, form: DossierBuildForm, draft: Dossier | None, status: int = 200
) -> HttpResponse:
    context = {"case": case, "form": form, "draft": draft, "case_url": case_url(case)}
    return render(request, "cases/dossiers/build.html", context, status=status)


# --- one dossier -------------------------------------------------------------------------------------------


@requires("dossier.view")
def dossier_detail(request: HttpRequest, code: str) -> HttpResponse:
    return render_dossier_page(request, queries_dossiers.find_dossier(request.user, code))


def render_dossier_page(
    request: HttpRequest, dossier: Dossier, *, bound: dict[str, forms.Form] | None = None, status: int = 200
) -> HttpResponse:
    """The dossier (its read audited). Case staff get the draft's tools; ``bound`` holds a submitted form to
    show again with its errors."""
    user = request.user
    bound = bound or {}
    queries_dossiers.record_read(user, dossier)
    content = queries_dossiers.readable_content(dossier)
    context: dict[str, Any] = {"dossier": dossier, "content": presented(content), "staff": False}
    if may(user, "change", dossier) and services.sees_whole_family(user, dossier.case):
        draft = dossier.status == Dossier.Status.DRAFT
        approver = approvals.may_approve(user, dossier)
        warnings = services.shown_warnings(dossier)
        authors: dict[int | None, str] = dict(
            User.objects.filter(pk__in=[_by(w) for w in warnings]).values_list("pk", "full_name")
        )
        text = content["text"]
        shown = [
            {
                **w,
                "label": KIND_LABELS.get(w["kind"], w["kind"]),
                "text": text[w["start"] : w["end"]],
                "author": authors.get(_by(w), ""),
                "form": None
                if w["resolution"] or not draft
                else bound.get(f"resolve:{w['id']}") or WarningResolutionForm(warning=w["id"]),
            }
            for w in warnings
        ]
        context.update(
            staff=True,
            case_url=case_url(dossier.case),
            case_code=dossier.case.code,
            consent=consent_covers(dossier.case, Purpose.COUNCIL),
            parts=highlighted(text, shown),
            warnings=shown,
            unresolved=len(unresolved(warnings)),
            forms={
                "text": (bound.get("text") or DossierTextForm(initial={"text": text})) if draft else None,
                "withdraw": (bound.get("withdraw") or DossierWithdrawalForm())
                if dossier.status != Dossier.Status.WITHDRAWN
                else None,
                "return": (bound.get("return") or DossierReturnForm())
                if dossier.status == Dossier.Status.AWAITING_APPROVAL
                and (approver or dossier.submitted_by_id == user.pk)
                else None,
            },
            can_approve=approver,
            digest=approvals.approval_digest(dossier) if dossier.status == Dossier.Status.AWAITING_APPROVAL else "",
        )
    return render(request, "cases/dossiers/detail.html", context, status=status)


def _by(warning: dict[str, Any]) -> int | None:
    resolution = warning.get("resolution") or {}
    by = resolution.get("by")
    return int(by) if by is not None else None


def _act(
    request: HttpRequest,
    dossier: Dossier,
    call: Callable[[], object],
    done: str,
    *,
    key: str = "",
    form: forms.Form | None = None,
) -> HttpResponse:
    """A valid form calls one service, then back to the dossier with ``done``; a refusal shows the dossier
    again with the reason (400)."""
    if form is None or form.is_valid():
        try:
            call()
        except ValidationError as exc:
            if form is None:
                for message in exc.messages:
                    messages.error(request, message)
            else:
                apply_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("cases:dossier_detail", code=dossier.code)
    if form is not None:
        messages.error(request, _("Nothing was saved; the form below says why."))
    dossier.refresh_from_db()
    return render_dossier_page(request, dossier, bound={key: form} if form is not None else {}, status=400)


def _for_change(request: HttpRequest, code: str) -> Dossier:
    return queries_dossiers.find_dossier(request.user, code, "change")


@require_POST
@requires("dossier.change")
def dossier_text(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _for_change(request, code)
    form = DossierTextForm(request.POST)

    def save() -> None:
        services.update_dossier_text(request.user, dossier, text=form.cleaned_data["text"])

    return _act(request, dossier, save, _("The text is saved and checked again."), key="text", form=form)


@require_POST
@requires("dossier.change")
def dossier_resolve(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _for_change(request, code)
    warning = request.POST.get("warning", "")[:40]
    form = WarningResolutionForm(request.POST, warning=warning)

    def resolve() -> None:
        data = form.cleaned_data
        services.resolve_warning(request.user, dossier, warning=data["warning"], reason=data["reason"])

    done = _("The warning is marked as not an identifier.")
    return _act(request, dossier, resolve, done, key=f"resolve:{warning}", form=form)


@require_POST
@requires("dossier.change")
def dossier_redact(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _for_change(request, code)

    def remove() -> None:
        services.remove_flagged_text(request.user, dossier)

    return _act(request, dossier, remove, _("The flagged text is replaced with […]."))


@require_POST
@requires("dossier.change")
def dossier_submit(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _for_change(request, code)

    def submit() -> None:
        approvals.submit_dossier(request.user, dossier)

    return _act(request, dossier, submit, _("The dossier waits for a supervisor's approval."))


@require_POST
@requires("dossier.approve")
def dossier_approve(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _for_change(request, code)

    def approve() -> None:
        approvals.approve_dossier(request.user, dossier, digest=request.POST.get("digest", "")[:64])

    return _act(request, dossier, approve, _("The dossier is approved and sent to the Expert Council."))


@require_POST
@requires("dossier.change")
def dossier_return(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _for_change(request, code)
    form = DossierReturnForm(request.POST)

    def send_back() -> None:
        approvals.return_dossier(request.user, dossier, reason=form.cleaned_data["reason"])

    return _act(request, dossier, send_back, _("The dossier is back in draft."), key="return", form=form)


@require_POST
@requires("dossier.change")
def dossier_withdraw(request: HttpRequest, code: str) -> HttpResponse:
    dossier = _for_change(request, code)
    form = DossierWithdrawalForm(request.POST)

    def withdraw() -> None:
        services.withdraw_dossier(request.user, dossier, reason=form.cleaned_data["reason"])

    return _act(request, dossier, withdraw, _("The dossier is withdrawn."), key="withdraw", form=form)


def build_url(case: Case) -> str:
    person_code, number = case.code.rsplit("/", 1)
    return reverse("cases:dossier_build", kwargs={"person_code": person_code, "number": int(number)})
