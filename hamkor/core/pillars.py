"""The four pillars of the UN Global Counter-Terrorism Strategy, shared by the library and the programme."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Pillar(models.TextChoices):
    CONDITIONS = "I", _("Pillar I — conditions conducive to terrorism")
    PREVENT = "II", _("Pillar II — preventing and combating terrorism")
    CAPACITY = "III", _("Pillar III — building States' capacity")
    RIGHTS = "IV", _("Pillar IV — human rights and the rule of law")
