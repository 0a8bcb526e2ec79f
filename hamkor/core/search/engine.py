"""Reading the index: who may find what, and every filter, are part of the full-text query itself.

Both engines get the same question: the query's words, restricted to the user's audiences (and not hidden from
them), narrowed by facet filters. Audiences and facet values are written into the index as reserved tokens (see
``text.filter_tokens``), so SQLite FTS5 and PostgreSQL answer with doclist intersections, and a document a user
may not find is never listed, never counted and never in a facet.

A query needs every word, failing that all words but one, failing that any word. A first pass, which the
engine stops after ``RANK_ALL`` + 1 matches, tells a narrow query from a broad one. A narrow query's matches
are all ranked by where each word stands (title 10, summary 4, body 1: the weighted fields; the very word
typed counts a fifth more than another form of it), shorter titles first among equals; its facets are exact.
A broad query is answered in tiers by field (every word in the title, then in the title or summary, then
anywhere), the most recently indexed first inside a tier, reading only the tiers a page reaches; its total is
counted in one more pass that also draws a hashed sample for the facet estimates. Neither path needs bm25 or
ts_rank, whose first step is to count every document of every query word.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Final

from django.db import connection, transaction
from django.utils.safestring import SafeString

from hamkor.core.search.registry import KINDS, PUBLIC, audiences_of
from hamkor.core.search.text import RESTRICTED, Term, filter_token, highlight, holds_every_term, query_terms, snippet

FACETS: Final = ("kind", "type", "language", "country", "pillar", "year")
MAX_PAGE: Final = 50
# Up to this many matches, every match is ranked (with the title boost) and the facets are counted exactly;
# beyond it, the tiers take over and the facets are estimated from a sample.
RANK_ALL: Final = 1000
# The most documents facets are counted over. A broad query's sample is drawn inside the database by a
# multiplicative hash of the id (one in 8, or one in 64), then cut to this size at random if still larger.
FACET_SAMPLE: Final = 1000
_CENSUS: Final = (
    "count(*), group_concat({id}) FILTER (WHERE (({id} * 2654435761) & 4095) < 512),"
    " group_concat({id}) FILTER (WHERE (({id} * 2654435761) & 4095) < 64)"
)
TIERS: Final = ("title", "summary", "body")


@dataclass(frozen=True)
class SearchHit:
    kind: str
    object_id: str
    title: str
    url: str
    snippet: SafeString
    language: str
    year: int | None
    score: float
    title_html: SafeString

    @property
    def kind_label(self) -> str:
        kind = KINDS.get(self.kind)
        return str(kind.label) if kind else self.kind


@dataclass(frozen=True)
class SearchPage:
    """One page of results, best first, with the total and the facet counts of everything that matched."""

    query: str
    hits: list[SearchHit]
    total: int
    page: int
    per_page: int
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    any_word: bool = False  # no document held every word, so these hold at least one
    facets_exact: bool = True  # False: counted over an even sample of the matches and scaled

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


@dataclass(frozen=True)
class _Question:
    terms: list[Term]
    least: int  # how many of the terms a document must hold
    audiences: list[str]
    filters: dict[str, str]

    def groups(self) -> list[list[Term]]:
        """The sets of terms one of which a document must hold entirely."""
        return [list(group) for group in combinations(self.terms, self.least)]


def search(
    user: Any,
    query: str,
    *,
    kind: str | None = None,
    filters: dict[str, str] | None = None,
    page: int = 1,
    per_page: int = 20,
    with_facets: bool = True,
) -> SearchPage:
    """The documents ``user`` may find that match ``query`` (every word, or failing that any word)."""
    terms = query_terms(query)
    page = max(1, page)
    per_page = max(1, min(per_page, MAX_PAGE))
    if not terms:
        return SearchPage(query, [], 0, page, per_page)
    conditions = dict(filters or {})
    if kind:
        conditions["kind"] = kind
    conditions = {name: value for name, value in conditions.items() if name in FACETS and value}
    backend: _Backend = _Postgres() if connection.vendor == "postgresql" else _Sqlite()
    audiences = sorted(audiences_of(user))
    # Every word; failing that all words but one; failing that any word.
    for least in dict.fromkeys([len(terms), max(1, len(terms) - 1), 1]):
        question = _Question(terms, least, audiences, conditions)
        matched = backend.ids(question, RANK_ALL + 1)
        if matched:
            break
    if not matched:
        return SearchPage(query, [], 0, page, per_page)
    offset = (page - 1) * per_page
    exact = len(matched) <= RANK_ALL
    if exact:
        total, sample = len(matched), matched
        ranked = _rank_all(backend, question, matched)[offset : offset + per_page]
    else:
        total, sample = backend.census(question)
        ranked = _page_of(backend, question, offset, per_page)
    rows = backend.rows([pk for pk, _score in ranked])
    hits = []
    for pk, score in ranked:
        _id, kind_key, object_id, title, url, text, language, year = rows[pk]
        shown = snippet(text, terms, scan=not holds_every_term(title, terms))
        hits.append(SearchHit(kind_key, object_id, title, url, shown, language, year, score, highlight(title, terms)))
    facets = backend.facets(_sample(sample), total) if with_facets else {}
    return SearchPage(query, hits, total, page, per_page, facets, question.least < len(terms), exact)


def _rank_all(backend: _Backend, question: _Question, matched: list[int]) -> list[tuple[int, float]]:
    """Every match of a narrow query ranked by where each query word was found: 10 for the title, 4 for the
    summary, 1 for the body alone (the weighted fields), with a shorter title first among equals. Every match
    holds the words (or all but one), so it is where they stand that tells the matches apart; and it costs no
    second pass over the index, as bm25 would to count each word's documents."""
    starts = [(f" {term.word} ", tuple(f" {prefix}" for prefix in term.prefixes)) for term in question.terms]
    scored = []
    for pk, (title_key, summary_key) in backend.heads(matched).items():
        title, summary = f" {title_key} ", f" {summary_key} "
        score = 0.0
        for exact, prefixes in starts:  # the very word typed counts a fifth more than another form of it
            if any(prefix in title for prefix in prefixes):
                score += 12.0 if exact in title else 10.0
            elif any(prefix in summary for prefix in prefixes):
                score += 4.8 if exact in summary else 4.0
            else:
                score += 1.0
        scored.append((pk, score + 1.0 / (2 + len(title_key))))
    return sorted(scored, key=lambda pair: (-pair[1], pair[0]))


