from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def forbidden(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/error.html", {"status": 403, "exception": str(exception or "")}, status=403)


def nul_refused(request: HttpRequest) -> HttpResponse:
    """A page request holding a NUL character (``NulCharacterMiddleware``): a 400 that says so."""
    return render(request, "core/error.html", {"status": 400}, status=400)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):  # a path no operation matches, e.g. a letter where a number goes
        from hamkor.api import not_found_problem

        return not_found_problem(request)
    return render(request, "core/error.html", {"status": 404}, status=404)


def upload_too_large(request: HttpRequest) -> HttpResponse:
    """A page upload over the size limit, refused before its body is read (status 413)."""
    from django.conf import settings

    megabytes = settings.HAMKOR_MAX_UPLOAD_BYTES // (1024 * 1024)
    return render(request, "core/error.html", {"status": 413, "megabytes": megabytes}, status=413)
