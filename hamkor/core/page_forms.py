"""Pieces every module's pages share: running a small posted form through a service, and filter links."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect


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


def query_string(values: dict[str, str]) -> str:
    """The filters that are set, as a URL query string (for pagers and filter links)."""
    return urlencode({k: v for k, v in values.items() if v})
