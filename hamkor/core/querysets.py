"""A queryset that knows how to ask the access policy which rows a user may see."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from django.db import models

if TYPE_CHECKING:
    from hamkor.core.models import User

_M = TypeVar("_M", bound=models.Model)


class RestrictedQuerySet(models.QuerySet[_M]):
    def restrict(self, user: User | Any, action: str) -> RestrictedQuerySet[_M]:
        """The rows of this queryset that ``user`` may ``action``; none when the policy has no rule."""
        from hamkor.core.policy import restrict

        return restrict(user, action, self)


class AppendOnlyQuerySet(RestrictedQuerySet[_M]):
    """Rows can be added and read, never updated or deleted through the ORM."""

    def update(self, **kwargs: Any) -> int:
        raise PermissionError("This table is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("This table is append-only.")

    def erase_payloads(self, seqs: list[int], *, at: Any) -> int:
        """Retention's one exception: empty the reason and details of these entries (see ``audit.redact``)."""
        return models.QuerySet.update(self.filter(seq__in=seqs), reason="", details={}, redacted_at=at)
