"""The council module's part of the access policy.

``council.view`` (the partner directory, groups, meetings): programme officers, council experts, administrators,
case supervisors and case workers; the people who run the Council, ask it for advice or sit on it.
``council.manage`` (profiles, vetting, conflicts, seats, meetings and their records): programme officers and
administrators, who run the Council's secretariat. Analysts, screening officers, oversight officers and learners
have no business in the partner directory; everyone, signed in or not, sees the public directory, which shows
only vetted experts and only what each agreed to publish.

Rows: managers reach every expert; other readers reach vetted experts, and an expert always reaches their own
profile. Declared conflicts are shown to managers and to the expert only; a case among them is never named
(only its keyed reference is stored; see ``Conflict``).
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
# Who may ask the Council: case staff (on a dossier or a theme) and the secretariat (thematic questions).
REQUEST_ROLES = {Role.CASE_WORKER, Role.CASE_SUPERVISOR, Role.PROGRAMME_OFFICER, Role.ADMINISTRATOR}
FIGURES_ROLES = MANAGE_ROLES | {Role.ANALYST}


def manages(user: Any) -> bool:
    return holds(user, "council.manage")


def expert_condition(user: Any, action: str) -> Q | None:
    if manages(user):
        return None
    from hamkor.council.models import Expert

    return Q(vetting_status=Expert.Vetting.VETTED) | Q(user_id=user.pk)


def seated_consultations(user: Any) -> Any:
    """The consultations on whose confirmed panel (invited or accepted) the user's expert profile sits."""
    from hamkor.council.models import PanelMember

    return PanelMember.objects.filter(expert__user_id=user.pk, status__in=PanelMember.SEATED).values("consultation_id")


def seated_dossiers(user: Any) -> Any:
    """The dossiers of the consultations the user sits on: all a Council expert may read (see
    ``hamkor.cases.access.dossier_condition``)."""
    from hamkor.council.models import Consultation

    return Consultation.objects.filter(pk__in=seated_consultations(user), dossier__isnull=False).values("dossier_id")


def consultation_condition(user: Any, action: str) -> Q | None:
    """Managers reach every consultation; a requester their own; an expert those they sit on."""
    if manages(user):
        return None
    return Q(requested_by_id=user.pk) | Q(pk__in=seated_consultations(user))


def sees_conflicts(user: Any, expert: Any) -> bool:
    return manages(user) or (expert.user_id is not None and expert.user_id == getattr(user, "pk", None))


def install_council_policy() -> None:
    from hamkor.council.models import Consultation, Expert, Meeting, WorkingGroup

    register_scope(Expert, "expert", expert_condition)
    register_scope(WorkingGroup, "working_group", everything)
    register_scope(Meeting, "meeting", everything)
    register_scope(Consultation, "consultation", consultation_condition)
    grant("consultation.view", VIEW_ROLES)
    grant("consultation.change", MANAGE_ROLES)
    grant("council.request", REQUEST_ROLES)
    grant("council.figures", FIGURES_ROLES)
    grant("council.view", VIEW_ROLES)
    grant("council.manage", MANAGE_ROLES)
    for subject in ("expert", "working_group", "meeting"):
        grant(f"{subject}.view", VIEW_ROLES)
        grant(f"{subject}.change", MANAGE_ROLES)
