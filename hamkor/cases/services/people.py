"""Registering people and families, their identity, and the duplicate check that comes first."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import pydantic
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from hamkor.cases import codes
from hamkor.cases.access import person_condition
from hamkor.cases.domains import Relationship
from hamkor.cases.identity import Identity, identity_errors
from hamkor.cases.models import Case, Family, FamilyMember, Person, PersonNameKey
from hamkor.cases.services.common import log_event, now_or, require
from hamkor.core.audit import record
from hamkor.core.crypto import keyring
from hamkor.core.models import Organisation


def as_input(identity: Identity) -> Identity:
    """``identity`` as it may be stored: its text clean and every name in letters, whoever built it. A refusal
    names the field of a registration (``given_name`` ..., see ``identity_errors``)."""
    try:
        return Identity.from_input(identity.model_dump())
    except pydantic.ValidationError as exc:
        raise ValidationError(identity_errors(exc)) from None


def index_names(person: Person, identity: Identity) -> None:
    """Replace the person's blind index with the digests of their folded name words (under the current key)."""
    PersonNameKey.objects.filter(person=person).delete()
    ring = keyring()
    PersonNameKey.objects.bulk_create(
        [
            PersonNameKey(person=person, key_id=ring.current.key_id, digest=ring.blind_index(w)[1])
            for w in sorted(identity.name_words())
        ]
    )


def _unique_code(make: Any, model: type[Person] | type[Family], country: str, rng: random.Random | None) -> str:
    for _attempt in range(20):
        code = make(country, rng)
        if not model.objects.filter(code=code).exists():
            return str(code)
    raise IntegrityError("Could not draw a free pseudonym code.")


def register_person(
    actor: Any,
    identity: Identity,
    *,
    family: Family | None = None,
    relationship: str = Relationship.OTHER,
    is_guardian: bool = False,
    new_family: bool = False,
    worker: Any = None,
    now: datetime | None = None,
    rng: random.Random | None = None,
    is_demo: bool = False,
) -> tuple[Person, Case]:
    """A new person with their case (status registration), optionally in a family, in the actor's organisation."""
    if actor is not None:
        require(actor, "create", Person)
    organisation: Organisation | None = (
        getattr(actor, "organisation", None) if actor else getattr(worker, "organisation", None)
    )
    if organisation is None or organisation.country_id is None:
        raise PermissionDenied(_("Only staff of an organisation in one of the countries can register people."))
    identity = as_input(identity)
    country = organisation.country_id
    at = now_or(now)
    if family is not None and family.organisation_id != organisation.pk:
        raise PermissionDenied(_("That family belongs to another organisation."))
    child = identity.is_child_on(at.date())
    if is_guardian and child:
        raise ValidationError({"is_guardian": _("A child cannot be the guardian of the family's children.")})
    with transaction.atomic():
        if new_family and family is None:
            family = Family.objects.create(
                code=_unique_code(codes.family_code, Family, country, rng),
                organisation=organisation,
                country_id=country,
                created_at=at,
                is_demo=is_demo,
            )
            record(actor, "family.create", family)
        person = Person.objects.create(
            code=_unique_code(codes.pseudonym, Person, country, rng),
            identity=identity.model_dump(mode="json"),
            sex=identity.sex,
            birth_year=identity.birth_date.year,
            organisation=organisation,
            country_id=country,
            created_at=at,
            is_demo=is_demo,
        )
        index_names(person, identity)
        if family is not None:
            FamilyMember.objects.create(
                family=family, person=person, relationship=relationship, is_guardian=is_guardian
            )
        case = Case.objects.create(
            code=f"{person.code}/1",
            person=person,
            organisation=organisation,
            country_id=country,
            worker=worker or actor,
            opened_at=at,
            is_child=child,
            is_demo=is_demo,
        )
        log_event(case, "registered", actor, _("Registered"), at)
        record(
            actor,
            "person.create",
            person,
            details={"case": case.code, "family": family.code if family else None, "child": child},
        )
    return person, case


def update_identity(actor: Any, person: Person, identity: Identity, *, reason: str = "") -> Person:
    """Correct a person's identity; the audit entry says which kinds of field changed, not their values."""
    require(actor, "change", person)
    identity = as_input(identity)
    with transaction.atomic():
        before = Identity.model_validate(person.identity)
        changed = sorted(k for k in Identity.model_fields if getattr(before, k) != getattr(identity, k))
        person.identity = identity.model_dump(mode="json")
        person.sex = identity.sex
        person.birth_year = identity.birth_date.year
        person.save(update_fields=["identity", "sex", "birth_year"])
        # A corrected date of birth can make the person a child: the child-protection clearance applies at once.
        Case.objects.filter(person=person).update(is_child=identity.is_child_on(date.today()))
        index_names(person, identity)
        record(actor, "person.change", person, reason=reason, details={"fields": changed})
    return person


def add_family_member(
    actor: Any, family: Family, person: Person, relationship: str, *, is_guardian: bool = False
) -> FamilyMember:
    require(actor, "change", family)
    require(actor, "change", person)
    if relationship not in Relationship.values:
        raise ValidationError({"relationship": _("Unknown relationship.")})
    if is_guardian and Case.objects.filter(person=person, is_child=True).exists():
        raise ValidationError({"is_guardian": _("A child cannot be the guardian of the family's children.")})
    with transaction.atomic():
        member, _created = FamilyMember.objects.update_or_create(
            family=family, person=person, defaults={"relationship": relationship, "is_guardian": is_guardian}
        )
        record(actor, "family.member", family, details={"person": person.code, "relationship": relationship})
    return member


@dataclass(frozen=True)
class Candidate:
    """A person already registered who may be the one being registered, and why."""

    person: Person
    identity: Identity
    score: float
    reasons: list[str]


def find_duplicates(actor: Any, identity: Identity, *, limit: int = 10) -> list[Candidate]:
    """People the actor can see with a name word in common (in any script), the same sex, born within a year.

    Runs on blind-index digests, so it never decrypts more than the few candidates it returns.
    """
    words = identity.name_words()
    if not words:
        return []
    ring = keyring()
    digests = {d for w in words for d in ring.blind_indexes(w).values()}
    born = identity.birth_date
    rows = (
        Person.objects.filter(person_condition(actor))
        .filter(name_keys__digest__in=digests, sex=identity.sex, birth_year__range=(born.year - 1, born.year + 1))
        .distinct()[:200]
    )
    candidates = []
    for person in rows:
        other = Identity.model_validate(person.identity)
        if abs((other.birth_date - born).days) > 366:
            continue
        shared = words & other.name_words()
        score = len(shared) / max(len(words), len(other.name_words()))
        if score < 0.5:
            continue
        reasons = [_("names share: %(words)s") % {"words": ", ".join(sorted(shared))}]
        reasons.append(_("born %(days)s days apart") % {"days": abs((other.birth_date - born).days)})
        candidates.append(Candidate(person, other, round(score, 2), reasons))
    candidates.sort(key=lambda c: (-c.score, c.person.code))
    candidates = candidates[:limit]
    if candidates:
        with transaction.atomic():
            record(actor, "person.duplicate_check", details={"candidates": [c.person.code for c in candidates]})
    return candidates


def reindex_stale_names() -> int:
    """After a key rotation: rebuild the blind index of every person whose entries use an older key."""
    current = keyring().current.key_id
    stale = Person.objects.filter(name_keys__isnull=False).exclude(name_keys__key_id=current).distinct()
    count = 0
    for person in stale.iterator(chunk_size=200):
        with transaction.atomic():
            index_names(person, Identity.model_validate(person.identity))
        count += 1
    return count
