"""Creating and changing library items, linking translations, and the reading groups of restricted items.

Each verb is one transaction with one audit entry and re-indexes what it changed. Bad input is refused with a
``ValidationError`` that says why, before anything is written.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from hamkor.core.audit import record
from hamkor.core.models import Country, Organisation
from hamkor.core.pillars import Pillar
from hamkor.core.policy import holds, restrict
from hamkor.library.models import Item, Kind, Language, ReadingGroup
from hamkor.library.services.common import manages, now_or, refresh, require_editor, require_writer

PRACTICE_FIELDS = ("approach", "aims", "target_group", "methods", "lessons_learned", "evidence")
REQUIRED_PRACTICE = ("approach", "aims", "methods")
TEXT_FIELDS = ("title", "summary", "authors", "licence", *PRACTICE_FIELDS)
LIST_FIELDS = ("languages", "pillars", "themes", "tags")
EDITABLE = {
    *TEXT_FIELDS,
    *LIST_FIELDS,
    "kind",
    "date",
    "access",
    "group",
    "countries",
    "organisations",
    "contact_organisation",
}
MAX_WORD = 100


def _codes(values: Iterable[str], allowed: list[str], field: str) -> list[str]:
    codes = sorted({str(v).strip() for v in values if str(v).strip()})
    unknown = [c for c in codes if c not in allowed]
    if unknown:
        raise ValidationError({field: _("Unknown codes: %(codes)s.") % {"codes": ", ".join(unknown)}})
    return codes


def _words(values: Iterable[str], field: str) -> list[str]:
    words = sorted({" ".join(str(v).split()) for v in values} - {""})
    if any(len(w) > MAX_WORD for w in words):
        raise ValidationError({field: _("Each entry may be at most %(max)s characters.") % {"max": MAX_WORD}})
    return words


def clean_item_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """The item's fields checked and normalised as a whole; every problem named by its field."""
    unknown = set(fields) - EDITABLE
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    clean = dict(fields)
    for name in TEXT_FIELDS:
        clean[name] = str(clean.get(name) or "").strip()
    errors: dict[str, str] = {}
    if clean.get("kind") not in Kind.values:
        errors["kind"] = _("Choose the kind of item.")
    if not clean["title"]:
        errors["title"] = _("Give the item a title.")
    elif len(clean["title"]) > 300:
        errors["title"] = _("A title may be at most 300 characters.")
    if len(clean["licence"]) > 200:
        errors["licence"] = _("A licence may be at most 200 characters.")
    access = clean.get("access") or Item.Access.PARTNERS
    clean["access"] = access
    if access not in Item.Access.values:
        errors["access"] = _("Choose public, partners or a named group.")
    elif access == Item.Access.GROUP and clean.get("group") is None:
        errors["group"] = _("Name the reading group that may read this item.")
    if access != Item.Access.GROUP:
        clean["group"] = None
    if clean.get("kind") == Kind.GOOD_PRACTICE:
        for name in REQUIRED_PRACTICE:
            if not clean[name]:
                errors[name] = _("A good practice states its approach, aims and methods.")
    else:  # the practice fields belong to good practices only
        clean |= dict.fromkeys(PRACTICE_FIELDS, "") | {"contact_organisation": None}
    if errors:
        raise ValidationError(errors)
    clean["languages"] = _codes(clean.get("languages") or [], Language.values, "languages")
    clean["pillars"] = _codes(clean.get("pillars") or [], Pillar.values, "pillars")
    clean["themes"] = _words(clean.get("themes") or [], "themes")
    clean["tags"] = _words(clean.get("tags") or [], "tags")
    if clean.get("date") is not None and not isinstance(clean["date"], date):
        raise ValidationError({"date": _("Give the date as a date.")})
    for name, model in (("countries", Country), ("organisations", Organisation)):
        if name in clean and any(not isinstance(v, model) for v in clean[name]):
            raise ValidationError({name: _("Unknown entries.")})
    return clean


def _current(item: Item) -> dict[str, Any]:
    fields = {name: getattr(item, name) for name in EDITABLE - {"countries", "organisations"}}
    if item.pk is not None:
        fields["countries"] = list(item.countries.all())
        fields["organisations"] = list(item.organisations.all())
    return fields


