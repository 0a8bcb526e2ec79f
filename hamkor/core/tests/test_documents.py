from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from hamkor.conftest import verified_client
from hamkor.core import services
from hamkor.core.models import AgreementDocument, AuditEntry
from hamkor.core.roles import Role


@pytest.fixture
def agreement(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return services.create_agreement(None, parties=[world["uz"], world["un"]], title="MoU", signed_on="2023-12-05")


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _upload(client, agreement, name: str, content: bytes):
    return client.post(
        reverse("core:agreement_document_upload", args=[agreement.pk]),
        {"title": "Signed text", "language": "en", "file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [("mou.pdf", b"%PDF-1.7\n1 0 obj\n"), ("mou.docx", _docx()), ("notes.md", "# Тошкент\n".encode())],
)
def test_programme_officer_attaches_and_downloads_a_document(persona, agreement, name, content, tmp_path):
    client = verified_client(persona[Role.PROGRAMME_OFFICER])
    response = _upload(client, agreement, name, content)
    assert response.status_code == 302
    document = AgreementDocument.objects.get(agreement=agreement)
    download = client.get(reverse("core:agreement_document", args=[agreement.pk, document.pk]))
    assert b"".join(download.streaming_content) == content
    assert "attachment" in download["Content-Disposition"]
    assert AuditEntry.objects.filter(action="agreement.document_attach").count() == 1


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("mou.pdf", b"just some text pretending", "does not match its name"),
        ("mou.docx", b"PK\x03\x04 not really a zip", "does not match its name"),
        ("mou.exe", b"MZ\x90\x00", "Upload a PDF, DOCX, TXT or Markdown file."),
        ("mou.txt", b"\x00\x01\x02binary", "does not match its name"),
    ],
    ids=["pdf-that-is-text", "broken-zip", "executable", "binary-as-text"],
)
def test_lying_or_unsupported_file_is_refused_and_nothing_is_stored(
    persona, agreement, name, content, message, tmp_path
):
    client = verified_client(persona[Role.PROGRAMME_OFFICER])
    response = _upload(client, agreement, name, content)
    assert response.status_code == 400 and message in response.content.decode()
    assert not AgreementDocument.objects.exists()
    assert not any(p.is_file() for p in tmp_path.rglob("*"))


def test_file_over_the_size_limit_is_refused(persona, agreement, settings, tmp_path):
    settings.HAMKOR_MAX_UPLOAD_BYTES = 1024 * 1024
    client = verified_client(persona[Role.PROGRAMME_OFFICER])
    response = _upload(client, agreement, "big.txt", b"a" * (1024 * 1024 + 1))
    assert response.status_code == 400 and "larger than 1 MB" in response.content.decode()
    assert not AgreementDocument.objects.exists()
    assert not any(p.is_file() for p in tmp_path.rglob("*"))
