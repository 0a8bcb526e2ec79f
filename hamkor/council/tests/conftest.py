"""The people of the consultation tests: the secretariat, a case worker in Uzbekistan, and a small Council
(``consultation_world.council``)."""

from __future__ import annotations

from typing import Any

import pytest

from hamkor.core.roles import Role
from hamkor.council.models import Expert
from hamkor.council.tests.consultation_world import council


@pytest.fixture
def officer(persona: dict[str, Any]) -> Any:
    return persona[Role.PROGRAMME_OFFICER]


@pytest.fixture
def worker(persona: dict[str, Any]) -> Any:
    return persona[Role.CASE_WORKER]


@pytest.fixture
def experts(make_user: Any, officer: Any) -> dict[str, Expert]:
    return council(make_user, officer)
