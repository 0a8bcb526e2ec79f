"""The world the generated clearance test walks: a mother and her young daughter with a case each at the
Uzbek organisation, something in every compartment of both cases, a referral and a transfer request of each
to a provider, a Council dossier on the mother's case with a seated expert, and one reader per clearance.

Every text that a clearance guards carries a marker word, so the test can tell, in any page or API answer,
exactly what a reader was shown. The child's given name is a marker too: a reader without the child-protection
clearance must not meet her at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.utils import timezone

from hamkor.cases import services
from hamkor.cases.domains import COMPARTMENT_CLEARANCE, Clearance, Compartment, Domain
from hamkor.cases.models import Case, Dossier
from hamkor.cases.services import dossiers, referrals, transfers
from hamkor.cases.tests.factories import assess, identity, send_approved, years_ago
from hamkor.core import services as core_services
from hamkor.core.models import Organisation, User
from hamkor.core.roles import Role

# The rule, written here rather than read from the code: these narratives are the psychologist's and
# the doctor's.
NARRATIVE = {Domain.PSYCHOSOCIAL: Compartment.PSYCHOSOCIAL, Domain.PHYSICAL_HEALTH: Compartment.HEALTH}
CHILD_GIVEN = "Qxzarnigor"
FAMILY = "Tursunova"
STAFF_ROLES = [Role.CASE_WORKER, Role.CASE_SUPERVISOR]
COMPARTMENT_CLEARANCES = [c for c in COMPARTMENT_CLEARANCE.values() if c is not None]
PROFILES: dict[str, tuple[str, ...]] = {
    "none": (),
    "child": (Clearance.CHILD_PROTECTION,),
    **{c: (c,) for c in COMPARTMENT_CLEARANCES},
    **{f"child-{c}": (Clearance.CHILD_PROTECTION, c) for c in COMPARTMENT_CLEARANCES},
}


def note_marker(compartment: str, child: bool) -> str:
    return f"QXNOTE{compartment.replace('_', '').upper()}{'CHILD' if child else 'ADULT'}"


def narrative_marker(domain: str, child: bool) -> str:
    return f"QXNARRATIVE{domain.replace('_', '').upper()}{'CHILD' if child else 'ADULT'}"


@dataclass(frozen=True)
class Guarded:
    """One marker and what opening it takes."""

    marker: str
    compartment: str  # "" when only the child's clearance guards it
    child: bool

    def shown_to(self, held: set[str]) -> bool:
        """From the reader's clearances as given, by the issue's rules, not by the code under test."""
        children = Clearance.CHILD_PROTECTION in held
        return (children or not self.child) and (
            not self.compartment or COMPARTMENT_CLEARANCE[self.compartment] in held
        )


@dataclass
class ClearanceWorld:
    keys: dict[str, Any]
    readers: dict[str, User]
    guarded: list[Guarded] = field(default_factory=list)

    def forbidden(self, reader: User) -> list[str]:
        held = set(reader.clearances or [])
        return [g.marker for g in self.guarded if not g.shown_to(held)]


def _staff(org: Organisation, label: str, held: tuple[str, ...]) -> User:
    return core_services.create_user(
        None,
        email=f"{label}@clearance.example.org",
        full_name=f"Reader {label}",
        organisation=org,
        roles=STAFF_ROLES,
        clearances=held,
    )


def build(world: dict[str, Organisation], persona: dict[str, User]) -> ClearanceWorld:
    today = timezone.now().date()
    home = world["uz"]
    provider = core_services.create_organisation(
        None, name="Navoiy Family Centre", kind=Organisation.Kind.SERVICE_PROVIDER, country_id="UZ"
    )
    author = _staff(home, "author", tuple(Clearance.values))
    readers: dict[str, User] = {}
    for name, held in PROFILES.items():
        readers[f"home-{name}"] = _staff(home, f"home-{name.replace('_', '-')}", held)
        readers[f"provider-{name}"] = _staff(provider, f"provider-{name.replace('_', '-')}", held)
    for role in (Role.COUNCIL_EXPERT, Role.ANALYST, Role.PROGRAMME_OFFICER, Role.OVERSIGHT_OFFICER, Role.ADMINISTRATOR):
        readers[role.value] = persona[role.value]

    for given in ("Aziza", "Feruza", "Kamola", "Iroda"):  # enough counted cases for the statistics to answer
        neighbour, _case = services.register_person(author, identity(given, "Rasulova", years_ago(40)))
        services.record_consent(author, neighbour, "statistics", text_version="2025-1", given_on=today)
    mother, mother_case = services.register_person(
        author, identity("Shahlo", FAMILY, years_ago(33)), new_family=True, relationship="mother", is_guardian=True
    )
    family = mother.memberships.get().family
    child, child_case = services.register_person(
        author, identity(CHILD_GIVEN, FAMILY, years_ago(5)), family=family, relationship="child"
    )
    world_keys: dict[str, Any] = {}
    guarded: list[Guarded] = [Guarded(CHILD_GIVEN, "", True)]
    for label, person, case in (("adult", mother, mother_case), ("child", child, child_case)):
        is_child = label == "child"
        guardian = mother if is_child else None
        for purpose in ("services", "council", "statistics"):
            services.record_consent(author, person, purpose, text_version="2025-1", given_on=today, guardian=guardian)
        services.record_consent(
            author, person, "referral", text_version="2025-1", given_on=today, recipient=provider, guardian=guardian
        )
        services.transition_case(author, case, "assessment")
        narratives = {}
        for domain in (Domain.PSYCHOSOCIAL, Domain.PHYSICAL_HEALTH, Domain.EDUCATION):
            narratives[domain.value] = f"Observed {narrative_marker(domain, is_child)} at the visit."
            guarded.append(Guarded(narrative_marker(domain, is_child), NARRATIVE.get(domain, ""), is_child))
        assess(author, case, narratives, today)
        services.add_goal(author, case, domain="education", description="A place at the district school.")
        general_note = None
        for compartment in COMPARTMENT_CLEARANCE:
            note = services.add_note(
                author, case, compartment=compartment, body=f"Visit: {note_marker(compartment, is_child)} noted."
            )
            general_note = note if compartment == Compartment.GENERAL else general_note
            needed = "" if compartment == Compartment.GENERAL else compartment
            guarded.append(Guarded(note_marker(compartment, is_child), needed, is_child))
        referral = referrals.send_referral(
            author,
            case,
            provider=provider,
            service="schooling",
            fields=["given_name", "family_name", "age", "plan_goals"],
            follow_up_on=today + timedelta(days=14),
        )
        transfers.request_transfer(author, case, to_organisation=provider, reason="The family moves to Navoiy.")
        code = case.code.split("/")
        world_keys |= {
            f"{label}_person": code[0],
            f"{label}_number": int(code[1]),
            f"{label}_referral": referral.code,
        }
        assert general_note is not None
        draft = dossiers.build_dossier(author, case, notes=[general_note.pk], text="Attends the school club.")
        world_keys[f"{label}_dossier"] = draft.code

    sent = send_approved(author, Dossier.objects.get(code=world_keys["adult_dossier"]))
    from hamkor.council.models import Consultation
    from hamkor.council.tests.consultation_world import seat

    seat(readers[Role.COUNCIL_EXPERT], sent)
    world_keys["consultation"] = Consultation.objects.get(dossier=sent).code
    assert Case.objects.get(pk=child_case.pk).is_child
    return ClearanceWorld(keys=world_keys, readers=readers, guarded=guarded)
