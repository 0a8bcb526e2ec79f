"""Bad files refused with a clear message, and nothing half-stored: no row, no stored file, no audit entry."""

from __future__ import annotations

import os
from pathlib import Path
from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.core.files import File

from hamkor.core.models import AuditEntry
from hamkor.library import services
from hamkor.library.extraction import extract_document
from hamkor.library.models import ItemFile
from hamkor.library.tests.conftest import upload
from hamkor.library.tests.documents import damaged_pdf, docx_bomb, docx_with, encrypted_pdf, pdf_with_text


class Unread(File):  # type: ignore[type-arg]
    """A file that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the upload was read")


def stored_files(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def refused(persona, practice, media, document, match: str) -> None:
    before = AuditEntry.objects.count()
    with pytest.raises(ValidationError, match=match):
        services.add_file(persona["analyst"], practice, document)
    assert not ItemFile.objects.exists()
    assert stored_files(media) == []
    assert AuditEntry.objects.count() == before


def test_text_of_a_pdf_is_extracted(persona, practice, media):
    version = services.add_file(persona["analyst"], practice, upload("plan.pdf", pdf_with_text("Family support")))
    assert version.version == 1 and version.kind == "pdf"
    assert "Family support" in version.extracted_text
    assert stored_files(media) == [Path(version.file.path)]


def test_text_of_a_docx_is_extracted_and_versions_count_up(persona, practice):
    first = services.add_file(persona["analyst"], practice, upload("a.docx", docx_with("Первая версия.")))
    second = services.add_file(persona["analyst"], practice, upload("a.docx", docx_with("Вторая версия.")))
    assert (first.version, second.version) == (1, 2)
    assert practice.current_file() == second
    assert "Вторая" in second.extracted_text


def test_the_same_file_twice_is_refused(persona, practice):
    services.add_file(persona["analyst"], practice, upload("a.md", b"# Notes"))
    with pytest.raises(ValidationError, match="already a version"):
        services.add_file(persona["analyst"], practice, upload("b.md", b"# Notes"))
    assert ItemFile.objects.count() == 1


def test_an_encrypted_pdf_is_refused(persona, practice, media):
    refused(persona, practice, media, upload("secret.pdf", encrypted_pdf()), "password-protected PDF")


def test_a_damaged_pdf_is_refused(persona, practice, media):
    refused(persona, practice, media, upload("broken.pdf", damaged_pdf()), "PDF file is damaged")


def test_a_docx_bomb_is_refused_before_parsing(persona, practice, media):
    bomb = docx_bomb()
    assert len(bomb) < 1024 * 1024  # small on the wire, 80 MB inflated
    with mock.patch("hamkor.library.extraction._in_worker") as parser:
        refused(persona, practice, media, upload("report.docx", bomb), "zip bomb")
    parser.assert_not_called()


def test_a_200_mb_upload_is_refused_by_its_size_without_reading_it(persona, practice, media, tmp_path):
    big = tmp_path / "big.pdf"
    with open(big, "wb") as sparse:
        sparse.write(b"%PDF-1.4\n")
        sparse.truncate(200 * 1024 * 1024)  # a sparse file: no 200 MB on disk or in memory
    with open(big, "rb") as handle:
        refused(persona, practice, media, Unread(handle, name="big.pdf"), "larger than")
    os.remove(big)


def test_a_file_lying_about_its_type_is_refused(persona, practice, media):
    refused(persona, practice, media, upload("report.pdf", docx_with("Not a PDF")), r"does not match its name")
    refused(persona, practice, media, upload("tool.docx", b"MZ\x90\x00\x03\x00\x00\x00" * 10), "does not match")


def test_an_unsupported_type_is_refused(persona, practice, media):
    refused(persona, practice, media, upload("photo.png", b"\x89PNG\r\n\x1a\n"), "PDF, DOCX, TXT or Markdown")


def test_text_that_is_not_utf8_is_refused(persona, practice, media):
    refused(persona, practice, media, upload("notes.txt", b"a" * 70_000 + "Реинтеграция".encode("cp1251")), "not UTF-8")


def test_extraction_that_takes_too_long_is_refused(persona, practice, media, settings):
    settings.HAMKOR_LIBRARY_EXTRACT_SECONDS = 0.001  # no interpreter starts that fast
    refused(persona, practice, media, upload("slow.pdf", pdf_with_text("Slow")), "took longer than")


def test_extraction_over_the_memory_limit_is_refused(persona, practice, media, settings):
    settings.HAMKOR_LIBRARY_EXTRACT_MEMORY_BYTES = 16 * 1024 * 1024  # too little to even import pypdf
    refused(persona, practice, media, upload("big.pdf", pdf_with_text("Heavy")), "memory limit")


def test_long_text_is_truncated_and_marked(persona, practice, settings):
    settings.HAMKOR_LIBRARY_MAX_TEXT_CHARS = 10
    version = services.add_file(persona["analyst"], practice, upload("long.txt", b"0123456789abcdef"))
    assert version.extracted_text == "0123456789" and version.text_truncated


def test_a_failure_after_storing_leaves_no_file_behind(persona, practice, media):
    with (
        mock.patch("hamkor.library.services.files.record", side_effect=RuntimeError("audit down")),
        pytest.raises(RuntimeError),
    ):
        services.add_file(persona["analyst"], practice, upload("plan.txt", b"A plan."))
    assert not ItemFile.objects.exists()
    assert stored_files(media) == []


def test_extraction_reads_docx_tables(db):
    import io

    import docx

    document = docx.Document()
    document.add_table(rows=1, cols=2).rows[0].cells[0].text = "Mahalla"
    out = io.BytesIO()
    document.save(out)
    assert "Mahalla" in extract_document(upload("t.docx", out.getvalue())).text
