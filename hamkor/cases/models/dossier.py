from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from hamkor.core.crypto import EncryptedJSONField
from hamkor.core.querysets import RestrictedQuerySet


class Dossier(models.Model):
    """A pseudonymised dossier of a case for the Expert Council: no identity field, ever.

    ``content`` holds age band, sex, region, family composition, domain scores over time, a plan summary and
    the free text the worker selected, after every identifier warning was resolved. It has its own pseudonym,
    so dossiers cannot be linked back to the case by anyone outside the case's organisation. ``content`` and
    ``warnings`` (whose resolutions carry the worker's reasons) are sealed at rest: a text may still name
    someone, and the Council reads it through the application. It reaches the Council only when a second
    person, a supervisor of the case's organisation, approves the submitted text.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        AWAITING_APPROVAL = "awaiting_approval", _("Awaiting a supervisor's approval")
        SENT = "sent", _("Sent to the Council")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    code = models.CharField(_("dossier pseudonym"), max_length=24, unique=True)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="dossiers")
    content = EncryptedJSONField(_("content"))
    warnings = EncryptedJSONField(_("identifier warnings"), default=list)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    built_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    built_at = models.DateTimeField(_("built"))
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # Cross-border sharing takes two people: the one who submits the checked text and a supervisor of the
    # case's organisation who approves it (which sends it).
    submitted_by = models.ForeignKey(
        "core.User", on_delete=models.PROTECT, related_name="+", null=True, blank=True, verbose_name=_("submitted by")
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    contributors = models.JSONField(
        _("prepared by"), default=list, help_text=_("The users who built, edited, checked or submitted the text.")
    )
    approved_by = models.ForeignKey(
        "core.User", on_delete=models.PROTECT, related_name="+", null=True, blank=True, verbose_name=_("approved by")
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-built_at"]
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")

    def __str__(self) -> str:
        return self.code


class RetentionPolicy(models.Model):
    """How long a closed case is kept in a country before it is anonymised (default 5 years)."""

    country = models.OneToOneField("core.Country", on_delete=models.CASCADE, primary_key=True, related_name="+")
    years = models.PositiveSmallIntegerField(_("years after closure"), default=5)

    class Meta:
        verbose_name = _("retention policy")
        verbose_name_plural = _("retention policies")

    def __str__(self) -> str:
        return f"{self.country_id}: {self.years}"
