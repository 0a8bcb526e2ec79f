"""Browsing the library: the filtered list or a text search, the user's own items, and the review queue."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hamkor.core import search
from hamkor.core.decorators import requires
from hamkor.core.page_forms import query_string
from hamkor.core.policy import holds
from hamkor.library import pages_queries, queries
from hamkor.library.views.common import filter_choices, page_number

PER_PAGE = 20


def read_filters(request: HttpRequest) -> dict[str, str]:
    """The browse page's query: a text and the filters, each trimmed; unknown parameters are ignored."""
    names = ("q", "kind", "language", "country", "pillar", "year", "status")
    return {name: str(request.GET.get(name, "") or "").strip()[: 200 if name == "q" else 40] for name in names}


def search_facets(values: dict[str, str]) -> dict[str, str]:
    """The search's facet filters; the item kind is the "type" facet of library cards."""
    facets = {name: values[name] for name in ("language", "country", "pillar", "year") if values[name]}
    if values["kind"]:
        facets["type"] = values["kind"]
    return facets


def listing(request: HttpRequest, user: Any, values: dict[str, str]) -> dict[str, Any]:
    """Either one page of search hits (when there is a text) or one page of the filtered list."""
    if values["q"]:
        found = search.search(
            user,
            values["q"],
            kind="library.item",
            filters=search_facets(values),
            page=page_number(request),
            per_page=PER_PAGE,
        )
        return {"results": found}
    filters = queries.ItemFilters.from_query(values)
    rows = queries.public_items(filters) if user is None else queries.items(user, filters)
    rows = pages_queries.with_year(rows, values["year"])
    return {"page": Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))}


@requires("library.view")
def browse(request: HttpRequest) -> HttpResponse:
    values = read_filters(request)
    context = {
        "filters": values,
        "query": query_string(values),
        "shows_status": holds(request.user, "library.create") or holds(request.user, "library.manage"),
        "can_create": holds(request.user, "library.create"),
        "can_review": holds(request.user, "library.review"),
        **listing(request, request.user, values),
        **filter_choices(),
    }
    return render(request, "library/browse.html", context)


@requires("library.view")
def mine(request: HttpRequest) -> HttpResponse:
    page = Paginator(pages_queries.my_items(request.user), 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "can_create": holds(request.user, "library.create"),
        "can_review": holds(request.user, "library.review"),
    }
    return render(request, "library/mine.html", context)


@requires("library.review")
def reviews(request: HttpRequest) -> HttpResponse:
    page = Paginator(pages_queries.review_queue(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "library/reviews.html", {"page": page})
