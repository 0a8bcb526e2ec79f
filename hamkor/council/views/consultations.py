"""Consultations: list, request, the consultation page and its steps, and the Competence Center figures."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hamkor.cases import queries_dossiers
from hamkor.core.decorators import requires
from hamkor.core.page_forms import act, apply_errors
from hamkor.core.policy import holds
from hamkor.council import charts, figures, services
from hamkor.council import queries_consultations as queries
from hamkor.council.access import manages
from hamkor.council.forms import AnswerForm, ConfirmPanelForm, ConsultationForm, OpinionForm, RecommendationForm
from hamkor.council.models import Consultation, Expert, PanelMember
from hamkor.council.services.consultations import current_opinions


def _back(code: str) -> str:
    return reverse("council:consultation", args=[code])


def _find(request: HttpRequest, code: str) -> Consultation:
    found = queries.consultations(request.user).filter(code=code).first()
    if found is None:
        raise Http404
    return found


def _panel_choices(consultation: Consultation) -> object:
    proposed = consultation.panel.values("expert_id")
    return Expert.objects.filter(vetting_status=Expert.Vetting.VETTED) | Expert.objects.filter(pk__in=proposed)


@requires("council.view")
def consultation_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.consultations(request.user), 50).get_page(request.GET.get("page"))
    context = {"page": page, "can_request": holds(request.user, "council.request")}
    return render(request, "council/consultation_list.html", context)


@requires("council.request")
def consultation_request(request: HttpRequest) -> HttpResponse:
    form = ConsultationForm(request.POST or None, initial={"kind": request.GET.get("kind", "thematic")})
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.request_consultation(request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Your request is sent to the Council."))
            return redirect("council:consultation", code=consultation.code)
    return render(request, "council/consultation_form.html", {"form": form})


@requires("council.view")
def consultation_detail(request: HttpRequest, code: str) -> HttpResponse:
    consultation = queries.open_consultation(request.user, code)
    can_manage = manages(request.user)
    seat = queries.seat_of(request.user, consultation)
    dossier = queries.consultation_dossier(request.user, consultation)
    mine = current_opinions(consultation).filter(expert=seat.expert).first() if seat else None
    recommendation = getattr(consultation, "recommendation", None) if consultation.recommended_at else None
    S = Consultation.Status
    context = {
        "consultation": consultation,
        "panel": consultation.panel.select_related("expert", "expert__country"),
        "opinions": current_opinions(consultation) if (can_manage or seat or recommendation) else [],
        "dossier": dossier,
        "dossier_text": queries_dossiers.dossier_text(dossier) if dossier else "",
        "seat": seat,
        "my_opinion": mine,
        "can_manage": can_manage,
        "can_propose": can_manage and consultation.status in (S.REQUESTED, S.PANEL_PROPOSED),
        "confirm_form": ConfirmPanelForm(
            experts=_panel_choices(consultation),
            initial={"experts": [m.expert_id for m in consultation.panel.all()]},
        )
        if can_manage and consultation.status == S.PANEL_PROPOSED
        else None,
        "can_answer": seat is not None and seat.status == PanelMember.Status.INVITED,
        "opinion_form": OpinionForm(
            initial={"discipline": mine.discipline if mine else (seat.expert.disciplines or [""])[0]}
        )
        if seat is not None
        and seat.status == PanelMember.Status.ACCEPTED
        and consultation.status in (S.PANEL_CONFIRMED, S.OPINIONS)
        else None,
        "recommendation_form": RecommendationForm()
        if can_manage and consultation.status in (S.PANEL_CONFIRMED, S.OPINIONS)
        else None,
        "recommendation": recommendation,
        "quorum": consultation.required_quorum(),
    }
    return render(request, "council/consultation_detail.html", context)


@require_POST
@requires("council.manage")
def consultation_propose(request: HttpRequest, code: str) -> HttpResponse:
    consultation = _find(request, code)
    try:
        services.propose_panel(request.user, consultation)
    except ValidationError as exc:
        for text in exc.messages:
            messages.error(request, text)
    else:
        messages.success(request, _("A panel is proposed."))
    return redirect(_back(code))


@require_POST
@requires("council.manage")
def consultation_confirm(request: HttpRequest, code: str) -> HttpResponse:
    consultation = _find(request, code)
    form = ConfirmPanelForm(request.POST, experts=_panel_choices(consultation))

    def confirm() -> None:
        chosen = list(form.cleaned_data["experts"]) or None
        services.confirm_panel(request.user, consultation, chosen)

    return act(request, form, confirm, _("The panel is confirmed and its members invited."), _back(code))


@require_POST
@requires("council.view")
def consultation_answer(request: HttpRequest, code: str) -> HttpResponse:
    consultation = _find(request, code)
    form = AnswerForm(request.POST)

    def answer() -> None:
        accept = form.cleaned_data["answer"] == "accept"
        services.consultations.answer_invitation(request.user, consultation, accept=accept)

    return act(request, form, answer, _("Your answer is recorded."), _back(code))


@require_POST
@requires("council.view")
def consultation_opinion(request: HttpRequest, code: str) -> HttpResponse:
    consultation = _find(request, code)
    form = OpinionForm(request.POST)
    seat = queries.seat_of(request.user, consultation)

    def write() -> None:
        latest = current_opinions(consultation).filter(expert=seat.expert).first() if seat else None
        if latest is not None:
            services.correct_opinion(request.user, latest, text=form.cleaned_data["text"])
        else:
            data = form.cleaned_data
            services.submit_opinion(request.user, consultation, discipline=data["discipline"], text=data["text"])

    return act(request, form, write, _("Your opinion is submitted."), _back(code))


@require_POST
@requires("council.manage")
def consultation_consolidate(request: HttpRequest, code: str) -> HttpResponse:
    consultation = _find(request, code)
    form = RecommendationForm(request.POST)

    def write() -> None:
        services.consolidate(request.user, consultation, **form.cleaned_data)

    return act(request, form, write, _("The recommendation is issued to the requester."), _back(code))


@requires("council.figures")
def figures_page(request: HttpRequest) -> HttpResponse:
    found = figures.figures()
    context = {"figures": found, "charts": charts.figure_charts(found)}
    return render(request, "council/figures.html", context)
