"""Pydantic schemas of the core API. Inputs refuse unknown fields, so a typo is an error, not a silent no-op."""

from __future__ import annotations

from datetime import date, datetime

from django.utils.translation import gettext as _
from ninja import Schema
from pydantic import ConfigDict, Field, model_validator

from hamkor.core.bounds import Clean, Id, Ids, Prose, Word, Words


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
    name: Clean = Field(min_length=2, max_length=255)
    short_name: Clean = Field("", max_length=40)
    kind: Word
    country: Clean | None = Field(None, min_length=2, max_length=2, description="ISO 3166-1 alpha-2 code")
    parent: Id | None = None
    city: Clean = Field("", max_length=100)
    website: Clean = Field("", max_length=200)
    description: Prose = ""


class OrganisationPatch(StrictInput):
    """Only the fields sent change. Null clears a country, a parent or a text field; a name and a kind stay."""

    name: Clean | None = Field(None, min_length=2, max_length=255, description="Null is refused.")
    short_name: Clean | None = Field(None, max_length=40)
    kind: Word | None = Field(None, description="Null is refused.")
    country: Clean | None = Field(None, min_length=2, max_length=2)
    parent: Id | None = None
    city: Clean | None = Field(None, max_length=100)
    website: Clean | None = Field(None, max_length=200)
    description: Prose | None = None

    @model_validator(mode="after")
    def _name_and_kind_stay(self) -> OrganisationPatch:
        for name in ("name", "kind"):
            if name in self.model_fields_set and getattr(self, name) is None:
                raise ValueError(_("%(field)s cannot be null: an organisation always has one.") % {"field": name})
        return self

    def changes(self) -> dict[str, object]:
        """The fields sent, a null text field as empty text."""
        sent = self.model_dump(exclude_unset=True)
        texts = ("short_name", "city", "website", "description")
        return {k: "" if v is None and k in texts else v for k, v in sent.items()}


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
    title: Clean = Field(min_length=3, max_length=300)
    kind: Word = "memorandum"
    parties: Ids = Field(min_length=2)
    signed_on: date | None = None
    signed_place: Clean = Field("", max_length=200)
    valid_until: date | None = None
    areas: Words = Field(default_factory=list)
    summary: Prose = ""


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
