"""Every value the API takes in has bounds (``hamkor/core/bounds.py``), and out of bounds is a 422 problem
document naming the field, never a 500. The walk over the OpenAPI description fails on a new input without
bounds, so a new router cannot reopen the class."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import DataError
from django.test import RequestFactory

from hamkor.api import api
from hamkor.core.bounds import ID_MAX
from hamkor.core.models import Organisation
from hamkor.core.tests.test_permissions import API_ROUTES, _bearer

HUGE = 99999999999999999999999
DESCRIPTION = api.get_openapi_schema(path_prefix="/api/v1")
COMPONENTS = DESCRIPTION["components"]["schemas"]


def _resolved(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = COMPONENTS[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _unbounded(schema: dict[str, Any], where: str) -> list[str]:
    """The places under ``schema`` that take a value without a bound."""
    schema = _resolved(schema)
    found = [m for key in ("anyOf", "oneOf", "allOf") for sub in schema.get(key, []) for m in _unbounded(sub, where)]
    kind = schema.get("type")
    if kind == "integer" and not {"minimum", "maximum"} <= set(schema):
        found.append(f"{where}: an integer without minimum and maximum")
    if kind == "string" and not {"maxLength", "enum", "format", "const"} & set(schema):
        found.append(f"{where}: a string without maxLength")
    if kind == "array":
        if "maxItems" not in schema:
            found.append(f"{where}: a list without maxItems")
        found += _unbounded(schema.get("items", {}), f"{where}[]")
    if kind == "object":
        for name, value in schema.get("properties", {}).items():
            found += _unbounded(value, f"{where}.{name}")
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            if "maxProperties" not in schema:
                found.append(f"{where}: a mapping without maxProperties")
            found += _unbounded(extra, f"{where}.*")
    return found


def test_every_api_input_has_bounds():
    unbounded = []
    for path, operations in DESCRIPTION["paths"].items():
        for method, operation in operations.items():
            name = f"{method.upper()} {path}"
            for parameter in operation.get("parameters", []):
                unbounded += _unbounded(parameter["schema"], f"{name} {parameter['in']} {parameter['name']}")
            for content in operation.get("requestBody", {}).get("content", {}).values():
                unbounded += _unbounded(content["schema"], f"{name} body")
    assert not unbounded, "Give these inputs bounds (hamkor/core/bounds.py):\n" + "\n".join(unbounded)


def test_no_two_schemas_share_a_component_name():
    """The description has one component per name: two models' ``Status`` enums would overwrite each other, and
    the documented choices of one list would be another's."""
    seen: dict[str, tuple[str, str]] = {}
    clashes = []
    operations = [
        op for _prefix, router in api._routers for view in router.path_operations.values() for op in view.operations
    ]
    for operation in operations:
        responses = [m for m in operation.response_models.values() if hasattr(m, "model_json_schema")]
        for model in [*operation.models, *responses]:
            for mode in ("validation", "serialization"):
                # ninja wraps every body, parameter set and response, so each model of ours is one of these
                for name, definition in model.model_json_schema(mode=mode).get("$defs", {}).items():
                    text = json.dumps(definition, sort_keys=True)
                    first = seen.setdefault(name, (text, model.__qualname__))
                    if first[0] != text:
                        clashes.append(f"{name}: {first[1]} and {model.__qualname__}")
    assert not clashes, "Rename or inline (hamkor.core.bounds.inline) these components: " + "; ".join(
        sorted(set(clashes))
    )


def _call(client, key: str, path: str, body: dict[str, Any] | None, persona):
    headers = _bearer(persona[API_ROUTES[key].allowed])
    if body is None:
        return client.get(path, **headers) if key.startswith("GET") else client.post(path, **headers)
    return client.post(path, body, content_type="application/json", **headers)


