"""Fold names and phrases to one lower-case matching key across Cyrillic and Latin.

``fold`` maps a string to a key such that the Cyrillic and the Latin spelling of
the same word meet: Uzbek Cyrillic and the 1995 Uzbek Latin alphabet
(``Тошкент``/``Toshkent``, ``Ўзбекистон``/``Oʻzbekiston``), Russian and its usual
romanisations (``Ташкент``/``Tashkent``, ``Хабибуллин``/``Khabibullin``,
``Юлия``/``Yuliya``/``Iuliia``), and the extra letters of Kazakh, Kyrgyz, Tajik
and Turkmen. The key is an internal matching key, not a transliteration to show
anyone: it deliberately merges letters (``q``/``k``, ``oʻ``/``o``, ``ye``/``e``...)
and spellings written by different orthographies of the same place
(``Toshkent``/``Tashkent``) are not promised to meet.

Guarantees, for every ``str``:

* total: never raises;
* idempotent: ``fold(fold(s)) == fold(s)``;
* blind to what a reader cannot see: the text first goes through
  ``hamkor.core.normalise`` (in the order it showed, invisible format characters
  removed without a trace, NFKC, look-alike letters of a word mixing Latin, Cyrillic,
  Greek, Armenian ... read in one script: ``Καrimova`` keys as ``Karimova``),
  so a soft hyphen or a zero-width space inside ``Zorabella`` leaves its key as it is;
* lower case; words separated by single spaces, no leading or trailing space;
  anything else that is not a letter, a digit or a combining mark becomes a space,
  apostrophes of every kind are removed without a trace;
* Cyrillic letters, and Latin letters with a base letter, come out as ASCII
  letters (Latin letters without one, such as IPA clicks or tone letters, are kept
  lower-cased); letters of other scripts (Arabic, CJK, ...) are kept, lower-cased,
  with only the generic diacritics that may decorate any script removed.

Canonical choices of the key, applied to both sides after transliteration:

* ``kh`` → ``x`` (``х``), ``zh``/``dj``/``dzh`` → ``j`` (``ж``), ``shch`` → ``sh`` (``щ``),
  ``ts``/``c`` → ``s`` (``ц``), ``gh`` → ``g`` (``ғ``), ``q`` → ``k``, ``w`` → ``v``;
* ``ye`` → ``e`` unless the ``y`` follows a consonant (word start and after a vowel,
  where Russian romanisations disagree on writing the ``y``);
* a run of ``i``/``y`` is ``y`` before a vowel or after one, ``i`` otherwise
  (``Mariya``/``Maria``/``Mariia``, ``Dmitriy``/``Dmitry``/``Dmitrii``, ``Almaty``/``Алматы``,
  ``Nikolay``/``Nikolai``);
* doubled letters collapse (``Abdullayev``/``Abdulayev``, ``Kassym``/``Qasym``);
* ``ң``/``ñ``/``ň``/``ŋ`` → ``ng``, so Kazakh and Turkmen Latin meet their Cyrillic.

Known collisions that follow from these choices: ``qoʻl``/``koʻl``, ``yer``/``er``,
``yetti``/``etti``, ``oila``/``oʻyla``, ``ishchi``/``ishi``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from hamkor.core.normalise import clean, unconfuse

__all__ = ["fold", "fold_words"]

# Every character that writes the Uzbek tutuq belgisi (oʻ, gʻ, maʼno) or a
# transliterated ъ/ь in the wild. They vanish instead of becoming a space so that
# "Oʻzbekiston" stays one word.
_APOSTROPHES: Final = "'`´ʻʼ‘’‛ʽʹʺ′ˈꞌ"

# Cyrillic to Latin, lower case only: the string is lower-cased before this table
# is used. The values are already in the key's alphabet (қ→k, not q) because the
# Latin rules below never revisit q or w.
#
# The 1995 rules for е (ye at word start and after a vowel) and ц (ts after a
# vowel, s elsewhere) are not spelled out here on purpose: the key folds initial
# and post-vowel "ye" to "e" and "ts" to "s", so those rules would only produce
# text the next step removes. The one case of е that survives into the key, after
# ъ or ь, is handled by _SIGN_YE.
_CYRILLIC: Final[dict[str, str]] = {
    # Russian alphabet, by the Uzbek 1995 values (щ→sh and ы→i as Uzbek loans).
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "е": "e",
    "ё": "yo",
    "ж": "j",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "x",
    "ц": "s",
    "ч": "ch",
    "ш": "sh",
    "щ": "sh",
    "ъ": "",
    "ы": "i",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    # Uzbek.
    "ў": "o",
    "қ": "k",
    "ғ": "g",
    "ҳ": "h",
    # Kazakh and Kyrgyz.
    "ә": "a",
    "ң": "ng",
    "ө": "o",
    "ұ": "u",
    "ү": "u",
    "һ": "h",
    "і": "i",
    # Tajik.
    "ӣ": "i",
    "ӯ": "u",
    "ҷ": "j",
    # Ukrainian.
    "є": "ye",
    "ї": "yi",
    "ґ": "g",
    # Serbian and Macedonian, as their Latin alphabets write them (ć→c, đ/dž→dj).
    "ђ": "dj",
    "ј": "j",
    "љ": "lj",
    "њ": "nj",
    "ћ": "c",
    "џ": "dj",
    "ѓ": "g",
    "ќ": "k",
    "ѕ": "dz",
    # Tatar, Bashkir, Chuvash, Azerbaijani Cyrillic and the Caucasus.
    "җ": "j",
    "ҙ": "z",
    "ҫ": "s",
    "ҡ": "k",
    "ҥ": "ng",
    "ӈ": "ng",
    "ҹ": "j",
    "ҝ": "g",
    "ӏ": "",
    # Pre-1918 Russian.
    "ѣ": "e",
    "ѳ": "f",
    "ѵ": "i",
}

# Latin letters whose diacritic changes the sound enough that stripping it would
# make them meet the wrong Cyrillic letter (Turkmen/Turkish ş, ç; ISO 9 š, č, ž),
# and letters that have no decomposition at all.
_LATIN: Final[dict[str, str]] = {
    "ş": "sh",
    "ç": "ch",
    "š": "sh",
    "č": "ch",
    "ŝ": "sh",
    "ĉ": "ch",
    "ž": "j",
    # Kazakh ñ and Turkmen ň write ң; mapping them to "n" would keep them apart.
    "ñ": "ng",
    "ň": "ng",
    "ŋ": "ng",
    "ı": "i",
    "ə": "a",
    "ß": "ss",
    "æ": "ae",
    "œ": "oe",
    "ø": "o",
    "đ": "dj",
    "ł": "l",
    "ħ": "h",
    "þ": "th",
    "ð": "d",
    "ŧ": "t",
}

# Letter names as Unicode spells them, for _letter_by_name.
_LETTER_NAMES: Final[dict[str, str]] = {
    "A": "a",
    "BE": "b",
    "VE": "v",
    "GHE": "g",
    "GE": "g",
    "DE": "d",
    "IE": "e",
    "IO": "yo",
    "ZHE": "j",
    "ZE": "z",
    "DZE": "dz",
    "DZHE": "dj",
    "DJE": "dj",
    "I": "i",
    "KA": "k",
    "EL": "l",
    "EM": "m",
    "EN": "n",
    "O": "o",
    "PE": "p",
    "ER": "r",
    "ES": "s",
    "TE": "t",
    "U": "u",
    "UK": "u",
    "EF": "f",
    "HA": "x",
    "TSE": "s",
    "CHE": "ch",
    "SHA": "sh",
    "SHCHA": "sh",
    "SHHA": "h",
    "YERU": "i",
    "E": "e",
    "YU": "yu",
    "YA": "ya",
    "YAT": "e",
    "YI": "yi",
    "JE": "j",
    "LJE": "lj",
    "NJE": "nj",
    "KJE": "k",
    "GJE": "g",
    "TSHE": "c",
    "SCHWA": "a",
    "OMEGA": "o",
    "FITA": "f",
    "IZHITSA": "i",
    "KSI": "ks",
    "PSI": "ps",
    "YUS": "u",
    "KOPPA": "k",
    "OT": "ot",
    # Latin letters of IPA and older orthographies.
    "ALPHA": "a",
    "GAMMA": "g",
    "IOTA": "i",
    "UPSILON": "u",
    "ESH": "sh",
    "EZH": "j",
    "ENG": "ng",
    "ETH": "d",
    "THORN": "th",
    "AE": "ae",
    "OE": "oe",
    "OU": "ou",
    "YOGH": "y",
}

# Combining marks that decorate Latin, Cyrillic or Greek letters (and any other
# script). Marks of other blocks (Arabic harakat, Indic vowel signs, kana voicing)
# are part of those scripts' spelling and are kept.
_GENERIC_MARKS: Final = (
    (0x0300, 0x036F),
    (0x0483, 0x0489),
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0x2DE0, 0x2DFF),
    (0xA66F, 0xA67F),
    (0xA69E, 0xA69F),
    (0xFE20, 0xFE2F),
)

# Characters folded once and remembered; astral characters are rare enough to be
# folded each time, which bounds the cache at a few megabytes whatever the input.
_CACHE_LIMIT: Final = 0x10000


def _is_generic_mark(codepoint: int) -> bool:
    return any(low <= codepoint <= high for low, high in _GENERIC_MARKS)


def _ascii_char(char: str) -> str:
    if char.isalnum():
        return {"q": "k", "w": "v"}.get(char.lower(), char.lower())
    return "" if char in _APOSTROPHES else " "


def _name_part(word: str) -> str | None:
    if word in _LETTER_NAMES:
        return _LETTER_NAMES[word]
    if len(word) == 1 and "A" <= word <= "Z":
        return word.lower()
    return None


def _letter_by_name(name: str) -> str | None:
    # For letters with neither an entry nor a decomposition (Abkhaz, Komi, Old
    # Church Slavonic, IPA ...), the Unicode name is the one description of the
    # letter that is always there: "LATIN SMALL LETTER O WITH STROKE",
    # "CYRILLIC SMALL LIGATURE A IE", "LATIN LETTER SMALL CAPITAL I".
    _, ligature, letters = name.partition(" LIGATURE ")
    if ligature:
        folded = ""
        for word in letters.split():
            part = _name_part(word)
            if part is None:
                break
            folded += part
        else:
            return folded
    description = name.partition(" LETTER ")[2].partition(" WITH ")[0]
    words = description.split()
    if words and words[-1].endswith("SIGN"):  # hard, soft and semisoft signs only mark the consonant
        return ""
    if len(words) > 1 and words[-1] == "DIGRAPH" and words[-2].isascii() and words[-2].isalpha():
        return words[-2].lower()
    # The letter's own name comes last but may be followed by a shape ("U BAR",
    # "EZH REVERSED") and preceded by one ("TURNED A", "SMALL CAPITAL I").
    for word in reversed(words):
        part = _name_part(word)
        if part is not None:
            return part
    if name.startswith("CYRILLIC") or " CYRILLIC " in name:
        # A Cyrillic letter must still leave the Cyrillic script; the initial of
        # its name is its sound often enough (KOMI DZJE, ZEMLYA).
        initial = name.split()[-1][0].lower()
        return initial if "a" <= initial <= "z" else ""
    return None


def _fold_char(char: str) -> str:
    # Explicit entries come first because NFD would split й, ё, ў, ş into a base
    # and a mark that stripping would lose; the name is the last resort because
    # it is the least precise.
    explicit = _EXPLICIT.get(char)
    if explicit is not None:
        return explicit
    category = unicodedata.category(char)
    if category[0] == "M":
        return "" if _is_generic_mark(ord(char)) else char
    if category[0] == "N":
        return char
    if category[0] != "L":
        return " "
    decomposed = unicodedata.normalize("NFD", char)
    stripped = "".join(part for part in decomposed if not _is_generic_mark(ord(part)))
    if stripped != decomposed:
        return "".join(_fold_char(part) for part in stripped)
    name = unicodedata.name(char, "")
    if name.startswith(("LATIN", "CYRILLIC")) or " CYRILLIC " in name:
        by_name = _letter_by_name(name)
        if by_name is not None:
            return "".join(_fold_char(part) for part in by_name)
    return char


class _FoldTable(dict[int, str]):
    """A str.translate table that fills itself in, one code point at a time."""

    def __missing__(self, codepoint: int) -> str:
        folded = _fold_char(chr(codepoint))
        if codepoint < _CACHE_LIMIT:
            self[codepoint] = folded
        return folded


_EXPLICIT: Final[dict[str, str]] = {
    **{chr(codepoint): _ascii_char(chr(codepoint)) for codepoint in range(128)},
    **dict.fromkeys(_APOSTROPHES, ""),
    **_CYRILLIC,
    **_LATIN,
}
_TABLE: Final = _FoldTable({ord(char): folded for char, folded in _EXPLICIT.items()})
# The same mapping for ASCII text as bytes.translate wants it: a 256-byte table
# plus the bytes to delete (the ASCII apostrophes).
_ASCII_DELETE: Final = bytes(byte for byte in range(128) if not _EXPLICIT[chr(byte)])
_ASCII_BYTES: Final = bytes(ord(_EXPLICIT[chr(byte)] or " ") if byte < 128 else byte for byte in range(256))

# е after ъ or ь is the one place where the 1995 "ye" survives into the key
# (объект → obyekt), because there the y follows a consonant.
_SIGN_YE: Final = re.compile("(?<=[ъь])е")

# The Latin rules, as one pattern so that a clean key costs a single scan. Every
# alternative matches only text that its replacement changes, so "no match" means
# the key is final; each replacement either shortens the string or settles a
# letter that no later replacement unsettles, so repeating until no match ends.
# No alternative starts with a group or a lookbehind: that lets the regex engine
# skip ahead to candidate letters, which halves the cost of a scan. The matched
# text alone tells the rules apart ("ye" is only ever the third rule, runs of i/y
# the second, the one group the fourth).
_DIGRAPHS: Final[dict[str, str]] = {
    "shch": "sh",
    "kh": "x",
    "zh": "j",
    "dj": "j",
    "ts": "s",
    "gh": "g",
    "c": "s",
}
_VOWELS: Final = "aeou"  # i and y are the glides being settled, not context
_RULES: Final = re.compile(
    # digraphs (and c) of other romanisations, to the letter the key uses
    r"shch|kh|zh|dj|ts|gh|c(?!h)"
    # a run of i/y: y next to a vowel, i elsewhere; only runs that change match
    r"|[iy]{2,}|i(?=[aeou])|i(?<=[aeou]i)|y(?<![aeou]y)(?![aeou])"
    # ye → e unless the y follows a consonant
    r"|y(?<![bcdfghjklmnpqrstvwxz]y)e"
    # doubled letters
    r"|([a-z])\1+"
)


def _rewrite(match: re.Match[str]) -> str:
    if match.lastindex:  # only the doubled-letter rule has a group
        return match.group(1)
    found = match.group()
    if found == "ye":
        return "e"
    digraph = _DIGRAPHS.get(found)
    if digraph is not None:
        return digraph
    text, start, end = match.string, match.start(), match.end()
    if end < len(text) and text[end] in _VOWELS:
        return "y"
    if start > 0 and text[start - 1] in _VOWELS:
        return "y"
    return "i"


def _fold_once(text: str) -> str:
    if text.isascii():
        # ASCII is its own NFKC, and bytes.translate is several times faster
        # than str.translate on the hot path of folding ASCII names.
        folded = text.encode("ascii").translate(_ASCII_BYTES, _ASCII_DELETE).decode("ascii")
    else:
        # NFKC would turn the acute accent into a space and a combining accent.
        text = text.replace("´", "")
        # NFKC before lower(): compatibility forms (fullwidth, ligatures, ǅ) may
        # decompose to capitals, and й, ё, ў must be composed for the table.
        folded = unicodedata.normalize("NFKC", text).lower()
        if "ъ" in folded or "ь" in folded:
            folded = _SIGN_YE.sub("ye", folded)
        folded = folded.translate(_TABLE)
    folded = " ".join(folded.split())
    folded, changes = _RULES.subn(_rewrite, folded)
    while changes:
        folded, changes = _RULES.subn(_rewrite, folded)
    return folded


# Passes over a key that still holds other scripts. A second pass can only change
# it where removing a mark or apostrophe brought two composable characters
# together (Hangul jamo, kana and voicing mark); that never takes more than one.
_MAX_PASSES: Final = 8


def fold(text: str) -> str:
    """Return the matching key of ``text``; see the module docstring."""
    key = _fold_once(text if text.isascii() else unconfuse(clean(text)))
    if key.isascii():
        # Plain ASCII keys are final by construction: the table maps a-z, 0-9 and
        # space to themselves and the Latin rules have already run to a fixpoint.
        return key
    for _ in range(_MAX_PASSES):
        again = _fold_once(key)
        if again == key:
            break
        key = again
    return key


def fold_words(text: str) -> list[str]:
    """Return the words of ``fold(text)``."""
    return fold(text).split()
