"""Reads shared by pages and the API. Partner reads start from the access policy; the public portal reads
published public items only."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, Prefetch, Q, QuerySet
from django.http import Http404

from hamkor.core.policy import holds, restrict
from hamkor.library.access import manages
from hamkor.library.models import Item, ItemFile, ReviewAssignment


@dataclass(frozen=True)
class ItemFilters:
    """A library list's filters; empty means "any"."""

    kind: str = ""
    language: str = ""
    country: str = ""
    pillar: str = ""
    status: str = ""

    @classmethod
    def from_query(cls, params: Any) -> ItemFilters:
        return cls(**{name: str(params.get(name, "") or "").strip()[:40] for name in cls.__dataclass_fields__})


def has_code(field: str, code: str) -> Q:
    """Rows whose JSON list ``field`` holds ``code`` (the quoted code occurs in the JSON text exactly when it is
    an element; the same on SQLite and PostgreSQL)."""
    return Q(**{f"{field}__icontains": f'"{code}"'})


def _filtered(rows: QuerySet[Item], filters: ItemFilters) -> QuerySet[Item]:
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    if filters.language:
        rows = rows.filter(has_code("languages", filters.language) | Q(detected_language=filters.language))
    if filters.country:
        rows = rows.filter(countries__code=filters.country.upper())
    if filters.pillar:
        rows = rows.filter(has_code("pillars", filters.pillar))
    if filters.status:
        rows = rows.filter(status=filters.status)
    return rows.prefetch_related("countries").select_related("group", "owner_organisation").distinct()


def items(user: Any, filters: ItemFilters = ItemFilters()) -> QuerySet[Item]:
    """The items ``user`` may read (drafts of their own included), narrowed by the filters."""
    return _filtered(restrict(user, "view", Item.objects.all()), filters)


def item(user: Any, pk: int) -> Item:
    """One item the user may read, or 404 (the same answer whether it is missing or hidden)."""
    found = items(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def public_items(filters: ItemFilters = ItemFilters()) -> QuerySet[Item]:
    """What anyone, signed in or not, may read: published public items. The status filter cannot widen it."""
    rows = Item.objects.filter(status=Item.Status.PUBLISHED, access=Item.Access.PUBLIC)
    return _filtered(rows, ItemFilters(filters.kind, filters.language, filters.country, filters.pillar))


def public_item(pk: int) -> Item:
    found = public_items().filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def files(item: Item) -> QuerySet[ItemFile]:
    """The item's file versions, newest first (the first is the current one)."""
    return item.files.order_by("-version").defer("extracted_text")


def rating_summary(item: Item) -> tuple[float | None, int]:
    """The average stars and how many rated."""
    found = item.ratings.aggregate(average=Avg("stars"), count=Count("pk"))
    average = found["average"]
    return (round(float(average), 2) if average is not None else None), int(found["count"])


def sees_reviews(user: Any, item: Item) -> bool:
    """Editors, the item's authors and its reviewers read the reviews; other readers do not."""
    from hamkor.library.services.common import is_author

    if manages(user) or is_author(user, item):
        return True
    return holds(user, "library.review") and item.reviews.filter(reviewer__user_id=user.pk).exists()


def reviews(user: Any, item: Item) -> QuerySet[ReviewAssignment]:
    if not sees_reviews(user, item):
        return ReviewAssignment.objects.none()
    return item.reviews.select_related("reviewer")


def translations(user: Any, item: Item) -> QuerySet[Item]:
    """The item's translations that ``user`` may read (``None``: the public ones only)."""
    readable = public_items() if user is None else items(user)
    return readable.filter(pk__in=item.translations().values("pk")).order_by("title")


def with_comments(rows: QuerySet[Item]) -> QuerySet[Item]:
    from hamkor.library.models import Comment

    return rows.prefetch_related(Prefetch("comments", queryset=Comment.objects.select_related("author")))
