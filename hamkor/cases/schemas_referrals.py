"""Pydantic schemas of the referrals and transfers API. Inputs refuse unknown fields; a referral names its case
only to users who reach the case, never to the provider."""

from datetime import date, datetime
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import Field

from hamkor.cases.models import Intervention, Referral, Transfer
from hamkor.cases.schemas import CaseInput
from hamkor.cases.services.referrals import NOTE_MAX_CHARS, SharedField
from hamkor.cases.services.transfers import REASON_MAX_CHARS, REGION_MAX_CHARS
from hamkor.core.bounds import Clean, Id, PageFilters, inline

ReferralStatus = Annotated[Referral.Status, inline(Referral.Status)]
TransferStatus = Annotated[Transfer.Status, inline(Transfer.Status)]
CASE_CODE = Field(max_length=24, description="The case number, e.g. UZ-7K3Q-9D2M/1.")


class ReferralFilters(PageFilters):
    direction: Literal["sent", "received"] | None = Field(
        None, description="sent: from cases you reach; received: by your organisation."
    )
    status: ReferralStatus | None = None
    case: Clean | None = Field(None, max_length=24, description="Only the referrals of this case.")
    due: bool = Field(False, description="Only referrals still open whose follow-up date has come.")


class ReferralIn(CaseInput):
    case: Clean = CASE_CODE
    provider: Id = Field(description="The organisation that receives the referral (same country as the case).")
    service: Intervention.Kind
    shared_fields: list[SharedField] = Field(
        min_length=1, max_length=len(SharedField), description="What the provider sees, sealed at sending."
    )
    follow_up_on: date


class ReferralAnswerIn(CaseInput):
    note: Clean = Field("", max_length=NOTE_MAX_CHARS, description="Needed when declining.")


class ReferralRowOut(Schema):
    code: str
    case: str | None = Field(description="Null for the provider, who does not reach the case.")
    from_organisation: int
    provider: int
    service: str
    shared_fields: list[str]
    status: str
    follow_up_on: date
    sent_at: datetime
    responded_at: datetime | None
    response_note: str
    completed_at: datetime | None


class ReferralOut(ReferralRowOut):
    shared: dict[str, Any] = Field(description="The snapshot of the shared fields taken when the referral was sent.")


class ReferralListOut(Schema):
    items: list[ReferralRowOut]
    count: int


class TransferFilters(PageFilters):
    direction: Literal["incoming", "outgoing"] | None = Field(
        None, description="incoming: asked of your organisation; outgoing: from cases you reach."
    )
    status: TransferStatus | None = None


class TransferIn(CaseInput):
    case: Clean = CASE_CODE
    to_organisation: Id = Field(description="An organisation of the case's own country.")
    reason: Clean = Field(max_length=REASON_MAX_CHARS)


class TransferAcceptIn(CaseInput):
    region: Clean = Field("", max_length=REGION_MAX_CHARS, description="Where the family now lives (region level).")


class TransferOut(Schema):
    id: str = Field(description="T- and a number, e.g. T-12.")
    case: str
    from_organisation: int
    to_organisation: int
    reason: str
    status: str
    requested_at: datetime
    responded_at: datetime | None

    @staticmethod
    def resolve_id(obj: Transfer) -> str:
        return f"T-{obj.pk}"

    @staticmethod
    def resolve_case(obj: Transfer) -> str:
        return str(obj.case.code)

    @staticmethod
    def resolve_from_organisation(obj: Transfer) -> int:
        return int(obj.from_organisation_id)

    @staticmethod
    def resolve_to_organisation(obj: Transfer) -> int:
        return int(obj.to_organisation_id)


class TransferListOut(Schema):
    items: list[TransferOut]
    count: int
