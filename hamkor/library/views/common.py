"""Shared pieces of the library pages: finding an item, showing a refusal on a form, choices for the filters."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.urls import reverse

from hamkor.core.models import Country
from hamkor.core.page_forms import whole_number
from hamkor.core.pillars import Pillar
from hamkor.library import queries
from hamkor.library.models import Item, Kind, Language


def find(request: HttpRequest, pk: int) -> Item:
    """The item if the user may read it, else 404."""
    return queries.item(request.user, pk)


def item_url(item: Item) -> str:
    return reverse("library:item", args=[item.pk])


def filter_choices() -> dict[str, Any]:
    return {
        "kind_choices": Kind.choices,
        "language_choices": Language.choices,
        "pillar_choices": Pillar.choices,
        "country_choices": Country.objects.all(),
        "status_choices": Item.Status.choices,
    }


def page_number(request: HttpRequest) -> int:
    return whole_number(request.GET.get("page"), high=9_999) or 1


def item_labels(item: Item) -> dict[str, Any]:
    """The item's language and pillar codes in words, for its page."""
    languages = dict(Language.choices)
    pillars = dict(Pillar.choices)
    return {
        "language_labels": [str(languages.get(code, code)) for code in item.languages],
        "pillar_labels": [str(pillars.get(code, code)) for code in item.pillars],
        "detected_label": str(languages.get(item.detected_language, item.detected_language)),
    }
