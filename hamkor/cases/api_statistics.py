"""The statistics endpoints under /api/v1/cases/ (mounted by hamkor/cases/api.py)."""

from ninja import Router

router = Router(tags=["cases"])
