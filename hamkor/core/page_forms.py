"""Pieces every module's pages share: running a small posted form through a service, and filter links."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from hamkor.core.bounds import ID_MAX


def act(request: HttpRequest, form: forms.Form, write: Callable[[], object], done: str, back: str) -> HttpResponse:
    """A small form posted from a detail page: run the service, say what happened, go back. Bad input changes
    nothing and is shown as a message."""
    if form.is_valid():
        try:
            write()
        except ValidationError as exc:
            for text in exc.messages:
                messages.error(request, text)
        else:
            messages.success(request, done)
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    return HttpResponseRedirect(back)


def apply_errors(form: forms.BaseForm, exc: ValidationError) -> None:
    """A service's refusal onto the form: next to the field it names, else above the form. A service may name a
    field the form does not have (``form.add_error`` would raise ``ValueError``, a 500); the message still shows."""
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc)
        return
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def whole_number(raw: object, *, high: int = ID_MAX) -> int | None:
    """A page's query or form value as a whole number from 1 to ``high``, or None: plain ASCII digits only
    ("²" is a digit to ``str.isdigit`` but no number to ``int``)."""
    text = str(raw or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > len(str(high)):
        return None
    number = int(text)
    return number if 0 < number <= high else None


def query_string(values: dict[str, str]) -> str:
    """The filters that are set, as a URL query string (for pagers and filter links)."""
    return urlencode({k: v for k, v in values.items() if v})


def _beyond_a_key(field: forms.ModelChoiceField, value: object) -> bool:  # type: ignore[type-arg]
    """Whether ``value`` is a whole number no 64-bit key can be: a multiple choice looks its ids up with
    ``pk__in``, where SQLite raises OverflowError on it (a single choice refuses it as an unknown id)."""
    if field.queryset is None:
        return False
    meta = field.queryset.model._meta
    if not isinstance(meta.get_field(field.to_field_name or meta.pk.name), models.IntegerField):
        return False
    try:
        return abs(int(str(value).strip())) > ID_MAX
    except ValueError:
        return False


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """A choice of rows by their ids; an id no key can be is an invalid choice, like any unknown id."""

    def clean(self, value: Any) -> Any:
        for pk in value if isinstance(value, list | tuple) else ():
            if _beyond_a_key(self, pk):
                raise ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": pk}
                )
        return super().clean(value)
