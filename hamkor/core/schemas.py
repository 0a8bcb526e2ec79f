"""Pydantic schemas of the core API. Inputs refuse unknown fields, so a typo is an error, not a silent no-op."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Schema
from pydantic import ConfigDict, Field


class StrictInput(Schema):
    model_config = ConfigDict(extra="forbid")


class CountryOut(Schema):
    code: str
    code3: str
    name_en: str
    name_ru: str
    name_uz: str


class OrganisationOut(Schema):
    id: int
    name: str
    short_name: str
    kind: str
    country: str | None = Field(None, alias="country_id")
    parent: int | None = Field(None, alias="parent_id")
    city: str
    website: str
    description: str
    is_demo: bool


class OrganisationIn(StrictInput):
    name: str = Field(min_length=2, max_length=255)
    short_name: str = Field("", max_length=40)
    kind: str
    country: str | None = Field(None, min_length=2, max_length=2, description="ISO 3166-1 alpha-2 code")
    parent: int | None = None
    city: str = Field("", max_length=100)
    website: str = ""
    description: str = ""


class OrganisationPatch(StrictInput):
    name: str | None = Field(None, min_length=2, max_length=255)
    short_name: str | None = Field(None, max_length=40)
    kind: str | None = None
    country: str | None = Field(None, min_length=2, max_length=2)
    parent: int | None = None
    city: str | None = Field(None, max_length=100)
    website: str | None = None
    description: str | None = None


class AgreementOut(Schema):
    id: int
    title: str
    kind: str
    parties: list[int]
    signed_on: date | None
    signed_place: str
    valid_until: date | None
    areas: list[str]
    summary: str
    is_demo: bool

    @staticmethod
    def resolve_parties(obj: object) -> list[int]:
        return sorted(p.pk for p in obj.parties.all())  # type: ignore[attr-defined]


class AgreementIn(StrictInput):
    title: str = Field(min_length=3, max_length=300)
    kind: str = "memorandum"
    parties: list[int] = Field(min_length=2)
    signed_on: date | None = None
    signed_place: str = Field("", max_length=200)
    valid_until: date | None = None
    areas: list[str] = Field(default_factory=list)
    summary: str = ""


class MeOut(Schema):
    id: int
    email: str
    full_name: str
    organisation: OrganisationOut | None
    roles: list[str]
    language: str
    second_factor_verified: bool


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    scopes: list[str]
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    last_used_at: datetime | None


class AuditEntryOut(Schema):
    seq: int
    at: datetime
    actor_id: int | None
    actor_label: str
    organisation_id: int | None
    action: str
    object_type: str
    object_id: str
    reason: str
    details: dict[str, object]
    prev_hash: str
    hash: str
