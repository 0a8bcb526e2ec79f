"""``GET /api/v1/search``: the one search, best first, with facets; the same index and access as the page."""

from django.http import HttpRequest
from ninja import Query, Router, Schema
from pydantic import Field

from hamkor.core.bounds import Clean, Page, Word
from hamkor.core.policy import demand
from hamkor.core.search import search as run_search
from hamkor.core.search.engine import MAX_PAGE
from hamkor.core.search.labels import facet_labels

router = Router(tags=["search"])


QUERY_MAX = 200
FACET_VALUE_MAX = 64


class SearchFilters(Schema):
    q: Clean = Field(max_length=QUERY_MAX)
    kind: Word = ""
    type: Clean = Field("", max_length=FACET_VALUE_MAX)
    language: Clean = Field("", max_length=FACET_VALUE_MAX)
    country: Clean = Field("", max_length=FACET_VALUE_MAX)
    pillar: Clean = Field("", max_length=FACET_VALUE_MAX)
    year: Clean = Field("", max_length=FACET_VALUE_MAX)
    page: Page = 1
    page_size: int = Field(20, ge=1, le=MAX_PAGE)


class SearchResultOut(Schema):
    kind: str
    kind_label: str
    title: str
    url: str
    snippet: str
    language: str
    year: int | None


class FacetValueOut(Schema):
    value: str
    label: str
    count: int


class SearchOut(Schema):
    query: str
    count: int
    page: int
    pages: int
    any_word: bool
    facets_exact: bool
    results: list[SearchResultOut]
    facets: dict[str, list[FacetValueOut]]


@router.get("/search", response=SearchOut, summary="Search everything the caller may read")
def search(request: HttpRequest, filters: Query[SearchFilters]) -> SearchOut:
    """Results best first. ``snippet`` is HTML: the text is escaped and matching words are in ``<mark>``.
    A document the caller may not read is neither returned nor counted in ``count`` or ``facets``. Facet counts
    are exact up to 2,000 matches; beyond that they are estimated from a sample (``facets_exact`` false)."""
    demand(request.user, "search.use")
    chosen = {
        "type": filters.type,
        "language": filters.language,
        "country": filters.country,
        "pillar": filters.pillar,
        "year": filters.year,
    }
    page = run_search(
        request.user,
        filters.q,
        kind=filters.kind or None,
        filters={name: value for name, value in chosen.items() if value},
        page=filters.page,
        per_page=filters.page_size,
    )
    labels = facet_labels(page.facets)
    return SearchOut(
        query=page.query,
        count=page.total,
        page=page.page,
        pages=page.pages,
        any_word=page.any_word,
        facets_exact=page.facets_exact,
        results=[
            SearchResultOut(
                kind=hit.kind,
                kind_label=hit.kind_label,
                title=hit.title,
                url=hit.url,
                snippet=str(hit.snippet),
                language=hit.language,
                year=hit.year,
            )
            for hit in page.hits
        ],
        facets={
            name: [FacetValueOut(value=v, label=labels[name][v], count=c) for v, c in values]
            for name, values in page.facets.items()
        },
    )
