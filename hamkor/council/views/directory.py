"""The partner directory and expert pages (signed-in partners), and the secretariat's forms."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hamkor.core.decorators import requires
from hamkor.core.models import Country
from hamkor.core.page_forms import act, apply_errors, query_string
from hamkor.council import queries, services
from hamkor.council.access import manages, sees_conflicts
from hamkor.council.forms import ConflictForm, ExpertForm, VettingForm
from hamkor.council.models import Discipline, Expert, Language, WorkingGroup


def filter_choices() -> dict[str, object]:
    return {
        "discipline_choices": Discipline.choices,
        "language_choices": Language.choices,
        "country_choices": Country.objects.filter(council_experts__isnull=False).distinct().order_by("name_en"),
        "group_choices": WorkingGroup.objects.order_by("position"),
    }


@requires("council.view")
def directory(request: HttpRequest) -> HttpResponse:
    filters = queries.DirectoryFilters.from_query(request.GET)
    page = Paginator(queries.experts(request.user, filters), 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "filters": filters.as_dict(),
        "query": query_string(filters.as_dict()),
        "can_manage": manages(request.user),
        **filter_choices(),
    }
    return render(request, "council/directory.html", context)


def _expert(request: HttpRequest, pk: int) -> Expert:
    try:
        return queries.expert(request.user, pk)
    except Expert.DoesNotExist:
        raise Http404 from None


@requires("council.view")
def expert_detail(request: HttpRequest, pk: int) -> HttpResponse:
    expert = _expert(request, pk)
    context = {
        "expert": expert,
        "conflicts": queries.conflicts(expert, request.user) if sees_conflicts(request.user, expert) else None,
        "can_manage": manages(request.user),
        "vetting_form": VettingForm(initial={"status": expert.vetting_status}),
        "conflict_form": ConflictForm(),
    }
    return render(request, "council/expert_detail.html", context)


def _save(request: HttpRequest, expert: Expert | None) -> HttpResponse:
    initial = ExpertForm.initial_for(expert) if expert else None
    form = ExpertForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if expert is None:
                expert = services.create_expert(request.user, **form.profile())
            else:
                expert = services.update_expert(request.user, expert, **form.profile())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("council:expert", pk=expert.pk)
    return render(request, "council/expert_form.html", {"form": form, "expert": expert})


@requires("council.manage")
def expert_create(request: HttpRequest) -> HttpResponse:
    return _save(request, None)


@requires("council.manage")
def expert_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _save(request, _expert(request, pk))


@require_POST
@requires("council.manage")
def expert_vet(request: HttpRequest, pk: int) -> HttpResponse:
    expert = _expert(request, pk)
    form = VettingForm(request.POST)

    def vet() -> None:
        services.vet_expert(request.user, expert, form.cleaned_data["status"], reason=form.cleaned_data["reason"])

    return act(request, form, vet, _("The vetting decision is recorded."), reverse("council:expert", args=[pk]))


@require_POST
@requires("council.view")
def expert_conflict(request: HttpRequest, pk: int) -> HttpResponse:
    expert = _expert(request, pk)
    if not sees_conflicts(request.user, expert):
        raise Http404
    form = ConflictForm(request.POST)

    def declare() -> None:
        services.declare_conflict(request.user, expert, **form.cleaned_data)

    return act(request, form, declare, _("The conflict of interest is recorded."), reverse("council:expert", args=[pk]))
