"""Every page form, posted empty, with wrong types and with over-long values, answers with a message (or a
refusal), never a 5xx.

Generated from the permission tables (``*/tests/permission_routes.py``): every page route is posted to, signed
in as the role allowed there, with the fields of the route's own data and of every form on the table's pages that
posts to it. A route that takes no POST answers 405, which is fine; a new route is covered by its table entry.
"""

from __future__ import annotations

import importlib
from collections import defaultdict
from html.parser import HTMLParser
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from hamkor.conftest import verified_client
from hamkor.core.tests.test_permissions import _DECLARED_IN, ROUTES, _kwargs
from hamkor.testing import Route

HUGE = "99999999999999999999999"
LONG = "x" * 10_000
FIELD_TAGS = ("input", "select", "textarea", "button")
WRONG = {"huge number": HUGE, "negative": "-1", "not a number or date": "x¿?", "NUL": "a\x00b", "over-long": LONG}


class _Forms(HTMLParser):
    """The POST forms of a page: where each posts to, and the names of its fields."""

    def __init__(self, page_path: str) -> None:
        super().__init__()
        self.page_path = page_path
        self.fields: dict[str, set[str]] = defaultdict(set)
        self._action: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "form":
            posts = (found.get("method") or "get").lower() == "post"
            self._action = (urlsplit(found.get("action") or "").path or self.page_path) if posts else None
        elif self._action and tag in FIELD_TAGS and found.get("name") not in (None, "", "csrfmiddlewaretoken"):
            self.fields[self._action].add(str(found["name"]))

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._action = None


def _tables() -> dict[ModuleType, list[str]]:
    by_table: dict[ModuleType, list[str]] = defaultdict(list)
    for name in sorted(ROUTES):
        by_table[_DECLARED_IN[name]].append(name)
    return by_table


TABLES = _tables()


def _fields(route: Route) -> set[str]:
    try:
        return set(route.body())
    except Exception:  # a route's data may need objects built by make_objects (an upload): its fields still count
        return set()


def _variants(names: set[str], valid: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    variants: list[tuple[str, dict[str, Any]]] = [("empty", {})]
    variants += [(f"every field {what}", dict.fromkeys(names, value)) for what, value in WRONG.items()]
    for field in sorted(valid):  # the rest valid, so the request reaches the service
        variants += [(f"{field} {what}", {**valid, field: value}) for what, value in WRONG.items()]
    return variants


@pytest.mark.parametrize("table", list(TABLES), ids=[t.__name__.removeprefix("hamkor.") for t in TABLES])
def test_every_page_form_answers_bad_input_without_a_server_error(table, persona, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    objects: dict[str, Any] = {}
    for module in dict.fromkeys([importlib.import_module("hamkor.core.tests.permission_routes"), table]):
        objects.update(module.make_objects(persona, world))
    clients: dict[str | None, Client] = {}

    def client(role: str | None) -> Client:
        if role not in clients:
            clients[role] = Client() if role is None else verified_client(persona[role])
        return clients[role]

    urls = {name: reverse(name, kwargs=_kwargs(ROUTES[name], objects)) for name in TABLES[table]}
    forms = _Forms("")
    for name, url in urls.items():
        route = ROUTES[name]
        if route.method == "get":
            page = client(route.allowed).get(url)
            if page.status_code == 200 and "html" in page.get("Content-Type", ""):
                forms.page_path = url
                forms.feed(page.content.decode())

    for name, url in urls.items():
        route = ROUTES[name]
        valid = {k: v for k, v in (route.body() if route.method == "post" else {}).items() if isinstance(v, str)}
        for variant, data in _variants(_fields(route) | forms.fields[url], valid):
            try:
                response = client(route.allowed).post(url, data)
            except Exception as exc:
                raise AssertionError(f"{name} ({url}), {variant}: {exc!r}") from exc
            assert response.status_code < 500, f"{name} ({url}), {variant}: {response.status_code}"


def test_a_refusal_naming_a_field_the_form_lacks_shows_above_the_form():
    """A service may name a field the page's form does not have; the message shows instead of a 500."""
    from django import forms
    from django.core.exceptions import ValidationError

    from hamkor.core.page_forms import apply_errors

    class Question(forms.Form):
        question = forms.CharField()

    form = Question({"question": "Why?"})
    form.is_valid()
    apply_errors(form, ValidationError({"dossier": "No dossier of your organisation has this code."}))
    assert form.non_field_errors() == ["No dossier of your organisation has this code."]
