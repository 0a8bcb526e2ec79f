"""Letters of other scripts drawn like Latin or Cyrillic letters: a name typed with a Greek ``α`` or an
Armenian ``օ`` looks like the name.

Taken from Unicode's confusables (UTS #39, ``confusables.txt``), for the letters of the scripts a name can be
disguised in (Greek, Armenian, Cherokee, Coptic, Lisu) whose prototype is one Latin letter, and a few drawn
like a Cyrillic letter with no Latin twin (``Π`` ``П``). Only letters that NFKC keeps: the tables are read
after ``clean`` (the lunate sigma ``Ϲ`` is stored as ``Σ``, which looks like no Latin letter). Cyrillic and
Latin look-alikes of each other are ``hamkor.core.normalise.LATIN_LOOKALIKE`` and ``CYRILLIC_LOOKALIKE``.

Within one script, digits and letters are drawn like other letters too (``glyph_readings``): ``Z0rabe11a``,
``ZorabeIIa`` (a capital I for l in a sans-serif font), ``Nurrnatova`` (rn for m). For comparison only, never
for storage.
"""

from __future__ import annotations

import unicodedata
from itertools import product
from typing import Final

__all__ = ["FOREIGN_CYRILLIC", "FOREIGN_LATIN", "FOREIGN_SCRIPTS", "foreign_letter", "glyph_readings", "stable"]

_GREEK: Final = dict(
    zip(
        "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧͿϜαικνορστυγϳπηχω",
        "ABEZHIKMNOPTYXJFaikvopotuyjnnxw",
        strict=True,
    )
)
_ARMENIAN: Final = dict(zip("ՕօՍսՏցհոռզգքայ", "OoUuSghnnqqfwj", strict=True))
_CHEROKEE_CAPITALS: Final = dict(zip("ᎪᏴᏟᎠᎬᏀᏳᎻᎥᎫᏦᏞᎷᏢᎡᏒᏚᏕᎢᏙᏔᎩᎽᏃᏏᏧᏂ", "ABCDEGGHiJKLMPRRSSTVWYYZbdh", strict=True))
# Cherokee small letters (U+AB70–ABBF) are drawn like small capitals of the same shapes.
_CHEROKEE: Final = {**_CHEROKEE_CAPITALS, **{c.lower(): v.lower() for c, v in _CHEROKEE_CAPITALS.items()}}
_COPTIC: Final = dict(zip("ⲤⲥⲎⲒⲔⲕⲘⲚⲞⲟⲢⲣⲦⲨⲬⲅ", "CcHIKkMNOoPpTYXr", strict=True))
_LISU: Final = dict(zip("ꓮꓐꓚꓓꓰꓝꓖꓧꓲꓙꓗꓡꓟꓠꓳꓑꓣꓢꓔꓴꓦꓪꓫꓬꓜꓒ", "ABCDEFGHIJKLMNOPRSTUVWXYZd", strict=True))

# A letter of another script and the Latin letter it is drawn like.
FOREIGN_LATIN: Final[dict[str, str]] = {**_GREEK, **_ARMENIAN, **_CHEROKEE, **_COPTIC, **_LISU}
# ... and the Cyrillic letter, where it has no Latin twin.
FOREIGN_CYRILLIC: Final[dict[str, str]] = dict(zip("ΓΠΦΛπⲄⲠⲪՓ", "ГПФЛпГПФФ", strict=True))

# Code point ranges of those scripts: a word with one of their letters and Latin or Cyrillic ones mixes scripts.
FOREIGN_SCRIPTS: Final = (
    (0x0370, 0x03FF),  # Greek and Coptic
    (0x1F00, 0x1FFF),  # Greek extended
    (0x0530, 0x058F),  # Armenian
    (0xFB13, 0xFB17),  # Armenian ligatures
    (0x13A0, 0x13FF),  # Cherokee
    (0xAB70, 0xABBF),  # Cherokee small letters
    (0x2C80, 0x2CFF),  # Coptic
    (0xA4D0, 0xA4FF),  # Lisu
)


def foreign_letter(char: str) -> bool:
    """Whether ``char`` is a letter of one of the scripts above."""
    code = ord(char)
    return char.isalpha() and any(low <= code <= high for low, high in FOREIGN_SCRIPTS)


def stable(table: dict[str, str]) -> dict[str, str]:
    """``table`` without the small letters whose capital has no entry: what is read by such a table must read
    the same once lower-cased (``fold`` lower-cases, then reads its own key again), so a small letter may
    only be read where its capital is (``σ`` stays, as ``Σ`` looks like no Latin letter)."""

    def capital_read(char: str) -> bool:
        upper = char.upper()
        return upper == char or len(upper) != 1 or upper in table or _base(upper) in table

    return {char: value for char, value in table.items() if capital_read(char)}


def _base(char: str) -> str:
    return unicodedata.normalize("NFD", char)[0]


# Digits and letters drawn like other letters: Z0rabe11a, 4li, ZorabeIIa (a capital I for l in a sans-serif
# font), Nurrnatova (rn for m). A one is read both as l and as i; a small l starting a word as a capital I.
_DIGIT_LETTERS: Final[dict[str, tuple[str, ...]]] = {
    "0": ("o",),
    "1": ("l", "i"),
    "2": ("z",),
    "3": ("e",),
    "4": ("a",),
    "5": ("s",),
    "6": ("b",),
    "7": ("t",),
    "8": ("b",),
    "9": ("g",),
}
_PAIRS: Final = {"rn": "m", "cl": "d"}
_MAX_GLYPH_READINGS: Final = 8


def _glyph_options(word: str) -> list[tuple[str, ...]]:
    digits = any(char.isdigit() for char in word) and any(char.isalpha() for char in word)
    options: list[tuple[str, ...]] = []
    i = 0
    while i < len(word):
        pair = word[i : i + 2]
        if pair in _PAIRS:
            options.append((_PAIRS[pair], pair))
            i += 2
            continue
        char = word[i]
        if digits and char in _DIGIT_LETTERS:
            options.append(_DIGIT_LETTERS[char])
        elif char == "I" and i > 0:
            options.append(("l", char))
        elif char == "l" and i == 0:
            options.append(("I", char))
        else:
            options.append((char,))
        i += 1
    return options


def glyph_readings(word: str) -> set[str]:
    """``word`` read with its digits and letters drawn like other letters read as those, each look-alike one
    way, then the other, then mixed (a bounded number of readings); empty when it has none."""
    options = _glyph_options(word)
    if all(len(option) == 1 for option in options) and "".join(option[0] for option in options) == word:
        return set()
    # Every look-alike read one way, then the other, then mixed, up to a bound.
    found = {"".join(option[0] for option in options), "".join(option[-1] for option in options)}
    for letters in product(*options):
        if len(found) >= _MAX_GLYPH_READINGS:
            break
        found.add("".join(letters))
    return found - {word}
