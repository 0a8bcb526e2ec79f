"""What each module lets the platform search: kinds of objects, the card each object shows the index, and who
may find it.

A module declares a kind once, from its ``AppConfig.ready``::

    register(SearchKind("library.item", Item, _("Library item"), card=item_card))

and calls ``hamkor.core.search.index(obj)`` in every service that changes what the card says (inside the
service's transaction, so the index and the object commit together). ``card(obj)`` answers ``None`` for an
object that must not be findable at all (a draft, a withdrawn item).

The card's three text fields carry the weights: ``title`` counts most, ``summary`` next, ``body`` least.
Who may find a document is its ``audience``: ``"public"`` (everyone, signed in or not), ``"partners"`` or any
key an audience provider hands out (``"library.group:7"``). A user finds exactly the documents whose audience
is in ``audiences_of(user)``, and that condition sits inside the SQL query, so a restricted document is never
counted either.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils.functional import Promise

PUBLIC = "public"


@dataclass(frozen=True)
class SearchCard:
    """What the index holds about one object: the text to match and show, who may find it, and its facets."""

    title: str
    url: str
    summary: str = ""
    body: str = ""
    audience: str = PUBLIC
    hidden_from: str = ""  # an audience that finds a richer document about the same object instead
    languages: tuple[str, ...] = ()  # declared languages; the detected one is added by the index
    countries: tuple[str, ...] = ()  # ISO alpha-2 codes
    pillars: tuple[str, ...] = ()  # hamkor.core.pillars.Pillar values
    types: tuple[str, ...] = ()  # what sort of thing within its kind (a library item's kind, an expert's disciplines)
    year: int | None = None


@dataclass(frozen=True)
class SearchKind:
    """A searchable model: its key (``"<app>.<thing>"``), its label and how one object becomes a card."""

    key: str
    model: type[models.Model]
    label: str | Promise
    card: Callable[[Any], SearchCard | list[SearchCard] | None]
    # The objects ``hamkor reindex`` walks; by default every row of the model.
    everything: Callable[[], Iterable[Any]] | None = None
    # The names of the card's ``types`` values, for the "type" facet.
    types: Mapping[str, str | Promise] = field(default_factory=dict)

    def objects(self) -> Iterable[Any]:
        if self.everything is not None:
            return self.everything()
        return self.model._default_manager.order_by("pk").iterator(chunk_size=500)


KINDS: dict[str, SearchKind] = {}
_BY_MODEL: dict[type[models.Model], SearchKind] = {}
_AUDIENCE_PROVIDERS: list[Callable[[Any], Iterable[str]]] = []


def register(kind: SearchKind) -> None:
    """Declare ``kind`` searchable (idempotent, so a repeated ``ready`` does no harm)."""
    KINDS[kind.key] = kind
    _BY_MODEL[kind.model] = kind


def register_audience(provider: Callable[[Any], Iterable[str]]) -> None:
    """Add a function that names the audience keys a user belongs to (beyond ``"public"``)."""
    if provider not in _AUDIENCE_PROVIDERS:
        _AUDIENCE_PROVIDERS.append(provider)


def kind_of(obj: models.Model) -> SearchKind:
    try:
        return _BY_MODEL[type(obj)]
    except KeyError:
        raise LookupError(f"{type(obj).__name__} is not registered for search") from None


def audiences_of(user: Any) -> frozenset[str]:
    """Every audience key ``user`` belongs to; anonymous visitors belong to ``"public"`` alone."""
    keys = {PUBLIC}
    if user is not None and getattr(user, "is_authenticated", False) and user.is_active:
        for provider in _AUDIENCE_PROVIDERS:
            keys.update(provider(user))
    return frozenset(keys)
