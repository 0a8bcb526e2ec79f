"""Reads the library pages need beyond ``queries``: a user's own items, their review queue, the experts an editor
may ask to review, and the browse page's year filter. Every read starts from ``queries``, so from the policy."""

from __future__ import annotations

from typing import Any

from django.db.models import F, QuerySet

from hamkor.core.page_forms import whole_number
from hamkor.council.models import Expert
from hamkor.library import queries
from hamkor.library.access import authored
from hamkor.library.models import Item, ReviewAssignment


def with_year(rows: QuerySet[Item], year: str) -> QuerySet[Item]:
    """Narrow to items dated in ``year``; anything but four digits means "any year"."""
    number = whole_number(year, high=9999)
    return rows.filter(date__year=number) if number and len(year.strip()) == 4 else rows


def my_items(user: Any) -> QuerySet[Item]:
    """The items the user wrote or their organisation owns, drafts first."""
    return queries.items(user).filter(authored(user)).order_by("status", "-updated_at", "pk")


def review_queue(user: Any) -> QuerySet[ReviewAssignment]:
    """The user's review assignments (as a Council expert) on items they may read, open ones first."""
    readable = queries.items(user).values("pk")
    return (
        ReviewAssignment.objects.filter(reviewer__user_id=user.pk, item_id__in=readable)
        .select_related("item")
        .order_by(F("submitted_at").asc(nulls_first=True), "due_on", "pk")
    )


def reviewer_choices(item: Item) -> QuerySet[Expert]:
    """Vetted Council experts with a platform account who are not yet reviewing the item and did not write it."""
    rows = Expert.objects.filter(vetting_status=Expert.Vetting.VETTED, user__isnull=False)
    rows = rows.exclude(pk__in=item.reviews.values("reviewer_id"))
    if item.created_by_id is not None:
        rows = rows.exclude(user_id=item.created_by_id)
    return rows.order_by("name")
