"""The Council's working groups and who sits on them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from hamkor.core.querysets import RestrictedQuerySet


class WorkingGroup(models.Model):
    """One of the Council's thematic working groups (four since 2024)."""

    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    members = models.ManyToManyField(
        "council.Expert", through="council.Membership", related_name="working_groups", verbose_name=_("members")
    )

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("working group")
        verbose_name_plural = _("working groups")

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """An expert's seat in a working group; a group may have more than one chair (co-chairs)."""

    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        CHAIR = "chair", _("Chair")

    group = models.ForeignKey(WorkingGroup, on_delete=models.CASCADE, related_name="memberships")
    expert = models.ForeignKey("council.Expert", on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)
    since = models.DateField(_("since"), null=True, blank=True)

    class Meta:
        ordering = ["-role", "expert__name"]
        constraints = [models.UniqueConstraint(fields=["group", "expert"], name="council_one_seat_per_group")]

    def __str__(self) -> str:
        return f"{self.expert} — {self.group} ({self.get_role_display()})"
