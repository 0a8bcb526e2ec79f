"""The bounds of every value the API takes in, in one place, so that no request reaches the database out of range.

Every integer of a request (path, query or body) is one of these types or carries its own ``ge``/``le``; every
string carries a ``max_length`` and refuses the NUL character (PostgreSQL cannot store it); every list carries a
``max_length``. Out of bounds is a 422 problem document naming the field. ``hamkor/core/tests/test_api_bounds.py``
walks the OpenAPI description and fails on any input without bounds, so a new router cannot forget them.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.db.models import TextChoices
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.pagination import PageNumberPagination
from pydantic import AfterValidator, Field, WithJsonSchema

ID_MAX = 2**63 - 1  # primary keys are 64-bit (BigAutoField) on SQLite and PostgreSQL
PAGE_MAX = 10_000  # page × page size stays far below what a database offset can hold
PAGE_SIZE = 50
PAGE_SIZE_MAX = 200
CODE_MAX = 40  # pseudonyms and codes: UZ-7K3Q-9D2M/1, D-7K3Q-9D2M, R-…, C-…, T-12
WORD_MAX = 100  # a choice or a filter value: a kind, a status, a language, a discipline, a slug
LINE_MAX = 300  # a title, a name, a search query
PROSE_MAX = 20_000  # a question, an opinion, a description, a comment
LIST_MAX = 100  # items of a list in a request body
YEAR_MIN, YEAR_MAX = 1900, 2200  # a year of the platform's records


def refuse_nul(value: str) -> str:
    """PostgreSQL cannot store a NUL character, and no text of ours has one; a lone surrogate (``\\ud800`` in
    JSON) is no character at all and cannot be stored either: refuse both at the edge."""
    if "\x00" in value:
        raise ValueError(_("must not contain the NUL character"))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError(_("must be text: a lone surrogate is not a character")) from None
    return value


Clean = Annotated[str, AfterValidator(refuse_nul)]  # give it a Field(max_length=...) where it is declared
Id = Annotated[int, Field(ge=1, le=ID_MAX)]
Page = Annotated[int, Field(ge=1, le=PAGE_MAX, description="Page number, from 1.")]
PageSize = Annotated[int, Field(ge=1, le=PAGE_SIZE_MAX, description="Items per page.")]
Year = Annotated[int, Field(ge=YEAR_MIN, le=YEAR_MAX)]
Code = Annotated[str, Field(max_length=CODE_MAX), AfterValidator(refuse_nul)]
Word = Annotated[str, Field(max_length=WORD_MAX), AfterValidator(refuse_nul)]
Line = Annotated[str, Field(max_length=LINE_MAX), AfterValidator(refuse_nul)]
Prose = Annotated[str, Field(max_length=PROSE_MAX), AfterValidator(refuse_nul)]
Ids = Annotated[list[Id], Field(max_length=LIST_MAX)]
Words = Annotated[list[Word], Field(max_length=LIST_MAX)]


def inline(choices: type[TextChoices]) -> WithJsonSchema:
    """A model's choices described in place: ``Case.Status``, ``Referral.Status`` and ``Transfer.Status`` would
    all be the OpenAPI component ``Status``, each overwriting the other. Use as ``Annotated[Case.Status, inline(
    Case.Status)]``; ``test_api_bounds`` fails on two components of one name."""
    return WithJsonSchema({"type": "string", "enum": list(choices.values), "title": choices.__qualname__})


class Pages(PageNumberPagination):
    """``page`` and ``page_size`` within bounds, for every ``@paginate`` list of the API."""

    class Input(Schema):
        page: Page = 1
        page_size: PageSize | None = None

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(page_size=PAGE_SIZE, max_page_size=PAGE_SIZE_MAX, **kwargs)


class PageFilters(Schema):
    """The page of a list that is not ``@paginate``d: the same bounds as ``Pages``."""

    page: Page = 1
    page_size: PageSize = PAGE_SIZE
