"""Panels other modules put on the dashboard (due items, alerts ...), each shown only to who may see it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

from hamkor.core.policy import holds


@dataclass(frozen=True)
class Panel:
    template: str
    permission: str
    context: Callable[[HttpRequest], dict[str, Any]]


PANELS: list[Panel] = []


def register_panel(panel: Panel) -> None:
    if panel not in PANELS:
        PANELS.append(panel)


def panels_for(request: HttpRequest) -> list[tuple[str, dict[str, Any]]]:
    return [(p.template, p.context(request)) for p in PANELS if holds(request.user, p.permission)]
