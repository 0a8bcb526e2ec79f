"""Writing the index: one object's documents replaced inside the caller's transaction, or many at once."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import Any

from django.db import models, transaction

from hamkor.core.folding import fold
from hamkor.core.models import SearchDocument, SearchFacet
from hamkor.core.normalise import clean
from hamkor.core.search.registry import KINDS, PUBLIC, SearchCard, kind_of
from hamkor.core.search.text import RESTRICTED, detect_language, filter_token

# Long texts (extracted books) are matched on their first 400,000 characters; titles and summaries in full.
BODY_LIMIT = 400_000
_BATCH = 500


def cards_of(obj: Any) -> list[SearchCard]:
    """What ``obj``'s kind says the index should hold about it: none, one card or several (one per audience)."""
    result = kind_of(obj).card(obj)
    if result is None:
        return []
    return [result] if isinstance(result, SearchCard) else list(result)


def index(obj: models.Model) -> None:
    """Make the index say what ``obj``'s cards say now; call it from the service that changed ``obj``."""
    put_cards(kind_of(obj).key, [(obj.pk, card) for card in cards_of(obj)], replace=[obj.pk])


def unindex(obj: models.Model) -> None:
    """Remove ``obj`` from the index (it was deleted or must no longer be found)."""
    SearchDocument.objects.filter(kind=kind_of(obj).key, object_id=str(obj.pk)).delete()


def put_cards(kind: str, cards: Iterable[tuple[Any, SearchCard]], *, replace: Iterable[Any] = ()) -> int:
    """Store documents of ``kind`` from ``(object id, card)`` pairs, replacing what the index held for those
    objects (and for the objects in ``replace``). Returns how many documents were written."""
    written = 0
    with transaction.atomic():
        stale = [str(pk) for pk in replace]
        if stale:
            SearchDocument.objects.filter(kind=kind, object_id__in=stale).delete()
        for batch in _batches(iter(cards), _BATCH):
            object_ids = {str(pk) for pk, _card in batch} - set(stale)
            if object_ids:
                SearchDocument.objects.filter(kind=kind, object_id__in=object_ids).delete()
            documents = SearchDocument.objects.bulk_create([_document(kind, pk, card) for pk, card in batch])
            facets = [
                SearchFacet(document=document, name=name, value=value)
                for document, (_pk, card) in zip(documents, batch, strict=True)
                for name, value in _facets(kind, card, document.language)
            ]
            SearchFacet.objects.bulk_create(facets)
            written += len(documents)
    return written


def reindex(kinds: Iterable[str] | None = None) -> dict[str, int]:
    """Rebuild the index of every registered kind (or of ``kinds``) from the objects themselves."""
    counts: dict[str, int] = {}
    for key in kinds or sorted(KINDS):
        kind = KINDS[key]
        with transaction.atomic():
            SearchDocument.objects.filter(kind=key).delete()
            pairs = ((obj.pk, card) for obj in kind.objects() for card in cards_of(obj))
            counts[key] = put_cards(key, pairs)
    return counts


def _document(kind: str, pk: Any, card: SearchCard) -> SearchDocument:
    # Stored and folded clean (no invisible character, NFKC): a soft hyphen inside a word neither splits it in
    # the index nor in the snippet a reader sees.
    title, summary, body = clean(card.title), clean(card.summary), clean(card.body[:BODY_LIMIT])
    text = f"{summary}\n{body}".strip()
    language = detect_language(f"{title}\n{text}")
    tokens = [filter_token("audience", card.audience)]
    if card.audience != PUBLIC:
        tokens.append(RESTRICTED)
    if card.hidden_from:
        tokens.append(filter_token("hidden", card.hidden_from))
    tokens += [filter_token(name, value) for name, value in _facets(kind, card, language)]
    return SearchDocument(
        kind=kind,
        object_id=str(pk),
        audience=card.audience,
        hidden_from=card.hidden_from,
        title=title,
        url=card.url,
        text=text,
        title_key=fold(title),
        summary_key=fold(summary),
        body_key=fold(body),
        language=language,
        year=card.year,
        filter_key=" ".join(dict.fromkeys(tokens)),
    )


def _facets(kind: str, card: SearchCard, detected: str) -> Iterator[tuple[str, str]]:
    yield "kind", kind
    for type_ in card.types:
        yield "type", type_
    for language in card.languages or ((detected,) if detected else ()):
        yield "language", language
    for country in card.countries:
        yield "country", country
    for pillar in card.pillars:
        yield "pillar", pillar
    if card.year is not None:
        yield "year", str(card.year)


def _batches(items: Iterator[tuple[Any, SearchCard]], size: int) -> Iterator[list[tuple[Any, SearchCard]]]:
    while batch := list(islice(items, size)):
        yield batch
