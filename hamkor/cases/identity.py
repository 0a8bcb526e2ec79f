"""The identity of a person: what is sealed in ``Person.identity``, validated before it is stored.

Every text field is stored clean (``hamkor.core.normalise.clean``: no invisible character, NFKC), whether it
comes from a form, the API or a stored document, so what a reader sees is what the duplicate check, the blind
index and the dossier checker compared. What comes in (``Identity.from_input``) must also write each name in
letters: a given name of zero-width spaces or of punctuation alone is refused. Stored identities are read
without that rule, so a record registered before it stays readable.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Final, Literal

from django.utils.translation import gettext as _
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)

from hamkor.cases.domains import ADULT_AGE
from hamkor.core.folding import fold, fold_words
from hamkor.core.normalise import clean, has_letters, readings

MAX_AGE = 110
# The validation context of what comes in (a form, the API, a service writing an identity).
INPUT: Final = "input"


def _clean(value: Any) -> Any:
    return clean(value) if isinstance(value, str) else value


Text = Annotated[str, BeforeValidator(_clean)]


def name_keys(part: str) -> set[str]:
    """The matching keys of one part of a name: its folded words (of two letters or more); the words joined,
    when it has several (``Zora-Bella`` and ``Abdul Aziz`` also meet ``Zorabella`` and ``Abdulaziz``); and each
    word that mixes Latin and Cyrillic letters read wholly in either script."""
    words = fold_words(part)
    keys = {w for w in words if len(w) > 1}
    if len(words) > 1:
        keys.add(fold("".join(words)))
    for written in part.split():
        for reading in readings(written, digits=False):
            keys.update(w for w in fold_words(reading) if len(w) > 1)
    return keys


class Name(BaseModel):
    """A person's name as written in one script (Latin, Cyrillic, Arabic ...)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    # Not empty, in letters: the rule of what comes in (below), so that a stored name cleaned empty still reads.
    given: Text = Field(max_length=100)
    family: Text = Field("", max_length=100)
    patronymic: Text = Field("", max_length=100)
    script: Text = Field("", max_length=20)

    @field_validator("given", "family", "patronymic", mode="before")
    @classmethod
    def _in_letters(cls, value: Any, info: ValidationInfo) -> Any:
        if not isinstance(value, str) or not (info.context or {}).get(INPUT):
            return value
        written = clean(value).strip()
        if (written or info.field_name == "given") and not has_letters(written):
            raise ValueError(
                _("A name must contain letters: invisible characters, digits or punctuation alone are not a name.")
            )
        return written

    @property
    def full(self) -> str:
        return " ".join(p for p in (self.family, self.given, self.patronymic) if p)


class Document(BaseModel):
    """A civil document the person holds, or lacks (a child born abroad often has no birth certificate)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: Literal["birth_certificate", "passport", "national_id", "residence_registration", "other"]
    status: Literal["held", "missing", "requested"]
    number: Text = Field("", max_length=60)
    issued_by: Text = Field("", max_length=120)


class Identity(BaseModel):
    """Everything that identifies a person. Sealed as one document; never leaves the country."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    names: list[Name] = Field(min_length=1, max_length=8)
    birth_date: date
    birth_date_estimated: bool = False
    sex: Literal["female", "male"]
    place_of_birth: Text = Field("", max_length=200)
    nationality: Text = Field("", max_length=100)
    documents: list[Document] = Field(default_factory=list, max_length=20)

    @classmethod
    def from_input(cls, data: dict[str, Any]) -> Identity:
        """An identity as it comes in: every name written in letters (raises pydantic's ``ValidationError``)."""
        return cls.model_validate(data, context={INPUT: True})

    @field_validator("birth_date")
    @classmethod
    def _not_in_future(cls, value: date) -> date:
        if value > date.today():
            raise ValueError(_("The date of birth is in the future."))
        if value.year < date.today().year - MAX_AGE:
            raise ValueError(_("The date of birth gives an age over %(max)s years.") % {"max": MAX_AGE})
        return value

    @model_validator(mode="after")
    def _documents_unique(self) -> Identity:
        kinds = [d.kind for d in self.documents if d.kind != "other"]
        if len(kinds) != len(set(kinds)):
            raise ValueError(_("Each kind of document is listed once."))
        return self

    @property
    def display_name(self) -> str:
        return self.names[0].full

    def name_words(self) -> set[str]:
        """The ``name_keys`` of every part of every name: the keys of the blind index, the duplicate check and
        the dossier checker."""
        words: set[str] = set()
        for name in self.names:
            for part in (name.given, name.family, name.patronymic):
                words |= name_keys(part)
        return words

    def age_on(self, day: date) -> int:
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def is_child_on(self, day: date) -> bool:
        return self.age_on(day) < ADULT_AGE


_FIRST_NAME_FIELDS: Final = {"given": "given_name", "family": "family_name", "patronymic": "patronymic"}


def identity_errors(exc: ValidationError) -> dict[str, list[str]]:
    """pydantic's complaints about an identity, by the field of a registration that holds the value: the first
    name's ``given_name``, ``family_name`` and ``patronymic``, then ``other_names.<i>.<part>``, ``documents...``."""
    errors: dict[str, list[str]] = {}
    for error in exc.errors():
        errors.setdefault(_request_field(error["loc"]), []).append(error["msg"].removeprefix("Value error, "))
    return errors


def _request_field(loc: tuple[int | str, ...]) -> str:
    if loc[:2] == ("names", 0) and len(loc) == 3:
        return _FIRST_NAME_FIELDS.get(str(loc[2]), "given_name")
    if loc[:1] == ("names",) and len(loc) > 1:
        return ".".join(str(p) for p in ("other_names", int(loc[1]) - 1, *loc[2:]))
    if loc == ("names",):
        return "other_names"
    return ".".join(str(p) for p in loc) or "documents"
