"""Text for the index: query terms with light stemming, the detected language, and snippets with highlights.

Everything is matched on ``fold()`` keys, so Cyrillic and Latin meet, and ``fold`` removes invisible
characters first, so a soft hyphen or a zero-width space does not split a query word. Stored texts and titles
are clean already (``store.py``), so snippets are cut from what the index matched.

Inflection is met from the query side: each query word also matches every indexed word that starts with its stem
(``reintegratsiyasi`` → ``reyntegras*`` finds ``реинтеграция``, ``реинтеграции``, ``reintegratsiya``), while the
exact word still counts extra, so a document using the very word ranks first.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from django.utils.safestring import SafeString, mark_safe

from hamkor.core.folding import fold, fold_words

# Endings of Uzbek, Kazakh, Kyrgyz and Russian (and a few English), in the folded alphabet, longest first.
# Only one is taken off a word, and never below _MIN_STEM letters, so a stem stays specific.
# fmt: off
_ENDINGS: Final = sorted(
    {
        # Uzbek and the other Turkic languages: plural, possessive and case endings
        "larining", "larning", "laridan", "larida", "lariga", "larini", "lardan", "larda", "larga", "larni",
        "lari", "lar", "ler", "ning", "nyng", "dagi", "dan", "den", "tan", "ten", "ga", "ge", "ka", "ke", "da",
        "de", "ta", "te", "ni", "si", "sy", "imiz", "ingiz",
        # Russian noun and adjective endings
        "iyami", "iyax", "iyam", "yami", "ami", "yax", "ax", "am", "ov", "ev", "ey", "oy", "om", "em", "ix", "im",
        "ogo", "ego", "omu", "emu", "aya", "yaya", "oe", "ie", "ye", "ya", "yu", "iy",
        # English
        "ations", "ation", "ings", "ing", "ies", "ed", "es", "s",
    },
    key=len,
    reverse=True,
)
# fmt: on
_VOWELS: Final = frozenset("aeiouy")
_MIN_STEM: Final = 4
_MAX_TERMS: Final = 8


def stem(word: str) -> str:
    """The stem a folded query word is matched by as a prefix; short words and numbers stay whole."""
    if len(word) <= _MIN_STEM or not word.isalpha():
        return word
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _MIN_STEM:
            word = word[: -len(ending)]
            break
    while len(word) > _MIN_STEM and word[-1] in _VOWELS:
        word = word[:-1]
    return word


@dataclass(frozen=True)
class Term:
    """One query word: the folded word itself, the stem it also matches by prefix, and variants of the stem."""

    word: str
    stem: str
    variants: tuple[str, ...] = ()

    @property
    def prefixes(self) -> tuple[str, ...]:
        """Every prefix the word matches by: its stem and the stem's variants (the word itself, when unstemmed)."""
        return (self.stem, *self.variants)


def variants(word: str, stem: str) -> tuple[str, ...]:
    """Spellings the stem also stands for: Uzbek softens a final k/q to g before a vowel ending (``vasiylik`` →
    ``vasiyligi``), and a Latin h is a Cyrillic х in Russian loans (``Mehr``/``Мехр``, ``hawala``/``хавала``)."""
    found: list[str] = []
    if stem != word and stem.endswith("g") and len(stem) > _MIN_STEM:
        found.append(stem[:-1] + "k")
    for spelling in [stem, *found]:
        if "h" in spelling:
            found.append(spelling.replace("h", "x"))
        elif "x" in spelling:
            found.append(spelling.replace("x", "h"))
    return tuple(dict.fromkeys(v for v in found if v != stem))


def query_terms(query: str) -> list[Term]:
    """The terms of a query as typed, folded; at most eight, duplicates dropped."""
    terms: list[Term] = []
    seen: set[str] = set()
    for word in fold_words(query[:500]):
        if word in seen:
            continue
        seen.add(word)
        stemmed = stem(word)
        terms.append(Term(word, stemmed, variants(word, stemmed) if len(word) > 2 else ()))
    return terms[:_MAX_TERMS]


def detect_language(text: str) -> str:
    """The language of ``text`` as an ISO 639-1 code (``uz-Cyrl`` for Uzbek in Cyrillic), or "" if unsure."""
    import pycld2

    sample = text[:20_000]
    if len(sample.strip()) < 20:
        return ""
    try:
        reliable, _bytes, details = pycld2.detect(sample)
    except pycld2.error:
        return ""
    code: str = details[0][1]
    if not reliable or code in ("un", "xx"):
        return ""
    if code == "uz" and _mostly_cyrillic(sample):
        return "uz-Cyrl"
    return code


