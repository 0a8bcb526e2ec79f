"""Meetings of the Council and its groups (and its presentations), with agenda, minutes, decisions, actions."""

from __future__ import annotations

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from hamkor.core.querysets import RestrictedQuerySet


class Meeting(models.Model):
    """A meeting. ``uid`` is stable for calendars (RFC 5545 UID); ``all_day`` when only the date is known.
    ``is_public`` meetings appear on the public calendar with title, time and place only."""

    class Kind(models.TextChoices):
        COUNCIL = "council", _("Council meeting")
        WORKING_GROUP = "working_group", _("Working-group meeting")
        PRESENTATION = "presentation", _("Presentation")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.COUNCIL)
    group = models.ForeignKey(
        "council.WorkingGroup",
        verbose_name=_("working group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meetings",
    )
    title = models.CharField(_("title"), max_length=300)
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    all_day = models.BooleanField(_("all day (time not recorded)"), default=False)
    place = models.CharField(_("place"), max_length=200, blank=True)
    online = models.BooleanField(_("online"), default=False)
    description = models.TextField(_("description"), blank=True)
    participant_count = models.PositiveIntegerField(_("participants (count)"), null=True, blank=True)
    participants = models.ManyToManyField(
        "council.Expert", related_name="meetings", blank=True, verbose_name=_("participants")
    )
    minutes = models.TextField(_("minutes"), blank=True)
    is_public = models.BooleanField(_("on the public calendar"), default=False)
    is_demo = models.BooleanField(_("demo record"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")

    def __str__(self) -> str:
        return self.title


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("agenda item"), max_length=300)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class Decision(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions")
    text = models.TextField(_("decision"))
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        ordering = ["recorded_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class ActionItem(models.Model):
    """Something a meeting asked someone to do by a date."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(_("action"), max_length=500)
    owner = models.ForeignKey(
        "council.Expert", verbose_name=_("owner"), on_delete=models.PROTECT, related_name="actions"
    )
    due_on = models.DateField(_("due"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.description
