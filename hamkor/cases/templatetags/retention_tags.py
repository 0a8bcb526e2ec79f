"""The retention section of the case page: retention date, legal hold, the person's own data."""

from __future__ import annotations

from typing import Any

from django import template

from hamkor.core.policy import holds

register = template.Library()


@register.inclusion_tag("cases/retention/_case_section.html", takes_context=True)
def retention_section(context: dict[str, Any], case: Any) -> dict[str, Any]:
    user = context["request"].user
    return {
        "case": case,
        "can_hold": holds(user, "case.legal_hold"),
        "can_export": holds(user, "person.export_data"),
        "csrf_token": context.get("csrf_token"),
    }
