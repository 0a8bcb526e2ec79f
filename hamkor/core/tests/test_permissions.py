"""Generated permission tests: every page route and every API operation, for anonymous, a role without the
permission and a role with it. Each app lists its routes in ``tests/permission_routes.py``; a new route without
an entry there fails the suite."""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from hamkor.api import api
from hamkor.conftest import verified_client
from hamkor.core import services
from hamkor.core.models import Agreement, Organisation
from hamkor.testing import Route, app_test_modules


def _app_tables() -> list[ModuleType]:
    return app_test_modules("permission_routes")


ROUTES: dict[str, Route] = {k: v for m in _app_tables() for k, v in m.ROUTES.items()}
API_ROUTES: dict[str, Route] = {k: v for m in _app_tables() for k, v in m.API_ROUTES.items()}
# Which table declared each route: a route's objects come from its own table (and the core's), so each test
# builds a few objects rather than every app's.
_DECLARED_IN: dict[str, ModuleType] = {
    key: module for module in _app_tables() for key in [*module.ROUTES, *module.API_ROUTES]
}

# Served by django-ninja itself and public on purpose: the API's description holds no data.
PUBLIC_API_DOCS = {"api:openapi-json", "api:openapi-view"}


def _page_names(resolver: URLResolver, namespace: str = "") -> set[str]:
    names: set[str] = set()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            if entry.namespace == "api":
                continue
            names |= _page_names(entry, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(f"{namespace}{entry.name}")
    return names


def _api_operations() -> set[str]:
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    return {f"{method.upper()} {path}" for path, ops in schema["paths"].items() for method in ops}


def test_every_page_route_has_a_permission_entry():
    missing = _page_names(get_resolver()) - set(ROUTES)
    assert not missing, f"Add these routes to ROUTES in {__file__}: {sorted(missing)}"
    assert not set(ROUTES) - _page_names(get_resolver()), "ROUTES names a route that no longer exists"


def test_every_api_operation_has_a_permission_entry():
    missing = _api_operations() - set(API_ROUTES)
    assert not missing, f"Add these operations to API_ROUTES in {__file__}: {sorted(missing)}"
    assert not set(API_ROUTES) - _api_operations(), "API_ROUTES names an operation that no longer exists"


@pytest.fixture
def objects(request, persona, world, settings, tmp_path) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path
    params = getattr(getattr(request.node, "callspec", None), "params", {})
    key = params.get("name") or params.get("key")
    core = importlib.import_module("hamkor.core.tests.permission_routes")
    found: dict[str, Any] = {}
    for module in dict.fromkeys([core, _DECLARED_IN[key] if key else core]):
        found.update(module.make_objects(persona, world))
    return found


def _kwargs(route: Route, objects: dict[str, Any]) -> dict[str, Any]:
    return {name: objects[key] for name, key in (item.split("=") for item in route.kwargs)}


@pytest.mark.parametrize("name", sorted(ROUTES))
def test_page_route_access(name, persona, objects, client):
    route = ROUTES[name]
    url = reverse(name, kwargs=_kwargs(route, objects))
    send = getattr(client, route.method)
    anonymous = send(url, route.body())
    if route.allowed is None:
        assert anonymous.status_code in (200, 302), f"{name} must be public"
        return
    assert anonymous.status_code == 302 and reverse("core:login") in anonymous["Location"], name

    if route.denied is not None:
        denied = getattr(verified_client(persona[route.denied]), route.method)(url, route.body())
        assert denied.status_code in (403, 404), f"{name}: {route.denied} got {denied.status_code}"

    allowed = getattr(verified_client(persona[route.allowed]), route.method)(url, route.body())
    assert allowed.status_code in (200, 302), f"{name}: {route.allowed} got {allowed.status_code}"
    if allowed.status_code == 302:
        assert reverse("core:login") not in allowed["Location"], name


def _api_call(client, key: str, route: Route, objects: dict[str, Any], headers: dict[str, str]):
    method, path = key.split(" ", 1)
    path = path.format(**_kwargs(route, objects))
    data = route.body()
    if data.get("parties") == "ORGS":
        data["parties"] = list(Organisation.objects.values_list("pk", flat=True)[:2])
    send = getattr(client, method.lower())
    if method == "GET":
        return send(path, data, **headers)  # a GET route's data is its query string
    return send(path, data, content_type="application/json", **headers)


def _bearer(user) -> dict[str, str]:
    issued = services.create_api_token(None, user, name="permission test", scopes=["read", "write"])
    return {"HTTP_AUTHORIZATION": f"Bearer {issued.secret}"}


@pytest.mark.parametrize("key", sorted(API_ROUTES))
def test_api_route_access(key, persona, objects, client):
    route = API_ROUTES[key]
    anonymous = _api_call(client, key, route, objects, {})
    assert anonymous.status_code == 401, f"{key}: anonymous got {anonymous.status_code}"
    assert anonymous["Content-Type"] == "application/problem+json"

    if route.denied is not None:
        denied = _api_call(client, key, route, objects, _bearer(persona[route.denied]))
        assert denied.status_code in (403, 404), f"{key}: {route.denied} got {denied.status_code}"
        assert denied["Content-Type"] == "application/problem+json"

    allowed = _api_call(client, key, route, objects, _bearer(persona[route.allowed]))
    assert 200 <= allowed.status_code < 300, f"{key}: {route.allowed} got {allowed.status_code} {allowed.content!r}"


def test_api_docs_are_public(client):
    assert {f"api:{p.name}" for p in api.urls[0] if p.name} >= PUBLIC_API_DOCS
    assert client.get("/api/v1/openapi.json").status_code == 200
    assert client.get("/api/v1/docs").status_code == 200


@pytest.mark.django_db
def test_agreement_parties_fixture_is_not_empty(objects):
    assert Agreement.objects.get(pk=objects["agreement"]).parties.count() == 2
