"""Pseudonymised dossiers for the Regional Expert Council: what goes in, and what must not.

Two pure parts, no database: ``build_content`` turns the facts of a case into the dossier's structured content
(bands, codes of vocabularies and months, never a name, a date or a number of a person), and ``check_text``
looks for identifiers in the free text a case worker selects, so each one is either removed or explicitly
declared harmless before the dossier leaves the organisation.

The checker errs on the side of warning: a false alarm costs the worker one click and a reason, a miss puts a
person's identity in front of forty experts in five countries.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext_lazy as _

from hamkor.cases import dossier_words
from hamkor.cases.codes import ALPHABET
from hamkor.cases.domains import Domain
from hamkor.cases.identity import Identity
from hamkor.core.folding import fold, fold_words
from hamkor.core.normalise import aligned, clean, latin_skeleton

TEXT_MAX_CHARS = 4000
REMOVED = "[…]"

# --- structured content ------------------------------------------------------------------------------------

AGE_BANDS: tuple[tuple[int, int | None], ...] = (
    (0, 4),
    (5, 11),
    (12, 17),
    (18, 24),
    (25, 34),
    (35, 44),
    (45, 59),
    (60, None),
)

# Every key a dossier's content may hold, at any depth. Domain codes are keys of the score maps.
CONTENT_KEYS = frozenset(
    {
        "age_band",
        "sex",
        "region",
        "country",
        "stage",
        "family_role",
        "family",
        "relationship",
        "assessments",
        "month",
        "instrument",
        "scores",
        "plan",
        "domain",
        "status",
        "interventions",
        "kind",
        "text",
    }
) | frozenset(Domain.values)


def age_band(age: int) -> str:
    """The band an age falls in, e.g. ``"12-17"`` or ``"60+"``."""
    for low, high in AGE_BANDS:
        if high is None or age <= high:
            return f"{low}+" if high is None else f"{low}-{high}"
    raise AssertionError("unreachable: the last band is open")


@dataclass(frozen=True)
class Relative:
    """Another member of the person's family: how they belong to it, and how old they are."""

    relationship: str
    age: int


@dataclass(frozen=True)
class ScoredAssessment:
    on: date
    instrument: str  # "code version"
    scores: dict[str, int]


@dataclass(frozen=True)
class PlannedGoal:
    domain: str
    status: str
    interventions: list[tuple[str, str]]  # (kind, status)


@dataclass(frozen=True)
class CaseFacts:
    """What a dossier is built from, read from the case by the service."""

    age: int
    sex: str
    region: str  # the case's region, or the country's name when no region is recorded
    country: str  # ISO code
    stage: str
    family_role: str
    relatives: list[Relative] = field(default_factory=list)
    assessments: list[ScoredAssessment] = field(default_factory=list)
    goals: list[PlannedGoal] = field(default_factory=list)


def build_content(facts: CaseFacts) -> dict[str, Any]:
    """The structured part of a dossier. Ages become bands, dates become months, plan texts are left out."""
    return {
        "age_band": age_band(facts.age),
        "sex": facts.sex,
        "region": facts.region,
        "country": facts.country,
        "stage": facts.stage,
        "family_role": facts.family_role,
        "family": [{"relationship": r.relationship, "age_band": age_band(r.age)} for r in facts.relatives],
        "assessments": [
            {"month": a.on.strftime("%Y-%m"), "instrument": a.instrument, "scores": dict(a.scores)}
            for a in sorted(facts.assessments, key=lambda a: a.on)
        ],
        "plan": [
            {
                "domain": g.domain,
                "status": g.status,
                "interventions": [{"kind": kind, "status": status} for kind, status in g.interventions],
            }
            for g in facts.goals
        ],
    }


# --- identifiers -------------------------------------------------------------------------------------------


class Kind:
    """Kinds of identifier warning, in the order they win when two overlap."""

    CODE = "code"
    EMAIL = "email"
    OWN_DOCUMENT = "own_document"
    BIRTH_DATE = "birth_date"
    DATE = "date"
    PHONE = "phone"
    DOCUMENT = "document"
    NUMBER = "number"
    NAME = "name"
    PLACE = "place"


