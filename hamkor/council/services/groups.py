"""Working groups and their seats."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hamkor.core.audit import record
from hamkor.council.models import Expert, Membership, WorkingGroup
from hamkor.council.services.common import require_manage

# The four working groups of the Council (DOMAIN.md), by slug.
WORKING_GROUPS = [
    ("accountability", "Accountability", "Justice, prosecution and accountability for returnees."),
    ("psychosocial-support", "Psychosocial support", "Mental health and psychosocial support for returnees."),
    (
        "countering-terrorist-narratives",
        "Countering terrorist narratives",
        "Religious counselling and alternative narratives.",
    ),
    (
        "civil-society-engagement",
        "Civil-society engagement",
        "The role of civil society, communities and the mahalla in reintegration.",
    ),
]


def ensure_working_groups(actor: Any = None) -> list[WorkingGroup]:
    """The four working groups, created when missing (names are not overwritten); one audit entry when any was
    created."""
    require_manage(actor)
    with transaction.atomic():
        created: list[str] = []
        groups = []
        for position, (slug, name, description) in enumerate(WORKING_GROUPS):
            group, made = WorkingGroup.objects.get_or_create(
                slug=slug, defaults={"name": name, "description": description, "position": position}
            )
            groups.append(group)
            if made:
                created.append(slug)
        if created:
            record(actor, "working_group.create", object_type="council.workinggroup", details={"slugs": created})
    return groups


def add_member(
    actor: Any, group: WorkingGroup, expert: Expert, *, role: str = Membership.Role.MEMBER, since: date | None = None
) -> Membership:
    """Give an expert a seat (or change the role of the seat they hold). A suspended expert gets no seat."""
    require_manage(actor)
    if role not in Membership.Role.values:
        raise ValidationError({"role": _("Unknown role.")})
    if expert.vetting_status == Expert.Vetting.SUSPENDED:
        raise ValidationError({"expert": _("A suspended expert cannot sit on a working group.")})
    with transaction.atomic():
        seat, created = Membership.objects.update_or_create(
            group=group, expert=expert, defaults={"role": role, **({"since": since} if since else {})}
        )
        record(
            actor,
            "working_group.member",
            group,
            details={"expert": expert.pk, "role": role, "new": created},
        )
    return seat


def remove_member(actor: Any, group: WorkingGroup, expert: Expert) -> None:
    require_manage(actor)
    with transaction.atomic():
        deleted, _rows = Membership.objects.filter(group=group, expert=expert).delete()
        if deleted:
            record(actor, "working_group.remove_member", group, details={"expert": expert.pk})
