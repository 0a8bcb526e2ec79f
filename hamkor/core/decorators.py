"""The guard every page view wears: sign-in first, then the access policy."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponseBase

from hamkor.core.policy import holds

View = Callable[..., HttpResponseBase]


def requires(permission: str) -> Callable[[View], View]:
    """Anonymous users go to the login page; signed-in users without ``permission`` get 403."""

    def decorate(view: View) -> View:
        @wraps(view)
        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not holds(request.user, permission):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        guarded.hamkor_permission = permission  # type: ignore[attr-defined]
        return guarded

    return decorate