PRIORITY = [
    Kind.CODE,
    Kind.EMAIL,
    Kind.OWN_DOCUMENT,
    Kind.BIRTH_DATE,
    Kind.DATE,
    Kind.PHONE,
    Kind.DOCUMENT,
    Kind.NUMBER,
    Kind.NAME,
    Kind.PLACE,
]

KIND_LABELS = {
    Kind.CODE: _("a pseudonym or case number"),
    Kind.EMAIL: _("an email address"),
    Kind.OWN_DOCUMENT: _("a document number of this family"),
    Kind.BIRTH_DATE: _("a date of birth in this family"),
    Kind.DATE: _("a full date"),
    Kind.PHONE: _("a phone number"),
    Kind.DOCUMENT: _("what looks like a document number"),
    Kind.NUMBER: _("a long number"),
    Kind.NAME: _("a name in this family"),
    Kind.PLACE: _("a place of birth in this family"),
}


@dataclass(frozen=True)
class Identifiers:
    """What identifies the person and their family, to look for in free text."""

    names: frozenset[str] = frozenset()  # folded name words
    birth_dates: frozenset[date] = frozenset()
    documents: frozenset[str] = frozenset()  # upper-case letters and digits only
    places: frozenset[str] = frozenset()  # folded words of the town of birth
    codes: frozenset[str] = frozenset()  # pseudonyms, family codes and case numbers

    @classmethod
    def of(cls, identities: Iterable[Identity], codes: Iterable[str] = ()) -> Identifiers:
        names: set[str] = set()
        births: set[date] = set()
        documents: set[str] = set()
        places: set[str] = set()
        for identity in identities:
            names |= identity.name_words()
            births.add(identity.birth_date)
            documents.update(_compact(d.number) for d in identity.documents if len(_compact(d.number)) >= 4)
            # The town, not the country after the comma: "returned from Syria" says nothing about anyone here.
            town = identity.place_of_birth.split(",")[0]
            places.update(w for w in fold_words(town) if len(w) >= 3)
        return cls(frozenset(names), frozenset(births), frozenset(documents), frozenset(places), frozenset(codes))


@dataclass(frozen=True)
class Finding:
    """One possible identifier in a text: its kind and where it is (``text[start:end]``)."""

    kind: str
    start: int
    end: int
    text: str

    @property
    def id(self) -> str:
        return f"{self.kind}-{self.start}"


def check_text(text: str, identifiers: Identifiers) -> list[Finding]:
    """Every possible identifier in ``text``, in reading order, none overlapping another.

    The text is judged as a reader sees it (``hamkor.core.normalise.aligned``: in the order it shows,
    invisible characters removed, NFKC), codes, addresses and document numbers with every letter drawn like a
    Latin one read as that one (``latin_skeleton``), and each finding's span is the span of ``text`` itself,
    invisible characters inside included."""
    view = aligned(text)
    seen = view.text
    latin = latin_skeleton(seen)
    found: list[Finding] = []
    found += _codes(latin, identifiers)
    found += _emails(latin)
    found += _own_documents(seen, identifiers)
    found += _dates(seen, identifiers)
    found += _phones(seen)
    found += _pattern(seen, _DOCUMENT_LIKE, Kind.DOCUMENT)
    found += _pattern(seen, _LONG_NUMBER, Kind.NUMBER)
    found += _words(seen, identifiers.names, Kind.NAME)
    found += _words(seen, identifiers.places, Kind.PLACE)
    rank = {kind: i for i, kind in enumerate(PRIORITY)}
    kept: list[Finding] = []
    for finding in sorted(found, key=lambda f: (rank[f.kind], f.start - f.end, f.start)):
        if all(finding.end <= k.start or finding.start >= k.end for k in kept):
            kept.append(finding)
    spans = [(finding.kind, *view.span(finding.start, finding.end)) for finding in kept]
    return sorted((Finding(kind, start, end, text[start:end]) for kind, start, end in spans), key=lambda f: f.start)


