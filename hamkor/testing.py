"""Test support shared by every app: the permission-table entry type and the role names it uses.

Each app lists its routes in ``hamkor/<app>/tests/permission_routes.py`` (``ROUTES``, ``API_ROUTES`` and
``make_objects``); ``hamkor/core/tests/test_permissions.py`` gathers them all and fails on any route left out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

ADMIN, PROGRAMME, LEARNER, OVERSIGHT, CASEWORKER, SUPERVISOR, EXPERT, ANALYST = (
    "administrator",
    "programme_officer",
    "learner",
    "oversight_officer",
    "case_worker",
    "case_supervisor",
    "council_expert",
    "analyst",
)


@dataclass(frozen=True)
class Route:
    """How one route is tested: a role that gets through, a role that is refused, and how to call it."""

    allowed: str | None  # a role that gets through; None for public routes
    denied: str | None = None  # a role that gets 403/404; None when every role may
    method: str = "get"
    kwargs: tuple[str, ...] = ()  # "url_kwarg=object_name" pairs, objects from the apps' make_objects
    data: dict[str, Any] | Callable[[], dict[str, Any]] = field(default_factory=dict)

    def body(self) -> dict[str, Any]:
        return dict(self.data() if callable(self.data) else self.data)