def _store(item: Item, clean: dict[str, Any]) -> list[str]:
    """Write ``clean`` onto ``item``; the names of the fields that changed."""
    changed = []
    countries = clean.pop("countries", None)
    organisations = clean.pop("organisations", None)
    for name, value in clean.items():
        if getattr(item, name) != value:
            setattr(item, name, value)
            changed.append(name)
    item.save()
    if countries is not None and {c.pk for c in countries} != set(item.countries.values_list("pk", flat=True)):
        item.countries.set(countries)
        changed.append("countries")
    if organisations is not None and {o.pk for o in organisations} != set(
        item.organisations.values_list("pk", flat=True)
    ):
        item.organisations.set(organisations)
        changed.append("organisations")
    return sorted(changed)


def create_item(actor: Any, *, is_demo: bool = False, now: datetime | None = None, **fields: Any) -> Item:
    """A new draft owned by the actor's organisation. ``None`` (the system) writes demo and imported records."""
    if actor is not None and not holds(actor, "library.create"):
        raise PermissionDenied(_("Your roles do not allow adding to the library."))
    clean = clean_item_fields(fields)
    at = now_or(now)
    with transaction.atomic():
        item = Item(
            created_by=actor,
            owner_organisation_id=getattr(actor, "organisation_id", None),
            status=Item.Status.DRAFT,
            is_demo=is_demo,
            created_at=at,
            updated_at=at,
        )
        _store(item, clean)
        record(actor, "library.item_create", item, details={"kind": item.kind, "access": item.access}, at=at)
        refresh(item, detect=True)
    return item


def update_item(actor: Any, item: Item, *, now: datetime | None = None, **fields: Any) -> Item:
    """Change an item's metadata; the whole item is checked again, as if it were new."""
    require_writer(actor, item)
    clean = clean_item_fields(_current(item) | fields)
    at = now_or(now)
    with transaction.atomic():
        item.updated_at = at
        changed = _store(item, clean)
        record(actor, "library.item_update", item, details={"fields": changed}, at=at)
        refresh(item, detect=bool({"title", "summary", "approach", "aims", "methods"} & set(changed)))
    return item


def link_translation(actor: Any, item: Item, other: Item, *, now: datetime | None = None) -> Item:
    """Record that ``item`` and ``other`` are translations of each other (and of each one's translations).

    The actor writes ``item`` (the translation) and reads ``other``: translating someone else's published
    document is how most translations arrive."""
    if item.pk == other.pk:
        raise ValidationError(_("An item cannot be its own translation."))
    require_writer(actor, item)
    if not manages(actor) and not restrict(actor, "view", Item.objects.filter(pk=other.pk)).exists():
        raise PermissionDenied(_("You may not read the item named as the translation."))
    at = now_or(now)
    with transaction.atomic():
        key = item.translation_key or other.translation_key or uuid.uuid4()
        joined = [k for k in (item.translation_key, other.translation_key) if k is not None]
        Item.objects.filter(translation_key__in=joined).update(translation_key=key)
        Item.objects.filter(pk__in=[item.pk, other.pk]).update(translation_key=key, updated_at=at)
        item.refresh_from_db()
        other.refresh_from_db()
        record(actor, "library.translation_link", item, details={"other": other.pk}, at=at)
        refresh(item)
        refresh(other)
    return item


def create_reading_group(
    actor: Any, *, name: str, description: str = "", members: Iterable[Any] = (), is_demo: bool = False
) -> ReadingGroup:
    """A named group for restricted items (editors)."""
    require_editor(actor)
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Give the group a name.")})
    if ReadingGroup.objects.filter(name=name).exists():
        raise ValidationError({"name": _("A reading group with this name exists already.")})
    with transaction.atomic():
        group = ReadingGroup.objects.create(name=name[:200], description=description.strip(), is_demo=is_demo)
        group.members.set(list(members))
        record(actor, "library.group_create", group, details={"members": sorted(m.pk for m in members)})
    return group


def add_group_member(actor: Any, group: ReadingGroup, user: Any) -> ReadingGroup:
    """Let ``user`` read the items restricted to ``group`` (editors). The index needs no change: a reader's
    groups are looked up at search time."""
    require_editor(actor)
    if group.members.filter(pk=user.pk).exists():
        raise ValidationError(_("This person is already a member of the group."))
    with transaction.atomic():
        group.members.add(user)
        record(actor, "library.group_member_add", group, details={"user": user.pk})
    return group
