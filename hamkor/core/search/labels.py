"""What a facet value is called on a page: a kind's label, a language's or country's name, a pillar's title."""

from __future__ import annotations

from typing import Final

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from hamkor.core.pillars import Pillar
from hamkor.core.search.registry import KINDS

LANGUAGE_NAMES: Final[dict[str, str | Promise]] = {
    "en": _("English"),
    "ru": _("Russian"),
    "uz": _("Uzbek"),
    "uz-Cyrl": _("Uzbek (Cyrillic)"),
    "kk": _("Kazakh"),
    "ky": _("Kyrgyz"),
    "tg": _("Tajik"),
    "tk": _("Turkmen"),
    "ar": _("Arabic"),
    "fa": _("Dari (Persian)"),
    "ps": _("Pashto"),
    "fr": _("French"),
    "de": _("German"),
    "tr": _("Turkish"),
}


def facet_labels(facets: dict[str, list[tuple[str, int]]]) -> dict[str, dict[str, str]]:
    """For each facet in ``facets``, the display name of each of its values (the value itself when unknown)."""
    from hamkor.core.models import Country

    codes = [value for value, _count in facets.get("country", [])]
    countries = {country.code: country.name for country in Country.objects.filter(code__in=codes)}
    labels: dict[str, dict[str, str]] = {}
    for name, values in facets.items():
        labels[name] = {value: _label(name, value, countries) for value, _count in values}
    return labels


def _label(name: str, value: str, countries: dict[str, str]) -> str:
    if name == "kind":
        return str(KINDS[value].label) if value in KINDS else value
    if name == "type":
        for kind in KINDS.values():
            if value in kind.types:
                return str(kind.types[value])
        return value
    if name == "language":
        return str(LANGUAGE_NAMES.get(value, value))
    if name == "country":
        return countries.get(value, value)
    if name == "pillar":
        return str(Pillar(value).label) if value in Pillar.values else value
    return value
