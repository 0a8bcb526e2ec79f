"""Sign in, the second factor (prove and enrol), sign out."""

from __future__ import annotations

import base64
import io

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from hamkor.core import services
from hamkor.core.roles import second_factor_proved


def _client_address(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("core:dashboard")


@sensitive_post_parameters("password")
@never_cache
def login_view(request: HttpRequest) -> HttpResponse:
    from hamkor.core.forms import LoginForm

    if request.user.is_authenticated:
        return HttpResponseRedirect(_next_url(request))
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["username"].strip().lower()
        user = authenticate(request, username=email, password=form.cleaned_data["password"])
        locked = bool(getattr(request, "axes_locked_out", False))
        if user is None:
            services.record_login_failed(email, address=_client_address(request), locked=locked)
            if locked:
                return render(request, "core/locked_out.html", status=429)
            form.add_error(None, _("The email address or the password is not right."))
        else:
            login(request, user)
            services.record_login(user, address=_client_address(request))
            if user.needs_second_factor:
                return redirect(f"{reverse('core:second_factor')}?next={_next_url(request)}")
            return HttpResponseRedirect(_next_url(request))
    return render(request, "core/login.html", {"form": form, "next": request.GET.get("next", "")})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        services.record_logout(request.user)
    logout(request)
    return redirect("core:login")


def _second_factor_proved(request: HttpRequest, device: TOTPDevice) -> None:
    """Mark the session as verified under a new session key: a cookie copied before the code was entered
    (a shoulder-surfed or fixated session) opens nothing that needs the second factor."""
    request.session.cycle_key()
    otp_login(request, device)


@never_cache
def second_factor_view(request: HttpRequest) -> HttpResponse:
    """Prove the second factor; a user who has none yet is sent to enrol one."""
    from hamkor.core.forms import SecondFactorForm

    if not request.user.is_authenticated:
        return redirect("core:login")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=True).first()
    if device is None:
        return redirect(f"{reverse('core:second_factor_setup')}?next={_next_url(request)}")
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["code"].strip()):
            _second_factor_proved(request, device)
            services.record_second_factor(request.user, "verified")
            return HttpResponseRedirect(_next_url(request))
        services.record_second_factor(request.user, "failed")
        form.add_error("code", _("That code is not right, or it has expired. Try the newest one."))
    return render(request, "core/second_factor.html", {"form": form, "next": _next_url(request)})


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


@never_cache
def second_factor_setup_view(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: scan the code (or type the key), confirm with one code."""
    from hamkor.core.forms import SecondFactorForm

    if not request.user.is_authenticated:
        return redirect("core:login")
    if TOTPDevice.objects.filter(user=request.user, confirmed=True).exists() and not second_factor_proved(request.user):
        return redirect("core:second_factor")
    device = services.pending_totp_device(request.user)
    form = SecondFactorForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.confirm_totp_device(request.user, device, form.cleaned_data["code"].strip()):
            _second_factor_proved(request, device)
            messages.success(request, _("Your authenticator app is set up."))
            return HttpResponseRedirect(_next_url(request))
        form.add_error("code", _("That code is not right. Check the clock of your phone and try the newest code."))
    secret = base64.b32encode(device.bin_key).decode("ascii").rstrip("=")
    context = {
        "form": form,
        "qr": _qr_svg(device.config_url),
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "next": _next_url(request),
    }
    return render(request, "core/second_factor_setup.html", context)
