"""The council module's part of the access policy.

``council.view`` (the partner directory, groups, meetings): programme officers, council experts, administrators,
case supervisors and case workers; the people who run the Council, ask it for advice or sit on it.
``council.manage`` (profiles, vetting, conflicts, seats, meetings and their records): programme officers and
administrators, who run the Council's secretariat. Analysts, screening officers, oversight officers and learners
have no business in the partner directory; everyone, signed in or not, sees the public directory, which shows
only vetted experts and only what each agreed to publish.

Rows: managers reach every expert; other readers reach vetted experts, and an expert always reaches their own
profile. Declared conflicts are shown to managers and to the expert only (they may name cases).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from hamkor.core.policy import everything, grant, holds, register_scope
from hamkor.core.roles import Role

VIEW_ROLES = {
    Role.PROGRAMME_OFFICER,
    Role.COUNCIL_EXPERT,
    Role.ADMINISTRATOR,
    Role.CASE_SUPERVISOR,
    Role.CASE_WORKER,
}
MANAGE_ROLES = {Role.PROGRAMME_OFFICER, Role.ADMINISTRATOR}


def manages(user: Any) -> bool:
    return holds(user, "council.manage")


def expert_condition(user: Any, action: str) -> Q | None:
    if manages(user):
        return None
    from hamkor.council.models import Expert

    return Q(vetting_status=Expert.Vetting.VETTED) | Q(user_id=user.pk)


def sees_conflicts(user: Any, expert: Any) -> bool:
    return manages(user) or (expert.user_id is not None and expert.user_id == getattr(user, "pk", None))


def install_council_policy() -> None:
    from hamkor.council.models import Expert, Meeting, WorkingGroup

    register_scope(Expert, "expert", expert_condition)
    register_scope(WorkingGroup, "working_group", everything)
    register_scope(Meeting, "meeting", everything)
    grant("council.view", VIEW_ROLES)
    grant("council.manage", MANAGE_ROLES)
    for subject in ("expert", "working_group", "meeting"):
        grant(f"{subject}.view", VIEW_ROLES)
        grant(f"{subject}.change", MANAGE_ROLES)
