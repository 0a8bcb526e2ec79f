"""The search page every header links to: one box over everything the visitor may find, with facets."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from hamkor.core.search import FACETS, search
from hamkor.core.search.labels import facet_labels


def search_page(request: HttpRequest) -> HttpResponse:
    """Open to everyone: an anonymous visitor finds public documents only, a signed-in user what they may read."""
    query = request.GET.get("q", "").strip()[:200]
    filters = {name: request.GET.get(name, "").strip()[:64] for name in FACETS}
    filters = {name: value for name, value in filters.items() if value}
    try:
        page_number = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        page_number = 1
    page = search(request.user, query, filters=filters, page=page_number)
    labels = facet_labels(page.facets)
    facets = [
        {
            "name": name,
            "values": [
                {
                    "value": value,
                    "label": labels[name][value],
                    "count": count,
                    "selected": filters.get(name) == value,
                    "href": "?" + _query({**filters, name: value}, query, toggle=(name, value, filters)),
                }
                for value, count in page.facets[name]
            ],
        }
        for name in FACETS
        if page.facets.get(name)
    ]
    return render(
        request,
        "core/search.html",
        {
            "query": query,
            "page": page,
            "facets": facets,
            "filters": filters,
            "pager_query": _query(filters, query),
            "first_number": (page.page - 1) * page.per_page + 1,
            "previous_page": page.page - 1 if page.page > 1 else None,
            "next_page": page.page + 1 if page.page < page.pages else None,
        },
    )


def _query(filters: dict[str, str], query: str, toggle: tuple[str, str, dict[str, str]] | None = None) -> str:
    values = dict(filters)
    if toggle is not None:
        name, value, current = toggle
        if current.get(name) == value:  # a selected value's link takes the filter off again
            values.pop(name)
    return urlencode({"q": query, **values})
