"""Consultations: a question put to the Council, the panel that answers it, the opinions, the recommendation."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from hamkor.core.querysets import RestrictedQuerySet
from hamkor.council.models.expert import Discipline, Language


class Consultation(models.Model):
    """A request for the Council's advice, on a thematic question or on a pseudonymised dossier sent to the
    Council. ``quorum`` is how many accepted members must have submitted an opinion before the coordinator may
    consolidate; empty means a majority of the panel, at least two. Status moves forward only, through the
    services."""

    class Kind(models.TextChoices):
        THEMATIC = "thematic", _("Thematic question")
        DOSSIER = "dossier", _("Dossier")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        PANEL_PROPOSED = "panel_proposed", _("Panel proposed")
        PANEL_CONFIRMED = "panel_confirmed", _("Panel confirmed")
        OPINIONS = "opinions", _("Opinions being written")
        RECOMMENDED = "recommended", _("Recommendation issued")
        CLOSED = "closed", _("Closed")

    code = models.CharField(_("code"), max_length=24, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    question = models.TextField(_("question"))
    dossier = models.ForeignKey(
        "cases.Dossier",
        verbose_name=_("dossier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consultations",
    )
    requested_by = models.ForeignKey(
        "core.User", verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "core.Organisation", verbose_name=_("requesting organisation"), on_delete=models.PROTECT, related_name="+"
    )
    country = models.ForeignKey(
        "core.Country", verbose_name=_("requester's country"), on_delete=models.PROTECT, null=True, blank=True
    )
    disciplines = models.JSONField(_("disciplines needed"), default=list)
    languages = models.JSONField(_("languages needed"), default=list)
    deadline = models.DateField(_("deadline"))
    exclude_own_country = models.BooleanField(_("exclude experts of the requester's country"), default=False)
    panel_size = models.PositiveSmallIntegerField(_("panel size"), default=3)
    quorum = models.PositiveSmallIntegerField(_("quorum"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED, db_index=True
    )
    coordinator = models.ForeignKey(
        "core.User",
        verbose_name=_("coordinator"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    requested_at = models.DateTimeField(_("requested"))
    recommended_at = models.DateTimeField(_("recommended"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def __str__(self) -> str:
        return self.code

    def discipline_labels(self) -> list[str]:
        return [str(Discipline(code).label) for code in self.disciplines if code in Discipline.values]

    def language_labels(self) -> list[str]:
        return [str(Language(code).label) for code in self.languages if code in Language.values]

    def seated(self) -> models.QuerySet[PanelMember]:
        """The confirmed panel: invited or accepted members."""
        return self.panel.filter(status__in=PanelMember.SEATED)

    def required_quorum(self) -> int:
        if self.quorum:
            return self.quorum
        return max(2, self.seated().count() // 2 + 1)


class PanelMember(models.Model):
    """An expert on a consultation's panel, at the rank the proposal gave them, with its reasons."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", _("Proposed")
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    SEATED = (Status.INVITED, Status.ACCEPTED)

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="panel")
    expert = models.ForeignKey("council.Expert", on_delete=models.PROTECT, related_name="panel_seats")
    rank = models.PositiveSmallIntegerField(_("rank"), default=0)
    reasons = models.TextField(_("why this expert"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PROPOSED)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["rank", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "expert"], name="council_one_seat_per_consultation")
        ]

    def __str__(self) -> str:
        return f"{self.consultation} — {self.expert}"


class Opinion(models.Model):
    """One panel member's opinion from their discipline. Immutable once submitted: a correction is a new row
    with the next ``version`` that ``supersedes`` the previous one."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="opinions")
    expert = models.ForeignKey("council.Expert", on_delete=models.PROTECT, related_name="opinions")
    discipline = models.CharField(_("discipline"), max_length=40)
    text = models.TextField(_("opinion"))
    submitted_at = models.DateTimeField(_("submitted"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    supersedes = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="superseded_by"
    )

    class Meta:
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["consultation", "expert", "version"], name="council_one_opinion_version")
        ]

    def __str__(self) -> str:
        return f"{self.consultation} — {self.expert} v{self.version}"

    def discipline_label(self) -> str:
        return str(Discipline(self.discipline).label) if self.discipline in Discipline.values else self.discipline


class Recommendation(models.Model):
    """The Council's answer, consolidated by the coordinator from the opinions, with any dissent recorded."""

    consultation = models.OneToOneField(Consultation, on_delete=models.CASCADE, related_name="recommendation")
    text = models.TextField(_("recommendation"))
    dissent = models.TextField(_("dissent"), blank=True)
    consolidated_by = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(_("consolidated"))

    class Meta:
        verbose_name = _("recommendation")

    def __str__(self) -> str:
        return f"{self.consultation}"
