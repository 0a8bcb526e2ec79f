from __future__ import annotations

from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from hamkor.core.querysets import RestrictedQuerySet


class Country(models.Model):
    """A country by its ISO 3166-1 codes, named in English, Russian and Uzbek (Latin)."""

    code = models.CharField(_("ISO 3166-1 alpha-2"), max_length=2, primary_key=True)
    code3 = models.CharField(_("ISO 3166-1 alpha-3"), max_length=3, unique=True)
    name_en = models.CharField(_("name (English)"), max_length=100)
    name_ru = models.CharField(_("name (Russian)"), max_length=100)
    name_uz = models.CharField(_("name (Uzbek)"), max_length=100)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("country")
        verbose_name_plural = _("countries")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language, English when there is none."""
        language = (get_language() or "en")[:2]
        return str(getattr(self, f"name_{language}", "") or self.name_en)
