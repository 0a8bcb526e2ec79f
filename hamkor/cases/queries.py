"""Reads of the cases module shared by pages and API. Each starts from the access policy, and every read of a
person or a case writes its audit entry."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404

from hamkor.cases.access import clearances
from hamkor.cases.identity import Identity
from hamkor.cases.models import (
    Assessment,
    Case,
    CaseEvent,
    Consent,
    Family,
    FamilyMember,
    Intervention,
    Note,
    Person,
    PersonNameKey,
)
from hamkor.core.audit import record
from hamkor.core.crypto import keyring
from hamkor.core.folding import fold_words

CASE_CODE = re.compile(r"^[A-Za-z]{2}-[0-9A-Za-z]{4}", re.ASCII)


def cases(
    user: Any,
    *,
    status: str = "",
    country: str = "",
    worker: int | None = None,
    due: str = "",
    q: str = "",
    today: date | None = None,
) -> QuerySet[Case]:
    """The cases the user may see, filtered as on the case list. ``due`` is "due" or "overdue"; ``q`` is a case
    number or name words in any script (each word must match a name word, through the blind index)."""
    rows: QuerySet[Case] = Case.objects.restrict(user, "view").select_related("person", "worker", "organisation")
    if q:
        rows = _matching(rows, q)
    if status:
        rows = rows.filter(status=status)
    if country:
        rows = rows.filter(country_id=country.upper())
    if worker:
        rows = rows.filter(worker_id=worker)
    if due in {"due", "overdue"}:
        today = today or date.today()
        open_items = Intervention.objects.filter(status__in=["planned", "in_progress"])
        open_items = open_items.filter(due_on__lt=today) if due == "overdue" else open_items.filter(due_on__gte=today)
        rows = rows.filter(pk__in=open_items.values("goal__case_id"))
    return rows.order_by("-opened_at", "pk")


def _matching(rows: QuerySet[Case], q: str) -> QuerySet[Case]:
    if CASE_CODE.match(q.strip()):
        return rows.filter(code__istartswith=q.strip().upper())
    ring = keyring()
    for word in {w for w in fold_words(q) if len(w) > 1}:
        digests = list(ring.blind_indexes(word).values())
        rows = rows.filter(person__in=PersonNameKey.objects.filter(digest__in=digests).values("person_id"))
    return rows


def names_a_person(user: Any, text: str) -> bool:
    """Whether ``text`` holds two name words of one person the user may open (a given and a family name, in
    any script), found through the blind name index: a text that leaves the organisation must not name them."""
    ring = keyring()
    word_of: dict[str, str] = {}
    for word in {w for w in fold_words(text) if len(w) > 1}:
        for digest in ring.blind_indexes(word).values():
            word_of[digest] = word
    if len(set(word_of.values())) < 2:
        return False
    visible = Person.objects.restrict(user, "view").values("pk")
    matched: dict[int, set[str]] = {}
    rows = PersonNameKey.objects.filter(digest__in=list(word_of), person__in=visible)
    for person_id, digest in rows.values_list("person_id", "digest"):
        matched.setdefault(person_id, set()).add(word_of[digest])
    return any(len(words) >= 2 for words in matched.values())


def audit_list_read(user: Any, page_cases: list[Case]) -> None:
    """A list shows names, so reading it is reading each record on it: one entry naming the codes."""
    if page_cases:
        with transaction.atomic():
            record(user, "case.list", object_type="cases.case", details={"cases": [c.code for c in page_cases]})


def open_case(user: Any, code: str, *, purpose: str = "view") -> Case:
    """The case with this code if the user may see it (404 otherwise), its read audited."""
    case = (
        Case.objects.restrict(user, purpose)
        .select_related("person", "worker", "supervisor", "organisation")
        .filter(code=code)
        .first()
    )
    if case is None:
        raise Http404(code)
    with transaction.atomic():
        record(user, "case.read", case, details={"person": case.person.code})
    return case


def open_person(user: Any, code: str) -> Person:
    person = Person.objects.restrict(user, "view").filter(code=code).first()
    if person is None:
        raise Http404(code)
    with transaction.atomic():
        record(user, "person.read", person)
    return person


def identity_of(person: Person) -> Identity:
    return Identity.model_validate(person.identity)


def notes(user: Any, case: Case) -> QuerySet[Note]:
    """Notes in the compartments the user may open; the others are not there at all for this user."""
    return case.notes.filter(compartment__in=clearances(user).compartments).select_related("author")


def timeline(user: Any, case: Case) -> QuerySet[CaseEvent]:
    """The case's events, without those of compartments the user may not open."""
    allowed = clearances(user).compartments
    return case.events.filter(Q(compartment="") | Q(compartment__in=allowed)).select_related("actor")


def narratives(user: Any, assessment: Assessment) -> dict[str, str]:
    """An assessment's narratives of the domains the user may read (psychosocial and physical health are
    compartments of their own)."""
    return clearances(user).narratives(assessment.narratives)


def consents(case: Case) -> QuerySet[Consent]:
    return Consent.objects.filter(person=case.person).select_related("recipient", "guardian", "recorded_by")


def family_of(user: Any, person: Person) -> list[tuple[Family, list[tuple[FamilyMember, bool]]]]:
    """Each family of the person with its members; a member the user cannot open shows by code only."""
    families = list(Family.objects.filter(members__person=person).distinct().prefetch_related("members__person"))
    member_ids = {m.person_id for f in families for m in f.members.all()}
    visible = set(Person.objects.restrict(user, "view").filter(pk__in=member_ids).values_list("pk", flat=True))
    return [
        (family, [(m, m.person_id in visible) for m in sorted(family.members.all(), key=lambda m: m.pk)])
        for family in families
    ]


@dataclass(frozen=True)
class Series:
    domain: str
    points: list[tuple[date, int]]


def progress(case: Case) -> list[Series]:
    """Each domain's scores over time, oldest first (for the chart on the case page)."""
    assessments = list(case.assessments.order_by("assessed_on", "pk"))
    domains: list[str] = []
    for assessment in assessments:
        domains.extend(d for d in assessment.scores if d not in domains)
    return [Series(d, [(a.assessed_on, a.scores[d]) for a in assessments if d in a.scores]) for d in domains]


def due_items(user: Any, *, today: date | None = None, days: int = 14) -> QuerySet[Intervention]:
    """Open interventions of the user's cases, overdue first, then due within ``days``."""
    today = today or date.today()
    visible = Case.objects.restrict(user, "view").filter(Q(worker=user) | Q(supervisor=user)).values("pk")
    # The join on the user's own cases comes first in the WHERE clause on purpose: it lets the database start
    # from the few thousand cases of one worker instead of every open intervention in the country.
    mine = Q(goal__case__worker=user) | Q(goal__case__supervisor=user)
    return (
        Intervention.objects.filter(mine, goal__case_id__in=visible, status__in=["planned", "in_progress"])
        .filter(due_on__lte=date.fromordinal(today.toordinal() + days))
        .select_related("goal__case", "provider")
        .order_by("due_on", "pk")
    )


def latest_assessment(case: Case) -> Assessment | None:
    return case.assessments.order_by("-assessed_on", "-pk").first()


def due_panel(request: Any) -> dict[str, Any]:
    """The dashboard's list of the user's due and overdue interventions (codes and kinds only, no names)."""
    today = date.today()
    items = list(due_items(request.user, today=today)[:20])
    return {"items": items, "today": today, "overdue": sum(1 for i in items if i.due_on < today)}
