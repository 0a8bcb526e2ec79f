"""English, Russian and Uzbek (Latin) are kept complete; the other Central Asian catalogues exist, ready."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.conf import settings

from hamkor.core.catalogues import entries

LOCALE = Path(settings.LOCALE_PATHS[0])
CYRILLIC = re.compile(r"[\u0400-\u04FF]")


def _entries(po: Path) -> list[dict[str, object]]:
    return entries(po)


@pytest.mark.parametrize("language", ["ru", "uz"])
def test_catalogue_is_complete(language):
    entries = _entries(LOCALE / language / "LC_MESSAGES" / "django.po")
    assert len(entries) > 100
    untranslated = [
        e["msgid"] for e in entries if e["fuzzy"] or not all(v for k, v in e.items() if k.startswith("msgstr"))
    ]
    assert untranslated == []


def test_uzbek_catalogue_is_in_latin_script_with_the_proper_apostrophe():
    entries = _entries(LOCALE / "uz" / "LC_MESSAGES" / "django.po")
    texts = [str(v) for e in entries for k, v in e.items() if k.startswith("msgstr")]
    assert not [t for t in texts if CYRILLIC.search(t)]
    assert not [t for t in texts if re.search(r"[OoGg]['‘’`]", t)], "use ʻ (U+02BB) in oʻ and gʻ"


@pytest.mark.parametrize("language", ["kk", "ky", "tg", "tk"])
def test_central_asian_catalogues_are_ready_to_translate(language):
    entries = _entries(LOCALE / language / "LC_MESSAGES" / "django.po")
    assert len(entries) == len(_entries(LOCALE / "ru" / "LC_MESSAGES" / "django.po"))
