"""The one normalisation of text: what is stored and shown, and what is compared.

Text reaches the platform from keyboards, messengers and PDFs. It may carry characters nobody sees (soft
hyphens, zero-width spaces and joiners, bidirectional marks and isolates, byte-order marks: Unicode's format
characters, category Cf, and the other default-ignorable code points), compatibility forms that look like
plain letters (fullwidth ``Ｚ``, ligatures, no-break spaces) and Latin letters typed inside Cyrillic words or
the other way round. Whatever judges or indexes text must see the word a reader sees, so every such step
starts here:

* ``clean`` is the stored form: in the order a reader saw it (a word written backwards after a right-to-left
  override, or moved by embeddings and marks, is stored the way it showed: ``hamkor.core.bidi``), invisible
  characters removed, then Unicode NFKC. A sign that NFKC would turn into a space and a combining mark
  (``´`` ``¨``) or into letters (``№`` → ``No``) keeps its form, so what is stored reads as what was typed.
  Scripts are left alone: Cyrillic stays Cyrillic, and the Uzbek ``ʻ`` and ``ʼ`` (modifier letters, not
  format characters) stay.
* ``unconfuse`` is for comparison only (``fold`` runs it): in a word mixing scripts, the look-alike letters
  are read in the script of the word's other letters (``Pуcтaм`` → Рустам, ``Реtrova`` → Petrova, and with
  the Greek, Armenian, Cherokee ... letters of ``hamkor.core.confusables``: ``Καrimova`` → Karimova).
* ``readings`` gives every way a checker should read one word: as written, wholly Latin, wholly Cyrillic, and
  with digits and letters drawn like others read as those (``Z0rabe11a``, ``ZorabeIIa``, ``Nurrnatova``).
* ``aligned`` is ``clean`` with the place in the original of every character, so what a check finds in the
  clean text can be pointed at (and removed) in the text as stored.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Final

from hamkor.core.bidi import CONTROLS, Shown, mirror, shown
from hamkor.core.confusables import (
    FOREIGN_CYRILLIC,
    FOREIGN_LATIN,
    FOREIGN_SCRIPTS,
    foreign_letter,
    glyph_readings,
    stable,
)

__all__ = [
    "BIDI_CONTROLS",
    "CYRILLIC_LOOKALIKE",
    "INVISIBLE",
    "LATIN_LOOKALIKE",
    "Aligned",
    "aligned",
    "clean",
    "has_letters",
    "latin_skeleton",
    "readings",
    "unconfuse",
]

# Format characters (Cf) and the other default-ignorable code points (Hangul fillers, variation selectors,
# the combining grapheme joiner ...): nothing a reader sees. hamkor/core/tests/test_normalise.py checks that
# every Cf character of the running Python's Unicode is here.
_INVISIBLE_RANGES: Final = (
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x0600, 0x0605),  # Arabic number signs
    (0x061C, 0x061C),  # Arabic letter mark
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x115F, 0x1160),  # Hangul fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels
    (0x180B, 0x180F),  # Mongolian variation selectors and vowel separator
    (0x200B, 0x200F),  # zero-width space, non-joiner, joiner; left-to-right and right-to-left marks
    (0x202A, 0x202E),  # bidirectional embeddings and overrides
    (0x2060, 0x206F),  # word joiner, invisible operators, bidirectional isolates
    (0x3164, 0x3164),  # Hangul filler
    (0xFE00, 0xFE0F),  # variation selectors
    (0xFEFF, 0xFEFF),  # byte-order mark (zero-width no-break space)
    (0xFFA0, 0xFFA0),  # halfwidth Hangul filler
    (0xFFF0, 0xFFFB),  # interlinear annotation
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),  # Egyptian hieroglyph format controls
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical symbol format controls
    (0xE0000, 0xE0FFF),  # tags, variation selectors supplement
)


def _char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(re.escape(chr(low)) + (f"-{re.escape(chr(high))}" if high > low else "") for low, high in ranges)


INVISIBLE: Final = re.compile(f"[{_char_class(_INVISIBLE_RANGES)}]+")
# The invisible characters that steer the order of others (embeddings, overrides, isolates, marks).
BIDI_CONTROLS: Final = CONTROLS
_BIDI: Final = re.compile("[" + "".join(map(re.escape, sorted(CONTROLS))) + "]")

# Signs whose NFKC form is a space and a combining mark (spacing accents, isolated Arabic harakat) or letters.
# The test derives the first group from unicodedata and compares.
_KEPT_RANGES: Final = (
    (0x00A8, 0x00A8),
    (0x00AF, 0x00AF),
    (0x00B4, 0x00B4),  # ´, which Uzbek typists use for ʻ
    (0x00B8, 0x00B8),
    (0x02D8, 0x02DD),
    (0x037A, 0x037A),
    (0x0384, 0x0385),
    (0x1FBD, 0x1FBD),
    (0x1FBF, 0x1FC1),
    (0x1FCD, 0x1FCF),
    (0x1FDD, 0x1FDF),
    (0x1FED, 0x1FEE),
    (0x1FFD, 0x1FFE),
    (0x2017, 0x2017),
    (0x203E, 0x203E),
    (0x2116, 0x2116),  # №, which NFKC writes "No"
    (0x309B, 0x309C),
    (0xFC5E, 0xFC63),
    (0xFE49, 0xFE4C),
    (0xFE70, 0xFE70),
    (0xFE72, 0xFE72),
    (0xFE74, 0xFE74),
    (0xFE76, 0xFE76),
    (0xFE78, 0xFE78),
    (0xFE7A, 0xFE7A),
    (0xFE7C, 0xFE7C),
    (0xFE7E, 0xFE7E),
    (0xFFE3, 0xFFE3),
)
_KEPT: Final = re.compile(f"([{_char_class(_KEPT_RANGES)}])")


def clean(text: str) -> str:
    """``text`` as it is stored and shown: in the order a reader saw it (``hamkor.core.bidi``: a word written
    backwards after a right-to-left override is stored the way round it showed), invisible characters removed,
    then NFKC (signs that NFKC would turn into a space and a mark, or into letters, keep their form).
    Idempotent; never changes the script."""
    if text.isascii():
        return text  # ASCII has no invisible character and is its own NFKC
    steered = _steered(text)
    if steered is not None:
        units, view = steered
        text = "".join(_unit(text, units[u], u in view.mirrored) for u in view.order)
    return _plain(text)


def _plain(text: str) -> str:
    text = INVISIBLE.sub("", text)
    if unicodedata.is_normalized("NFKC", text):
        return text
    pieces = _KEPT.split(text)  # the kept signs at odd indices
    return "".join(piece if i % 2 else unicodedata.normalize("NFKC", piece) for i, piece in enumerate(pieces))


def has_letters(text: str) -> bool:
    """Whether ``text`` has a letter of some alphabet once cleaned; modifier letters (``ʻ``) alone are not one."""
    return any(unicodedata.category(char) in {"Lu", "Ll", "Lt", "Lo"} for char in clean(text))


# --- look-alike letters -----------------------------------------------------------------------------------

# A Cyrillic letter and the Latin letter it is drawn like (in a word that is otherwise Latin, it is that letter).
LATIN_LOOKALIKE: Final[dict[str, str]] = dict(
    zip(
        "асеорхуіјѕһԁԛԝӏүАВСЕНІЈКМОРЅТХУҮӀ",
        "aceopxyijshdqwlyABCEHIJKMOPSTXYYI",
        strict=True,
    )
)
# A Latin letter and the Cyrillic letter it is drawn like, where a Cyrillic typist would mean that letter.
CYRILLIC_LOOKALIKE: Final[dict[str, str]] = dict(
    zip("aceopxyijhdABCEHIJKMOPTXY", "асеорхуіјһԁАВСЕНІЈКМОРТХУ", strict=True)
)
_LATIN_SET: Final = "A-Za-z\u00c0-\u024f\u1e00-\u1eff"
_CYRILLIC_SET: Final = "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f"
_LATIN_LETTER: Final = re.compile(f"[{_LATIN_SET}]")
_CYRILLIC_LETTER: Final = re.compile(f"[{_CYRILLIC_SET}]")
_FOREIGN_CHAR: Final = re.compile(f"[{_char_class(FOREIGN_SCRIPTS)}]")
# A word as ``fold`` will key it: letters, with the combining marks and apostrophes it removes without a trace
# (a word that ``fold`` joins must be read here as one, or its key would read differently the second time).
_WORD: Final = re.compile(
    r"(?:[^\W\d_]|['`´‘’‛′\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff"
    r"\u2de0-\u2dff\ua66f-\ua67f\ua69e-\ua69f\ufe20-\ufe2f])+"
)
# Letters of the other scripts read in a mixed word by ``unconfuse``: a small letter only where its capital is
# read too, so that ``fold`` (which lower-cases, then reads its own key again) reads a key as it is.
_FOLD_LATIN: Final = stable(FOREIGN_LATIN)
_FOLD_CYRILLIC: Final = stable(
    {**{c: CYRILLIC_LOOKALIKE[v] for c, v in FOREIGN_LATIN.items() if v in CYRILLIC_LOOKALIKE}, **FOREIGN_CYRILLIC}
)
_SKELETON_CYRILLIC: Final = {
    **{c: CYRILLIC_LOOKALIKE.get(v, v) for c, v in FOREIGN_LATIN.items()},
    **FOREIGN_CYRILLIC,
    **CYRILLIC_LOOKALIKE,
}
_SKELETON_LATIN: Final = {**FOREIGN_LATIN, **LATIN_LOOKALIKE}


def _lookup(char: str, table: dict[str, str]) -> str | None:
    """``char`` read by ``table``, directly or by its base letter (``ό`` as ``ó``)."""
    found = table.get(char)
    if found is None and not char.isascii():
        decomposed = unicodedata.normalize("NFD", char)
        if len(decomposed) > 1 and decomposed[0] in table:
            return unicodedata.normalize("NFC", table[decomposed[0]] + decomposed[1:])
    return found


def _mixed(word: str) -> bool:
    return _LATIN_LETTER.search(word) is not None and _CYRILLIC_LETTER.search(word) is not None


def _foreign(word: str) -> bool:
    return any(foreign_letter(char) for char in word)


def _keyed_in_latin(char: str) -> bool:
    """Whether ``fold`` writes ``char`` in Latin: a Latin or Cyrillic letter, IPA and small capitals included."""
    return char.isalpha() and (char.isascii() or unicodedata.name(char, "").startswith(("LATIN", "CYRILLIC")))


def _script_weight(word: str, letter: re.Pattern[str], lookalikes: dict[str, str]) -> tuple[int, int]:
    """(letters of the script that look like no letter of the other, letters of the script)."""
    letters = letter.findall(word)
    return sum(1 for char in letters if char not in lookalikes), len(letters)


def _majority(word: str) -> str:
    latin = _script_weight(word, _LATIN_LETTER, CYRILLIC_LOOKALIKE)
    cyrillic = _script_weight(word, _CYRILLIC_LETTER, LATIN_LOOKALIKE)
    if _foreign(word) and any(_keyed_in_latin(char) for char in word):
        # Letters of another script are read in the word's script, and in Latin where it has no twin of them.
        tables = (_FOLD_CYRILLIC, _FOLD_LATIN) if cyrillic > latin else (_FOLD_LATIN,)
        word = "".join(next(filter(None, (_lookup(c, t) for t in tables)), c) for c in word)
        latin = _script_weight(word, _LATIN_LETTER, CYRILLIC_LOOKALIKE)
        cyrillic = _script_weight(word, _CYRILLIC_LETTER, LATIN_LOOKALIKE)
    if not _mixed(word):
        return word
    if latin > cyrillic:
        return "".join(LATIN_LOOKALIKE.get(char, char) for char in word)
    if cyrillic > latin:
        return "".join(CYRILLIC_LOOKALIKE.get(char, char) for char in word)
    return word


def unconfuse(text: str) -> str:
    """``text`` with each word that mixes scripts read in one: the look-alike letters of Latin or Cyrillic
    become letters of the script the word's other letters decide (letters without a look-alike count first),
    and those of Greek, Armenian, Cherokee, Coptic and Lisu become the Latin or Cyrillic letters they are
    drawn like (``Καrimova`` → Karimova). For comparison only: what is stored keeps the letters as typed."""
    if text.isascii():
        return text
    if _FOREIGN_CHAR.search(text) is None and (_LATIN_LETTER.search(text) is None or not _CYRILLIC_LETTER.search(text)):
        return text
    return _WORD.sub(lambda match: _majority(match.group()), text)


def latin_skeleton(text: str) -> str:
    """``text`` with every letter drawn like a Latin letter written as that letter, character for character
    (the same length, so a match in it is a match in ``text``): for finding codes and document numbers."""
    if text.isascii():
        return text
    return "".join(_SKELETON_LATIN.get(char, char) for char in text)


def _script_readings(word: str) -> set[str]:
    """A word mixing scripts, or with letters of Greek, Armenian ..., read wholly in Latin and in Cyrillic."""
    if not (_mixed(word) or _foreign(word)):
        return set()
    return {"".join(_lookup(char, table) or char for char in word) for table in (_SKELETON_LATIN, _SKELETON_CYRILLIC)}


def readings(word: str, *, digits: bool = True) -> set[str]:
    """Every way a reader may take ``word``: as written; when it mixes scripts or has letters of Greek,
    Armenian ..., wholly in Latin and wholly in Cyrillic look-alikes; and (``digits``) with digits and
    letters drawn like other letters read as those (``Z0rabe11a``, ``ZorabeIIa``, ``Nurrnatova``). For
    comparison (identifiers, name keys), never for storage."""
    word = clean(word)
    first = {word} | _script_readings(word)
    found = set(first)
    if digits:
        for spelling in first:
            for glyph in glyph_readings(spelling):
                found |= {glyph} | _script_readings(glyph)
    return found


# --- alignment --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Aligned:
    """``clean(original)`` computed character cluster by cluster, with the span of ``original`` each clean
    character came from; ``None`` spans when nothing needed cleaning (the texts are the same)."""

    text: str
    starts: tuple[int, ...] | None = None
    ends: tuple[int, ...] | None = None

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The span of the original that ``self.text[start:end]`` (not empty) came from; a text shown in
        another order than stored gives the span covering every character it came from."""
        if self.starts is None or self.ends is None:
            return start, end
        return min(self.starts[start:end]), max(self.ends[start:end])