def _page_of(backend: _Backend, question: _Question, offset: int, limit: int) -> list[tuple[int, float]]:
    """One page of a broad query, walking the tiers (every word in the title, then in the title or summary, then
    anywhere) and reading only those the page reaches into; the first page needs no counting, as a tier that fills
    it ends the walk. The score is the tier's weight, so the API and the page can tell the tiers apart."""
    found: list[tuple[int, float]] = []
    for tier in range(len(TIERS)):
        if offset:
            size = backend.count(question, tier)
            if offset >= size:
                offset -= size
                continue
        weight = float(len(TIERS) - tier)
        found += [(pk, weight) for pk in backend.ranked(question, tier, limit - len(found), offset)]
        offset = 0
        if len(found) >= limit:
            break
    return found


def _sample(matched: list[int]) -> list[int]:
    """Every match, or ``FACET_SAMPLE`` of them drawn at random with the match count as the seed (the same
    question gets the same estimate, and no pattern in the order of indexing biases it)."""
    if len(matched) <= FACET_SAMPLE:
        return matched
    return random.Random(len(matched)).sample(matched, FACET_SAMPLE)  # noqa: S311 (a statistical sample)


class _Backend:
    """What each engine answers; the SQL around it is shared."""

    def match(self, question: _Question, tier: int | None) -> str:
        raise NotImplementedError

    def ids(self, question: _Question, limit: int) -> list[int]:
        """Matching ids, at most ``limit``, unranked: the engine stops at the limit, so this costs a broad query
        little, and tells a narrow one (every match ranked) from a broad one (tiers)."""
        raise NotImplementedError

    def census(self, question: _Question) -> tuple[int, list[int]]:
        """How many documents match, and a sample of them (one in 8, or one in 64 of a larger set)."""
        raise NotImplementedError

    @staticmethod
    def pick(count: int, one_in_8: str | None, one_in_64: str | None) -> tuple[int, list[int]]:
        chosen = one_in_8 if count <= 8 * FACET_SAMPLE else one_in_64
        return count, [int(pk) for pk in chosen.split(",")] if chosen else []

    def count(self, question: _Question, tier: int) -> int:
        raise NotImplementedError

    def ranked(self, question: _Question, tier: int, limit: int, offset: int) -> list[int]:
        """One tier's matches for a page, the most recently indexed first."""
        raise NotImplementedError

    def heads(self, ids: list[int]) -> dict[int, tuple[str, str]]:
        """The folded title and summary of each document."""
        found: dict[int, tuple[str, str]] = {}
        with connection.cursor() as cursor:
            for start in range(0, len(ids), 1000):
                chunk = ids[start : start + 1000]
                marks = ", ".join(["%s"] * len(chunk))
                sql = f"SELECT id, title_key, summary_key FROM core_searchdocument WHERE id IN ({marks})"  # noqa: S608
                cursor.execute(sql, chunk)
                found.update((pk, (title, summary)) for pk, title, summary in cursor.fetchall())
        return found

    def rows(self, ids: list[int]) -> dict[int, tuple[Any, ...]]:
        if not ids:
            return {}
        marks = ", ".join(["%s"] * len(ids))
        sql = "SELECT id, kind, object_id, title, url, text, language, year FROM core_searchdocument"
        with connection.cursor() as cursor:
            cursor.execute(f"{sql} WHERE id IN ({marks})", ids)
            return {row[0]: tuple(row) for row in cursor.fetchall()}

    def facets(self, sample: list[int], total: int) -> dict[str, list[tuple[str, int]]]:
        """Facet counts over ``sample`` (every match, or a sample of them), scaled to ``total``."""
        if not sample:
            return {}
        scale = total / len(sample)
        counts: Counter[tuple[str, str]] = Counter()
        marks = ", ".join(["%s"] * len(sample))
        where = f"WHERE document_id IN ({marks})"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT name, value, count(*) FROM core_searchfacet {where} GROUP BY name, value",  # noqa: S608
                sample,
            )
            for name, value, count in cursor.fetchall():
                counts[(name, value)] += int(count)
        result: dict[str, list[tuple[str, int]]] = {}
        for (name, value), count in counts.items():
            if name in FACETS:
                result.setdefault(name, []).append((value, round(count * scale)))
        for name, values in result.items():
            if name == "year":
                values.sort(key=lambda pair: pair[0], reverse=True)
            else:
                values.sort(key=lambda pair: (-pair[1], pair[0]))
        return result


