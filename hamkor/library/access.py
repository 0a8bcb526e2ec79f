"""The library's part of the access policy.

``library.view``: every role but the learner; these are the partners, who read partner-only items.
``library.create`` (and ``library.change`` on their own items): programme officers, analysts, Council experts,
case supervisors and administrators, who write research, assessments and practices.
``library.manage``: programme officers and administrators, the editors, who assign reviewers, publish and
withdraw any item. ``library.review``: Council experts. ``library.rate`` / ``library.comment``: partners.

Rows: editors reach every item. Anyone else with ``library.view`` reaches the published items open to the
public, to partners, or to a reading group they belong to; the items they created or their organisation owns
(drafts included); and the items they were asked to review. A draft is seen by nobody else. Anonymous visitors
read published public items only, through ``queries.public_items`` (the policy never admits them).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from hamkor.core.policy import grant, holds, register_scope
from hamkor.core.roles import ALL_ROLES, Role

VIEW_ROLES = ALL_ROLES - {Role.LEARNER}
CREATE_ROLES = {
    Role.PROGRAMME_OFFICER,
    Role.ANALYST,
    Role.COUNCIL_EXPERT,
    Role.CASE_SUPERVISOR,
    Role.ADMINISTRATOR,
}
MANAGE_ROLES = {Role.PROGRAMME_OFFICER, Role.ADMINISTRATOR}
REVIEW_ROLES = {Role.COUNCIL_EXPERT}


def manages(user: Any) -> bool:
    return holds(user, "library.manage")


def authored(user: Any) -> Q:
    """The items a user wrote or their organisation owns."""
    condition = Q(created_by_id=user.pk)
    if getattr(user, "organisation_id", None) is not None:
        condition |= Q(owner_organisation_id=user.organisation_id)
    return condition


def member_groups(user: Any) -> Any:
    from hamkor.library.models import ReadingGroup

    return ReadingGroup.members.through.objects.filter(user_id=user.pk).values("readinggroup_id")


def reviewing(user: Any) -> Any:
    from hamkor.library.models import ReviewAssignment

    return ReviewAssignment.objects.filter(reviewer__user_id=user.pk).values("item_id")


def readable_published(user: Any) -> Q:
    """Published items open to the public, to partners, or to one of the user's reading groups."""
    from hamkor.library.models import Item

    access = Q(access=Item.Access.PUBLIC) | Q(access=Item.Access.PARTNERS)
    access |= Q(access=Item.Access.GROUP, group_id__in=member_groups(user))
    return Q(status=Item.Status.PUBLISHED) & access


def item_condition(user: Any, action: str) -> Q | None:
    if manages(user):
        return None
    if action == "view":
        return readable_published(user) | authored(user) | Q(pk__in=reviewing(user))
    return authored(user)  # change: the authors' own items


def group_condition(user: Any, action: str) -> Q | None:
    if manages(user):
        return None
    return Q(pk__in=member_groups(user))


def install_library_policy() -> None:
    from hamkor.library.models import Item, ReadingGroup

    register_scope(Item, "library", item_condition)
    register_scope(ReadingGroup, "reading_group", group_condition)
    grant("library.view", VIEW_ROLES)
    grant("library.create", CREATE_ROLES)
    grant("library.change", CREATE_ROLES | MANAGE_ROLES)
    grant("library.manage", MANAGE_ROLES)
    # Council experts write in their own name: a colleague's item in the same organisation is not theirs to edit,
    # submit or withdraw, and they may review it.
    grant("library.change_colleagues", (CREATE_ROLES | MANAGE_ROLES) - {Role.COUNCIL_EXPERT})
    grant("library.review", REVIEW_ROLES)
    grant("library.rate", VIEW_ROLES)
    grant("library.comment", VIEW_ROLES)
    grant("reading_group.view", VIEW_ROLES)
    grant("reading_group.change", MANAGE_ROLES)
