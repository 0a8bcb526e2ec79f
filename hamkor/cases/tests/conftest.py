"""Fixtures shared by the cases tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.cache import cache


@pytest.fixture
def statistics_cache() -> Iterator[None]:
    """An empty cache before and after the test: the statistics' figures live there between requests."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def worker(make_user: Any) -> Any:
    """A case worker in Uzbekistan, cleared for child protection."""
    return make_user("case_worker", clearances=("child_protection",))


@pytest.fixture
def analyst(persona: dict[str, Any]) -> Any:
    """The persona analyst: works for the Uzbek organisation, so a national analyst."""
    return persona["analyst"]
