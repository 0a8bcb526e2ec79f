"""Uploads over the size limit are refused from their announced length, before a byte is read or stored."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from hamkor.conftest import verified_client
from hamkor.library.models import ItemFile

TWO_HUNDRED_MB = str(200 * 1024 * 1024)


def test_a_200_mb_page_upload_is_refused_with_a_clear_page(persona, practice):
    client = verified_client(persona["analyst"])
    response = client.post(
        f"/library/{practice.pk}/upload/",
        {"file": SimpleUploadedFile("big.txt", b"small body, large announcement")},
        CONTENT_LENGTH=TWO_HUNDRED_MB,
    )
    assert response.status_code == 413
    assert "Files up to 25 MB can be uploaded. Nothing was stored" in response.content.decode()
    assert not ItemFile.objects.exists()


def test_a_200_mb_api_upload_is_a_problem(persona, practice):
    client = verified_client(persona["analyst"])
    response = client.post(
        f"/api/v1/library/items/{practice.pk}/files",
        {"file": SimpleUploadedFile("big.txt", b"small body, large announcement")},
        CONTENT_LENGTH=TWO_HUNDRED_MB,
    )
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert not ItemFile.objects.exists()


def test_an_api_upload_over_the_json_body_limit_but_under_the_file_limit_is_stored(persona, practice):
    text = ("Реабилитация и реинтеграция: опыт махалли. " * 40_000).encode()  # about 2.7 MB
    client = verified_client(persona["analyst"])
    response = client.post(
        f"/api/v1/library/items/{practice.pk}/files", {"file": SimpleUploadedFile("practice.txt", text)}
    )
    assert response.status_code == 201, response.content
    assert ItemFile.objects.get().size == len(text)
