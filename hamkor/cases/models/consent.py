from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from hamkor.cases.domains import Purpose
from hamkor.core.crypto import EncryptedTextField


class Consent(models.Model):
    """Consent of one person for one purpose, as given on a date to a version of the consent text.

    For a child, ``guardian`` is the family member who consented and ``child_assent`` records the child's own
    view. A withdrawn consent stays on record with when, by whom and why (the reason sealed).
    """

    person = models.ForeignKey("cases.Person", on_delete=models.PROTECT, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    recipient = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("recipient organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    text_version = models.CharField(_("version of the consent text"), max_length=20)
    guardian = models.ForeignKey(
        "cases.Person",
        verbose_name=_("guardian"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    child_assent = models.BooleanField(_("child's own assent"), null=True, blank=True)
    given_on = models.DateField(_("given on"))
    recorded_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("recorded"))
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey("core.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    withdrawal_reason = EncryptedTextField(_("reason for withdrawal"), blank=True)

    class Meta:
        ordering = ["-recorded_at"]
        indexes = [
            models.Index(
                fields=["person"],
                condition=models.Q(purpose="statistics", withdrawn_at__isnull=True),
                name="cases_consent_statistics",
            )
        ]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"{self.person_id} {self.purpose}"

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


class ConsentOverride(models.Model):
    """A supervisor's written decision to act without a consent (e.g. urgent care), audited."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="consent_overrides")
    purpose = models.CharField(_("purpose"), max_length=20, choices=Purpose.choices)
    reason = EncryptedTextField(_("reason"))
    supervisor = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("time"))

    class Meta:
        ordering = ["-at"]
        verbose_name = _("consent override")
        verbose_name_plural = _("consent overrides")

    def __str__(self) -> str:
        return f"{self.case_id} {self.purpose}"
