"""The library API's shapes: what a client sends and what it gets back."""

import datetime as dt

from ninja import Schema
from pydantic import Field

from hamkor.core.bounds import Clean, Id, Ids, Line, Prose, Word, Words
from hamkor.library.models import Item


class ItemIn(Schema):
    kind: Word
    title: Line
    summary: Prose = ""
    languages: Words = []
    countries: Words = []  # ISO alpha-2 codes
    pillars: Words = []
    themes: Words = []
    tags: Words = []
    authors: Prose = ""
    organisations: Ids = []
    date: dt.date | None = None
    licence: Clean = Field("", max_length=200)
    access: Word = "partners"
    group: Id | None = None
    approach: Prose = ""
    aims: Prose = ""
    target_group: Prose = ""
    methods: Prose = ""
    lessons_learned: Prose = ""
    evidence: Prose = ""
    contact_organisation: Id | None = None


class FileJsonIn(Schema):
    """An upload for clients that cannot send multipart: the file's name and its bytes in base64."""

    name: Clean = Field(min_length=1, max_length=200)
    content_base64: str = Field(max_length=2 * 1024 * 1024, description="Within the API's body limit.")


class ReviewersIn(Schema):
    experts: Ids
    due_on: dt.date | None = None


class ReviewIn(Schema):
    recommendation: Word
    comment: Prose


class WithdrawIn(Schema):
    reason: Prose


class RatingIn(Schema):
    stars: int = Field(ge=1, le=5)


class CommentIn(Schema):
    text: Prose


class TranslationIn(Schema):
    item: Id


class ItemFields(Schema):
    id: int
    kind: str
    title: str
    summary: str
    languages: list[str]
    detected_language: str
    pillars: list[str]
    themes: list[str]
    tags: list[str]
    authors: str
    date: dt.date | None
    licence: str
    access: str
    status: str
    is_demo: bool
    published_at: dt.datetime | None


class ItemOut(ItemFields):
    countries: list[str]
    group: str | None

    @staticmethod
    def resolve_countries(obj: Item) -> list[str]:
        return [c.code for c in obj.countries.all()]

    @staticmethod
    def resolve_group(obj: Item) -> str | None:
        return obj.group.name if obj.group is not None else None


class FileOut(Schema):
    version: int
    original_name: str
    kind: str
    size: int
    sha256: str
    text_truncated: bool
    uploaded_at: dt.datetime


class TranslationOut(Schema):
    id: int
    title: str
    languages: list[str]


class ReviewOut(Schema):
    reviewer: int
    name: str
    due_on: dt.date | None
    recommendation: str
    comment: str
    submitted_at: dt.datetime | None


class CommentOut(Schema):
    id: int
    author: str
    text: str
    created_at: dt.datetime


class ItemDetailOut(ItemFields):
    countries: list[str]
    group: str | None
    organisations: list[str]
    approach: str
    aims: str
    target_group: str
    methods: str
    lessons_learned: str
    evidence: str
    contact_organisation: str | None
    withdrawal_reason: str
    files: list[FileOut]
    translations: list[TranslationOut]
    reviews: list[ReviewOut]
    comments: list[CommentOut]
    rating_average: float | None
    rating_count: int
    my_rating: int | None
