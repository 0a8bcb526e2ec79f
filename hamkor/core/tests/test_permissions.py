"""Generated permission tests: every page route and every API operation, for anonymous, a role without the
permission and a role with it. A new route without an entry in ROUTES or API_ROUTES fails the suite."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from hamkor.api import api
from hamkor.conftest import verified_client
from hamkor.core import services
from hamkor.core.models import Agreement, Organisation


@dataclass(frozen=True)
class Route:
    allowed: str | None  # a role that gets through; None for public routes
    denied: str | None = None  # a role that gets 403/404; None when every role may
    method: str = "get"
    kwargs: tuple[str, ...] = ()  # names of objects from the `objects` fixture
    data: dict[str, Any] | Callable[[], dict[str, Any]] = field(default_factory=dict)

    def body(self) -> dict[str, Any]:
        return dict(self.data() if callable(self.data) else self.data)


def _text_upload() -> dict[str, Any]:
    return {"title": "Annex", "file": SimpleUploadedFile("annex.txt", b"Annex text", content_type="text/plain")}


ADMIN, PROGRAMME, LEARNER, OVERSIGHT, CASEWORKER = (
    "administrator",
    "programme_officer",
    "learner",
    "oversight_officer",
    "case_worker",
)

ROUTES: dict[str, Route] = {
    "core:login": Route(allowed=None),
    "core:logout": Route(allowed=None, method="post"),
    "core:second_factor": Route(allowed=ADMIN),
    "core:second_factor_setup": Route(allowed=ADMIN),
    "core:dashboard": Route(allowed=LEARNER),
    "core:organisations": Route(allowed=LEARNER),
    "core:organisation_create": Route(allowed=ADMIN, denied=PROGRAMME),
    "core:organisation": Route(allowed=LEARNER, kwargs=("pk=org",)),
    "core:organisation_edit": Route(allowed=ADMIN, denied=PROGRAMME, kwargs=("pk=org",)),
    "core:agreements": Route(allowed=PROGRAMME, denied=LEARNER),
    "core:agreement_create": Route(allowed=PROGRAMME, denied=CASEWORKER),
    "core:agreement": Route(allowed=PROGRAMME, denied=LEARNER, kwargs=("pk=agreement",)),
    "core:agreement_edit": Route(allowed=PROGRAMME, denied=LEARNER, kwargs=("pk=agreement",)),
    "core:agreement_document_upload": Route(
        allowed=PROGRAMME, denied=LEARNER, method="post", kwargs=("pk=agreement",), data=_text_upload
    ),
    "core:agreement_document": Route(
        allowed=PROGRAMME, denied=LEARNER, kwargs=("pk=agreement", "document_pk=document")
    ),
    "core:audit": Route(allowed=OVERSIGHT, denied=ADMIN),
    "core:audit_export": Route(allowed=OVERSIGHT, denied=ADMIN),
    "core:profile": Route(allowed=LEARNER),
    "core:token_revoke": Route(allowed=LEARNER, denied=ADMIN, method="post", kwargs=("pk=token",)),
    "set_language": Route(allowed=None, method="post", data={"language": "ru"}),
}

API_ROUTES: dict[str, Route] = {
    "GET /api/v1/me": Route(allowed=LEARNER),
    "GET /api/v1/countries": Route(allowed=LEARNER),
    "GET /api/v1/organisations": Route(allowed=LEARNER),
    "GET /api/v1/organisations/{pk}": Route(allowed=LEARNER, kwargs=("pk=org",)),
    "POST /api/v1/organisations": Route(
        allowed=ADMIN, denied=PROGRAMME, data={"name": "Permission Test Org", "kind": "civil_society"}
    ),
    "PATCH /api/v1/organisations/{pk}": Route(
        allowed=ADMIN, denied=PROGRAMME, kwargs=("pk=org",), data={"city": "Samarqand"}
    ),
    "GET /api/v1/agreements": Route(allowed=PROGRAMME, denied=LEARNER),
    "GET /api/v1/agreements/{pk}": Route(allowed=PROGRAMME, denied=LEARNER, kwargs=("pk=agreement",)),
    "POST /api/v1/agreements": Route(
        allowed=PROGRAMME,
        denied=LEARNER,
        data={"title": "Permission test memorandum", "parties": "ORGS", "signed_on": "2024-05-14"},
    ),
    "GET /api/v1/audit": Route(allowed=OVERSIGHT, denied=ADMIN),
    "GET /api/v1/tokens": Route(allowed=LEARNER),
    "POST /api/v1/tokens/{pk}/revoke": Route(allowed=LEARNER, denied=ADMIN, kwargs=("pk=token",)),
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
def objects(persona, world, settings, tmp_path) -> dict[str, Any]:
    settings.MEDIA_ROOT = tmp_path
    org = world["uz"]
    agreement = services.create_agreement(
        None, parties=[world["uz"], world["un"]], title="Test memorandum", signed_on="2023-12-05"
    )
    token = services.create_api_token(None, persona[LEARNER], name="test").token
    document = services.attach_agreement_document(
        None, agreement, title="Signed text", language="en", upload=SimpleUploadedFile("mou.txt", b"Signed.")
    )
    return {"org": org.pk, "agreement": agreement.pk, "token": token.pk, "document": document.pk}


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
        return send(path, **headers)
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
