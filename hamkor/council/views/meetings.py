"""Meetings of the Council and its groups: list, page, the secretariat's records, the calendar feed."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hamkor.core.decorators import requires
from hamkor.core.page_forms import act, apply_errors
from hamkor.council import ical, queries, services
from hamkor.council.access import manages
from hamkor.council.forms import (
    ActionItemForm,
    ActionStatusForm,
    AgendaItemForm,
    DecisionForm,
    MeetingForm,
    MinutesForm,
)
from hamkor.council.models import ActionItem, Expert, Meeting


def _owners(request: HttpRequest) -> QuerySet[Expert]:
    return Expert.objects.restrict(request.user, "change").exclude(vetting_status=Expert.Vetting.SUSPENDED)


def _meeting(request: HttpRequest, pk: int) -> Meeting:
    try:
        return queries.meeting(request.user, pk)
    except Meeting.DoesNotExist:
        raise Http404 from None


def _back(pk: int) -> str:
    return reverse("council:meeting", args=[pk])


@requires("council.view")
def meeting_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.meetings(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "council/meeting_list.html", {"page": page, "can_manage": manages(request.user)})


@requires("council.view")
def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    can_manage = manages(request.user)
    context = {
        "meeting": meeting,
        "can_manage": can_manage,
        "minutes_form": MinutesForm(initial={"minutes": meeting.minutes}),
        "agenda_form": AgendaItemForm(),
        "decision_form": DecisionForm(),
        "action_form": ActionItemForm(experts=_owners(request)) if can_manage else None,
        "status_choices": ActionItem.Status.choices,
    }
    return render(request, "council/meeting_detail.html", context)


@requires("council.manage")
def meeting_create(request: HttpRequest) -> HttpResponse:
    form = MeetingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["agenda"] = data["agenda"].splitlines()
        try:
            meeting = services.schedule_meeting(request.user, **data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The meeting is scheduled."))
            return redirect("council:meeting", pk=meeting.pk)
    return render(request, "council/meeting_form.html", {"form": form})


@require_POST
@requires("council.manage")
def meeting_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = MinutesForm(request.POST)

    def write() -> None:
        services.record_minutes(request.user, meeting, form.cleaned_data["minutes"])

    return act(request, form, write, _("The minutes are saved."), _back(pk))


@require_POST
@requires("council.manage")
def meeting_agenda(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = AgendaItemForm(request.POST)

    def write() -> None:
        services.add_agenda_item(request.user, meeting, form.cleaned_data["title"])

    return act(request, form, write, _("The agenda item is added."), _back(pk))


@require_POST
@requires("council.manage")
def meeting_decision(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = DecisionForm(request.POST)

    def write() -> None:
        services.record_decision(request.user, meeting, form.cleaned_data["text"])

    return act(request, form, write, _("The decision is recorded."), _back(pk))


@require_POST
@requires("council.manage")
def meeting_action(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    form = ActionItemForm(request.POST, experts=_owners(request))

    def write() -> None:
        services.add_action_item(request.user, meeting, **form.cleaned_data)

    return act(request, form, write, _("The action item is added."), _back(pk))


@require_POST
@requires("council.manage")
def action_status(request: HttpRequest, pk: int, action: int) -> HttpResponse:
    meeting = _meeting(request, pk)
    item = get_object_or_404(ActionItem.objects.select_related("owner", "meeting"), meeting=meeting, pk=action)
    form = ActionStatusForm(request.POST)

    def write() -> None:
        services.set_action_status(request.user, item, form.cleaned_data["status"])

    return act(request, form, write, _("The action item's status is updated."), _back(pk))


def calendar_response(body: str, filename: str) -> HttpResponse:
    response = HttpResponse(body.encode("utf-8"), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


@requires("council.view")
def meetings_ical(request: HttpRequest) -> HttpResponse:
    rows = queries.meetings(request.user).prefetch_related("agenda")
    body = ical.calendar(rows, now=timezone.now(), name=_("Regional Expert Council"))
    return calendar_response(body, "council-meetings.ics")
