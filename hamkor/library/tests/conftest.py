"""The library tests' world: media in a temporary folder, a vetted Council expert with a platform account, and
a partner's good practice in Russian."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hamkor.core.models import Country
from hamkor.council import services as council
from hamkor.council.models import Expert
from hamkor.library import services
from hamkor.library.models import Item

PRACTICE_RU: dict[str, Any] = {
    "kind": "good_practice",
    "title": "Семейная реабилитация женщин, вернувшихся из Сирии",
    "summary": "Реабилитация и реинтеграция женщин и детей через поддержку семьи и махалли.",
    "languages": ["ru"],
    "pillars": ["I", "IV"],
    "themes": ["реинтеграция"],
    "approach": "Социальный работник сопровождает семью в течение года после возвращения.",
    "aims": "Восстановить связи с родственниками и вернуть детей в школу.",
    "methods": "Визиты на дом, групповые встречи матерей, консультации богослова.",
    "access": "public",
}


@pytest.fixture(autouse=True)
def media(settings: Any, tmp_path: Any) -> Any:
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def reviewer(persona: dict[str, Any]) -> Expert:
    """The persona Council expert's vetted profile."""
    officer = persona["programme_officer"]
    expert = council.create_expert(
        officer,
        name="Malika Rakhimova",
        country=Country.objects.get(code="UZ"),
        disciplines=["psychology"],
        languages=["ru", "uz"],
        user=persona["council_expert"],
    )
    council.vet_expert(officer, expert, Expert.Vetting.VETTED)
    return expert


@pytest.fixture
def practice(persona: dict[str, Any]) -> Item:
    """A draft good practice in Russian by the analyst (a partner in Uzbekistan)."""
    return services.create_item(persona["analyst"], **PRACTICE_RU)


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def published(persona: dict[str, Any], reviewer: Expert, **fields: Any) -> Item:
    """An item taken through the whole workflow by the analyst, the programme officer and the expert."""
    item = services.create_item(persona["analyst"], **fields)
    services.submit(persona["analyst"], item)
    services.assign_reviewers(persona["programme_officer"], item, [reviewer])
    services.record_review(persona["council_expert"], item, recommendation="publish", comment="Sound and useful.")
    return services.publish(persona["council_expert"], item)
