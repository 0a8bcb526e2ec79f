"""Shared pieces of the library pages: finding an item, showing a refusal on a form, choices for the filters."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.urls import reverse

from hamkor.core.models import Country
from hamkor.core.pillars import Pillar
from hamkor.library import queries
from hamkor.library.models import Item, Kind, Language


def find(request: HttpRequest, pk: int) -> Item:
    """The item if the user may read it, else 404."""
    return queries.item(request.user, pk)


def item_url(item: Item) -> str:
    return reverse("library:item", args=[item.pk])


def add_errors(form: forms.Form, exc: ValidationError, field: str | None = None) -> None:
    """Show a service's refusal on the form: by field when the service named fields the form has."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(field, exc)


def filter_choices() -> dict[str, Any]:
    return {
        "kind_choices": Kind.choices,
        "language_choices": Language.choices,
        "pillar_choices": Pillar.choices,
        "country_choices": Country.objects.all(),
        "status_choices": Item.Status.choices,
    }


def page_number(request: HttpRequest) -> int:
    raw = str(request.GET.get("page", "1"))
    return int(raw) if raw.isdigit() and 0 < int(raw) < 10_000 else 1


def item_labels(item: Item) -> dict[str, Any]:
    """The item's language and pillar codes in words, for its page."""
    languages = dict(Language.choices)
    pillars = dict(Pillar.choices)
    return {
        "language_labels": [str(languages.get(code, code)) for code in item.languages],
        "pillar_labels": [str(pillars.get(code, code)) for code in item.pillars],
        "detected_label": str(languages.get(item.detected_language, item.detected_language)),
    }