OUT_OF_RANGE = [
    ("GET /api/v1/cases/", f"/api/v1/cases/?page={HUGE}", None, "page"),
    ("GET /api/v1/cases/", f"/api/v1/cases/?worker={HUGE}", None, "worker"),
    ("GET /api/v1/cases/", f"/api/v1/cases/?page_size={HUGE}", None, "page_size"),
    ("GET /api/v1/cases/{person_code}/{number}", f"/api/v1/cases/UZ-ZZZZ-ZZZZ/{HUGE}", None, "number"),
    ("GET /api/v1/cases/referrals/", f"/api/v1/cases/referrals/?page={HUGE}", None, "page"),
    ("GET /api/v1/cases/referrals/transfers", f"/api/v1/cases/referrals/transfers?page={HUGE}", None, "page"),
    ("GET /api/v1/cases/dossiers/", f"/api/v1/cases/dossiers/?page={HUGE}", None, "page"),
    ("GET /api/v1/cases/statistics/", f"/api/v1/cases/statistics/?year_opened={HUGE}", None, "year_opened"),
    ("GET /api/v1/organisations", f"/api/v1/organisations?page={HUGE}", None, "page"),
    ("GET /api/v1/organisations/{pk}", f"/api/v1/organisations/{HUGE}", None, "pk"),
    ("GET /api/v1/agreements/{pk}", f"/api/v1/agreements/{ID_MAX + 1}", None, "pk"),
    ("GET /api/v1/audit", f"/api/v1/audit?page={HUGE}", None, "page"),
    ("GET /api/v1/countries", f"/api/v1/countries?page_size={HUGE}", None, "page_size"),
    ("POST /api/v1/tokens/{pk}/revoke", f"/api/v1/tokens/{HUGE}/revoke", None, "pk"),
    ("GET /api/v1/search", f"/api/v1/search?q=Tashkent&page={HUGE}", None, "page"),
    ("GET /api/v1/council/experts", f"/api/v1/council/experts?page={HUGE}", None, "page"),
    ("GET /api/v1/council/meetings/{pk}", f"/api/v1/council/meetings/{HUGE}", None, "pk"),
    ("GET /api/v1/library/items", f"/api/v1/library/items?page={HUGE}", None, "page"),
    ("GET /api/v1/library/items/{pk}", f"/api/v1/library/items/{HUGE}", None, "pk"),
    (
        "POST /api/v1/cases/referrals/transfers",
        "/api/v1/cases/referrals/transfers",
        {"case": "UZ-ZZZZ-ZZZZ/1", "to_organisation": HUGE, "reason": "Moving to Almaty."},
        "to_organisation",
    ),
    ("POST /api/v1/library/items", "/api/v1/library/items", {"kind": "guide", "title": "T", "group": HUGE}, "group"),
    ("GET /api/v1/organisations", "/api/v1/organisations?q=" + "x" * 301, None, "q"),
    ("GET /api/v1/organisations", "/api/v1/organisations?q=Tash%00kent", None, "q"),
]


@pytest.mark.parametrize(
    ("key", "path", "body", "field"), OUT_OF_RANGE, ids=[f"{p}-{f}" for _k, p, _b, f in OUT_OF_RANGE]
)
def test_a_value_out_of_bounds_is_a_problem_naming_the_field(key, path, body, field, persona, client):
    response = _call(client, key, path, body, persona)
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert field in [error["field"] for error in response.json()["errors"]]


def test_the_largest_id_is_simply_not_found(persona, client):
    response = _call(client, "GET /api/v1/organisations/{pk}", f"/api/v1/organisations/{ID_MAX}", None, persona)
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"


def test_a_path_no_operation_matches_is_a_problem_not_a_page(persona, client):
    response = _call(client, "GET /api/v1/organisations/{pk}", "/api/v1/organisations/-1", None, persona)
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"


def test_a_null_organisation_field_is_cleared_or_refused_never_a_server_error(persona, world, client):
    org = world["uz"]
    headers = _bearer(persona["administrator"])
    url = f"/api/v1/organisations/{org.pk}"
    refused = client.patch(url, {"name": None}, content_type="application/json", **headers)
    assert refused.status_code == 422 and refused["Content-Type"] == "application/problem+json"
    cleared = client.patch(url, {"description": None}, content_type="application/json", **headers)
    assert cleared.status_code == 200 and cleared.json()["description"] == ""
    org.refresh_from_db()
    assert org.name == "Tashkent Centre" and org.description == ""


@pytest.mark.parametrize("error", [OverflowError("Python int too large to convert to SQLite INTEGER"), DataError()])
def test_a_value_the_database_cannot_hold_is_a_problem_not_a_server_error(error):
    """The last line behind the bounds: whatever reaches the database out of range is the client's 422."""
    response = api.on_exception(RequestFactory().get("/api/v1/cases/"), error)
    assert response.status_code == 422 and response["Content-Type"] == "application/problem+json"
    assert json.loads(response.content)["status"] == 422


def test_a_lone_surrogate_in_a_json_string_is_a_problem_and_changes_nothing(persona, world, client):
    """The second review: ``"Samarqand\\ud800x"`` in an optional text field reached the database (a 500)."""
    org = world["uz"]
    headers = _bearer(persona["administrator"])
    body = '{"city": "Samarqand\\ud800x"}'  # JSON's own escape: the decoded string holds a lone surrogate
    patched = client.patch(f"/api/v1/organisations/{org.pk}", body, content_type="application/json", **headers)
    assert patched.status_code == 422 and patched["Content-Type"] == "application/problem+json"
    created = client.post(
        "/api/v1/organisations",
        '{"name": "Surrogate Centre", "kind": "service_provider", "country": "U\\ud800"}',
        content_type="application/json",
        **headers,
    )
    assert created.status_code == 422
    org.refresh_from_db()
    assert org.city == "" and not Organisation.objects.filter(name="Surrogate Centre").exists()
