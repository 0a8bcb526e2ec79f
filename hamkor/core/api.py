"""Core endpoints: who am I, countries, organisations, agreements, the audit log, my tokens."""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from hamkor.core import queries, services
from hamkor.core.bounds import Code, Id, Line, Pages, Word
from hamkor.core.models import Agreement, ApiToken, Country, Organisation
from hamkor.core.policy import demand
from hamkor.core.roles import second_factor_proved
from hamkor.core.schemas import (
    AgreementIn,
    AgreementOut,
    AuditEntryOut,
    CountryOut,
    MeOut,
    OrganisationIn,
    OrganisationOut,
    OrganisationPatch,
    TokenOut,
)

router = Router(tags=["core"])


@router.get("/me", response=MeOut, summary="The signed-in user")
def me(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    return {
        "id": user.pk,
        "email": user.email,  # type: ignore[union-attr]
        "full_name": user.full_name,  # type: ignore[union-attr]
        "organisation": user.organisation,  # type: ignore[union-attr]
        "roles": sorted(user.roles),  # type: ignore[union-attr]
        "language": user.language,  # type: ignore[union-attr]
        "second_factor_verified": second_factor_proved(user),
    }


@router.get("/countries", response=list[CountryOut], summary="Countries")
@paginate(Pages)
def countries(request: HttpRequest) -> Any:
    demand(request.user, "country.view")
    return Country.objects.restrict(request.user, "view").order_by("code")


@router.get("/organisations", response=list[OrganisationOut], summary="Organisations")
@paginate(Pages)
def organisations(request: HttpRequest, kind: Word = "", country: Code = "", q: Line = "") -> Any:
    demand(request.user, "organisation.view")
    return queries.organisations(request.user, kind=kind, country=country, q=q)


@router.get("/organisations/{int:pk}", response=OrganisationOut, summary="One organisation")
def organisation(request: HttpRequest, pk: Id) -> Organisation:
    demand(request.user, "organisation.view")
    return get_object_or_404(queries.organisations(request.user), pk=pk)


def _organisation_fields(payload: dict[str, Any]) -> dict[str, Any]:
    fields = dict(payload)
    if "country" in fields:
        code = fields.pop("country")
        fields["country"] = None if code is None else _country(code)
    if "parent" in fields:
        parent = fields.pop("parent")
        fields["parent"] = None if parent is None else _organisation_ref(parent, "parent")
    return fields


def _country(code: str) -> Country:
    country = Country.objects.filter(code=code.upper()).first()
    if country is None:
        raise ValidationError({"country": _("Unknown country code %(code)s.") % {"code": code}})
    return country


def _organisation_ref(pk: int, field: str) -> Organisation:
    org = Organisation.objects.filter(pk=pk).first()
    if org is None:
        raise ValidationError({field: _("There is no organisation %(id)s.") % {"id": pk}})
    return org


@router.post("/organisations", response={201: OrganisationOut}, summary="Create an organisation")
def create_organisation(request: HttpRequest, payload: OrganisationIn) -> Status[Organisation]:
    demand(request.user, "organisation.create")
    return Status(201, services.create_organisation(request.user, **_organisation_fields(payload.model_dump())))


@router.patch("/organisations/{int:pk}", response=OrganisationOut, summary="Change an organisation")
def change_organisation(request: HttpRequest, pk: Id, payload: OrganisationPatch) -> Organisation:
    demand(request.user, "organisation.change")
    org = get_object_or_404(Organisation.objects.restrict(request.user, "change"), pk=pk)
    fields = _organisation_fields(payload.changes())
    return services.update_organisation(request.user, org, **fields)


@router.get("/agreements", response=list[AgreementOut], summary="Agreements")
@paginate(Pages)
def agreements(request: HttpRequest) -> Any:
    demand(request.user, "agreement.view")
    return queries.agreements(request.user)


@router.get("/agreements/{int:pk}", response=AgreementOut, summary="One agreement")
def agreement(request: HttpRequest, pk: Id) -> Agreement:
    demand(request.user, "agreement.view")
    return get_object_or_404(queries.agreements(request.user), pk=pk)


@router.post("/agreements", response={201: AgreementOut}, summary="Record an agreement")
def create_agreement(request: HttpRequest, payload: AgreementIn) -> Status[Agreement]:
    demand(request.user, "agreement.create")
    fields = payload.model_dump()
    parties = [_organisation_ref(pk, "parties") for pk in fields.pop("parties")]
    return Status(201, services.create_agreement(request.user, parties=parties, **fields))


@router.get("/audit", response=list[AuditEntryOut], summary="The audit log (oversight officers)")
@paginate(Pages)
def audit(
    request: HttpRequest,
    action: Word = "",
    actor: Line = "",
    object_type: Word = "",
    object_id: Code = "",
    since: date | None = None,
    until: date | None = None,
) -> Any:
    demand(request.user, "audit.view")
    filters = {"action": action, "actor": actor, "object_type": object_type, "object_id": object_id}
    return queries.audit_entries(request.user, since=since, until=until, **filters)


@router.get("/tokens", response=list[TokenOut], summary="My API tokens")
def tokens(request: HttpRequest) -> Any:
    demand(request.user, "token.view")
    return ApiToken.objects.restrict(request.user, "view")


@router.post("/tokens/{int:pk}/revoke", response=TokenOut, summary="Revoke one of my API tokens")
def revoke_token(request: HttpRequest, pk: Id) -> ApiToken:
    demand(request.user, "token.revoke")
    token = get_object_or_404(ApiToken.objects.restrict(request.user, "revoke"), pk=pk)
    return services.revoke_api_token(request.user, token)
