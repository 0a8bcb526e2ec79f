"""Working groups: members and chairs."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hamkor.core.decorators import requires
from hamkor.core.page_forms import act
from hamkor.council import queries, services
from hamkor.council.access import manages
from hamkor.council.forms import MemberForm
from hamkor.council.models import Expert


def _seatable(request: HttpRequest) -> object:
    return Expert.objects.restrict(request.user, "change").exclude(vetting_status=Expert.Vetting.SUSPENDED)


@requires("council.view")
def group_list(request: HttpRequest) -> HttpResponse:
    return render(request, "council/group_list.html", {"groups": queries.working_groups(request.user)})


@requires("council.view")
def group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    group = get_object_or_404(queries.working_groups(request.user), slug=slug)
    context = {
        "group": group,
        "meetings": queries.meetings(request.user).filter(group=group)[:20],
        "can_manage": manages(request.user),
        "member_form": MemberForm(experts=_seatable(request)) if manages(request.user) else None,
    }
    return render(request, "council/group_detail.html", context)


@require_POST
@requires("council.manage")
def group_member(request: HttpRequest, slug: str) -> HttpResponse:
    group = get_object_or_404(queries.working_groups(request.user), slug=slug)
    form = MemberForm(request.POST, experts=_seatable(request))

    def seat() -> None:
        services.add_member(request.user, group, form.cleaned_data["expert"], role=form.cleaned_data["role"])

    return act(request, form, seat, _("The seat is saved."), reverse("council:group", args=[slug]))
