from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from hamkor.cases.domains import Domain
from hamkor.core.crypto import EncryptedTextField


class Goal(models.Model):
    """A goal of the reintegration plan in one domain."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACHIEVED = "achieved", _("Achieved")
        DROPPED = "dropped", _("Dropped")

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="goals")
    domain = models.CharField(_("domain"), max_length=20, choices=Domain.choices)
    description = EncryptedTextField(_("description"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(_("created"))

    class Meta:
        ordering = ["domain", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")

    def __str__(self) -> str:
        return f"{self.case_id} {self.domain}"


class Intervention(models.Model):
    """A service towards a goal: what, by which provider, who is responsible, by when."""

    class Kind(models.TextChoices):
        DOCUMENTS = "documents", _("Civil documents")
        MEDICAL = "medical", _("Medical care")
        PSYCHOSOCIAL = "psychosocial", _("Psychosocial support")
        SCHOOLING = "schooling", _("Schooling")
        VOCATIONAL = "vocational", _("Vocational training or job")
        RELIGIOUS = "religious", _("Religious counselling")
        LEGAL = "legal", _("Legal aid")
        HOUSING = "housing", _("Housing support")
        COMMUNITY = "community", _("Community (mahalla) work")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="interventions")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    provider = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    responsible = models.ForeignKey(
        "core.User", verbose_name=_("responsible"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    due_on = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    completed_on = models.DateField(_("completed"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        indexes = [models.Index(fields=["status", "due_on"], name="cases_intervention_due")]

    def __str__(self) -> str:
        return f"{self.goal_id} {self.kind}"