class _Sqlite(_Backend):
    """FTS5: column filters make the tiers, reserved tokens in ``filter_key`` the access and the facets."""

    _COLUMNS: Final = ("title_key", "{title_key summary_key}", "{title_key summary_key body_key}")

    def match(self, question: _Question, tier: int | None) -> str:
        words = " OR ".join("(" + " AND ".join(self._term(t) for t in group) + ")" for group in question.groups())
        hidden = " OR ".join(filter_token("hidden", a) for a in question.audiences)
        positive = [f"({self._COLUMNS[2 if tier is None else tier]} : ({words}))"]
        positive += [f"(filter_key : {filter_token(n, v)})" for n, v in sorted(question.filters.items())]
        # Leave out the restricted documents the user is not in the audience of: a NOT over the few restricted
        # documents is much cheaper than an AND with the many public ones.
        others = " OR ".join(filter_token("audience", a) for a in question.audiences if a != PUBLIC)
        closed = (
            f"(filter_key : {RESTRICTED}) NOT (filter_key : ({others}))" if others else f"filter_key : {RESTRICTED}"
        )
        expression = f"(({' AND '.join(positive)}) NOT ({closed})) NOT (filter_key : ({hidden}))"
        if tier:
            expression = f"({expression}) NOT ({self._COLUMNS[tier - 1]} : ({words}))"
        return expression

    @staticmethod
    def _term(t: Term) -> str:
        if len(t.word) < 2:  # a one-letter prefix would walk every term of the index
            return f'"{t.word}"'
        prefixes = [f'"{prefix}"*' for prefix in t.prefixes]
        return "(" + " OR ".join([f'"{t.word}"', *prefixes] if t.stem != t.word else prefixes) + ")"

    def _fetch(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return list(cursor.fetchall())

    def ids(self, question: _Question, limit: int) -> list[int]:
        sql = "SELECT rowid FROM core_search_fts WHERE core_search_fts MATCH %s LIMIT %s"
        return [row[0] for row in self._fetch(sql, [self.match(question, None), limit])]

    def census(self, question: _Question) -> tuple[int, list[int]]:
        census = _CENSUS.format(id="rowid")
        sql = f"SELECT {census} FROM core_search_fts WHERE core_search_fts MATCH %s"  # noqa: S608
        count, one_in_8, one_in_64 = self._fetch(sql, [self.match(question, None)])[0]
        return self.pick(int(count), one_in_8, one_in_64)

    def count(self, question: _Question, tier: int) -> int:
        sql = "SELECT count(*) FROM core_search_fts WHERE core_search_fts MATCH %s"
        return int(self._fetch(sql, [self.match(question, tier)])[0][0])

    def ranked(self, question: _Question, tier: int, limit: int, offset: int) -> list[int]:
        sql = "SELECT rowid FROM core_search_fts WHERE core_search_fts MATCH %s ORDER BY rowid DESC LIMIT %s OFFSET %s"
        return [row[0] for row in self._fetch(sql, [self.match(question, tier), limit, offset])]


class _Postgres(_Backend):
    """Three vectors per document in a narrow side table (migration core/0007): the title, the head (title and
    summary) and the full text, each with the reserved tokens and a GIN index. A tier searches its own vector and
    leaves out what the tier before found, so no query names a weight (a weight makes PostgreSQL re-read every
    candidate row). The planner is told not to scan the table: the vectors are only ever worth reading through
    their indexes, whatever share of the rows a common word or the "public" token seems to select."""

    _VECTORS: Final = ("title_vector", "head_vector", "full_vector")

    @staticmethod
    def words(question: _Question) -> str:
        """The query's words as a tsquery (every group of words one of which a document must hold entirely)."""

        def term(t: Term) -> str:
            if len(t.word) < 2:
                return t.word
            prefixes = [f"{prefix}:*" for prefix in t.prefixes]
            return "(" + " | ".join([t.word, *prefixes] if t.stem != t.word else prefixes) + ")"

        return " | ".join("(" + " & ".join(term(t) for t in group) + ")" for group in question.groups())

    def match(self, question: _Question, tier: int | None) -> str:
        words = self.words(question)
        allowed = " | ".join(filter_token("audience", a) for a in question.audiences)
        hidden = " | ".join(filter_token("hidden", a) for a in question.audiences)
        parts = [f"({words})", f"({allowed})", f"!({hidden})"]
        parts += [filter_token(n, v) for n, v in sorted(question.filters.items())]
        return " & ".join(parts)

    def _where(self, tier: int | None) -> str:
        vector = self._VECTORS[2 if tier is None else tier]
        where = f"{vector} @@ to_tsquery('simple', %s)"
        if tier:
            where += f" AND NOT ({self._VECTORS[tier - 1]} @@ to_tsquery('simple', %s))"
        return where

    def _fetch(self, sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute(sql, params)
            return list(cursor.fetchall())

    def ids(self, question: _Question, limit: int) -> list[int]:
        sql = f"SELECT id FROM core_search_vector WHERE {self._where(None)} LIMIT %s"  # noqa: S608
        return [row[0] for row in self._fetch(sql, [self.match(question, None), limit])]

    def census(self, question: _Question) -> tuple[int, list[int]]:
        census = _CENSUS.format(id="id").replace("group_concat(id)", "string_agg(id::text, ',')")
        sql = f"SELECT {census} FROM core_search_vector WHERE {self._where(None)}"  # noqa: S608
        count, one_in_8, one_in_64 = self._fetch(sql, [self.match(question, None)])[0]
        return self.pick(int(count), one_in_8, one_in_64)

    def count(self, question: _Question, tier: int) -> int:
        query = self.match(question, tier)
        sql = f"SELECT count(*) FROM core_search_vector WHERE {self._where(tier)}"  # noqa: S608
        return int(self._fetch(sql, [query] * (2 if tier else 1))[0][0])

    def ranked(self, question: _Question, tier: int, limit: int, offset: int) -> list[int]:
        query = self.match(question, tier)
        sql = f"SELECT id FROM core_search_vector WHERE {self._where(tier)} ORDER BY id DESC LIMIT %s OFFSET %s"  # noqa: S608
        return [row[0] for row in self._fetch(sql, [query, *([query] if tier else []), limit, offset])]
