"""Reading the index: one query, with who-may-see-what inside the SQL, in SQLite FTS5 or PostgreSQL full text.

The access condition (``audience IN (...)``) is part of every statement that touches the index, the hits, the
total and the facet counts alike, so a document a user may not find is not even counted.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from django.db import connection
from django.utils.safestring import SafeString

from hamkor.core.search.registry import KINDS, audiences_of
from hamkor.core.search.text import Term, highlight, query_terms, snippet

FACETS: Final = ("kind", "type", "language", "country", "pillar", "year")
MAX_PAGE: Final = 50
# bm25 column weights on SQLite (title, summary, body); PostgreSQL uses setweight A/B/C with ts_rank defaults.
_WEIGHTS: Final = (10.0, 4.0, 1.0)


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

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


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
    backend = _Postgres() if connection.vendor == "postgresql" else _Sqlite()
    audiences = sorted(audiences_of(user))
    any_word = False
    rows = backend.hits(terms, "all", audiences, conditions, per_page, (page - 1) * per_page)
    mode = "all"
    if not rows and len(terms) > 1 and page == 1:
        mode, any_word = "any", True
        rows = backend.hits(terms, mode, audiences, conditions, per_page, 0)
    total = rows[0][-1] if rows else 0
    if not rows and page > 1:
        total = backend.count(terms, mode, audiences, conditions)
    hits = [
        SearchHit(
            kind, object_id, title, url, snippet(text, terms), language, year, float(score), highlight(title, terms)
        )
        for _id, kind, object_id, title, url, text, language, year, score, _total in rows
    ]
    facets = backend.facets(terms, mode, audiences, conditions) if with_facets and (rows or total) else {}
    return SearchPage(query, hits, total, page, per_page, facets, any_word)


class _Backend:
    """The SQL both engines share; each supplies how a query matches and how a match is scored."""

    match_from = ""
    score = ""
    title_hit = ""
    order = ""

    def match_params(self, terms: list[Term], mode: str) -> list[Any]:
        raise NotImplementedError

    def where(self, audiences: list[str], conditions: dict[str, str]) -> tuple[str, list[Any]]:
        marks = ", ".join(["%s"] * len(audiences))
        sql = f" AND d.audience IN ({marks}) AND (d.hidden_from = '' OR d.hidden_from NOT IN ({marks}))"
        params: list[Any] = [*audiences, *audiences]
        for name, value in sorted(conditions.items()):
            sql += (
                " AND EXISTS (SELECT 1 FROM core_searchfacet f"
                " WHERE f.document_id = d.id AND f.name = %s AND f.value = %s)"
            )
            params += [name, value]
        return sql, params

    def score_params(self, terms: list[Term], mode: str) -> list[Any]:
        return [term.stem for term in terms]

    def scored(self, terms: list[Term]) -> str:
        """The engine's relevance, multiplied by one plus the number of query words that begin a title word:
        both engines' scores grow with a long body, and a title that names the subject should still lead."""
        title_hits = " + ".join([self.title_hit] * len(terms))
        return f"({self.score}) * (1 + {title_hits})"

    def hits(
        self, terms: list[Term], mode: str, audiences: list[str], conditions: dict[str, str], limit: int, offset: int
    ) -> list[tuple[Any, ...]]:
        # Score every match, keep the page's ids with the total, and only then read those rows' text.
        where, params = self.where(audiences, conditions)
        sql = (
            f"WITH m AS MATERIALIZED (SELECT d.id AS id, {self.scored(terms)} AS score {self.match_from}{where}),"  # noqa: S608 (constant SQL, values are parameters)
            f" top AS (SELECT id, score, count(*) OVER () AS total FROM m ORDER BY score {self.order}, id"
            " LIMIT %s OFFSET %s)"
            " SELECT d.id, d.kind, d.object_id, d.title, d.url, d.text, d.language, d.year, top.score, top.total"
            f" FROM top JOIN core_searchdocument d ON d.id = top.id ORDER BY top.score {self.order}, d.id"
        )
        arguments = [*self.score_params(terms, mode), *self.match_params(terms, mode), *params, limit, offset]
        with connection.cursor() as cursor:
            cursor.execute(sql, arguments)
            return list(cursor.fetchall())

    def count(self, terms: list[Term], mode: str, audiences: list[str], conditions: dict[str, str]) -> int:
        where, params = self.where(audiences, conditions)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) {self.match_from}{where}", [*self.match_params(terms, mode), *params])
            return int(cursor.fetchone()[0])

    def facets(
        self, terms: list[Term], mode: str, audiences: list[str], conditions: dict[str, str]
    ) -> dict[str, list[tuple[str, int]]]:
        where, params = self.where(audiences, conditions)
        matched = f"SELECT d.id {self.match_from}{where}"
        sql = f"SELECT f.name, f.value, count(*) FROM core_searchfacet f WHERE f.document_id IN ({matched})"  # noqa: S608
        sql += " GROUP BY f.name, f.value"
        counts: dict[str, list[tuple[str, int]]] = {}
        with connection.cursor() as cursor:
            cursor.execute(sql, [*self.match_params(terms, mode), *params])
            for name, value, count in cursor.fetchall():
                if name in FACETS:
                    counts.setdefault(name, []).append((value, int(count)))
        for name, values in counts.items():
            if name == "year":
                values.sort(key=lambda pair: pair[0], reverse=True)
            else:
                values.sort(key=lambda pair: (-pair[1], pair[0]))
        return counts


class _Sqlite(_Backend):
    match_from = (
        "FROM core_search_fts JOIN core_searchdocument d ON d.id = core_search_fts.rowid WHERE core_search_fts MATCH %s"
    )
    score = "bm25(core_search_fts, {}, {}, {})".format(*_WEIGHTS)
    title_hit = "(instr(' ' || d.title_key, ' ' || %s) > 0)"
    order = "ASC"  # bm25 is negative: the more relevant, the lower

    def match_params(self, terms: list[Term], mode: str) -> list[Any]:
        parts = [f'("{t.word}" OR "{t.stem}"*)' if t.stem != t.word else f'"{t.word}"*' for t in terms]
        return [(" OR " if mode == "any" else " AND ").join(parts)]


class _Postgres(_Backend):
    match_from = "FROM core_searchdocument d WHERE d.vector @@ to_tsquery('simple', %s)"
    score = "ts_rank(d.vector, to_tsquery('simple', %s))"
    title_hit = "(position(' ' || %s in ' ' || d.title_key) > 0)::int"
    order = "DESC"

    def match_params(self, terms: list[Term], mode: str) -> list[Any]:
        parts = [f"({t.word} | {t.stem}:*)" if t.stem != t.word else f"{t.word}:*" for t in terms]
        return [(" | " if mode == "any" else " & ").join(parts)]

    def score_params(self, terms: list[Term], mode: str) -> list[Any]:
        return [*self.match_params(terms, mode), *super().score_params(terms, mode)]
