"""Reads shared by pages and the API; each starts from the access policy (or, for the public directory, from
what experts agreed to publish)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from hamkor.core.folding import fold_words
from hamkor.council.models import Conflict, Expert, Meeting, Membership, PublicField, WorkingGroup


@dataclass(frozen=True)
class DirectoryFilters:
    """A directory search: free text in any script, then codes. Empty means "any"."""

    q: str = ""
    discipline: str = ""
    country: str = ""
    language: str = ""
    group: str = ""  # a working group's slug

    @classmethod
    def from_query(cls, params: Any) -> DirectoryFilters:
        return cls(**{name: str(params.get(name, "") or "").strip()[:200] for name in cls.__dataclass_fields__})

    def as_dict(self) -> dict[str, str]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def has_code(field: str, code: str) -> Q:
    """Rows whose JSON list ``field`` holds ``code``. The lists hold plain codes, so the quoted code occurs in the
    JSON text exactly when it is an element; this works alike on SQLite and PostgreSQL."""
    return Q(**{f"{field}__icontains": f'"{code}"'})


def _text(rows: QuerySet[Expert], key: str, q: str) -> QuerySet[Expert]:
    # Every query word must start a word of the key: "Дилноза" folds to "dilnoza", found in " dilnoza karimova ".
    for word in fold_words(q):
        rows = rows.filter(**{f"{key}__contains": f" {word}"})
    return rows


def experts(user: Any, filters: DirectoryFilters = DirectoryFilters()) -> QuerySet[Expert]:
    """The partner directory: experts this user may see, narrowed by the filters."""
    rows: QuerySet[Expert] = Expert.objects.restrict(user, "view").select_related("country", "organisation")
    rows = _text(rows, "search_key", filters.q)
    if filters.discipline:
        rows = rows.filter(has_code("disciplines", filters.discipline))
    if filters.language:
        rows = rows.filter(has_code("languages", filters.language))
    if filters.country:
        rows = rows.filter(country_id=filters.country.upper())
    if filters.group:
        rows = rows.filter(memberships__group__slug=filters.group)
    return rows.prefetch_related(_seats()).order_by("name", "pk")


def expert(user: Any, pk: int) -> Expert:
    return experts(user).get(pk=pk)


@dataclass(frozen=True)
class ShownConflict:
    """A declared conflict as its reader sees it. A case is "a case you named" to whoever declared it and
    "a case" to everyone else: its number is not stored, so no reader can see it (``Conflict``)."""

    kind: str
    names: str
    note: str
    declared_at: datetime


def conflicts(expert: Expert, reader: Any) -> list[ShownConflict]:
    shown = []
    for conflict in expert.conflicts.select_related("country", "organisation"):
        names = str(conflict)
        own = conflict.declared_by_id is not None and conflict.declared_by_id == getattr(reader, "pk", None)
        if conflict.kind == Conflict.Kind.CASE and own:
            names = _("a case you named")
        shown.append(ShownConflict(conflict.get_kind_display(), names, conflict.note, conflict.declared_at))
    return shown


def public_experts(filters: DirectoryFilters = DirectoryFilters()) -> QuerySet[Expert]:
    """The public directory: vetted experts who agreed to publish their name; each filter and the text search
    apply only to what the expert agreed to publish, so a search cannot reveal an unpublished fact."""
    rows: QuerySet[Expert] = Expert.objects.filter(vetting_status=Expert.Vetting.VETTED).filter(
        has_code("publish_fields", "name")
    )
    rows = rows.select_related("country", "organisation")
    rows = _text(rows, "public_search_key", filters.q)
    if filters.discipline:
        rows = rows.filter(
            has_code("publish_fields", PublicField.DISCIPLINES), has_code("disciplines", filters.discipline)
        )
    if filters.language:
        rows = rows.filter(has_code("publish_fields", PublicField.LANGUAGES), has_code("languages", filters.language))
    if filters.country:
        rows = rows.filter(has_code("publish_fields", PublicField.COUNTRY), country_id=filters.country.upper())
    if filters.group:
        rows = rows.filter(
            has_code("publish_fields", PublicField.WORKING_GROUPS), memberships__group__slug=filters.group
        )
    return rows.prefetch_related(_seats()).order_by("name", "pk")


@dataclass(frozen=True)
class PublicProfile:
    """What the public may read of one expert: the published fields, nothing else."""

    pk: int
    name: str
    name_cyrillic: str
    country: str
    organisation: str
    disciplines: list[str]
    languages: list[str]
    biography: str
    expertise: list[str]
    working_groups: list[str]


def public_profile(expert: Expert) -> PublicProfile:
    def shown(field: str, value: Any, empty: Any) -> Any:
        return value if expert.publishes(field) else empty

    return PublicProfile(
        pk=expert.pk,
        name=expert.name,
        name_cyrillic=shown(PublicField.NAME, expert.name_cyrillic, ""),
        country=shown(PublicField.COUNTRY, str(expert.country), ""),
        organisation=shown(PublicField.ORGANISATION, str(expert.organisation or ""), ""),
        disciplines=shown(PublicField.DISCIPLINES, expert.discipline_labels(), []),
        languages=shown(PublicField.LANGUAGES, expert.language_labels(), []),
        biography=shown(PublicField.BIOGRAPHY, expert.biography, ""),
        expertise=shown(PublicField.EXPERTISE, list(expert.expertise_tags), []),
        working_groups=shown(PublicField.WORKING_GROUPS, [s.group.name for s in expert.memberships.all()], []),
    )


def _seats() -> Prefetch[Any]:
    return Prefetch("memberships", queryset=Membership.objects.select_related("group").order_by("group__position"))


def working_groups(user: Any) -> QuerySet[WorkingGroup]:
    seats = Membership.objects.filter(expert__in=Expert.objects.restrict(user, "view")).select_related("expert")
    return (
        WorkingGroup.objects.restrict(user, "view")
        .prefetch_related(Prefetch("memberships", queryset=seats.order_by("-role", "expert__name")))
        .order_by("position", "name")
    )


def meetings(user: Any) -> QuerySet[Meeting]:
    return Meeting.objects.restrict(user, "view").select_related("group").order_by("-starts_at")


def meeting(user: Any, pk: int) -> Meeting:
    visible = Expert.objects.restrict(user, "view")
    return (
        meetings(user)
        .prefetch_related(
            "agenda",
            "decisions",
            Prefetch("participants", queryset=visible.order_by("name")),
            "actions__owner",
        )
        .get(pk=pk)
    )


def public_meetings() -> QuerySet[Meeting]:
    return Meeting.objects.filter(is_public=True).select_related("group").order_by("-starts_at")


def is_filtered(filters: DirectoryFilters) -> bool:
    return any(filters.as_dict().values())


__all__ = ["DirectoryFilters", "PublicProfile", "experts", "public_experts", "public_profile"]
