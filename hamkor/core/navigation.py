"""The main navigation: one entry per module the user may open; modules not built yet do not appear."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hamkor.core.policy import holds
from hamkor.core.roles import second_factor_proved


@dataclass(frozen=True)
class Section:
    label: str | Promise
    url_name: str
    permission: str
    app_label: str = "core"


SECTIONS: list[Section] = [
    Section(_("Dashboard"), "core:dashboard", "dashboard.view"),
    Section(_("Organisations"), "core:organisations", "organisation.view"),
    Section(_("Agreements"), "core:agreements", "agreement.view"),
    Section(_("Audit log"), "core:audit", "audit.view"),
]


def register_section(section: Section) -> None:
    """A module adds itself to the navigation from its ``AppConfig.ready``."""
    if section not in SECTIONS:
        SECTIONS.insert(len(SECTIONS) - 1, section)


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is not None and getattr(user, "needs_second_factor", False) and not second_factor_proved(user):
        return {"nav_items": []}  # nothing opens before the second factor, so nothing is offered
    items = []
    for section in SECTIONS:
        if not apps.is_installed(f"hamkor.{section.app_label}") or not holds(user, section.permission):
            continue
        try:
            url = reverse(section.url_name)
        except NoReverseMatch:
            continue
        items.append({"label": section.label, "url": url, "current": request.path.startswith(url)})
    if items and items[0]["url"] == "/":
        items[0]["current"] = request.path == "/"
    return {"nav_items": items}
