"""Partners' ratings and comments on published items they may read."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hamkor.core.audit import record
from hamkor.core.policy import holds, restrict
from hamkor.library.models import Comment, Item, Rating
from hamkor.library.services.common import S, now_or

MAX_COMMENT = 5000


def _require_reader(actor: Any, item: Item, permission: str) -> None:
    if not holds(actor, permission):
        raise PermissionDenied(_("Your roles do not allow this (%(permission)s).") % {"permission": permission})
    if not restrict(actor, "view", Item.objects.filter(pk=item.pk)).exists():
        raise PermissionDenied(_("You may not read this item."))
    if item.status != S.PUBLISHED:
        raise ValidationError(_("Only published items can be rated or commented on."), code="status")


def rate(actor: Any, item: Item, stars: int, *, now: datetime | None = None) -> Rating:
    """The actor's 1–5 stars for the item; rating again changes the earlier rating."""
    _require_reader(actor, item, "library.rate")
    if not isinstance(stars, int) or not 1 <= stars <= 5:
        raise ValidationError({"stars": _("Give one to five stars.")})
    at = now_or(now)
    with transaction.atomic():
        rating, created = Rating.objects.update_or_create(
            item=item, user=actor, defaults={"stars": stars, "rated_at": at}
        )
        record(actor, "library.rate", item, details={"stars": stars, "changed": not created}, at=at)
    return rating


def comment(actor: Any, item: Item, text: str, *, now: datetime | None = None) -> Comment:
    """A partner's comment on a published item."""
    _require_reader(actor, item, "library.comment")
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Write the comment.")})
    if len(text) > MAX_COMMENT:
        raise ValidationError({"text": _("A comment may be at most %(max)s characters.") % {"max": MAX_COMMENT}})
    at = now_or(now)
    with transaction.atomic():
        found = Comment.objects.create(item=item, author=actor, text=text, created_at=at)
        record(actor, "library.comment", item, details={"comment": found.pk}, at=at)
    return found
