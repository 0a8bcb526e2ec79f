"""Checking an uploaded document and extracting its text, before anything is stored.

Order: ``sniff_document`` (size limit, real type by the bytes), then for a DOCX the zip directory (a "DOCX bomb"
is refused by its declared sizes, entry count and compression ratio before any parser sees it), then the text,
extracted in a separate process with a wall-clock limit and an address-space limit (set by the worker itself,
before it reads the document, since ``preexec_fn`` is unsafe in a threaded server), so a hostile PDF can neither
hang nor exhaust the web process. TXT and Markdown must be UTF-8.

Text over ``MAX_TEXT_CHARS`` is truncated (and the version says so): the document stays useful and search needs
its beginning, not all of it. Every refusal is a ``ValidationError`` whose message says what to do.

Limits can be overridden in settings (``HAMKOR_LIBRARY_*``, used by the tests); the defaults are below.
"""

from __future__ import annotations

import hashlib
import io
import json
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from hamkor.core.documents import DOCX, PDF, sniff_document

EXTRACT_SECONDS = 30.0  # wall-clock limit for one extraction
EXTRACT_MEMORY_BYTES = 1024 * 1024 * 1024  # address space of the extraction process
MAX_TEXT_CHARS = 1_000_000  # extracted text beyond this is cut off
DOCX_MAX_UNCOMPRESSED = 64 * 1024 * 1024  # the sum of the declared sizes of every entry
DOCX_MAX_ENTRIES = 2000
DOCX_MAX_RATIO = 100  # uncompressed / compressed, for entries over DOCX_RATIO_FROM bytes
DOCX_RATIO_FROM = 1024 * 1024


def limit(name: str, default: Any) -> Any:
    return getattr(settings, f"HAMKOR_LIBRARY_{name}", default)


@dataclass(frozen=True)
class Extraction:
    """A checked document: its kind (the extension), bytes, fingerprint and text."""

    kind: str
    content: bytes
    sha256: str
    text: str
    truncated: bool

    @property
    def size(self) -> int:
        return len(self.content)


def extract_document(upload: Any) -> Extraction:
    """Check ``upload`` and extract its text; a ``ValidationError`` saying why when it cannot be accepted."""
    kind = sniff_document(upload)  # refuses by the declared size before anything is read
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    if len(content) > settings.HAMKOR_MAX_UPLOAD_BYTES:  # the declared size lied
        raise ValidationError(_("The file is larger than allowed."), code="too_large")
    if not content:
        raise ValidationError(_("The file is empty."), code="empty")
    max_chars = int(limit("MAX_TEXT_CHARS", MAX_TEXT_CHARS))
    if kind == PDF:
        text, truncated = _in_worker("pdf", content, max_chars)
    elif kind == DOCX:
        check_docx_archive(content)
        text, truncated = _in_worker("docx", content, max_chars)
    else:
        text, truncated = _plain_text(content, max_chars)
    return Extraction(kind.extension, content, hashlib.sha256(content).hexdigest(), text, truncated)


def _plain_text(content: bytes, max_chars: int) -> tuple[str, bool]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(
            _("The text file is not UTF-8. Save it as UTF-8 and upload it again."), code="encoding"
        ) from None
    return (text[:max_chars], True) if len(text) > max_chars else (text, False)


def check_docx_archive(content: bytes) -> None:
    """Refuse a DOCX whose zip would expand beyond the limits, judged from its directory alone."""
    bomb = ValidationError(
        _("The DOCX file expands to far more data than a document holds (a possible zip bomb); it was refused."),
        code="docx_bomb",
    )
    try:
        entries = zipfile.ZipFile(io.BytesIO(content)).infolist()
    except zipfile.BadZipFile:
        raise ValidationError(_("The DOCX file is damaged and cannot be read."), code="corrupt") from None
    if len(entries) > int(limit("DOCX_MAX_ENTRIES", DOCX_MAX_ENTRIES)):
        raise bomb
    if sum(e.file_size for e in entries) > int(limit("DOCX_MAX_UNCOMPRESSED", DOCX_MAX_UNCOMPRESSED)):
        raise bomb
    for entry in entries:
        if entry.file_size > DOCX_RATIO_FROM and entry.file_size > DOCX_MAX_RATIO * max(entry.compress_size, 1):
            raise bomb


def _in_worker(kind: str, content: bytes, max_chars: int) -> tuple[str, bool]:
    """Run ``extract_worker`` on ``content`` with the time and memory limits; its answer or a refusal."""
    name = "PDF" if kind == "pdf" else "DOCX"
    seconds = float(limit("EXTRACT_SECONDS", EXTRACT_SECONDS))
    memory = int(limit("EXTRACT_MEMORY_BYTES", EXTRACT_MEMORY_BYTES))
    package_root = str(Path(__file__).resolve().parents[2])
    try:
        done = subprocess.run(  # noqa: S603 - our own interpreter and module, arguments we chose
            [sys.executable, "-m", "hamkor.library.extract_worker", kind, str(max_chars), str(memory)],
            input=content,
            capture_output=True,
            timeout=seconds,
            cwd=package_root,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ValidationError(
            _("Reading the text of this %(kind)s took longer than %(seconds)s seconds; the file was refused.")
            % {"kind": name, "seconds": f"{seconds:g}"},
            code="timeout",
        ) from None
    answer: dict[str, Any] = {}
    if done.returncode == 0:
        try:
            answer = json.loads(done.stdout)
        except ValueError:
            answer = {}
    error = answer.get("error") if answer else "failed"
    if error == "encrypted":
        raise ValidationError(
            _("This is a password-protected PDF. Upload a copy without a password."), code="encrypted"
        )
    if error == "corrupt":
        raise ValidationError(_("The %(kind)s file is damaged and cannot be read.") % {"kind": name}, code="corrupt")
    if error is not None or not isinstance(answer.get("text"), str):
        raise ValidationError(
            _("The text of this %(kind)s could not be read within the memory limit; the file was refused.")
            % {"kind": name},
            code="failed",
        )
    return answer["text"], bool(answer.get("truncated"))
