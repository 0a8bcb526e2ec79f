"""The case page: everything about one case the user may see, and the forms of the next steps."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from hamkor.cases import page_queries, queries
from hamkor.cases.access import clearances, open_compartments
from hamkor.cases.domains import Compartment, Purpose
from hamkor.cases.forms import (
    DOCUMENT_KINDS,
    DOCUMENT_STATUSES,
    AssessmentForm,
    ConsentForm,
    GoalForm,
    NoteForm,
    OverrideForm,
    TransitionForm,
    WithdrawalForm,
    relative_choices,
)
from hamkor.cases.instruments import InstrumentDefinition
from hamkor.cases.models import Case
from hamkor.cases.services.assessments import ASSESSABLE
from hamkor.cases.services.cases import ALLOWED
from hamkor.cases.services.consents import consent_covers
from hamkor.cases.views import sections
from hamkor.cases.views.common import apply_errors, back_to_case, case_code
from hamkor.core.decorators import requires
from hamkor.core.policy import holds, may


@requires("case.view")
def detail(request: HttpRequest, person_code: str, number: int) -> HttpResponse:
    return render_case_page(request, case_code(person_code, number))


def allowed_moves(case: Case) -> list[str]:
    return [s for s in Case.Status.values if s in ALLOWED[case.status]]


def narrative_domains(user: Any, definition: InstrumentDefinition) -> list[str]:
    """The instrument's domains whose narrative this user may write: those they are cleared to read back."""
    cleared = clearances(user)
    return [d.code for d in definition.domains if cleared.reads_narrative(d.code)]


def note_form(user: Any, data: Any = None) -> NoteForm:
    return NoteForm(data, compartments=[(c, Compartment(c).label) for c in open_compartments(user)])


def consent_form(case: Case, relatives: list[tuple[str, str]], data: Any = None) -> ConsentForm:
    return ConsentForm(data, is_child=case.is_child, relatives=relatives)


def relatives(case: Case, names: dict[int, str]) -> list[tuple[str, str]]:
    return relative_choices(list(page_queries.relatives_of(case.person)), names)


def render_case_page(
    request: HttpRequest, code: str, *, bound: dict[str, forms.Form] | None = None, status: int = 200
) -> HttpResponse:
    """The case page (its read audited); ``bound`` holds a submitted form to show again with its errors."""
    user = request.user
    bound = bound or {}
    today = date.today()
    case = queries.open_case(user, code)
    identity = queries.identity_of(case.person)
    families, names = sections.family(user, case.person)
    instrument = page_queries.newest_instrument()
    definition = instrument[1] if instrument else None
    can_change = may(user, "change", case)
    person_code, number = case.code.rsplit("/", 1)
    kinds, statuses = dict(DOCUMENT_KINDS), dict(DOCUMENT_STATUSES)
    context: dict[str, Any] = {
        "case": case,
        "person_code": person_code,
        "number": int(number),
        "documents": [
            (kinds.get(d.kind, d.kind), statuses.get(d.status, d.status), d.number) for d in identity.documents
        ],
        "identity": identity,
        "age": identity.age_on(today),
        "break_glass": page_queries.break_glass_of(user, case),
        "timeline": queries.timeline(user, case),
        "progress": sections.progress(user, case, definition),
        "goals": sections.plan(case, bound, today),
        "notes": queries.notes(user, case),
        "consents": [
            (c, bound.get(f"withdraw:{c.pk}") or WithdrawalForm(consent_pk=c.pk)) for c in queries.consents(case)
        ],
        "overrides": case.consent_overrides.select_related("supervisor"),
        "families": families,
        "can_change": can_change,
        "services_consent": consent_covers(case, Purpose.SERVICES),
    }
    if can_change:
        options = relatives(case, names) if case.is_child else []
        given = bound.get("consent")
        if isinstance(given, ConsentForm) and "guardian" in given.fields:
            given.set_choices("guardian", [("", "—"), *options])  # the submitted form showed codes only
        context["forms"] = {
            "transition": bound.get("transition") or TransitionForm(allowed=allowed_moves(case)),
            "consent": given or consent_form(case, options),
            "goal": (bound.get("goal") or GoalForm()) if case.status != Case.Status.CLOSED else None,
            "note": bound.get("note") or note_form(user),
            "override": (bound.get("override") or OverrideForm()) if holds(user, "case.override_consent") else None,
            "assessment": (
                bound.get("assessment")
                or AssessmentForm(definition=definition, narrative_domains=narrative_domains(user, definition))
            )
            if definition and case.status in ASSESSABLE
            else None,
        }
        context["instrument"] = instrument[0] if instrument else None
    return render(request, "cases/case_detail.html", context, status=status)


def act(
    request: HttpRequest, case: Case, key: str, form: forms.Form, call: Callable[[], object], done: str, section: str
) -> HttpResponse:
    """The shape of every action on a case: a valid form calls one service, then back to the case page with
    ``done``; a refusal shows the case page again with the form and its errors (400)."""
    if form.is_valid():
        try:
            call()
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            return back_to_case(request, case, done, section)
    messages.error(request, _("Nothing was saved; the form below says why."))
    return render_case_page(request, case.code, bound={key: form}, status=400)
