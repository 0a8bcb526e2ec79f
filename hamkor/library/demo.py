"""The library's seed: the Tashkent Declaration record (real, public) and fictional good practices, a paper, a
guideline, a course, a partners-only assessment and a reading-group item, all published, two linked as
translations (records in ``demo_records``).

Idempotent: items by title, the reading group by name.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db import transaction

from hamkor.core.demo import demo_email
from hamkor.core.models import Country, Organisation, User
from hamkor.library import services
from hamkor.library.demo_records import (
    OTHER_ITEMS,
    PRACTICES,
    READING_GROUP,
    READING_GROUP_MEMBERS,
    TASHKENT_DECLARATION,
)
from hamkor.library.models import Item, ReadingGroup


def _reading_group() -> ReadingGroup:
    group = ReadingGroup.objects.filter(name=READING_GROUP).first()
    if group is None:
        members = User.objects.filter(email__in=[demo_email(code) for code in READING_GROUP_MEMBERS])
        group = services.create_reading_group(None, name=READING_GROUP, members=list(members), is_demo=True)
    return group


def _fields(record: dict[str, Any], group: ReadingGroup) -> dict[str, Any]:
    fields = {k: v for k, v in record.items() if k not in ("key", "demo", "translation_of", "contact")}
    fields.setdefault("kind", "good_practice")
    fields.setdefault("access", "public")
    fields.setdefault("date", date(2025, 9, 1))
    fields["countries"] = list(Country.objects.filter(code__in=record.get("countries", [])))
    fields["organisations"] = list(Organisation.objects.filter(name__in=record.get("organisations", [])))
    if "contact" in record:
        fields["contact_organisation"] = Organisation.objects.filter(name=record["contact"]).first()
    if fields["access"] == "group":
        fields["group"] = group
    return fields


def seed_library() -> None:
    """Add the library's demo records that are missing, published (by the system)."""
    with transaction.atomic():
        group = _reading_group()
        by_key: dict[str, Item] = {}
        for record in [TASHKENT_DECLARATION, *PRACTICES, *OTHER_ITEMS]:
            item = Item.objects.filter(title=record["title"]).first()
            if item is None:
                item = services.create_item(None, is_demo=record.get("demo", True), **_fields(record, group))
                services.publish(None, item)
            by_key[record["key"]] = item
        for record in PRACTICES:
            original = by_key.get(record.get("translation_of", ""))
            item = by_key[record["key"]]
            if original is not None and (
                item.translation_key is None or item.translation_key != original.translation_key
            ):
                services.link_translation(None, item, original)
