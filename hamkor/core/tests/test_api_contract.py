"""Schemathesis against the live API: every operation of ``/api/v1/openapi.json``, with a bounded number of
generated requests each (valid and invalid: huge numbers, long and odd strings, wrong types, missing fields).

Each operation is called with the token of a role the permission tables (``*/tests/*permission_routes.py``)
allow there, and every other request goes to the objects those tables build, so generated bodies reach the
services and not only the 404 of a made-up code. A 5xx, or a response whose status, content type or body its
OpenAPI description does not document, fails the test.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from itertools import count
from typing import Any

import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from hamkor.api import api
from hamkor.core.tests.test_permissions import _DECLARED_IN, API_ROUTES, _bearer, _kwargs

# Per operation and generation mode: about a minute for the whole API on SQLite. Search deeper with, e.g.,
# HAMKOR_API_EXAMPLES=200 before a release.
EXAMPLES = int(os.environ.get("HAMKOR_API_EXAMPLES", "15"))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]

schema = schemathesis.openapi.from_dict(api.get_openapi_schema(path_prefix="/api/v1"))
schema.app = WSGIHandler()


@pytest.fixture
def reached(persona, world, settings, tmp_path) -> Iterator[dict[str, Any]]:
    """Per operation, once: the objects of its permission table and the token of a role allowed there."""
    settings.MEDIA_ROOT = tmp_path
    built: dict[str, Any] = {}

    def build(key: str) -> dict[str, Any]:
        if not built:
            route = API_ROUTES[key]
            objects: dict[str, Any] = {}
            core = importlib.import_module("hamkor.core.tests.permission_routes")
            for module in dict.fromkeys([core, _DECLARED_IN[key]]):
                objects.update(module.make_objects(persona, world))
            built.update(headers=_bearer(persona[route.allowed]), path=_kwargs(route, objects), turn=count())
        return built

    # As Django's test client does: the test's transaction (and connection) outlives each request.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield {"build": build}
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES, deadline=None, database=None, derandomize=True, suppress_health_check=list(HealthCheck)
)
def test_every_operation_answers_as_documented(case, reached):
    state = reached["build"](f"{case.operation.method.upper()} {case.operation.path}")
    if case.path_parameters and next(state["turn"]) % 2 == 0:
        case.path_parameters = {**case.path_parameters, **state["path"]}
    case.call_and_validate(headers={"Authorization": state["headers"]["HTTP_AUTHORIZATION"]}, checks=CHECKS)
