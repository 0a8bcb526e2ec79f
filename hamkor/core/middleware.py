"""Request-wide guards: the second factor and the content security policy."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from hamkor.core.roles import second_factor_proved

# Paths a signed-in user may reach before proving the second factor.
_OPEN_PREFIXES = ("/static/", "/i18n/", "/accounts/", "/api/", "/public/")


class SecondFactorMiddleware:
    """Users whose roles touch personal data see nothing until they have proved a second factor.

    The API is left to its own authentication (which refuses unverified sessions); accounts pages are where
    the factor is proved or enrolled.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            and getattr(user, "needs_second_factor", False)
            and not second_factor_proved(user)
            and not request.path.startswith(_OPEN_PREFIXES)
        ):
            return HttpResponseRedirect(f"{reverse('core:second_factor')}?next={request.get_full_path()}")
        return self.get_response(request)


class ContentSecurityPolicyMiddleware:
    """Nothing on a page may come from another host."""

    POLICY = (
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
        "font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'"
    )

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # The API docs page ships its own script bundle from our static files; all else is plain.
        response.headers.setdefault("Content-Security-Policy", self.POLICY)
        return response


class ApiBodyLimitMiddleware:
    """A request that announces a body over the limit is refused before anything reads or stores it: API bodies
    over ``HAMKOR_MAX_BODY_BYTES``, file uploads (multipart, pages and API) over ``HAMKOR_MAX_UPLOAD_BYTES``."""

    FORM_OVERHEAD = 64 * 1024  # the other fields and the multipart boundaries around one file

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings

        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        is_api = request.path.startswith("/api/")
        if request.content_type == "multipart/form-data":
            limit = settings.HAMKOR_MAX_UPLOAD_BYTES + self.FORM_OVERHEAD
        else:
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE if is_api else 0
        if limit and length > limit:
            if is_api:
                from hamkor.api import body_too_large

                return body_too_large(request)
            from hamkor.core.views.errors import upload_too_large

            return upload_too_large(request)
        return self.get_response(request)


class NulCharacterMiddleware:
    """A page request whose query string or form holds a NUL character is refused with a 400 page before any
    view sees it: no text of ours has one, and PostgreSQL cannot store or even compare it (a 500 otherwise).
    The API refuses it per field (``hamkor.core.bounds``). Reading the form here is safe: no view sets its own
    upload handlers, and the size limits were checked before (``ApiBodyLimitMiddleware``)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith("/api/") and self._holds_nul(request):
            from hamkor.core.views.errors import nul_refused

            return nul_refused(request)
        return self.get_response(request)

    @staticmethod
    def _holds_nul(request: HttpRequest) -> bool:
        def nul(values: Any) -> bool:
            return any("\x00" in key or any("\x00" in v for v in values.getlist(key)) for key in values)

        return nul(request.GET) or (request.method == "POST" and nul(request.POST))
