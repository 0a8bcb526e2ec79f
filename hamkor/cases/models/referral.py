from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from hamkor.core.crypto import EncryptedJSONField, EncryptedTextField
from hamkor.core.querysets import RestrictedQuerySet


class Referral(models.Model):
    """A referral of a case to a service provider, carrying only the fields the worker chose to share.

    ``shared`` is the snapshot of those fields taken when the referral was sent (sealed); the provider sees the
    referral and that snapshot, nothing else of the case.
    """

    class Status(models.TextChoices):
        SENT = "sent", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        COMPLETED = "completed", _("Completed")

    code = models.CharField(_("referral number"), max_length=24, unique=True)
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="referrals")
    provider = models.ForeignKey(
        "core.Organisation", verbose_name=_("provider"), on_delete=models.PROTECT, related_name="+"
    )
    service = models.CharField(_("service asked for"), max_length=20)
    shared_fields = models.JSONField(_("shared fields"), default=list)
    shared = EncryptedJSONField(_("shared information"), null=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.SENT)
    follow_up_on = models.DateField(_("follow up on"))
    sent_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField(_("sent"))
    responded_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)
    response_note = EncryptedTextField(_("answer"), blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")

    def __str__(self) -> str:
        return self.code


class Transfer(models.Model):
    """A case moving to another organisation of the same country, effective once the receiver accepts."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        CANCELLED = "cancelled", _("Cancelled")

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="transfers")
    from_organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    to_organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    reason = EncryptedTextField(_("reason"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED)
    requested_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    requested_at = models.DateTimeField(_("requested"))
    responded_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+", null=True, blank=True)
    responded_at = models.DateTimeField(_("answered"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("transfer")
        verbose_name_plural = _("transfers")

    def __str__(self) -> str:
        return f"{self.case_id} → {self.to_organisation_id}"
