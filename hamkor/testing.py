"""Test support shared by every app: the permission-table entry type and the role names it uses.

Each app lists its routes in ``hamkor/<app>/tests/permission_routes.py`` (``ROUTES``, ``API_ROUTES`` and
``make_objects``); ``hamkor/core/tests/test_permissions.py`` gathers them all and fails on any route left out.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
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


def app_test_modules(suffix: str) -> list[ModuleType]:
    """Every ``hamkor.<app>.tests.<name>`` module whose name ends with ``suffix``: the per-app tables that the
    generated tests gather (``permission_routes``, ``read_paths``)."""
    from django.apps import apps

    modules = []
    for config in apps.get_app_configs():
        if not config.name.startswith("hamkor."):
            continue
        try:
            tests = importlib.import_module(f"{config.name}.tests")
        except ModuleNotFoundError:
            continue
        for info in pkgutil.iter_modules(tests.__path__):
            if info.name.endswith(suffix):
                modules.append(importlib.import_module(f"{config.name}.tests.{info.name}"))
    return modules


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


@dataclass(frozen=True)
class Read:
    """How the generated clearance test (``hamkor/cases/tests/test_clearances.py``) walks one read path.

    ``targets`` are the objects it is opened on, each a tuple of "url_kwarg=world_key" pairs (the world of
    ``hamkor/cases/tests/clearance_world.py``); ``data`` is its query string (GET) or body (POST). A path that
    shows nothing of a person's record is declared ``NOT_PERSONAL``, with the reason in a comment."""

    targets: tuple[tuple[str, ...], ...] = ((),)
    data: dict[str, str] = field(default_factory=dict)
    method: str = "get"
    personal: bool = True


NOT_PERSONAL = Read(personal=False)
