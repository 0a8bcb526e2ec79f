"""What an audit entry keeps of a request's query string: codes and filters, never free text.

The audit log holds ids and codes only (``hamkor.core.audit``), and it outlives the records it points to. A
query string is the client's to write, so it is kept as the API reads it and no further: a parameter the API
declares keeps its name and any other becomes ``…`` with its value; a free-text parameter (a search query, a
person's name) always has its value replaced; any other value is kept when it is a number, a date, a band
(``35-44``, ``60plus``), a country or language code, a choice of one of the platform's own vocabularies
(statuses, sexes, kinds ...) or one of its pseudonymous codes (``UZ-7K3Q-9D2M/1``), and becomes ``…``
otherwise. So a name, a free-text search or a document number sent in a query string never reaches the log,
whichever parameter carries it, while the filters that show a pattern of requests stay readable.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from functools import cache

from django.apps import apps
from django.conf import settings

REDACTED = "…"
# Parameters whose value is typed text: a number or a date there can be an identity number or a birth date.
FREE_TEXT = frozenset({"q", "actor"})
_SHAPES = re.compile(
    r"""
    \d{1,40}                                # numbers (pages, ids, years), however long: bounds are checked later
    | \d{4}-\d{2}-\d{2}                     # dates
    | \d{1,3}(-\d{1,3}|plus)                # bands
    | [A-Z]{2}                              # country codes
    | [A-Z]{2}-(F-)?[2-9A-HJKMNP-TV-Z]{4,6}(-[2-9A-HJKMNP-TV-Z]{4})?(/\d{1,4})?  # pseudonymous codes
    | I{1,3}|IV                             # pillars
    """,
    re.VERBOSE,
)
MAX_VALUES = 40


@cache
def vocabulary() -> frozenset[str]:
    """Every choice value of every model field, and the language codes: the words a filter may be."""
    words = {code for code, _name in settings.LANGUAGES} | set(settings.HAMKOR_PLANNED_LANGUAGES)
    for model in apps.get_models():
        for model_field in model._meta.get_fields():
            choices = getattr(model_field, "flatchoices", None) or ()
            words |= {str(value) for value, _label in choices if value not in ("", None)}
    return frozenset(words)


def is_code(value: str) -> bool:
    """Whether ``value`` is a code or a filter word rather than free text (see the module docstring)."""
    return value in vocabulary() or _SHAPES.fullmatch(value) is not None


def recorded_query(pairs: Iterable[tuple[str, str]], declared: Collection[str]) -> str:
    """The query string ``pairs`` as an audit entry keeps it; ``declared`` are the parameter names of the API."""
    kept = []
    for number, (name, value) in enumerate(pairs):
        if number == MAX_VALUES:
            kept.append(REDACTED)
            break
        if name not in declared:
            kept.append(f"{REDACTED}={REDACTED}")
        else:
            kept.append(f"{name}={value if name not in FREE_TEXT and is_code(value) else REDACTED}")
    return "&".join(kept)
