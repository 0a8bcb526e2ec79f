from __future__ import annotations

from typing import Any, NoReturn

from django.db import models
from django.utils.translation import gettext_lazy as _

from hamkor.core.crypto import EncryptedTextField
from hamkor.core.querysets import AppendOnlyQuerySet

GENESIS_HASH = "0" * 64


class AuditEntry(models.Model):
    """One link of the append-only audit chain.

    ``hash`` is SHA-256 over the canonical encoding of the entry and ``prev_hash`` (see ``hamkor.core.audit``).
    Actor and organisation are kept as plain ids, not foreign keys, so that nothing done to users or
    organisations can ever rewrite the log. Rows are written only by ``hamkor.core.audit.record`` and never
    changed or deleted through the application. ``reason`` is sealed (it is free text and may name a person);
    every other column holds ids, codes and hashes.
    """

    seq = models.BigIntegerField(_("sequence"), primary_key=True)
    at = models.DateTimeField(_("time"), db_index=True)
    actor_id = models.BigIntegerField(_("actor id"), null=True, blank=True, db_index=True)
    actor_label = models.CharField(_("actor"), max_length=254, blank=True)
    organisation_id = models.BigIntegerField(_("organisation id"), null=True, blank=True, db_index=True)
    action = models.CharField(_("action"), max_length=80, db_index=True)
    object_type = models.CharField(_("object type"), max_length=80, blank=True, db_index=True)
    object_id = models.CharField(_("object id"), max_length=80, blank=True)
    reason = EncryptedTextField(_("reason"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)
    payload_hash = models.CharField(_("hash of reason and details"), max_length=64, default="")
    redacted_at = models.DateTimeField(_("erased by retention"), null=True, blank=True)
    prev_hash = models.CharField(_("previous hash"), max_length=64)
    hash = models.CharField(_("hash"), max_length=64, unique=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-seq"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["object_type", "object_id"], name="core_audit_object")]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise PermissionError("Audit entries are append-only.")
        kwargs["force_insert"] = True
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise PermissionError("Audit entries are append-only.")


class AuditHead(models.Model):
    """The single row that names the newest entry; writers lock it so the chain stays one line."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("audit head")

    def __str__(self) -> str:
        return f"head #{self.seq}"
