"""Case management under /api/v1/cases/, with the same policy as the pages."""

from ninja import Router

router = Router(tags=["cases"])
