"""The signed-in user's own page: who they are, their second factor, their API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from hamkor.core import services
from hamkor.core.decorators import requires
from hamkor.core.forms import TokenForm
from hamkor.core.models import ApiToken
from hamkor.core.page_forms import apply_errors
from hamkor.core.roles import Role


@requires("token.view")
def profile(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    new_secret = None
    if request.method == "POST" and form.is_valid():
        try:
            issued = services.create_api_token(
                request.user,
                request.user,  # type: ignore[arg-type]
                name=form.cleaned_data["name"],
                scopes=form.cleaned_data["scopes"],
                days=form.cleaned_data["days"],
            )
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            new_secret = issued.secret
            form = TokenForm()
    context = {
        "form": form,
        "new_secret": new_secret,
        "tokens": ApiToken.objects.restrict(request.user, "view"),
        "has_device": TOTPDevice.objects.filter(user=request.user, confirmed=True).exists(),
        "roles": [Role(r).label for r in sorted(request.user.roles)],  # type: ignore[union-attr]
    }
    return render(request, "core/profile.html", context)


@require_POST
@requires("token.revoke")
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken.objects.restrict(request.user, "revoke"), pk=pk)
    services.revoke_api_token(request.user, token)
    messages.success(request, _("The token %(name)s is revoked.") % {"name": token.name})
    return redirect("core:profile")