def _attaches(char: str) -> bool:
    return unicodedata.category(char)[0] == "M" or INVISIBLE.match(char) is not None


def _units(text: str) -> list[tuple[int, int]]:
    """Character clusters: a character with the combining marks and invisible characters after it (except a
    paragraph separator: what follows it belongs to the next paragraph)."""
    units: list[tuple[int, int]] = []
    start, length = 0, len(text)
    while start < length:
        end = start + 1
        while end < length and unicodedata.bidirectional(text[start]) != "B" and _attaches(text[end]):
            end += 1
        units.append((start, end))
        start = end
    return units


def _steered(text: str) -> tuple[list[tuple[int, int]], Shown] | None:
    """The clusters of ``text`` and the order they showed in, when its bidirectional controls reorder it."""
    if _BIDI.search(text) is None:
        return None
    units = _units(text)
    view = shown(text, units, frozenset(i for i, char in enumerate(text) if INVISIBLE.match(char)))
    return None if view is None else (units, view)


def _unit(text: str, span: tuple[int, int], mirrored: bool) -> str:
    piece = text[span[0] : span[1]]
    return mirror(piece[0]) + piece[1:] if mirrored else piece


def aligned(text: str) -> Aligned:
    """``text`` cleaned, with where each character came from. A character keeps the combining marks and the
    invisible characters after it, so removing a finding's span removes those too."""
    if text.isascii() or (INVISIBLE.search(text) is None and unicodedata.is_normalized("NFKC", text)):
        return Aligned(text)
    steered = _steered(text)
    units, view = steered if steered is not None else (_units(text), None)
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for u in view.order if view is not None else range(len(units)):
        start, end = units[u]
        piece = _plain(_unit(text, units[u], view is not None and u in view.mirrored))
        out.append(piece)
        starts += [start] * len(piece)
        ends += [end] * len(piece)
    return Aligned("".join(out), tuple(starts), tuple(ends))
