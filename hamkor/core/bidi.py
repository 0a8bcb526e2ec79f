"""The order in which a browser shows text that carries bidirectional controls.

A right-to-left override (U+202E) shows the Latin letters after it backwards: stored ``Dil`` U+202E ``azon``
shows as ``Dilnoza``. Embeddings, isolates and the right-to-left mark move whole runs (``noza`` U+200F ``Dil``
inside an embedding shows as ``Dilnoza`` too). Removing the controls would store the letters in an order
nobody saw, so ``hamkor.core.normalise`` asks this module for the order a reader saw and stores that.

``shown`` runs the Unicode Bidirectional Algorithm (UAX #9) on a left-to-right paragraph, the direction of
every page of the platform: explicit levels (X1–X8, isolates read as embeddings whose initiators are
neutrals), weak and neutral types (W1–W7, N1–N2), implicit levels (I1–I2), trailing whitespace (L1) and
reordering (L2), mirroring brackets (L4). A paragraph whose controls change nothing a reader sees keeps its
logical order (the ordinary right-to-left mark in Arabic text). One that changes is stored as it showed: for
left-to-right letters the shown order is the order to store; runs of right-to-left letters are turned back
to logical order so that they show as they did.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

__all__ = ["CONTROLS", "Shown", "shown"]

_EMBEDDING: Final = {"\u202a": "L", "\u202b": "R", "\u202d": "L", "\u202e": "R"}  # LRE, RLE, LRO, RLO
_OVERRIDE: Final = {"\u202d": "L", "\u202e": "R"}
_ISOLATE: Final = {"\u2066": "L", "\u2067": "R", "\u2068": None}  # LRI, RLI, FSI (direction of its content)
_PDF: Final = "\u202c"
_PDI: Final = "\u2069"
_MARKS: Final = frozenset("\u200e\u200f\u061c")  # LRM, RLM, ALM
# Every character that only steers the direction of others.
CONTROLS: Final = frozenset(_EMBEDDING) | frozenset(_ISOLATE) | {_PDF, _PDI} | _MARKS
_MAX_DEPTH: Final = 125
_STRONG: Final = frozenset({"L", "R", "AL"})
_NEUTRAL: Final = frozenset({"B", "S", "WS", "ON", "LRI", "RLI", "FSI", "PDI"})
_MIRROR: Final = dict(zip("()[]{}<>«»‹›", ")(][}{><»«›‹", strict=True))


@dataclass(frozen=True)
class Shown:
    """Units of a text in the order to store them so that they show as the text did, and the units whose
    bracket showed mirrored (``(`` drawn as ``)``)."""

    order: tuple[int, ...]
    mirrored: frozenset[int]


def shown(text: str, units: Sequence[tuple[int, int]], removed: frozenset[int]) -> Shown | None:
    """How ``text``, cut into ``units`` (spans covering it in order; a unit moves as a whole with its first
    character), showed; ``None`` when its bidirectional controls change nothing a reader sees. Characters at
    the ``removed`` indices (invisible ones) take no part; controls are removed too."""
    order: list[int] = []
    mirrored: set[int] = set()
    changed = False
    for first, last in _paragraphs(text, units):
        span = range(units[first][0], units[last][1])
        if not any(text[i] in CONTROLS for i in span):
            order += range(first, last + 1)
            continue
        gone = removed | {i for i in span if text[i] in CONTROLS}
        steered, odd = _visual(text, units, first, last, {i for i in removed if text[i] not in CONTROLS})
        plain, plain_odd = _visual(text, units, first, last, gone)
        visible = [u for u in steered if units[u][0] not in gone]
        flips = {u for u in odd if text[units[u][0]] in _MIRROR}
        if visible == plain and flips == {u for u in plain_odd if text[units[u][0]] in _MIRROR}:
            order += range(first, last + 1)
            continue
        changed = True
        stored = _logical(text, units, steered)
        # Units of nothing but invisible characters (at the start of the text) show nowhere: keep them first.
        placed = set(stored)
        order += [u for u in range(first, last + 1) if u not in placed] + stored
        # A bracket keeps the glyph it showed; in a run turned back to right-to-left, it is mirrored anyway.
        mirrored |= {u for u in flips if _class(text[units[u][0]]) not in {"R", "AL"}} - _in_rtl_runs(
            text, units, stored
        )
    return Shown(tuple(order), frozenset(mirrored)) if changed else None


def mirror(char: str) -> str:
    return _MIRROR.get(char, char)


def _class(char: str) -> str:
    return unicodedata.bidirectional(char) or "L"


def _paragraphs(text: str, units: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """(first unit, last unit) of each paragraph; a paragraph separator ends its paragraph."""
    found: list[tuple[int, int]] = []
    first = 0
    for u, (start, _end) in enumerate(units):
        if _class(text[start]) == "B":
            found.append((first, u))
            first = u + 1
    if first < len(units):
        found.append((first, len(units) - 1))
    return found


def _visual(
    text: str, units: Sequence[tuple[int, int]], first: int, last: int, removed: set[int] | frozenset[int]
) -> tuple[list[int], set[int]]:
    """The units ``first..last`` (one paragraph) in the order shown, and those shown at an odd level. The
    characters are reordered one by one (a mark between two letters parts their runs); a unit goes where its
    first character went."""
    chars = [i for u in range(first, last + 1) for i in range(*units[u]) if i not in removed]
    placed = [(i, level) for i, level in zip(chars, _levels(text, chars), strict=True) if level >= 0]
    visual = _reorder([i for i, _level in placed], [level for _i, level in placed])
    position = {i: n for n, i in enumerate(visual)}
    level_of = dict(placed)
    heads = [u for u in range(first, last + 1) if units[u][0] in position]
    return sorted(heads, key=lambda u: position[units[u][0]]), {u for u in heads if level_of[units[u][0]] % 2}


def _levels(text: str, chars: list[int]) -> list[int]:
    types, explicit = _explicit(text, chars)
    levels = list(explicit)
    for run in _runs(explicit):
        _resolve(types, explicit, levels, run)
    # L1: whitespace and isolate controls before a segment separator and at the end go to the paragraph level.
    trailing = True
    for k in range(len(chars) - 1, -1, -1):
        if explicit[k] < 0:
            continue
        original = _class(text[chars[k]])
        if original in {"S", "B"}:
            levels[k], trailing = 0, True
        elif trailing and original in {"WS", "LRI", "RLI", "FSI", "PDI"}:
            levels[k] = 0
        else:
            trailing = False
    return levels


def _explicit(text: str, chars: list[int]) -> tuple[list[str], list[int]]:
    """X1–X8: each character's type (overrides applied; the embedding controls become boundary neutrals,
    left out of the runs by a level of -1) and embedding level."""
    stack: list[tuple[int, str | None, bool]] = [(0, None, False)]  # level, override, isolate
    overflow_isolates = overflow_embeddings = valid_isolates = 0
    types: list[str] = []
    levels: list[int] = []
    for k, i in enumerate(chars):
        char, kind = text[i], _class(text[i])
        level, override, _isolate = stack[-1]
        if char in _EMBEDDING:
            new = _next_level(level, _EMBEDDING[char])
            if new <= _MAX_DEPTH and not overflow_isolates and not overflow_embeddings:
                stack.append((new, _OVERRIDE.get(char), False))
            elif not overflow_isolates:
                overflow_embeddings += 1
            types.append("BN")
            levels.append(-1)
        elif char in _ISOLATE:
            types.append(override or "ON")
            levels.append(level)
            direction = _ISOLATE[char] or _first_strong(text, chars[k + 1 :])
            new = _next_level(level, direction)
            if new <= _MAX_DEPTH and not overflow_isolates and not overflow_embeddings:
                valid_isolates += 1
                stack.append((new, None, True))
            else:
                overflow_isolates += 1
        elif char == _PDI:
            if overflow_isolates:
                overflow_isolates -= 1
            elif valid_isolates:
                overflow_embeddings = 0
                while not stack[-1][2]:
                    stack.pop()
                stack.pop()
                valid_isolates -= 1
            level, override, _isolate = stack[-1]
            types.append(override or "ON")
            levels.append(level)
        elif char == _PDF:
            if overflow_isolates:
                pass
            elif overflow_embeddings:
                overflow_embeddings -= 1
            elif not stack[-1][2] and len(stack) > 1:
                stack.pop()
            types.append("BN")
            levels.append(-1)
        elif kind == "B":
            types.append("B")
            levels.append(0)
        else:
            types.append(override if override and kind not in {"BN"} else kind)
            levels.append(level)
    return types, levels


def _next_level(level: int, direction: str) -> int:
    return (level + 1) | 1 if direction == "R" else (level + 2) & ~1


def _first_strong(text: str, chars: list[int]) -> str:
    """P2–P3 for a first-strong isolate: the direction of its first strong character, up to its PDI."""
    depth = 0
    for i in chars:
        char = text[i]
        if char in _ISOLATE:
            depth += 1
        elif char == _PDI:
            if not depth:
                break
            depth -= 1
        elif not depth and _class(char) in _STRONG:
            return "L" if _class(char) == "L" else "R"
    return "L"


def _runs(levels: list[int]) -> list[list[int]]:
    """Level runs (X10), as positions; embedding controls (level -1) belong to none."""
    runs: list[list[int]] = []
    for k, level in enumerate(levels):
        if level < 0:
            continue
        if runs and levels[runs[-1][-1]] == level:
            runs[-1].append(k)
        else:
            runs.append([k])
    return runs


def _edge(levels: list[int], k: int, step: int) -> str:
    """The type at the start (step -1) or the end (step 1) of the run holding position ``k``."""
    level = levels[k]
    j = k + step
    while 0 <= j < len(levels) and levels[j] < 0:
        j += step
    other = levels[j] if 0 <= j < len(levels) else 0
    return "R" if max(level, other) % 2 else "L"


def _resolve(types: list[str], explicit: list[int], levels: list[int], run: list[int]) -> None:
    """W1–W7, N1–N2 over one level run (of the ``explicit`` levels), then I1–I2 into ``levels``."""
    sos, eos = _edge(explicit, run[0], -1), _edge(explicit, run[-1], 1)
    t = [types[k] for k in run]
    for n, kind in enumerate(t):  # W1
        if kind == "NSM":
            t[n] = sos if n == 0 else ("ON" if t[n - 1] in {"LRI", "RLI", "FSI", "PDI"} else t[n - 1])
    strong = sos
    for n, kind in enumerate(t):  # W2, W3
        if kind in _STRONG:
            strong = kind
        if kind == "EN" and strong == "AL":
            t[n] = "AN"
    t = ["R" if kind == "AL" else kind for kind in t]
    for n in range(1, len(t) - 1):  # W4
        before, kind, after = t[n - 1], t[n], t[n + 1]
        if (kind == "ES" and before == after == "EN") or (kind == "CS" and before == after in {"EN", "AN"}):
            t[n] = before
    for n, kind in enumerate(t):  # W5
        if kind == "EN":
            for step in (-1, 1):
                m = n + step
                while 0 <= m < len(t) and t[m] == "ET":
                    t[m] = "EN"
                    m += step
    t = ["ON" if kind in {"ES", "ET", "CS"} else kind for kind in t]  # W6
    strong = sos
    for n, kind in enumerate(t):  # W7
        if kind in {"L", "R"}:
            strong = kind
        elif kind == "EN" and strong == "L":
            t[n] = "L"
    embedding = "R" if explicit[run[0]] % 2 else "L"
    n = 0
    while n < len(t):  # N1, N2
        if t[n] not in _NEUTRAL and t[n] != "BN":
            n += 1
            continue
        end = n
        while end < len(t) and (t[end] in _NEUTRAL or t[end] == "BN"):
            end += 1
        before = sos if n == 0 else ("R" if t[n - 1] in {"R", "EN", "AN"} else "L")
        after = eos if end == len(t) else ("R" if t[end] in {"R", "EN", "AN"} else "L")
        for m in range(n, end):
            t[m] = before if before == after else embedding
        n = end
    for k, kind in zip(run, t, strict=True):  # I1, I2
        if levels[k] % 2 == 0:
            levels[k] += 1 if kind == "R" else 2 if kind in {"AN", "EN"} else 0
        elif kind in {"L", "EN", "AN"}:
            levels[k] += 1


def _reorder(items: list[int], levels: list[int]) -> list[int]:
    """L2: from the highest level down to the lowest odd one, reverse every run at that level or higher."""
    order = list(items)
    if not levels:
        return order
    level_of = dict(zip(items, levels, strict=True))
    lowest_odd = min(level for level in levels if level % 2) if any(level % 2 for level in levels) else None
    if lowest_odd is None:
        return order
    for level in range(max(levels), lowest_odd - 1, -1):
        n = 0
        while n < len(order):
            if level_of[order[n]] < level:
                n += 1
                continue
            end = n
            while end < len(order) and level_of[order[end]] >= level:
                end += 1
            order[n:end] = reversed(order[n:end])
            n = end
    return order


def _is_rtl(text: str, units: Sequence[tuple[int, int]], u: int) -> bool:
    return _class(text[units[u][0]]) in {"R", "AL"}


def _rtl_runs(text: str, units: Sequence[tuple[int, int]], order: list[int]) -> list[tuple[int, int]]:
    """Positions (start, end) in ``order`` of runs from a right-to-left letter to the last one before a
    left-to-right letter."""
    runs: list[tuple[int, int]] = []
    n = 0
    while n < len(order):
        if not _is_rtl(text, units, order[n]):
            n += 1
            continue
        end = last = n
        while end < len(order) and _class(text[units[order[end]][0]]) != "L":
            if _is_rtl(text, units, order[end]):
                last = end
            end += 1
        runs.append((n, last + 1))
        n = last + 1
    return runs


def _logical(text: str, units: Sequence[tuple[int, int]], visual: list[int]) -> list[int]:
    """The shown order turned into an order to store: right-to-left runs back to logical order, numbers in
    them kept as they read."""
    order = list(visual)
    for start, end in _rtl_runs(text, units, order):
        run = order[start:end][::-1]
        n = 0
        while n < len(run):
            if _class(text[units[run[n]][0]]) not in {"EN", "AN"}:
                n += 1
                continue
            stop = n
            while stop < len(run) and _class(text[units[run[stop]][0]]) in {"EN", "AN", "CS", "ES", "ET"}:
                stop += 1
            run[n:stop] = reversed(run[n:stop])
            n = stop
        order[start:end] = run
    return order


def _in_rtl_runs(text: str, units: Sequence[tuple[int, int]], order: list[int]) -> set[int]:
    return {u for start, end in _rtl_runs(text, units, order) for u in order[start:end]}
