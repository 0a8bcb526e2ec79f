"""Panel proposal for a Council consultation: which experts to ask, in which order, and why.

A pure module: plain frozen dataclasses in, plain frozen dataclasses out; no models, no database, no clock, no
randomness. The caller (the consultation service) loads the experts and the request and hands them here.

What :func:`propose_panel` guarantees:

* **Exclusions first, with reasons.** An expert who declared a conflict of interest with the case, the requesting
  organisation or the requester's country, who is from the requester's own country when the request excludes it,
  who is not vetted, or who is unavailable is never ranked; :attr:`Proposal.excluded` lists them, each with every
  reason that applies.
* **Coverage before anything else.** Ranking is greedy set cover over the requested disciplines: each next expert
  is the one who adds the most requested disciplines the experts above do not cover yet; ties go to more
  requested languages spoken, then better availability, then fewer open consultations, then the lower id. Once
  nothing more can be covered, the rest follow by depth (how many requested disciplines they cover, for second
  opinions), then the same tie-breaks. So a panel of at least as many seats as requested disciplines covers every
  discipline that any eligible expert covers.
* **One order.** :attr:`Proposal.panel` is the top of :attr:`Proposal.ranked`; the ranked list is sorted by
  :attr:`Score.key` (descending) then id, so every entry can say why it stands where it stands.
* **Deterministic.** The same request and the same experts, in any input order, give the same proposal.
* **Explained.** Every ranked entry and every exclusion carries human-readable reasons, translatable
  (``gettext_lazy``), built on access so a long ranked list costs nothing until it is shown.

The experts are professionals being matched to a request. Nothing here concerns a returnee: the module never
sees person data, and it decides nothing about anyone: a coordinator confirms the panel and each expert
accepts or declines.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import cached_property
from typing import TYPE_CHECKING

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

if TYPE_CHECKING:
    from django.utils.functional import _StrPromise as StrPromise

DISCIPLINES: dict[str, StrPromise] = {
    "law_enforcement": _("Law enforcement"),
    "prosecution_courts": _("Prosecution and courts"),
    "psychology": _("Psychology"),
    "psychiatry": _("Psychiatry"),
    "theology": _("Theology"),
    "medicine": _("Medicine"),
    "social_work": _("Social work"),
    "education": _("Education"),
    "civil_society": _("Civil society"),
    "research": _("Research"),
}
LANGUAGES: dict[str, StrPromise] = {
    "uz": _("Uzbek"),
    "ru": _("Russian"),
    "kk": _("Kazakh"),
    "ky": _("Kyrgyz"),
    "tg": _("Tajik"),
    "tk": _("Turkmen"),
    "en": _("English"),
    "ar": _("Arabic"),
    "fa": _("Persian"),
    "ps": _("Pashto"),
}
AVAILABLE, LIMITED, UNAVAILABLE = "available", "limited", "unavailable"
AVAILABILITY: dict[str, StrPromise] = {
    AVAILABLE: _("available"),
    LIMITED: _("limited availability"),
    UNAVAILABLE: _("unavailable"),
}
VETTED = "vetted"  # any other vetting status (pending, expired, refused, ...) keeps an expert off panels

_BIT = {code: 1 << i for i, code in enumerate(DISCIPLINES)}
_AVAILABILITY_RANK = {AVAILABLE: 2, LIMITED: 1, UNAVAILABLE: 0}


def _mask(disciplines: Iterable[str]) -> int:
    return sum(_BIT[d] for d in set(disciplines))


# The discipline codes of every bit mask, in the canonical order of DISCIPLINES (1,024 small tuples).
_CODES = tuple(tuple(code for code, bit in _BIT.items() if mask & bit) for mask in range(1 << len(_BIT)))


def _unknown(values: Iterable[str], known: dict[str, StrPromise], what: str) -> None:
    unknown = sorted(set(values) - known.keys())
    if unknown:
        raise ValueError(f"unknown {what}: {', '.join(unknown)}")


@dataclass(frozen=True, slots=True)
class Candidate:
    """An expert as the proposal sees them: who they are, what they cover, and what keeps them off a panel.

    ``workload`` is the number of consultations the expert sits on that are still open. Codes are validated on
    construction, so a misspelt discipline fails loudly instead of silently covering nothing."""

    id: int
    name: str
    country: str
    organisation_id: int | None
    disciplines: frozenset[str]
    languages: frozenset[str]
    vetting: str  # no default: an expert is vetted only when the caller says so
    availability: str = AVAILABLE
    workload: int = 0
    conflict_countries: frozenset[str] = frozenset()
    conflict_organisations: frozenset[int] = frozenset()
    conflict_cases: frozenset[str] = frozenset()  # keyed references of the cases named, never case numbers
    discipline_mask: int = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        _unknown(self.disciplines, DISCIPLINES, "discipline")
        _unknown(self.languages, LANGUAGES, "language")
        if self.availability not in _AVAILABILITY_RANK:
            raise ValueError(f"unknown availability: {self.availability}")
        if self.workload < 0:
            raise ValueError("workload cannot be negative")
        object.__setattr__(self, "discipline_mask", _mask(self.disciplines))


@dataclass(frozen=True, slots=True)
class Request:
    """What a consultation asks the Council for. ``deadline`` travels with the request for the caller (reminders,
    display); availability is what the experts declared, so the ranking does not read the deadline."""

    disciplines: tuple[str, ...]
    languages: tuple[str, ...]
    requester_country: str
    requester_organisation_id: int | None
    # The keyed references of the case behind the dossier (one per data key loaded; none for a thematic
    # question): an expert is in conflict when one of them is among their ``conflict_cases``.
    case_keys: frozenset[str] = frozenset()
    exclude_own_country: bool = False
    panel_size: int = 3
    deadline: date | None = None

    def __post_init__(self) -> None:
        if not self.disciplines:
            raise ValueError("a request names at least one discipline")
        _unknown(self.disciplines, DISCIPLINES, "discipline")
        _unknown(self.languages, LANGUAGES, "language")
        if self.panel_size < 1:
            raise ValueError("a panel has at least one seat")


class ExclusionCause(StrEnum):
    """Why an expert may not sit on the panel of this request, most serious first."""

    CONFLICT_CASE = "conflict_case"
    CONFLICT_ORGANISATION = "conflict_organisation"
    CONFLICT_COUNTRY = "conflict_country"
    OWN_COUNTRY = "own_country"
    NOT_VETTED = "not_vetted"
    UNAVAILABLE = "unavailable"


def exclusion_causes(request: Request, expert: Candidate) -> tuple[ExclusionCause, ...]:
    """Every cause that keeps ``expert`` off the panel of ``request`` (empty when the expert is eligible)."""
    causes: list[ExclusionCause] = []
    if not request.case_keys.isdisjoint(expert.conflict_cases):
        causes.append(ExclusionCause.CONFLICT_CASE)
    if request.requester_organisation_id is not None and (
        request.requester_organisation_id in expert.conflict_organisations
    ):
        causes.append(ExclusionCause.CONFLICT_ORGANISATION)
    if request.requester_country in expert.conflict_countries:
        causes.append(ExclusionCause.CONFLICT_COUNTRY)
    if request.exclude_own_country and expert.country == request.requester_country:
        causes.append(ExclusionCause.OWN_COUNTRY)
    if expert.vetting != VETTED:
        causes.append(ExclusionCause.NOT_VETTED)
    if expert.availability == UNAVAILABLE:
        causes.append(ExclusionCause.UNAVAILABLE)
    return tuple(causes)


def _cause_reason(cause: ExclusionCause, request: Request, expert: Candidate) -> StrPromise:
    if cause is ExclusionCause.CONFLICT_CASE:
        # Never the case code: the secretariat reads these reasons, and a code would tie the pseudonymised
        # dossier back to the case it was drawn from.
        return _("declared a conflict of interest with the case behind this dossier")
    if cause is ExclusionCause.CONFLICT_ORGANISATION:
        return _("declared a conflict of interest with the requesting organisation")
    if cause is ExclusionCause.CONFLICT_COUNTRY:
        return format_lazy(
            _("declared a conflict of interest with the requester's country ({country})"),
            country=request.requester_country,
        )
    if cause is ExclusionCause.OWN_COUNTRY:
        return format_lazy(
            _("from the requester's own country ({country}), which the request excludes"),
            country=request.requester_country,
        )
    if cause is ExclusionCause.NOT_VETTED:
        return format_lazy(_("not vetted (status: {status})"), status=expert.vetting)
    return _("unavailable")


@dataclass(frozen=True, slots=True)
class Exclusion:
    """An expert kept off the panel, with every cause that applies."""

    expert: Candidate
    causes: tuple[ExclusionCause, ...]
    request: Request = field(repr=False)

    @property
    def reasons(self) -> tuple[StrPromise, ...]:
        return tuple(_cause_reason(cause, self.request, self.expert) for cause in self.causes)


@dataclass(frozen=True, slots=True)
class Score:
    """What an expert brings to this request at the place they were ranked.

    ``new_disciplines`` counts requested disciplines nobody ranked above covers; ``disciplines`` counts all the
    requested disciplines the expert covers; ``languages`` the requested languages they speak."""

    new_disciplines: int
    disciplines: int
    languages: int
    availability: str
    workload: int

    @property
    def key(self) -> tuple[int, int, int, int, int]:
        """Higher is better. Depth only counts once an expert adds nothing new, so while disciplines are still
        uncovered the ties go to languages, availability and workload, as the Council asked."""
        depth = self.disciplines if self.new_disciplines == 0 else 0
        return (
            self.new_disciplines,
            depth,
            self.languages,
            _AVAILABILITY_RANK[self.availability],
            -self.workload,
        )


def _join(labels: Sequence[StrPromise]) -> StrPromise:
    return format_lazy(", ".join(["{}"] * len(labels)), *labels)


@dataclass(frozen=True, slots=True)
class RankedExpert:
    """One eligible expert at their rank (1 is first), with the score that put them there."""

    rank: int
    expert: Candidate
    score: Score
    covers_new: tuple[str, ...]  # requested disciplines first brought by this expert, canonical order
    covers: tuple[str, ...]  # every requested discipline the expert covers
    languages: tuple[str, ...]  # requested languages the expert speaks, in the request's order

    @property
    def reasons(self) -> tuple[StrPromise, ...]:
        """Why this expert stands here, in the order the ranking weighs it."""
        parts: list[StrPromise] = []
        if self.covers_new:
            parts.append(
                format_lazy(
                    _("adds requested disciplines: {disciplines}"),
                    disciplines=_join([DISCIPLINES[d] for d in self.covers_new]),
                )
            )
        again = [d for d in self.covers if d not in self.covers_new]
        if again:
            parts.append(
                format_lazy(
                    _("also covers, as a further opinion: {disciplines}"),
                    disciplines=_join([DISCIPLINES[d] for d in again]),
                )
            )
        if not self.covers:
            parts.append(_("covers none of the requested disciplines"))
        if self.languages:
            parts.append(
                format_lazy(
                    _("speaks requested languages: {languages}"),
                    languages=_join([LANGUAGES[code] for code in self.languages]),
                )
            )
        else:
            parts.append(_("speaks none of the requested languages"))
        parts.append(AVAILABILITY[self.score.availability])
        workload = self.score.workload
        parts.append(
            format_lazy(
                ngettext_lazy("{count} open consultation", "{count} open consultations", workload), count=workload
            )
        )
        return tuple(parts)


@dataclass(frozen=True)
class Proposal:
    """The proposal for one request: every eligible expert ranked, the proposed panel, the exclusions.

    The panel is the top ``panel_size`` of the ranking among experts who cover at least one requested
    discipline; it is shorter when too few do. ``uncovered`` lists requested disciplines the panel lacks.
    Entries and exclusions are built when first read: a page that shows the panel does not pay for the
    thousands of ranked experts below it."""

    request: Request
    ranking: tuple[tuple[Candidate, int], ...] = field(repr=False)  # experts in rank order, mask first brought
    excluded_experts: tuple[Candidate, ...] = field(repr=False)  # in id order

    @cached_property
    def ranked(self) -> tuple[RankedExpert, ...]:
        return self._entries(len(self.ranking))

    @cached_property
    def panel(self) -> tuple[RankedExpert, ...]:
        return tuple(entry for entry in self._entries(self.request.panel_size) if entry.covers)

    @cached_property
    def excluded(self) -> tuple[Exclusion, ...]:
        request = self.request
        return tuple(Exclusion(expert, exclusion_causes(request, expert), request) for expert in self.excluded_experts)

    @property
    def uncovered(self) -> tuple[str, ...]:
        covered = {d for entry in self.panel for d in entry.covers}
        return tuple(d for d in DISCIPLINES if d in self.request.disciplines and d not in covered)

    def _entries(self, count: int) -> tuple[RankedExpert, ...]:
        wanted = _mask(self.request.disciplines)
        return tuple(
            _entry(rank, expert, new, wanted, self.request)
            for rank, (expert, new) in enumerate(self.ranking[:count], 1)
        )


def propose_panel(request: Request, candidates: Iterable[Candidate]) -> Proposal:
    """Rank the eligible ``candidates`` for ``request`` and list the others with their reasons (see the module
    docstring for the rules). Raises ValueError when two candidates share an id."""
    wanted_mask = _mask(request.disciplines)
    wanted_languages = frozenset(request.languages)
    case, organisation, country = request.case_keys, request.requester_organisation_id, request.requester_country
    own = country if request.exclude_own_country else None
    excluded: list[Candidate] = []
    # Experts grouped by the requested disciplines they cover: within a group every expert adds the same
    # disciplines at every step, so only the head of each group competes in a greedy step. An expert's
    # tie-break is one tuple, smaller is better: more languages, better availability, less work, lower id.
    groups: dict[int, list[tuple[tuple[int, int, int, int], Candidate]]] = {}
    seen: set[int] = set()
    for expert in candidates:
        if expert.id in seen:
            raise ValueError(f"candidate {expert.id} appears twice")
        seen.add(expert.id)
        # The same tests as exclusion_causes, inlined: this loop runs over the whole Council per request.
        if (
            expert.vetting != VETTED
            or expert.availability == UNAVAILABLE
            or expert.country == own
            or country in expert.conflict_countries
            or not case.isdisjoint(expert.conflict_cases)
            or (organisation is not None and organisation in expert.conflict_organisations)
        ):
            excluded.append(expert)
            continue
        tie = (
            -len(expert.languages & wanted_languages),
            -_AVAILABILITY_RANK[expert.availability],
            expert.workload,
            expert.id,
        )
        groups.setdefault(expert.discipline_mask & wanted_mask, []).append((tie, expert))
    for members in groups.values():
        members.sort()  # ids are unique, so the comparison never reaches the expert

    ranking: list[tuple[Candidate, int]] = []
    uncovered = wanted_mask
    heads = dict.fromkeys(groups, 0)
    while uncovered:
        best: tuple[int, tuple[int, int, int, int], int] | None = None  # -gain, tie, mask: smallest wins
        for mask, index in heads.items():
            gain = (mask & uncovered).bit_count()
            members = groups[mask]
            if gain and index < len(members):
                contender = (-gain, members[index][0], mask)
                if best is None or contender < best:
                    best = contender
        if best is None:
            break  # what is left uncovered, no eligible expert covers
        mask = best[2]
        ranking.append((groups[mask][heads[mask]][1], mask & uncovered))
        uncovered &= ~mask
        heads[mask] += 1
    # Nothing more to cover: the rest by depth, then the same tie-break.
    rest = [(-mask.bit_count(), tie, expert) for mask, index in heads.items() for tie, expert in groups[mask][index:]]
    rest.sort()
    ranking.extend((expert, 0) for _depth, _tie, expert in rest)
    excluded.sort(key=_id)
    return Proposal(request=request, ranking=tuple(ranking), excluded_experts=tuple(excluded))


def _id(expert: Candidate) -> int:
    return expert.id


def _entry(rank: int, expert: Candidate, new: int, wanted_mask: int, request: Request) -> RankedExpert:
    covers = expert.discipline_mask & wanted_mask
    languages = tuple(code for code in request.languages if code in expert.languages)
    score = Score(
        new_disciplines=new.bit_count(),
        disciplines=covers.bit_count(),
        languages=len(languages),
        availability=expert.availability,
        workload=expert.workload,
    )
    return RankedExpert(rank, expert, score, _CODES[new], _CODES[covers], languages)


def check_panel(request: Request, experts: Sequence[Candidate]) -> list[str]:
    """Why a panel a coordinator composed by hand may not stand, one sentence per problem, in the active
    language; empty when it may. Refuses an empty panel, an expert named twice, and any expert with a
    conflict of interest, not vetted, or from the requester's country when the request excludes it.

    Declared availability is not a refusal here: the coordinator may know better, and the expert accepts or
    declines anyway."""
    if not experts:
        return [str(_("A panel needs at least one expert."))]
    refusals: list[str] = []
    seen: set[int] = set()
    for expert in experts:
        if expert.id in seen:
            refusals.append(str(format_lazy(_("{name} is on the panel twice."), name=expert.name)))
            continue
        seen.add(expert.id)
        for cause in exclusion_causes(request, expert):
            if cause is ExclusionCause.UNAVAILABLE:
                continue
            reason = _cause_reason(cause, request, expert)
            refusals.append(str(format_lazy(_("{name}: {reason}."), name=expert.name, reason=reason)))
    return refusals
