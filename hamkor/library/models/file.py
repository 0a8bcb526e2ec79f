"""The files of a library item, one row per version; the newest version is the current one."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


def _stored_name(instance: ItemFile, filename: str) -> str:
    return f"library/{instance.item_id}/{filename}"


class ItemFile(models.Model):
    """One uploaded version of an item's document, checked by its bytes and with its text extracted.

    A row exists only together with its stored file and its audit entry (``services.add_file``); versions are
    numbered from 1 per item and never change once written. ``extracted_text`` is capped
    (``extraction.MAX_TEXT_CHARS``); ``text_truncated`` says when the cap cut it.
    """

    class FileKind(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", "DOCX"
        TXT = "txt", _("Plain text")
        MD = "md", "Markdown"

    item = models.ForeignKey("library.Item", on_delete=models.CASCADE, related_name="files")
    version = models.PositiveIntegerField(_("version"))
    file = models.FileField(_("file"), upload_to=_stored_name, max_length=300)
    original_name = models.CharField(_("original name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=FileKind.choices)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    extracted_text = models.TextField(_("extracted text"), blank=True)
    text_truncated = models.BooleanField(_("text cut at the length limit"), default=False)
    uploaded_by = models.ForeignKey(
        "core.User", verbose_name=_("uploaded by"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"))

    class Meta:
        ordering = ["item", "-version"]
        constraints = [models.UniqueConstraint(fields=["item", "version"], name="library_file_version_unique")]
        verbose_name = _("library file")
        verbose_name_plural = _("library files")

    def __str__(self) -> str:
        return f"{self.original_name} (v{self.version})"
