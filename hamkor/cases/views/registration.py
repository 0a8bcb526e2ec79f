"""Registering a person, step 1: identity and family, after the duplicate check. Consent is step 2, on the case
page."""

from __future__ import annotations

import pydantic
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hamkor.cases import page_queries, services
from hamkor.cases.domains import Relationship
from hamkor.cases.forms import NEW_FAMILY, RegistrationForm
from hamkor.cases.identity import Identity
from hamkor.cases.services.people import Candidate
from hamkor.cases.views.common import apply_errors, case_url
from hamkor.core.decorators import requires


@requires("person.create")
def register(request: HttpRequest) -> HttpResponse:
    user = request.user
    families = page_queries.families_for_registration(user)
    codes = list(families.values_list("code", flat=True))
    preselected = request.GET.get("family", "")
    form = RegistrationForm(
        request.POST or None, family_codes=codes, initial={"family": preselected if preselected in codes else ""}
    )
    candidates: list[tuple[Candidate, str]] = []
    status = 200
    if request.method == "POST":
        status = 400
        identity = _identity(form)
        if identity is not None:
            found = services.find_duplicates(user, identity)
            if found and not form.cleaned_data["not_duplicate"]:
                candidates = [(c, _case_link(user, c)) for c in found]
                status = 200
            else:
                try:
                    family_code = form.cleaned_data["family"]
                    _person, case = services.register_person(
                        user,
                        identity,
                        family=families.filter(code=family_code).first(),
                        new_family=family_code == NEW_FAMILY,
                        relationship=form.cleaned_data["relationship"] or Relationship.OTHER,
                        is_guardian=form.cleaned_data["is_guardian"],
                    )
                except ValidationError as exc:
                    apply_errors(form, exc)
                except PermissionDenied as exc:
                    form.add_error(None, str(exc))
                    status = 403
                else:
                    messages.success(
                        request,
                        _("%(code)s is registered. Next: record consent to services.") % {"code": case.code},
                    )
                    return redirect(case_url(case))
    return render(request, "cases/register.html", {"form": form, "candidates": candidates}, status=status)


def _identity(form: RegistrationForm) -> Identity | None:
    if not form.is_valid():
        return None
    try:
        return form.identity()
    except pydantic.ValidationError as exc:
        form.add_identity_errors(exc)
        return None


def _case_link(user: object, candidate: Candidate) -> str:
    case = page_queries.visible_case_of(user, candidate.person)
    return case_url(case) if case is not None else ""
