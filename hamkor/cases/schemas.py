"""Pydantic schemas of the cases API. Inputs refuse unknown fields; outputs name people by pseudonym code, and
only the person endpoint carries identity."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from ninja import Schema
from pydantic import ConfigDict, Field, StrictInt, model_validator

from hamkor.cases.domains import Compartment, Domain, Purpose, Relationship
from hamkor.cases.identity import Document, Name
from hamkor.cases.models import Case, Intervention
from hamkor.cases.models.note import NOTE_MAX_CHARS
from hamkor.cases.services.assessments import NARRATIVE_MAX_CHARS
from hamkor.cases.services.plans import GOAL_MAX_CHARS
from hamkor.core.bounds import Clean, Id, PageFilters, Word, inline
from hamkor.core.schemas import StrictInput

REASON_MAX_CHARS = 2000
SCORE_BOUND = 1000  # far beyond any instrument's scale; the instrument refuses what is outside its own
DOMAINS_MAX = 50

CaseStatus = Annotated[Case.Status, inline(Case.Status)]
InterventionStatus = Annotated[Intervention.Status, inline(Intervention.Status)]


class CaseInput(StrictInput):
    """An input that refuses unknown fields and hands choices to the services as plain strings."""

    model_config = ConfigDict(extra="forbid", use_enum_values=True, str_strip_whitespace=True)


# --- people ------------------------------------------------------------------------------------------------


class PersonIn(CaseInput):
    given_name: Clean = Field(min_length=1, max_length=100)
    family_name: Clean = Field(max_length=100)
    patronymic: Clean = Field("", max_length=100)
    other_names: list[Name] = Field(
        default_factory=list, max_length=7, description="The name as written in other scripts."
    )
    birth_date: date
    birth_date_estimated: bool = False
    sex: Literal["female", "male"]
    place_of_birth: Clean = Field("", max_length=200)
    nationality: Clean = Field("", max_length=100)
    documents: list[Document] = Field(default_factory=list, max_length=20)
    family: Clean | None = Field(None, max_length=20, description="The code of an existing family to join.")
    new_family: bool = Field(False, description="Start a new family with this person.")
    relationship: Relationship = Relationship.OTHER
    is_guardian: bool = Field(False, description="May consent for the family's children.")

    @model_validator(mode="after")
    def _one_family(self) -> PersonIn:
        if self.family and self.new_family:
            raise ValueError("Give either family (to join one) or new_family (to start one), not both.")
        if self.is_guardian and not (self.family or self.new_family):
            raise ValueError("A guardian belongs to a family: give family or new_family.")
        return self

    def identity_document(self) -> dict[str, Any]:
        """The fields of ``hamkor.cases.identity.Identity``, the given name first."""
        first = {"given": self.given_name, "family": self.family_name, "patronymic": self.patronymic}
        return {
            "names": [first, *(n.model_dump() for n in self.other_names)],
            "birth_date": self.birth_date,
            "birth_date_estimated": self.birth_date_estimated,
            "sex": self.sex,
            "place_of_birth": self.place_of_birth,
            "nationality": self.nationality,
            "documents": [d.model_dump() for d in self.documents],
        }


class RegisteredOut(Schema):
    code: str = Field(description="The person's pseudonym.")
    case: str
    family: str | None
    possible_duplicates: list[str] = Field(description="People already registered who may be this person.")


class FamilyMemberOut(Schema):
    person: str
    relationship: str
    is_guardian: bool


class FamilyOut(Schema):
    code: str
    members: list[FamilyMemberOut]


class PersonOut(Schema):
    code: str
    sex: str
    names: list[Name]
    birth_date: date
    birth_date_estimated: bool
    place_of_birth: str
    nationality: str
    documents: list[Document]
    families: list[FamilyOut]
    cases: list[str]


# --- cases -------------------------------------------------------------------------------------------------


class CaseFilters(PageFilters):
    status: CaseStatus | None = None
    country: Clean = Field("", max_length=2)
    worker: Id | None = None
    due: Literal["due", "overdue"] | None = None


class CaseSearchIn(CaseFilters):
    """A search by name words (any script) or case number, with the list's filters: sent in the request body
    so that no name reaches a URL, an access log or a Referer header."""

    q: Clean = Field(min_length=1, max_length=100, description="Name words in any script, or a case number.")


class StaffOut(Schema):
    id: int
    name: str = Field(alias="full_name")


class CaseRowOut(Schema):
    code: str
    person: str
    display_name: str
    status: str
    worker: StaffOut | None
    organisation: int
    country: str
    opened_at: datetime
    is_child: bool


class CaseListOut(Schema):
    items: list[CaseRowOut]
    count: int


class ScoresOut(Schema):
    instrument: str
    version: str
    assessed_on: date
    scores: dict[str, int]

    @staticmethod
    def resolve_instrument(obj: Any) -> str:
        return str(obj.instrument.code)

    @staticmethod
    def resolve_version(obj: Any) -> str:
        return str(obj.instrument.version)


class AssessmentOut(ScoresOut):
    id: int


class PointOut(Schema):
    on: date
    score: int


class SeriesOut(Schema):
    domain: str
    points: list[PointOut]


class InterventionOut(Schema):
    id: int
    kind: str
    provider: int | None = Field(None, alias="provider_id")
    responsible: int | None = Field(None, alias="responsible_id")
    due_on: date
    status: str
    completed_on: date | None


class GoalOut(Schema):
    id: int
    domain: str
    description: str
    status: str
    interventions: list[InterventionOut]

    @staticmethod
    def resolve_interventions(obj: Any) -> list[Any]:
        return list(obj.interventions.all())


class NoteOut(Schema):
    id: int
    compartment: str
    body: str
    author: StaffOut
    created_at: datetime


class ConsentOut(Schema):
    id: int
    person: str
    purpose: str
    recipient: int | None = Field(None, alias="recipient_id")
    text_version: str
    guardian: str | None
    child_assent: bool | None
    given_on: date
    recorded_at: datetime
    active: bool
    withdrawn_at: datetime | None
    withdrawal_reason: str

    @staticmethod
    def resolve_person(obj: Any) -> str:
        return str(obj.person.code)

    @staticmethod
    def resolve_guardian(obj: Any) -> str | None:
        return obj.guardian.code if obj.guardian_id else None


class EventOut(Schema):
    at: datetime
    kind: str
    summary: str
    compartment: str
    actor: StaffOut | None


class CaseOut(Schema):
    code: str
    person: str
    display_name: str
    status: str
    closure: str
    worker: StaffOut | None
    supervisor: StaffOut | None
    organisation: int
    country: str
    opened_at: datetime
    closed_at: datetime | None
    is_child: bool
    latest_scores: ScoresOut | None
    progress: list[SeriesOut]
    goals: list[GoalOut]
    notes: list[NoteOut] = Field(description="Only the compartments you are cleared to open.")
    consents: list[ConsentOut]
    timeline: list[EventOut]


class CaseStatusOut(Schema):
    code: str
    status: str
    closure: str
    closed_at: datetime | None


class BreakGlassOut(Schema):
    case: str
    opened_at: datetime
    expires_at: datetime

    @staticmethod
    def resolve_case(obj: Any) -> str:
        return str(obj.case.code)


# --- writes on a case --------------------------------------------------------------------------------------


class TransitionIn(CaseInput):
    to: CaseStatus
    closure: Case.Closure | None = Field(None, description="How the case closes; needed when `to` is closed.")
    reason: Clean = Field("", max_length=REASON_MAX_CHARS)


class ConsentIn(CaseInput):
    person: Clean | None = Field(None, max_length=20, description="Who consents; the case's person by default.")
    purpose: Purpose
    recipient: Id | None = Field(None, description="The organisation that receives a referral.")
    text_version: Clean = Field(max_length=20)
    given_on: date
    guardian: Clean | None = Field(None, max_length=20, description="For a child: the guardian who consents.")
    child_assent: bool | None = None


class WithdrawalIn(CaseInput):
    reason: Clean = Field(min_length=1, max_length=REASON_MAX_CHARS)


Score = Annotated[StrictInt, Field(ge=-SCORE_BOUND, le=SCORE_BOUND)]
Narrative = Annotated[Clean, Field(max_length=NARRATIVE_MAX_CHARS)]


class AssessmentIn(CaseInput):
    instrument: Clean = Field(max_length=60)
    version: Clean = Field(max_length=20)
    assessed_on: date
    scores: dict[Word, Score] = Field(max_length=DOMAINS_MAX)
    narratives: dict[Word, Narrative] = Field(default_factory=dict, max_length=DOMAINS_MAX)


class GoalIn(CaseInput):
    domain: Domain
    description: Clean = Field(max_length=GOAL_MAX_CHARS)


class InterventionIn(CaseInput):
    kind: Intervention.Kind
    due_on: date
    provider: Id | None = Field(None, description="The organisation that provides the service.")
    responsible: Id | None = Field(None, description="A user of the case's organisation or of the provider.")


class InterventionStatusIn(CaseInput):
    status: InterventionStatus
    completed_on: date | None = None


class NoteIn(CaseInput):
    compartment: Compartment = Compartment.GENERAL
    body: Clean = Field(max_length=NOTE_MAX_CHARS)


class BreakGlassIn(CaseInput):
    reason: Clean = Field(max_length=REASON_MAX_CHARS)
