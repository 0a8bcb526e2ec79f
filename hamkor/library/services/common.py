"""Shared pieces of the library services: who may write an item, the clock, and keeping the index current."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from hamkor.core.policy import holds
from hamkor.library.models import Item

S = Item.Status


def now_or(now: datetime | None) -> datetime:
    return now or timezone.now()


def is_system(actor: Any) -> bool:
    """``None`` is the system (demo seed, commands)."""
    return actor is None


def manages(actor: Any) -> bool:
    return is_system(actor) or holds(actor, "library.manage")


def is_author(actor: Any, item: Item) -> bool:
    """The creator, or a writer of the organisation that owns the item (Council experts excepted: they write in
    their own name)."""
    if actor is None or not holds(actor, "library.change"):
        return False
    if item.created_by_id == actor.pk:
        return True
    if not holds(actor, "library.change_colleagues"):
        return False
    return actor.organisation_id is not None and item.owner_organisation_id == actor.organisation_id


def require_editor(actor: Any) -> None:
    if not manages(actor):
        raise PermissionDenied(_("Only the library's editors may do this."))


def require_writer(actor: Any, item: Item) -> None:
    """Authors change their items until publication; editors change any item that is not withdrawn."""
    if item.status == S.WITHDRAWN:
        raise ValidationError(_("A withdrawn item cannot be changed."))
    if manages(actor):
        return
    if not is_author(actor, item):
        raise PermissionDenied(_("Only the item's authors or the library's editors may change it."))
    if item.status == S.PUBLISHED:
        raise ValidationError(_("A published item can only be changed by the library's editors."))


def text_of(item: Item) -> str:
    """Everything written in the item, for language detection."""
    current = item.current_file()
    parts = [item.title, item.summary, item.approach, item.aims, item.methods]
    if current is not None:
        parts.append(current.extracted_text[:20_000])
    return "\n".join(p for p in parts if p)


def refresh(item: Item, *, detect: bool = False) -> None:
    """Inside the caller's transaction: detect the item's language when its text changed, and re-index it."""
    from hamkor.core import search

    if detect:
        item.detected_language = search.detect_language(text_of(item))[:10]
        Item.objects.filter(pk=item.pk).update(detected_language=item.detected_language)
    search.index(item)
