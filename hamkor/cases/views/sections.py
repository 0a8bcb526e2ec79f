"""The parts of the case page that need more than one query: assessments, the plan, the family."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from hamkor.cases import page_queries, queries
from hamkor.cases.chart import Line, line_chart
from hamkor.cases.domains import Domain
from hamkor.cases.forms import InterventionForm, InterventionStatusForm, provider_choices
from hamkor.cases.instruments import InstrumentDefinition
from hamkor.cases.models import Case, Family, Goal, Intervention, Person
from hamkor.cases.views.common import case_url

DUE_SOON_DAYS = 14
OPEN_INTERVENTION = {Intervention.Status.PLANNED, Intervention.Status.IN_PROGRESS}


def domain_label(code: str) -> str:
    return str(Domain(code).label) if code in Domain.values else code


@dataclass
class Progress:
    chart: SafeString
    dates: list[date]
    rows: list[tuple[str, list[int | None]]]
    latest: list[tuple[str, int, str, str]]  # domain, score, scale label, narrative
    latest_on: date | None


def progress(user: Any, case: Case, definition: InstrumentDefinition | None) -> Progress:
    """The chart over all assessments, its data as a table, and the latest scores with their narratives."""
    series = queries.progress(case)
    dates = sorted({d for s in series for d, _score in s.points})
    rows = [(domain_label(s.domain), [dict(s.points).get(d) for d in dates]) for s in series]
    low, high = (definition.scale.min, definition.scale.max) if definition else (0, 4)
    description = _(
        "Scores per domain from %(low)s (severe need) to %(high)s (strength), %(count)s assessments from "
        "%(first)s to %(last)s. The table below holds the same numbers."
    ) % {
        "low": low,
        "high": high,
        "count": len(dates),
        "first": dates[0].isoformat() if dates else "",
        "last": dates[-1].isoformat() if dates else "",
    }
    chart = line_chart(
        [Line(domain_label(s.domain), s.points) for s in series],
        title=_("Assessment scores over time"),
        description=description,
        low=low,
        high=high,
        chart_id="progress-chart",
    )
    latest = queries.latest_assessment(case)
    labels = definition.scale.labels if definition else {}
    scores = []
    if latest is not None:
        narratives = queries.narratives(user, latest)
        scores = [(domain_label(d), v, labels.get(str(v), ""), narratives.get(d, "")) for d, v in latest.scores.items()]
    return Progress(chart, dates, rows, scores, latest.assessed_on if latest else None)


@dataclass
class PlannedIntervention:
    intervention: Intervention
    form: InterventionStatusForm
    mark: str  # "overdue", "due" or ""


@dataclass
class PlannedGoal:
    goal: Goal
    form: InterventionForm
    interventions: list[PlannedIntervention] = field(default_factory=list)


def plan(case: Case, bound: dict[str, Any], today: date) -> list[PlannedGoal]:
    """Goals with their interventions, each open intervention marked overdue or due within two weeks."""
    soon = today + timedelta(days=DUE_SOON_DAYS)
    goals = []
    providers = provider_choices()
    for goal in case.goals.prefetch_related("interventions__provider"):
        fresh = InterventionForm(goal_pk=goal.pk, providers=providers)
        planned = PlannedGoal(goal, bound.get(f"intervention:{goal.pk}") or fresh)
        for item in goal.interventions.all():
            mark = ""
            if item.status in OPEN_INTERVENTION:
                mark = "overdue" if item.due_on < today else "due" if item.due_on <= soon else ""
            form = bound.get(f"status:{item.pk}") or InterventionStatusForm(
                intervention_pk=item.pk, initial={"status": item.status}
            )
            planned.interventions.append(PlannedIntervention(item, form, mark))
        goals.append(planned)
    return goals


@dataclass
class Relative:
    code: str
    relationship: str
    is_guardian: bool
    name: str = ""  # empty when the user may not open this person
    case_url: str = ""


def family(user: Any, person: Person) -> tuple[list[tuple[Family, list[Relative]]], dict[int, str]]:
    """The person's families; members the user may not open show by code only. Showing the others' names is
    reading their records, so it is audited as a list read. Also returns the visible names by person id."""
    families = []
    names: dict[int, str] = {}
    shown_cases = []
    for unit, members in queries.family_of(user, person):
        relatives = []
        for member, visible in members:
            relative = Relative(member.person.code, member.get_relationship_display(), member.is_guardian)
            if visible:
                relative.name = names.setdefault(member.person_id, queries.identity_of(member.person).display_name)
                other = page_queries.visible_case_of(user, member.person)
                if other is not None:
                    relative.case_url = case_url(other)
                    if member.person_id != person.pk:
                        shown_cases.append(other)
            relatives.append(relative)
        families.append((unit, relatives))
    queries.audit_list_read(user, shown_cases)
    return families, names
