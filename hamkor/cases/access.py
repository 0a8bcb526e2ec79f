"""The cases module's part of the access policy: who reaches which people, families, cases and notes.

Case workers and supervisors reach the cases of their own organisation. A child's case opens only for users
cleared for child protection (best interests of the child). A supervisor may open another case in an emergency
(break-glass), for a few hours, with a written reason that oversight sees. Council experts, analysts,
administrators and oversight officers reach no case at all; what crosses to the Council is a dossier.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import timezone

from hamkor.cases.domains import COMPARTMENT_CLEARANCE, Clearance, Compartment, Domain
from hamkor.core.policy import grant, register_scope
from hamkor.core.roles import Role

CASE_ROLES = {Role.CASE_WORKER, Role.CASE_SUPERVISOR}
NOTHING = Q(pk__in=[])


# The narrative of an assessment domain is as sensitive as a note of the matching compartment: what a
# psychologist or a doctor wrote about a person opens only for users cleared like them.
NARRATIVE_COMPARTMENT: dict[str, str] = {
    Domain.PSYCHOSOCIAL: Compartment.PSYCHOSOCIAL,
    Domain.PHYSICAL_HEALTH: Compartment.HEALTH,
}


@dataclass(frozen=True)
class Clearances:
    """What a user may open inside the records their roles and scope reach: which compartments (notes,
    timeline lines, assessment narratives) and whether a child's record. The one answer every read path asks."""

    compartments: frozenset[str]
    children: bool

    def opens(self, compartment: str) -> bool:
        """Whether a note, event or narrative of ``compartment`` shows ("" is the general timeline)."""
        return compartment in ("", Compartment.GENERAL) or compartment in self.compartments

    def reads_narrative(self, domain: str) -> bool:
        """Whether the narrative of an assessment domain shows (and so may be written) for this user."""
        return self.opens(NARRATIVE_COMPARTMENT.get(domain, Compartment.GENERAL))

    def narratives(self, narratives: Mapping[str, str] | None) -> dict[str, str]:
        """The assessment narratives of the domains this user may read."""
        return {domain: text for domain, text in (narratives or {}).items() if self.reads_narrative(domain)}

    def child_filter(self, field: str = "is_child") -> Q:
        """Rows about a child drop out for a user not cleared for child protection (``field`` names the flag)."""
        return Q() if self.children else Q(**{field: False})


def clearances(user: Any) -> Clearances:
    """The user's clearances as the access policy applies them. Nothing else reads ``user.clearances``."""
    held = set(getattr(user, "clearances", None) or [])
    return Clearances(
        compartments=frozenset(c for c, needed in COMPARTMENT_CLEARANCE.items() if needed is None or needed in held),
        children=Clearance.CHILD_PROTECTION in held,
    )


def ordinary_case_condition(user: Any) -> Q:
    """The cases a user reaches without emergency access: their organisation's, a child's only with the
    child-protection clearance, never an anonymised one. What a second-person approval needs."""
    if not getattr(user, "organisation_id", None):
        return NOTHING
    own = Q(organisation_id=user.organisation_id) & clearances(user).child_filter()
    return own & Q(anonymised_at__isnull=True)


def case_condition(user: Any, action: str = "view") -> Q:
    from hamkor.cases.models import BreakGlass

    if not getattr(user, "organisation_id", None):
        return NOTHING
    emergency = BreakGlass.objects.filter(user_id=user.pk, expires_at__gt=timezone.now()).values("case_id")
    # An anonymised case is no longer anyone's record: only its statistics remain.
    return ordinary_case_condition(user) | (Q(pk__in=emergency) & Q(anonymised_at__isnull=True))


def person_condition(user: Any, action: str = "view") -> Q:
    from hamkor.cases.models import Case

    return Q(pk__in=Case.objects.filter(case_condition(user, action)).values("person_id"))


def family_condition(user: Any, action: str = "view") -> Q:
    from hamkor.cases.models import FamilyMember

    return Q(pk__in=FamilyMember.objects.filter(person_id__in=_visible_people(user, action)).values("family_id"))


def _visible_people(user: Any, action: str) -> Any:
    from hamkor.cases.models import Case

    return Case.objects.filter(case_condition(user, action)).values("person_id")


def referral_condition(user: Any, action: str = "view") -> Q:
    """The referring organisation sees its cases' referrals; the provider sees the referrals sent to it, a
    child's only by a user cleared for child protection."""
    if not getattr(user, "organisation_id", None):
        return NOTHING
    received = Q(provider_id=user.organisation_id) & clearances(user).child_filter("case__is_child")
    return Q(case_id__in=_visible_cases(user, action)) | received


def transfer_condition(user: Any, action: str = "view") -> Q:
    """As for referrals: the receiver sees a child's transfer request only when cleared for child protection."""
    if not getattr(user, "organisation_id", None):
        return NOTHING
    received = Q(to_organisation_id=user.organisation_id) & clearances(user).child_filter("case__is_child")
    return Q(case_id__in=_visible_cases(user, action)) | received


def dossier_condition(user: Any, action: str = "view") -> Q:
    """Case staff see their cases' dossiers; a Council expert sees only the sent dossiers of the consultations
    whose confirmed panel they sit on (invited or accepted), as the council module records it."""
    from hamkor.cases.models import Dossier

    roles = getattr(user, "roles", ())
    staff = getattr(user, "organisation_id", None) and any(r in roles for r in CASE_ROLES)
    condition = Q(case_id__in=_visible_cases(user, action)) if staff else NOTHING
    if Role.COUNCIL_EXPERT in roles and action == "view":
        from hamkor.council.access import seated_dossiers

        condition |= Q(status=Dossier.Status.SENT, pk__in=seated_dossiers(user))
    return condition


def _visible_cases(user: Any, action: str) -> Any:
    from hamkor.cases.models import Case

    return Case.objects.filter(case_condition(user, action)).values("pk")


def open_compartments(user: Any) -> list[str]:
    """The note compartments this user may open, in catalogue order; the others are not shown at all."""
    opened = clearances(user).compartments
    return [c for c in COMPARTMENT_CLEARANCE if c in opened]


def install_cases_policy() -> None:
    from hamkor.cases.models import Case, Dossier, Family, Person, Referral, Transfer

    register_scope(Case, "case", case_condition)
    register_scope(Person, "person", person_condition)
    register_scope(Family, "family", family_condition)
    register_scope(Referral, "referral", referral_condition)
    register_scope(Transfer, "transfer", transfer_condition)
    register_scope(Dossier, "dossier", dossier_condition)
    for subject in ("case", "person", "family", "referral", "transfer", "dossier"):
        for action in ("view", "create", "change"):
            grant(f"{subject}.{action}", CASE_ROLES)
    grant("dossier.view", {Role.COUNCIL_EXPERT})
    grant("dossier.approve", {Role.CASE_SUPERVISOR})  # the second person before anything crosses to the Council
    # Shared statistics are aggregates with small cells suppressed; no role reaches a record through them.
    grant("statistics.view", {Role.ANALYST, Role.PROGRAMME_OFFICER})
    grant("statistics.export", {Role.ANALYST})
    grant("case.legal_hold", {Role.CASE_SUPERVISOR})
    grant("person.export_data", {Role.CASE_SUPERVISOR})
    grant("case.override_consent", {Role.CASE_SUPERVISOR})
    grant("case.break_glass", {Role.CASE_SUPERVISOR})
    grant("case.assign", {Role.CASE_SUPERVISOR})
