from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from hamkor.cases.domains import Compartment
from hamkor.core.crypto import EncryptedTextField

NOTE_MAX_CHARS = 20_000


class Note(models.Model):
    """A case note in one compartment; a user without that compartment's clearance never sees it exists."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="notes")
    compartment = models.CharField(_("compartment"), max_length=20, choices=Compartment.choices)
    body = EncryptedTextField(_("note"))
    author = models.ForeignKey("core.User", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("written"))

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self) -> str:
        return f"{self.case_id} {self.compartment}"
