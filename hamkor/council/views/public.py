"""The public directory and calendar: no sign-in; vetted experts only, and only what each agreed to publish."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from hamkor.core.page_forms import query_string
from hamkor.council import ical, queries
from hamkor.council.models import Expert
from hamkor.council.views.directory import filter_choices
from hamkor.council.views.meetings import calendar_response


def directory(request: HttpRequest) -> HttpResponse:
    filters = queries.DirectoryFilters.from_query(request.GET)
    page = Paginator(queries.public_experts(filters), 50).get_page(request.GET.get("page"))
    page.object_list = [queries.public_profile(e) for e in page.object_list]  # type: ignore[misc]
    context = {
        "page": page,
        "filters": filters.as_dict(),
        "query": query_string(filters.as_dict()),
        "meetings": queries.public_meetings()[:10],
        **filter_choices(),
    }
    return render(request, "council/public/directory.html", context)


def expert(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        found = queries.public_experts().get(pk=pk)
    except Expert.DoesNotExist:
        raise Http404 from None
    return render(request, "council/public/expert.html", {"profile": queries.public_profile(found)})


def meetings_ical(request: HttpRequest) -> HttpResponse:
    body = ical.calendar(queries.public_meetings(), now=timezone.now(), name=_("Regional Expert Council"), public=True)
    return calendar_response(body, "council-public.ics")
