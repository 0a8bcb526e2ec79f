"""The identity of a person: what is sealed in ``Person.identity``, validated before it is stored."""

from __future__ import annotations

from datetime import date
from typing import Literal

from django.utils.translation import gettext as _
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from hamkor.cases.domains import ADULT_AGE
from hamkor.core.folding import fold_words

MAX_AGE = 110


class Name(BaseModel):
    """A person's name as written in one script (Latin, Cyrillic, Arabic ...)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    given: str = Field(min_length=1, max_length=100)
    family: str = Field("", max_length=100)
    patronymic: str = Field("", max_length=100)
    script: str = Field("", max_length=20)

    @property
    def full(self) -> str:
        return " ".join(p for p in (self.family, self.given, self.patronymic) if p)


class Document(BaseModel):
    """A civil document the person holds, or lacks (a child born abroad often has no birth certificate)."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    kind: Literal["birth_certificate", "passport", "national_id", "residence_registration", "other"]
    status: Literal["held", "missing", "requested"]
    number: str = Field("", max_length=60)
    issued_by: str = Field("", max_length=120)


class Identity(BaseModel):
    """Everything that identifies a person. Sealed as one document; never leaves the country."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    names: list[Name] = Field(min_length=1, max_length=8)
    birth_date: date
    birth_date_estimated: bool = False
    sex: Literal["female", "male"]
    place_of_birth: str = Field("", max_length=200)
    nationality: str = Field("", max_length=100)
    documents: list[Document] = Field(default_factory=list, max_length=20)

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
        """Every folded word of every name, the keys of the blind index and the duplicate check."""
        words: set[str] = set()
        for name in self.names:
            for part in (name.given, name.family, name.patronymic):
                words.update(w for w in fold_words(part) if len(w) > 1)
        return words

    def age_on(self, day: date) -> int:
        born = self.birth_date
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    def is_child_on(self, day: date) -> bool:
        return self.age_on(day) < ADULT_AGE