def redact(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with each ``(start, end)`` span replaced by ``REMOVED``."""
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + REMOVED + text[end:]
    return text


def carry_resolutions(
    findings: list[Finding], text: str, previous: list[dict[str, Any]], previous_text: str
) -> list[dict[str, Any]]:
    """The warnings to store for ``findings`` in ``text``. A finding keeps the resolution of the earlier
    warning with the same kind and the same wording, occurrence by occurrence: after an edit elsewhere, the
    second "Gul" keeps the decision taken on the second "Gul", and a new third one is unresolved."""
    decided: dict[tuple[str, str, int], dict[str, Any]] = {}
    seen: Counter[tuple[str, str]] = Counter()
    for warning in sorted(previous, key=lambda w: int(w["start"])):
        key = (str(warning["kind"]), previous_text[warning["start"] : warning["end"]])
        if warning.get("resolution"):
            decided[(*key, seen[key])] = warning["resolution"]
        seen[key] += 1
    seen.clear()
    stored = []
    for finding in findings:
        key = (finding.kind, text[finding.start : finding.end])
        stored.append(
            {
                "id": finding.id,
                "kind": finding.kind,
                "start": finding.start,
                "end": finding.end,
                "resolution": decided.get((*key, seen[key])),
            }
        )
        seen[key] += 1
    return stored


def unresolved(warnings: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [w for w in warnings if not w.get("resolution")]


def _pattern(text: str, pattern: re.Pattern[str], kind: str) -> Iterator[Finding]:
    for match in pattern.finditer(text):
        yield Finding(kind, match.start(), match.end(), match.group())


_LETTER = r"[^\W\d_]"
_CODE_CHAR = f"[{ALPHABET}]"
_GENERIC_CODE = re.compile(
    rf"(?<![\w-])[A-Z]{{2}}-(?:F-{_CODE_CHAR}{{6}}|{_CODE_CHAR}{{4}}-{_CODE_CHAR}{{4}}(?:/\d+)?)(?!\w)", re.IGNORECASE
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_DOCUMENT_LIKE = re.compile(rf"(?<!\w){_LETTER}{{1,3}}[\s№#-]?\d{{6,9}}(?!\d)")
_LONG_NUMBER = re.compile(r"(?<!\d)\d{6,}(?!\d)")
_PHONE = re.compile(r"(?<![\w+])\+?\(?\d[\d\s().-]{5,}\d(?!\w)")
_LOCAL_PHONE = re.compile(r"\d{3}-\d{2}-\d{2}")


def _codes(text: str, identifiers: Identifiers) -> Iterator[Finding]:
    yield from _pattern(text, _GENERIC_CODE, Kind.CODE)
    for code in identifiers.codes:
        yield from _pattern(text, re.compile(re.escape(code), re.IGNORECASE), Kind.CODE)


def _emails(text: str) -> Iterator[Finding]:
    return _pattern(text, _EMAIL, Kind.EMAIL)


def _phones(text: str) -> Iterator[Finding]:
    at = 0
    while (match := _PHONE.search(text, at)) is not None:
        found = match.group()
        digits = sum(c.isdigit() for c in found)
        plausible = 7 <= digits <= 15 and (found.startswith("+") or digits >= 9 or _LOCAL_PHONE.fullmatch(found))
        if plausible and not found.isdigit():  # a bare run of digits is a long number (below), whatever it is
            yield Finding(Kind.PHONE, match.start(), match.end(), found)
            at = match.end()
            continue
        # Numbers side by side ("on 10.03.2015 90 123 45 67"): look again from the next group.
        space = re.search(r"\s", found)
        at = match.start() + space.end() if space else match.end()


def _compact(number: str) -> str:
    # A document number typed with look-alike letters of another script is the same number.
    return "".join(c for c in latin_skeleton(clean(number).upper()) if c.isalnum())


def _own_documents(text: str, identifiers: Identifiers) -> Iterator[Finding]:
    # In capitals, letter for letter (a small Cyrillic "в" is drawn like the capital "B" it stands for).
    text = latin_skeleton("".join(c.upper() if len(c.upper()) == 1 else c for c in text))
    for number in identifiers.documents:
        parts = [re.escape(c) for c in number]
        pattern = re.compile(r"(?<![^\W_])" + r"[\s./№#-]*".join(parts) + r"(?![^\W_])", re.IGNORECASE)
        yield from _pattern(text, pattern, Kind.OWN_DOCUMENT)


def _words(text: str, keys: frozenset[str], kind: str) -> Iterator[Finding]:
    for start, end in dossier_words.find(text, keys):
        yield Finding(kind, start, end, text[start:end])


# --- dates -------------------------------------------------------------------------------------------------

_MONTH_NAMES = {
    1: "january jan january января январь январ yanvar қаңтар ýanwar",
    2: "february feb февраля февраль феврал fevral ақпан fewral",
    3: "march mar марта март mart наурыз",
    4: "april apr апреля апрель апрел aprel сәуір",
    5: "may мая май мамыр maý",
    6: "june jun июня июнь июн iyun маусым iýun",
    7: "july jul июля июль июл iyul шілде iýul",
    8: "august aug августа август avgust тамыз awgust",
    9: "september sep sept сентября сентябрь сентябр sentabr sentyabr қыркүйек sentýabr",
    10: "october oct октября октябрь октябр oktabr oktyabr қазан oktýabr",
    11: "november nov ноября ноябрь ноябр noyabr қараша noýabr",
    12: "december dec декабря декабрь декабр dekabr желтоқсан",
}
# Keys are folded, so a month written in any script of the region is found: "марта", "mart", "March".
MONTHS: dict[str, int] = {fold(word): month for month, words in _MONTH_NAMES.items() for word in words.split()}

_DAY = r"(?P<d>\d{1,2})(?:st|nd|rd|th|-?chi|-?nchi|-?го|-?е)?"
_MONTH_WORD = rf"(?<!{_LETTER})(?P<m>{_LETTER}{{3,12}})\.?"
_YEAR = r"(?P<y>\d{4})(?!\d)"
_YEAR_WORD = r"(?:\s*-?\s*(?:yil|йил|жыл\w*|sol|сол|г\.|года|year))?"
_SEP = r"[\s.,/-]+"
_DATE_PATTERNS = [
    re.compile(r"(?<!\d)(?P<y>\d{4})(?P<s>[-./])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})(?!\d)"),
    re.compile(r"(?<!\d)(?<!\d\.)(?P<d>\d{1,2})(?P<s>[-./])(?P<m>\d{1,2})(?P=s)(?P<y>\d{4}|\d{2})(?![\d.]\d)"),
    re.compile(rf"(?<!\d){_DAY}(?:{_SEP}of)?{_SEP}{_MONTH_WORD},?{_SEP}{_YEAR}{_YEAR_WORD}"),
    re.compile(rf"{_MONTH_WORD}{_SEP}(?<!\d){_DAY},?{_SEP}{_YEAR}"),
    re.compile(rf"(?<!\d){_YEAR}{_YEAR_WORD},?{_SEP}(?<!\d){_DAY}{_SEP}{_MONTH_WORD}"),
    re.compile(rf"(?<!\d){_YEAR}{_YEAR_WORD},?{_SEP}{_MONTH_WORD}{_SEP}(?<!\d){_DAY}(?!\d)"),
]


def _dates(text: str, identifiers: Identifiers) -> Iterator[Finding]:
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            candidates = _candidate_dates(match)
            if not candidates:
                continue
            kind = Kind.BIRTH_DATE if candidates & identifiers.birth_dates else Kind.DATE
            yield Finding(kind, match.start(), match.end(), match.group())


def _candidate_dates(match: re.Match[str]) -> set[date]:
    """The real dates a match can mean: day and month swap when both are numbers (10/03 is October in the
    US), and a two-digit year is in either century."""
    groups = match.groupdict()
    raw_month = groups["m"]
    month = int(raw_month) if raw_month.isdigit() else MONTHS.get(fold(raw_month), 0)
    day, year = int(groups["d"]), int(groups["y"])
    years = [year] if year >= 100 else [1900 + year, 2000 + year]
    orders = {(month, day), (day, month)} if raw_month.isdigit() else {(month, day)}
    found = set()
    for y in years:
        for m, d in orders:
            try:
                found.add(date(y, m, d))
            except ValueError:  # month 0 (not a month word), day 31 in April ...
                continue
    return found
