"""The public portal: published public items only, for anyone, signed in or not. Nothing personal is shown:
no comments, ratings, reviews or uploaders."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render

from hamkor.core.page_forms import query_string
from hamkor.library import queries
from hamkor.library.views.browse import listing, read_filters
from hamkor.library.views.common import filter_choices, item_labels
from hamkor.library.views.files import file_response


def public_browse(request: HttpRequest) -> HttpResponse:
    values = read_filters(request) | {"status": ""}
    context = {
        "filters": values,
        "query": query_string(values),
        **listing(request, None, values),
        **filter_choices(),
    }
    return render(request, "library/public/browse.html", context)


def public_item(request: HttpRequest, pk: int) -> HttpResponse:
    item = queries.public_item(pk)
    context: dict[str, Any] = {
        "item": item,
        "files": queries.files(item),
        "translations": queries.translations(None, item),
    }
    context |= item_labels(item)
    return render(request, "library/public/item.html", context)


def public_download(request: HttpRequest, pk: int, version: int) -> FileResponse:
    return file_response(queries.public_item(pk), version)
