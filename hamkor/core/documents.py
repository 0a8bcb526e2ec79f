"""What an uploaded document really is, judged by its bytes rather than its name or the browser's claim."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class DocumentKind:
    extension: str
    content_type: str


PDF = DocumentKind("pdf", "application/pdf")
DOCX = DocumentKind("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
TEXT = DocumentKind("txt", "text/plain")
MARKDOWN = DocumentKind("md", "text/markdown")
_BY_EXTENSION = {k.extension: k for k in (PDF, DOCX, TEXT, MARKDOWN)}


def sniff_document(upload: File[bytes]) -> DocumentKind:
    """The kind of ``upload``; a clear ``ValidationError`` when too large, of another kind, or lying about itself."""
    limit = settings.HAMKOR_MAX_UPLOAD_BYTES
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            _("The file is larger than %(limit)s MB.") % {"limit": limit // (1024 * 1024)}, code="too_large"
        )
    name = (upload.name or "").lower()
    extension = name.rsplit(".", 1)[-1] if "." in name else ""
    claimed = _BY_EXTENSION.get(extension)
    if claimed is None:
        raise ValidationError(_("Upload a PDF, DOCX, TXT or Markdown file."), code="unsupported")
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    actual = _actual_kind(upload, head)
    if actual is None or actual.extension not in _compatible(claimed):
        raise ValidationError(
            _("The file's content does not match its name (.%(extension)s).") % {"extension": extension},
            code="mismatch",
        )
    return claimed


def _compatible(kind: DocumentKind) -> set[str]:
    return {"txt", "md"} if kind in (TEXT, MARKDOWN) else {kind.extension}


def _actual_kind(upload: File[bytes], head: bytes) -> DocumentKind | None:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(upload) as archive:
                is_docx = "word/document.xml" in archive.namelist()
        except zipfile.BadZipFile:
            return None
        finally:
            upload.seek(0)
        return DOCX if is_docx else None
    sample = upload.read(64 * 1024)
    upload.seek(0)
    if b"\x00" in sample:
        return None
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 4:  # a multi-byte character cut at the end of the sample is fine
            return None
    return TEXT
