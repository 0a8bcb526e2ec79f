"""Pydantic shapes of the council API."""

from datetime import date, datetime

from ninja import Schema


class SeatOut(Schema):
    group: str
    role: str


class ExpertOut(Schema):
    id: int
    name: str
    name_cyrillic: str
    country: str
    organisation: str | None
    disciplines: list[str]
    languages: list[str]
    expertise_tags: list[str]
    availability: str
    vetting_status: str
    working_groups: list[SeatOut]
    is_demo: bool


class ExpertDetailOut(ExpertOut):
    biography: str
    publish_fields: list[str]


class WorkingGroupOut(Schema):
    slug: str
    name: str
    description: str
    members: list[int]
    chairs: list[int]


class ActionItemOut(Schema):
    id: int
    description: str
    owner: int
    due_on: date
    status: str


class MeetingOut(Schema):
    id: int
    uid: str
    kind: str
    group: str | None
    title: str
    starts_at: datetime
    ends_at: datetime | None
    all_day: bool
    place: str
    online: bool


class MeetingDetailOut(MeetingOut):
    description: str
    agenda: list[str]
    participants: list[int]
    participant_count: int | None
    minutes: str
    decisions: list[str]
    actions: list[ActionItemOut]