def _mostly_cyrillic(text: str) -> bool:
    cyrillic = sum(1 for char in text if "\u0400" <= char <= "\u04ff")
    letters = sum(1 for char in text if char.isalpha())
    return letters > 0 and cyrillic * 2 > letters


# --- snippets -----------------------------------------------------------------------------------------------

_WORD: Final = re.compile(r"\w[\w'ʻʼ’‘`-]*", re.UNICODE)
_CHUNK: Final = 600
_SCAN_LIMIT: Final = 20_000
_OPENING: Final = 3_000
_WINDOW_WORDS: Final = 32


def snippet(text: str, terms: list[Term], *, scan: bool = True) -> SafeString:
    """About thirty words of ``text`` around the first place the query's terms meet it, with each matching word
    in ``<mark>``; the opening words when the match is only in the title (or ``scan`` is off because the title
    already holds every word). HTML-escaped."""
    if not text:
        return mark_safe("")
    prefixes = _prefixes(terms)
    position = _first_match(text, prefixes) if scan else None
    start = max(0, (position or 0) - 80)
    if start:
        start = _word_start(text, start)
    words = list(_WORD.finditer(text, start, min(len(text), start + _CHUNK)))[:_WINDOW_WORDS]
    if not words:
        return mark_safe("")
    end = words[-1].end()
    marked = _marked(text, words[0].start(), end, prefixes)
    return mark_safe(("… " if start else "") + marked + (" …" if end < len(text) else ""))  # noqa: S308 (escaped)


def holds_every_term(text: str, terms: list[Term]) -> bool:
    """Whether every query term begins some word of ``text``."""
    keys = [_word_key(match.group()) for match in _WORD.finditer(text)]
    return all(any(key.startswith(term.prefixes) for key in keys) for term in terms)


def highlight(text: str, terms: list[Term]) -> SafeString:
    """``text`` (a title) HTML-escaped, with every word matching a query term in ``<mark>``."""
    return mark_safe(_marked(text, 0, len(text), _prefixes(terms)))  # noqa: S308 (escaped in _marked)


def _prefixes(terms: list[Term]) -> tuple[str, ...]:
    return tuple(prefix for term in terms for prefix in term.prefixes)


def _marked(text: str, start: int, end: int, prefixes: tuple[str, ...]) -> str:
    """``text[start:end]`` HTML-escaped, each word that begins with one of ``prefixes`` in ``<mark>``."""
    pieces: list[str] = []
    cursor = start
    for match in _WORD.finditer(text, start, end):
        if prefixes and _word_key(match.group()).startswith(prefixes):
            pieces.append(html.escape(text[cursor : match.start()]))
            pieces.append(f"<mark>{html.escape(match.group())}</mark>")
            cursor = match.end()
    pieces.append(html.escape(text[cursor:end]))
    return "".join(pieces)


def _first_match(text: str, prefixes: tuple[str, ...]) -> int | None:
    """Where the first word matching a prefix starts: word by word through the opening (word keys are cached, so
    this is cheap), then chunk by chunk through the rest so long texts stay cheap."""
    if not prefixes:
        return None
    for match in _WORD.finditer(text, 0, min(len(text), _OPENING)):
        if _word_key(match.group()).startswith(prefixes):
            return match.start()
    spaced = tuple(f" {prefix}" for prefix in prefixes)
    for offset in range(_OPENING, min(len(text), _SCAN_LIMIT), _CHUNK):
        chunk = text[offset : offset + _CHUNK + 40]
        folded = f" {fold(chunk)}"
        if not any(prefix in folded for prefix in spaced):
            continue
        for match in _WORD.finditer(chunk):
            if _word_key(match.group()).startswith(prefixes):
                return offset + match.start()
    return None


@lru_cache(maxsize=65_536)
def _word_key(word: str) -> str:
    return fold(word)


def _word_start(text: str, index: int) -> int:
    while index > 0 and not text[index - 1].isspace():
        index -= 1
    return index


_NOT_ALNUM: Final = re.compile(r"[^a-z0-9]+")
# Reserved tokens start with "zq", which no folded word does (fold writes q as k).
_TOKEN_PREFIX: Final = {"audience": "zqa", "hidden": "zqh"}
# Every document whose audience is not the public carries this token as well.
RESTRICTED: Final = "zqr"


def filter_token(name: str, value: str) -> str:
    """The reserved index token for an audience (``name`` "audience"), a hidden-from audience ("hidden") or a
    facet value (the facet's name): lower-case letters and digits only, so both engines keep it whole."""
    prefix = _TOKEN_PREFIX.get(name, f"zqf{name}x")
    return prefix + _NOT_ALNUM.sub("", value.lower())
