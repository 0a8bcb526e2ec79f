"""The names and places of a family in a dossier's free text, however they are written.

The checker reads text already cleaned (``hamkor.core.normalise.aligned``: in the order it shows, no invisible
character, NFKC), and compares folded keys, so scripts and inflections meet (``Дилнозы``, ``Dilnozaning``). On
top of that a word is also read the ways someone hiding a name would write it:

* with look-alike letters of another script (``Кarimova`` with a Cyrillic К, ``Καrimova`` with a Greek Κ and
  α, ``Karimօva`` with an Armenian օ), digits standing for letters (``Z0rabe11a``) and letters drawn like
  others in a sans-serif font (``ZorabeIIa``, ``Nurrnatova``): ``hamkor.core.normalise.readings``;
* split apart: a few neighbouring words separated by nothing but short runs of spaces, line breaks or
  punctuation are also joined (``Zora-bella``, ``Zora bella``, ``Zora-`` and ``bella`` on the next line,
  ``Dil     noza``, ``Z o r a b e l l a``, ``Z.o.r.a``): a page shows a run of spaces as one. A joined run must
  fold to a key exactly, except a run of single characters, which may also carry an ending.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from itertools import pairwise
from typing import Final

from hamkor.core.folding import fold_words
from hamkor.core.normalise import readings

# Letters and digits, with the apostrophes that are not letters themselves inside (ʻ and ʼ are letters).
_WORD: Final = re.compile(r"[^\W_]+(?:['‘’`´][^\W_]+)*")
# What may stand between the pieces of one split word: up to three non-word characters, a run of spaces and
# line breaks counting as one (a page shows it as one space, or a hyphenated word over two lines).
_GAP: Final = re.compile(r"(?:\s+|[^\w\s]|_){1,3}")
_STEM_MIN: Final = 5  # names this long are also found inflected: Dilnozaning, Дилнозы, Karimovlar
_SUFFIX_MAX: Final = 5
_RUN_MAX: Final = 24  # pieces joined at most (a name spelled out letter by letter)
# Letters of a run read together to tell how it begins: folding is not letter by letter ("K h" is "x", the
# "kh" of Khurshida; "C h" is "ch"), and its longest rule ("shch") and the glides after it need this many.
_HEAD_LETTERS: Final = 8


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
    # A run is worth joining only from a piece that begins, read with the pieces after it, as a key begins.
    heads = {key[:n] for key in keys for n in (1, 2)}
    words = list(_WORD.finditer(text))
    linked = [_GAP.fullmatch(text, a.end(), b.start()) is not None for a, b in pairwise(words)]
    for i, first in enumerate(words):
        if any(char.isalpha() for char in first.group()) and any(matches(k, keys) for k in word_keys(first.group())):
            yield first.start(), first.end()
        if i >= len(linked) or not linked[i] or not any(k[:2] in heads for k in word_keys(_head(words, linked, i))):
            continue
        joined, single = first.group(), len(first.group()) == 1
        for j in range(i + 1, min(i + _RUN_MAX, len(words))):
            if not linked[j - 1]:
                break
            piece = words[j]
            joined += piece.group()
            single = single and len(piece.group()) == 1
            if len(joined) > longest:
                break
            if any(matches(k, keys, inflected=single) for k in word_keys(joined)):
                yield first.start(), piece.end()


def _head(words: list[re.Match[str]], linked: list[bool], i: int) -> str:
    """The letters a run from ``words[i]`` begins with, as many as tell how its key begins."""
    head, j = words[i].group(), i
    while len(head) < _HEAD_LETTERS and j < len(linked) and linked[j]:
        j += 1
        head += words[j].group()
    return head
