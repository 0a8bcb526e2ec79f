from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from hamkor.core.crypto import EncryptedJSONField


class Instrument(models.Model):
    """A versioned assessment instrument, as data: its domains, questions and scale (see ``instruments.py``)."""

    code = models.CharField(_("code"), max_length=60)
    version = models.CharField(_("version"), max_length=20)
    title = models.CharField(_("title"), max_length=200)
    definition = models.JSONField(_("definition"))
    published_at = models.DateTimeField(_("published"))

    class Meta:
        ordering = ["code", "-published_at"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="cases_instrument_version")]
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")

    def __str__(self) -> str:
        return f"{self.title} ({self.version})"


class Assessment(models.Model):
    """One assessment of a case with one instrument version: a score per domain, narratives sealed."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="assessments")
    instrument = models.ForeignKey(Instrument, on_delete=models.PROTECT, related_name="+")
    assessed_on = models.DateField(_("assessed on"))
    assessor = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    scores = models.JSONField(_("scores"))
    narratives = EncryptedJSONField(_("narratives"))
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        ordering = ["assessed_on", "pk"]
        # First and latest assessment of a case in one index seek (case page, statistics).
        indexes = [models.Index(fields=["case", "assessed_on", "id"], name="cases_assessment_case_on")]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self) -> str:
        return f"{self.case_id} {self.assessed_on}"
