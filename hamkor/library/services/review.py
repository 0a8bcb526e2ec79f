"""The review workflow: draft → submitted → in peer review → published, and withdrawal with a reason.

Each verb is one transaction with one audit entry and re-indexes the item (a card exists only once it is
published). A step out of order is refused with a ``ValidationError`` naming the item's status.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hamkor.core.audit import record
from hamkor.core.policy import holds
from hamkor.council.models import Expert
from hamkor.library.models import Item, ReviewAssignment
from hamkor.library.services.common import S, is_author, manages, now_or, refresh, require_editor

R = ReviewAssignment.Recommendation


def _refuse_status(item: Item, expected: str) -> ValidationError:
    return ValidationError(
        _("This item is %(status)s; %(expected)s")
        % {"status": Item.Status(item.status).label.lower(), "expected": expected},
        code="status",
    )


def _transition(actor: Any, item: Item, status: str, action: str, at: datetime, **details: Any) -> Item:
    item.status = status
    item.updated_at = at
    item.save()
    record(actor, action, item, details=details, at=at)
    refresh(item)
    return item


def submit(actor: Any, item: Item, *, now: datetime | None = None) -> Item:
    """An author sends a draft to the editors for peer review."""
    if not (is_author(actor, item) or manages(actor)):
        raise PermissionDenied(_("Only the item's authors may submit it."))
    if item.status != S.DRAFT:
        raise _refuse_status(item, _("only a draft can be submitted."))
    at = now_or(now)
    with transaction.atomic():
        item.submitted_at = at
        return _transition(actor, item, S.SUBMITTED, "library.submit", at)


def assign_reviewers(
    actor: Any, item: Item, experts: Iterable[Expert], *, due_on: date | None = None, now: datetime | None = None
) -> list[ReviewAssignment]:
    """An editor asks vetted Council experts (platform users, neither the item's creator nor writers of the
    organisation that owns it) to review the item."""
    require_editor(actor)
    if item.status not in (S.SUBMITTED, S.IN_REVIEW):
        raise _refuse_status(item, _("reviewers are assigned to submitted items."))
    experts = list(experts)
    if not experts:
        raise ValidationError({"experts": _("Choose at least one Council expert.")})
    at = now_or(now)
    if due_on is not None and due_on < at.date():
        raise ValidationError({"due_on": _("The review cannot be due in the past.")})
    for expert in experts:
        if expert.vetting_status != Expert.Vetting.VETTED or expert.user_id is None:
            raise ValidationError(
                {"experts": _("%(name)s is not a vetted Council expert with a platform account.") % {"name": expert}}
            )
        if expert.user_id == item.created_by_id:
            raise ValidationError({"experts": _("%(name)s wrote this item and cannot review it.") % {"name": expert}})
        if expert.user is not None and is_author(expert.user, item):
            raise ValidationError(
                {"experts": _("%(name)s works for the organisation that owns this item.") % {"name": expert}}
            )
        if item.reviews.filter(reviewer=expert).exists():
            raise ValidationError({"experts": _("%(name)s is already reviewing this item.") % {"name": expert}})
    with transaction.atomic():
        assignments = [
            ReviewAssignment.objects.create(item=item, reviewer=e, assigned_by=actor, assigned_at=at, due_on=due_on)
            for e in experts
        ]
        item.status = S.IN_REVIEW
        item.updated_at = at
        item.save()
        record(
            actor,
            "library.reviewers_assign",
            item,
            details={"experts": [e.pk for e in experts], "due_on": due_on.isoformat() if due_on else None},
            at=at,
        )
        refresh(item)
    return assignments


def assignment_of(actor: Any, item: Item) -> ReviewAssignment | None:
    """The actor's review assignment on ``item``, if they were asked to review it."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return None
    return item.reviews.filter(reviewer__user_id=actor.pk).select_related("reviewer").first()


def record_review(
    actor: Any, item: Item, *, recommendation: str, comment: str, now: datetime | None = None
) -> ReviewAssignment:
    """An assigned expert's review: a comment and a recommendation (publish, revise, reject). A second review
    by the same expert replaces the first."""
    assignment = assignment_of(actor, item)
    if assignment is None or not holds(actor, "library.review"):
        raise PermissionDenied(_("Only an expert assigned to review this item may review it."))
    if item.status != S.IN_REVIEW:
        raise _refuse_status(item, _("reviews are given while the item is in peer review."))
    if recommendation not in R.values:
        raise ValidationError({"recommendation": _("Recommend publishing, revising or rejecting.")})
    comment = comment.strip()
    if not comment:
        raise ValidationError({"comment": _("Explain the recommendation in a comment.")})
    at = now_or(now)
    with transaction.atomic():
        assignment.recommendation = recommendation
        assignment.comment = comment
        assignment.submitted_at = at
        assignment.save()
        record(
            actor,
            "library.review",
            item,
            details={"assignment": assignment.pk, "recommendation": recommendation},
            at=at,
        )
        refresh(item)
    return assignment


def publish(actor: Any, item: Item, *, now: datetime | None = None) -> Item:
    """Publish an item in peer review once at least one assigned expert recommended it; by an editor, or by an
    assigned expert who recommended publication. The system (``None``) publishes official records directly."""
    if actor is not None:
        mine = assignment_of(actor, item)
        reviewer_may = mine is not None and mine.recommendation == R.PUBLISH and holds(actor, "library.review")
        if not (manages(actor) or reviewer_may):
            raise PermissionDenied(
                _("Only an editor, or an assigned expert who recommended publication, may publish this item.")
            )
        if item.status != S.IN_REVIEW:
            raise _refuse_status(item, _("only an item in peer review can be published."))
        if not item.reviews.filter(recommendation=R.PUBLISH).exists():
            raise ValidationError(_("No assigned expert has recommended publication yet."), code="not_recommended")
    elif item.status in (S.PUBLISHED, S.WITHDRAWN):
        raise _refuse_status(item, _("only an unpublished item can be published."))
    at = now_or(now)
    with transaction.atomic():
        item.published_at = at
        return _transition(actor, item, S.PUBLISHED, "library.publish", at)


def withdraw(actor: Any, item: Item, *, reason: str, now: datetime | None = None) -> Item:
    """Take a submitted, reviewed or published item back, with a reason; it leaves the index."""
    if not (manages(actor) or is_author(actor, item)):
        raise PermissionDenied(_("Only the item's authors or the library's editors may withdraw it."))
    if item.status not in (S.SUBMITTED, S.IN_REVIEW, S.PUBLISHED):
        raise _refuse_status(item, _("only a submitted, reviewed or published item can be withdrawn."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the item is withdrawn.")})
    at = now_or(now)
    with transaction.atomic():
        item.withdrawal_reason = reason
        item.withdrawn_at = at
        return _transition(actor, item, S.WITHDRAWN, "library.withdraw", at, reason=reason[:500])
