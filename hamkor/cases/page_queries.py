"""Reads only the case pages need, on top of ``queries.py``; each starts from the access policy unless it says
why not."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from hamkor.cases.access import clearances
from hamkor.cases.instruments import InstrumentDefinition
from hamkor.cases.models import BreakGlass, Case, Family, FamilyMember, Instrument, Person
from hamkor.core.models import Country, User
from hamkor.core.policy import user_country
from hamkor.core.roles import Role


def case_for_action(user: Any, code: str) -> Case:
    """The case a change is about, if the user may change it (404 otherwise). Not audited as a read: the
    action's service writes the entry, and nothing of the record is shown."""
    case = Case.objects.restrict(user, "change").select_related("person").filter(code=code).first()
    if case is None:
        raise Http404(code)
    return case


def case_for_break_glass(user: Any, code: str) -> Case | None:
    """The case a supervisor asks emergency access to, among the cases of their own country (all countries for
    an organisation that works across borders). Outside the organisation scope on purpose, since reaching a case
    it hides is the point; a case of another country is not found, exactly like a made-up number, so the answer
    never tells whether a case exists abroad. ``services.open_break_glass`` decides whether access is granted."""
    rows = Case.objects.filter(code=code.strip().upper(), anonymised_at__isnull=True)
    country = user_country(user)
    return (rows if country is None else rows.filter(country_id=country)).first()


def break_glass_of(user: Any, case: Case) -> BreakGlass | None:
    """The active emergency access through which the user reaches this case, if ordinary access would not."""
    cleared = clearances(user).children
    if case.organisation_id == getattr(user, "organisation_id", None) and (cleared or not case.is_child):
        return None
    return BreakGlass.objects.filter(user_id=user.pk, case=case, expires_at__gt=timezone.now()).first()


def visible_case_of(user: Any, person: Person) -> Case | None:
    """The person's first case the user may see, for linking to it."""
    return Case.objects.restrict(user, "view").filter(person=person).order_by("code").first()


def relatives_of(person: Person) -> QuerySet[FamilyMember]:
    """The other members of the person's families: the people who may consent for a child."""
    families = FamilyMember.objects.filter(person=person).values("family_id")
    return (
        FamilyMember.objects.filter(family_id__in=families)
        .exclude(person=person)
        .select_related("person", "family")
        .order_by("-is_guardian", "pk")
    )


def families_for_registration(user: Any) -> QuerySet[Family]:
    return Family.objects.restrict(user, "view").order_by("code")


def newest_instrument() -> tuple[Instrument, InstrumentDefinition] | None:
    instrument = Instrument.objects.order_by("-published_at", "-pk").first()
    if instrument is None:
        return None
    return instrument, InstrumentDefinition.model_validate(instrument.definition)


def list_filter_choices(user: Any) -> tuple[QuerySet[Country], QuerySet[User]]:
    """Countries and workers for the case list's filters: those of the user's organisation, which is where the
    cases the user reaches belong (scanning every visible case for them would cost more than the list)."""
    country = getattr(user, "country_id", None)
    countries = Country.objects.filter(code=country) if country else Country.objects.none()
    workers = (
        User.objects.filter(
            organisation_id=getattr(user, "organisation_id", None) or 0,
            role_assignments__role__in=[Role.CASE_WORKER, Role.CASE_SUPERVISOR],
        )
        .distinct()
        .order_by("full_name")
    )
    return countries, workers
