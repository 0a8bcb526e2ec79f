"""Moving a case through its lifecycle, and a supervisor's emergency access."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hamkor.cases import page_queries, services
from hamkor.cases.forms import BreakGlassForm, TransitionForm
from hamkor.cases.models import Case
from hamkor.cases.services.cases import BREAK_GLASS_HOURS
from hamkor.cases.views.case_page import act, allowed_moves
from hamkor.cases.views.common import apply_errors, case_code, case_url
from hamkor.core.decorators import requires


@require_POST
@requires("case.change")
def transition(request: HttpRequest, person_code: str, number: int) -> HttpResponse:
    case = page_queries.case_for_action(request.user, case_code(person_code, number))
    form = TransitionForm(request.POST, allowed=allowed_moves(case))

    def move() -> None:
        data = form.cleaned_data
        services.transition_case(request.user, case, data["to"], closure=data["closure"], reason=data["reason"])

    target = request.POST.get("to", "")
    label = Case.Status(target).label if target in Case.Status.values else target
    done = _("The case is now in %(status)s.") % {"status": label}
    return act(request, case, "transition", form, move, done, "")


@requires("case.break_glass")
def break_glass(request: HttpRequest) -> HttpResponse:
    """A supervisor opens a case outside their normal reach, with a reason; the service decides whether."""
    form = BreakGlassForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            case = page_queries.case_for_break_glass(request.user, form.cleaned_data["code"])
            if case is None:
                form.add_error("code", _("There is no case with this number."))
            else:
                try:
                    services.open_break_glass(request.user, case, reason=form.cleaned_data["reason"])
                except ValidationError as exc:
                    apply_errors(form, exc)
                except PermissionDenied as exc:
                    form.add_error(None, str(exc))
                    status = 403
                else:
                    messages.warning(
                        request,
                        _("Emergency access is open for %(hours)s hours. Oversight sees it and your reason.")
                        % {"hours": BREAK_GLASS_HOURS},
                    )
                    return redirect(case_url(case))
    return render(request, "cases/break_glass.html", {"form": form, "hours": BREAK_GLASS_HOURS}, status=status)
