"""The HTTP API under /api/v1/: authentication, RFC 9457 problem responses, and the routers of each app."""

from __future__ import annotations

from functools import cache
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaValidationError
from ninja.security import APIKeyCookie, HttpBearer

from hamkor.core import services
from hamkor.core.problems import PROBLEM_CONTENT_TYPE, document_problems
from hamkor.core.query_record import recorded_query
from hamkor.core.roles import second_factor_proved


class BearerToken(HttpBearer):
    """``Authorization: Bearer hmk_...``: a personal token; writing needs its ``write`` scope."""

    openapi_description = "A personal API token from your profile page or `hamkor create_token`."

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        pairs = [(name, value) for name, values in request.GET.lists() for value in values]
        query = recorded_query(pairs, declared_parameters())
        found = services.authenticate_token(token, method=request.method or "", path=request.path, query=query)
        if found is None:
            return None
        if request.method not in ("GET", "HEAD", "OPTIONS") and "write" not in found.scopes:
            raise HttpError(403, _("This token may only read. Create a token with the write scope to change data."))
        request.user = found.user
        return found


class VerifiedSession(APIKeyCookie):
    """The browser session of a signed-in user who has proved the second factor where their roles need it."""

    param_name = settings.SESSION_COOKIE_NAME
    openapi_description = "The session of a signed-in user (pages and the API docs)."

    def __init__(self) -> None:
        super().__init__(csrf=True)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = request.user
        if not user.is_authenticated:
            return None
        if getattr(user, "needs_second_factor", False) and not second_factor_proved(user):
            return None
        return user


class HamkorAPI(NinjaAPI):
    """The API whose description documents, on every operation, the problem documents it may answer."""

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        return document_problems(super().get_openapi_schema(**kwargs))


api = HamkorAPI(
    title="Hamkor API",
    version="1",
    description=(
        "The Hamkor platform's API. Errors are RFC 9457 problem documents (application/problem+json). "
        "Lists are paginated with `page` and `page_size`."
    ),
    urls_namespace="api",
    auth=[BearerToken(), VerifiedSession()],
    docs_url="/docs",
    openapi_url="/openapi.json",
)


@cache
def declared_parameters() -> frozenset[str]:
    """The names of every query parameter an operation of the API declares (for the audit of token uses)."""
    paths = api.get_openapi_schema()["paths"]
    return frozenset(
        parameter["name"]
        for operations in paths.values()
        for operation in operations.values()
        for parameter in operation.get("parameters", ())
        if parameter.get("in") == "query"
    )


def problem(request: HttpRequest, status: int, title: str, detail: str, **extra: Any) -> HttpResponse:
    """An RFC 9457 problem document."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, "instance": request.path}
    body.update(extra)
    response = api.create_response(request, body, status=status)
    response["Content-Type"] = PROBLEM_CONTENT_TYPE
    return response


def _location(loc: Any) -> str:
    parts = [str(p) for p in loc if p not in ("body", "payload", "query", "path")]
    return ".".join(parts) or "body"


@api.exception_handler(SchemaValidationError)
def _schema_invalid(request: HttpRequest, exc: SchemaValidationError) -> HttpResponse:
    errors = [{"field": _location(e.get("loc", ())), "message": str(e.get("msg", ""))} for e in exc.errors]
    summary = "; ".join(f"{e['field']}: {e['message']}" for e in errors[:5])
    return problem(
        request,
        422,
        _("The request is not valid"),
        _("Correct these fields: %(fields)s") % {"fields": summary},
        errors=errors,
    )


@api.exception_handler(DjangoValidationError)
def _domain_invalid(request: HttpRequest, exc: DjangoValidationError) -> HttpResponse:
    if hasattr(exc, "error_dict"):
        errors = [{"field": f, "message": str(m)} for f, msgs in exc.message_dict.items() for m in msgs]
    else:
        errors = [{"field": "", "message": str(m)} for m in exc.messages]
    summary = "; ".join(f"{e['field']}: {e['message']}" if e["field"] else e["message"] for e in errors)
    return problem(request, 422, _("The request cannot be carried out"), summary, errors=errors)


@api.exception_handler(OverflowError)
@api.exception_handler(DataError)
@api.exception_handler(UnicodeEncodeError)
def _out_of_range(request: HttpRequest, exc: Exception) -> HttpResponse:
    """The last line behind the bounds of ``hamkor.core.bounds``: a value the database cannot hold is the client's
    error, never a 500."""
    return problem(
        request, 422, _("The request is not valid"), _("A value of the request is out of range or cannot be stored.")
    )


@api.exception_handler(AuthenticationError)
def _unauthenticated(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    response = problem(
        request,
        401,
        _("Authentication required"),
        _("Send a valid API token as 'Authorization: Bearer <token>', or sign in (with your second factor)."),
    )
    response["WWW-Authenticate"] = 'Bearer realm="hamkor"'
    return response


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    message = str(exc)
    if exc.status_code == 400 and message.startswith("Cannot parse request body"):
        return problem(request, 400, _("Malformed request body"), _("The request body is not valid JSON."))
    titles = {401: _("Authentication required"), 403: _("Forbidden"), 404: _("Not found")}
    return problem(request, exc.status_code, str(titles.get(exc.status_code, _("Request refused"))), message)


@api.exception_handler(PermissionDenied)
def _forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    detail = str(exc) or _("You do not have permission to do this.")
    return problem(request, 403, _("Forbidden"), detail)


@api.exception_handler(Http404)
@api.exception_handler(ObjectDoesNotExist)
def _not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
    return not_found_problem(request)


def not_found_problem(request: HttpRequest) -> HttpResponse:
    return problem(request, 404, _("Not found"), _("There is no such object, or you may not see it."))


@api.exception_handler(RequestDataTooBig)
def _too_big(request: HttpRequest, exc: Exception) -> HttpResponse:
    return body_too_large(request)


def body_too_large(request: HttpRequest) -> HttpResponse:
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return problem(
        request,
        413,
        _("Request body too large"),
        _("The request body may be at most %(limit)s bytes.") % {"limit": limit},
    )


def _mount_routers() -> None:
    from hamkor.cases import api_dossiers, api_referrals, api_retention, api_statistics
    from hamkor.cases.api import router as cases_router
    from hamkor.core.api import router as core_router
    from hamkor.core.api_search import router as search_router
    from hamkor.council.api import router as council_router
    from hamkor.council.api_consultations import router as council_consultations_router
    from hamkor.library.api import router as library_router

    api.add_router("/", core_router)
    api.add_router("/", search_router)
    # The case routes end in a catch-all "/{person_code}/{number}", so the topics under /cases come first.
    api.add_router("/cases/referrals", api_referrals.router)
    api.add_router("/cases/dossiers", api_dossiers.router)
    api.add_router("/cases/statistics", api_statistics.router)
    api.add_router("/cases/retention", api_retention.router)
    api.add_router("/council", council_router)
    api.add_router("/council/consultations", council_consultations_router)
    api.add_router("/library", library_router)
    api.add_router("/cases", cases_router)


_mount_routers()
