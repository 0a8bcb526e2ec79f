from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from hamkor.core.crypto import EncryptedTextField
from hamkor.core.querysets import RestrictedQuerySet


class Case(models.Model):
    """One person's rehabilitation and reintegration case, owned by an organisation in one country."""

    class Status(models.TextChoices):
        REGISTRATION = "registration", _("Registration")
        ASSESSMENT = "assessment", _("Assessment")
        PLANNING = "planning", _("Planning")
        SERVICES = "services", _("Services")
        REVIEW = "review", _("Review")
        CLOSED = "closed", _("Closed")

    class Closure(models.TextChoices):
        REINTEGRATED = "reintegrated", _("Reintegrated")
        TRANSFERRED = "transferred", _("Transferred")
        OTHER = "other", _("Other")

    code = models.CharField(_("case number"), max_length=24, unique=True)
    person = models.ForeignKey("cases.Person", on_delete=models.PROTECT, related_name="cases")
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    country = models.ForeignKey("core.Country", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REGISTRATION)
    closure = models.CharField(_("closed as"), max_length=20, choices=Closure.choices, blank=True)
    worker = models.ForeignKey(
        "core.User", verbose_name=_("case worker"), on_delete=models.PROTECT, related_name="+", null=True
    )
    supervisor = models.ForeignKey(
        "core.User", verbose_name=_("supervisor"), on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    opened_at = models.DateTimeField(_("opened"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    region = models.CharField(
        _("region"), max_length=100, blank=True, help_text=_("Where the person lives, at region level (never a town).")
    )
    retention_until = models.DateField(_("keep until"), null=True, blank=True)
    legal_hold = models.BooleanField(_("legal hold"), default=False)
    legal_hold_reason = EncryptedTextField(_("reason for the legal hold"), blank=True)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)
    is_child = models.BooleanField(_("child"), help_text=_("Under 18 when last checked; refreshed daily."))
    is_demo = models.BooleanField(_("demo record"), default=False)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        indexes = [models.Index(fields=["organisation", "status"], name="cases_case_org_status")]

    def __str__(self) -> str:
        return self.code

    @property
    def number(self) -> int:
        """The counter after the person's pseudonym in the case number (``UZ-7K3Q-9D2M/1`` → 1)."""
        return int(self.code.rsplit("/", 1)[1])


class CaseEvent(models.Model):
    """One line of a case's timeline. Summaries name codes, statuses and organisations, never a person's identity
    nor any free text a user typed (reasons, notes and goals stay sealed on their own rows)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(_("time"))
    kind = models.CharField(_("kind"), max_length=40)
    actor = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+", null=True)
    summary = models.CharField(_("summary"), max_length=300)
    compartment = models.CharField(
        _("compartment"), max_length=20, blank=True, help_text=_("Set for events that belong to a compartment.")
    )

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind}"


class BreakGlass(models.Model):
    """Emergency access by a supervisor to a case outside their normal reach, for a few hours, with a reason
    (sealed, like every free text about a person)."""

    user = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="break_glass")
    reason = EncryptedTextField(_("reason"))
    opened_at = models.DateTimeField(_("opened"))
    expires_at = models.DateTimeField(_("expires"))

    class Meta:
        ordering = ["-opened_at"]
        verbose_name = _("break-glass access")
        verbose_name_plural = _("break-glass accesses")

    def __str__(self) -> str:
        return f"{self.user_id} → {self.case_id}"
