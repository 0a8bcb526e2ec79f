"""The RFC 9457 problem documents of the API, described in its OpenAPI schema.

``hamkor/api.py`` answers every refusal with a problem document; ``document_problems`` adds to each operation
the refusals it can give, so that a client (and schemathesis in ``make test``) knows every status and body.
"""

from __future__ import annotations

from typing import Any

PROBLEM_CONTENT_TYPE = "application/problem+json"

_TEXT = {"type": "string"}
PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "type": "object",
    "description": "An RFC 9457 problem document.",
    "properties": {
        "type": _TEXT,
        "title": _TEXT,
        "status": {"type": "integer"},
        "detail": _TEXT,
        "instance": _TEXT,
        "errors": {
            "type": "array",
            "description": "The fields to correct, when the request is not valid.",
            "items": {
                "type": "object",
                "properties": {"field": _TEXT, "message": _TEXT},
                "required": ["field", "message"],
            },
        },
    },
    "required": ["type", "title", "status", "detail", "instance"],
}

_WHY = {
    400: "The request body is not valid JSON.",
    401: "No valid token or verified session.",
    403: "The caller's roles, clearances or token scope do not allow this.",
    404: "There is no such object, or the caller may not see it.",
    413: "The request body is too large.",
    422: "A value is missing, out of bounds, or breaks a rule; `errors` names the fields.",
}


def _refusals(operation: dict[str, Any]) -> list[int]:
    statuses = [401, 403]
    parameters = operation.get("parameters", [])
    if any(p.get("in") == "path" for p in parameters):
        statuses.append(404)
    if parameters or "requestBody" in operation:
        statuses.append(422)
    if "requestBody" in operation:
        statuses += [400, 413]
    return sorted(statuses)


def document_problems(schema: Any) -> Any:
    """The OpenAPI ``schema`` with a ``Problem`` component and each operation's problem responses."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    reference = {"$ref": "#/components/schemas/Problem"}
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            responses = operation.setdefault("responses", {})
            for status in _refusals(operation):
                responses.setdefault(
                    status, {"description": _WHY[status], "content": {PROBLEM_CONTENT_TYPE: {"schema": reference}}}
                )
    return schema
