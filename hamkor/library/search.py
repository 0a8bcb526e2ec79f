"""What the search index holds about a library item, and who may find it.

A card exists only for a published item; its audience is the item's access level ("public", "partners" or
``library.group:<id>``), so the index answers each user exactly as the access policy would.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import NoReverseMatch, reverse

from hamkor.core.policy import holds
from hamkor.core.search.registry import PUBLIC, SearchCard
from hamkor.library.models import Item, ReadingGroup

BODY_FIELDS = ("approach", "aims", "target_group", "methods", "lessons_learned", "evidence")


def group_audience(group_id: int) -> str:
    return f"library.group:{group_id}"


def item_url(item: Item) -> str:
    try:
        return reverse("library:item", args=[item.pk])
    except NoReverseMatch:  # the pages are added separately; the path is fixed by the design
        return f"/library/{item.pk}/"


def audience_of(item: Item) -> str:
    if item.access == Item.Access.PUBLIC:
        return PUBLIC
    if item.access == Item.Access.GROUP and item.group_id is not None:
        return group_audience(item.group_id)
    return "partners"


def body_of(item: Item) -> str:
    """Practice fields, themes, tags, authors and the text of the current file version."""
    parts = [getattr(item, name) for name in BODY_FIELDS]
    if item.contact_organisation is not None:
        parts.append(str(item.contact_organisation))
    parts += [" ".join(item.themes), " ".join(item.tags), item.authors]
    current = item.current_file()
    if current is not None:
        parts.append(current.extracted_text)
    return "\n".join(p for p in parts if p)


def item_card(item: Item) -> SearchCard | None:
    if item.status != Item.Status.PUBLISHED:
        return None
    return SearchCard(
        title=item.title,
        url=item_url(item),
        summary=item.summary,
        body=body_of(item),
        audience=audience_of(item),
        languages=tuple(item.languages),
        countries=tuple(sorted(country.code for country in item.countries.all())),
        pillars=tuple(item.pillars),
        year=item.date.year if item.date else None,
        types=(item.kind,),
    )


def item_audiences(user: Any) -> Iterable[str]:
    """ "partners" for holders of ``library.view``; a key for each reading group the user belongs to."""
    keys = ["partners"] if holds(user, "library.view") else []
    groups = ReadingGroup.objects.filter(members=user).values_list("pk", flat=True)
    return keys + [group_audience(pk) for pk in groups]


def every_item() -> Iterable[Item]:
    published = Item.objects.filter(status=Item.Status.PUBLISHED).order_by("pk")
    return published.select_related("contact_organisation").prefetch_related("countries").iterator(chunk_size=500)
