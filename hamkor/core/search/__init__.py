"""One search across the platform: modules register what is findable, services keep the index, users query it.

See ``registry`` (declaring kinds, cards, audiences), ``store`` (writing), ``engine`` (querying) and ``text``
(folding, stems, snippets, language).
"""

from hamkor.core.search.engine import FACETS, SearchHit, SearchPage, search
from hamkor.core.search.registry import (
    KINDS,
    PUBLIC,
    SearchCard,
    SearchKind,
    audiences_of,
    register,
    register_audience,
)
from hamkor.core.search.store import index, put_cards, reindex, unindex
from hamkor.core.search.text import detect_language

__all__ = [
    "FACETS",
    "KINDS",
    "PUBLIC",
    "SearchCard",
    "SearchHit",
    "SearchKind",
    "SearchPage",
    "audiences_of",
    "detect_language",
    "index",
    "put_cards",
    "register",
    "register_audience",
    "reindex",
    "search",
    "unindex",
]
