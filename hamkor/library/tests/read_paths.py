"""The library's read paths for the generated clearance test: published knowledge (practices, documents,
reviews), never case data — a practice is written without identifiers and nothing of a case is copied in."""

from __future__ import annotations

from hamkor.testing import NOT_PERSONAL

READ_PATHS = {
    name: NOT_PERSONAL
    for name in (
        "library:browse",
        "library:create",
        "library:edit",
        "library:file",
        "library:item",
        "library:mine",
        "library:public_browse",
        "library:public_file",
        "library:public_item",
        "library:reviews",
        "library:upload",
        "GET /api/v1/library/items",
        "GET /api/v1/library/items/{pk}",
    )
}
