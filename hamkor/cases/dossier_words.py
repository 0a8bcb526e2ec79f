"""The names and places of a family in a dossier's free text, however they are written.

The checker reads text already cleaned (``hamkor.core.normalise.aligned``: no invisible character, NFKC), and
compares folded keys, so scripts and inflections meet (``Дилнозы``, ``Dilnozaning``). On top of that a word is
also read the ways someone hiding a name would write it:

* with look-alike letters of the other script (``Кarimova`` with a Cyrillic К) and digits standing for letters
  (``Z0rabe11a``): ``hamkor.core.normalise.readings``;
* shown in another order than stored: after a bidirectional override a stored ``allebaroZ`` shows as
  ``Zorabella``, so such a text is also read word by word mirrored (``mirrored``);
* split apart: a few neighbouring words separated by nothing but a short run of spaces or punctuation on one
  line are also joined (``Zora-bella``, ``Zora bella``, ``Z o r a b e l l a``, ``Z.o.r.a``). A joined run
  must fold to a key exactly, except a run of single characters, which may also carry an ending.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import Final

from hamkor.core.folding import fold_words
from hamkor.core.normalise import readings

# Letters and digits, with the apostrophes that are not letters themselves inside (ʻ and ʼ are letters).
_WORD: Final = re.compile(r"[^\W_]+(?:['‘’`´][^\W_]+)*")
# What may stand between the pieces of one split word: up to three non-word characters, no line break.
_GAP: Final = re.compile(r"(?:(?!\n)[\W_]){1,3}")
_STEM_MIN: Final = 5  # names this long are also found inflected: Dilnozaning, Дилнозы, Karimovlar
_SUFFIX_MAX: Final = 5
_RUN_MAX: Final = 24  # pieces joined at most (a name spelled out letter by letter)


def matches(word: str, keys: frozenset[str], *, inflected: bool = True) -> bool:
    """Whether a folded ``word`` is one of ``keys`` or, ``inflected``, a long key with an ending."""
    if word in keys:
        return True
    return inflected and any(
        len(key) >= _STEM_MIN and word.startswith(key[:-1]) and len(word) <= len(key) + _SUFFIX_MAX for key in keys
    )


@lru_cache(maxsize=8192)
def word_keys(written: str) -> frozenset[str]:
    """The folded words of every reading of ``written``."""
    return frozenset(key for reading in readings(written) for key in fold_words(reading))


def find(text: str, keys: frozenset[str]) -> Iterator[tuple[int, int]]:
    """The spans of ``text`` that are one of ``keys``: single words (inflected too), and runs of split pieces."""
    if not keys:
        return
    longest = 2 * (max(map(len, keys)) + _SUFFIX_MAX)
    # A run is worth joining only from a piece that folds to how some key begins (most words do not).
    heads = {key[:n] for key in keys for n in (1, 2)}
    words = list(_WORD.finditer(text))
    for i, first in enumerate(words):
        folded = word_keys(first.group())
        if any(char.isalpha() for char in first.group()) and any(matches(k, keys) for k in folded):
            yield first.start(), first.end()
        if not any(k[:2] in heads for k in folded):
            continue
        joined, single = first.group(), len(first.group()) == 1
        previous = first
        for piece in words[i + 1 : i + _RUN_MAX]:
            if not _GAP.fullmatch(text, previous.end(), piece.start()):
                break
            joined += piece.group()
            single = single and len(piece.group()) == 1
            if len(joined) > longest:
                break
            if any(matches(k, keys, inflected=single) for k in word_keys(joined)):
                yield first.start(), piece.end()
            previous = piece


def mirrored(text: str) -> str:
    """``text`` with each word's characters in reverse order (same length, same places): how a word stored
    after a right-to-left override (U+202E) shows on screen."""
    return _WORD.sub(lambda match: match.group()[::-1], text)
