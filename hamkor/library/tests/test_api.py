"""The library API: the workflow over HTTP, and bad input answered with a problem document, nothing written."""

from __future__ import annotations

import base64

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from hamkor.conftest import verified_client
from hamkor.core.models import AuditEntry
from hamkor.library.models import Item, ItemFile
from hamkor.library.tests.conftest import PRACTICE_RU, published
from hamkor.library.tests.documents import docx_with, encrypted_pdf, pdf_with_text

API = "/api/v1/library/items"
PROBLEM = "application/problem+json"


@pytest.fixture
def analyst_client(persona):
    return verified_client(persona["analyst"])


def test_a_practice_goes_from_upload_to_publication_over_the_api(persona, reviewer):
    analyst = verified_client(persona["analyst"])
    created = analyst.post(API, PRACTICE_RU | {"countries": ["uz"]}, content_type="application/json")
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["countries"] == ["UZ"] and created.json()["status"] == "draft"
    sent = analyst.post(f"{API}/{pk}/files", {"file": SimpleUploadedFile("p.pdf", pdf_with_text("Mahalla"))})
    assert sent.status_code == 201, sent.content
    assert sent.json()["files"][0]["version"] == 1
    assert analyst.post(f"{API}/{pk}/submit").json()["status"] == "submitted"
    officer = verified_client(persona["programme_officer"])
    assigned = officer.post(f"{API}/{pk}/reviewers", {"experts": [reviewer.pk]}, content_type="application/json")
    assert assigned.json()["status"] == "in_review"
    expert = verified_client(persona["council_expert"])
    review = {"recommendation": "publish", "comment": "Well documented."}
    assert expert.post(f"{API}/{pk}/review", review, content_type="application/json").status_code == 200
    done = expert.post(f"{API}/{pk}/publish")
    assert done.json()["status"] == "published"
    assert done.json()["reviews"][0]["recommendation"] == "publish"
    worker = verified_client(persona["case_worker"])
    rated = worker.post(f"{API}/{pk}/rating", {"stars": 5}, content_type="application/json").json()
    assert (rated["rating_average"], rated["rating_count"], rated["my_rating"]) == (5.0, 1, 5)
    assert rated["reviews"] == []  # a reader who is neither author, editor nor reviewer
    listed = worker.get(f"{API}?language=ru&kind=good_practice&country=UZ&pillar=IV").json()
    assert [i["id"] for i in listed["items"]] == [pk]


def test_an_encrypted_pdf_is_a_problem_document_and_nothing_is_stored(analyst_client, practice):
    before = AuditEntry.objects.count()
    sent = analyst_client.post(f"{API}/{practice.pk}/files", {"file": SimpleUploadedFile("s.pdf", encrypted_pdf())})
    assert sent.status_code == 422 and sent["Content-Type"] == PROBLEM
    assert "password-protected PDF" in sent.json()["detail"]
    assert not ItemFile.objects.exists() and AuditEntry.objects.count() == before


def test_a_lying_file_in_json_is_refused(analyst_client, practice):
    body = {"name": "report.pdf", "content_base64": base64.b64encode(docx_with("x")).decode()}
    sent = analyst_client.post(f"{API}/{practice.pk}/files", body, content_type="application/json")
    assert sent.status_code == 422 and "does not match its name" in sent.json()["detail"]
    assert not ItemFile.objects.exists()


def test_an_upload_without_a_file_is_refused(analyst_client, practice):
    sent = analyst_client.post(f"{API}/{practice.pk}/files", "not json", content_type="application/json")
    assert sent.status_code == 422 and sent["Content-Type"] == PROBLEM


def test_an_upload_over_the_file_limit_is_refused_before_it_is_read(analyst_client, practice, settings):
    settings.HAMKOR_MAX_UPLOAD_BYTES = 1000
    big = SimpleUploadedFile("big.txt", b"a" * 100_000)
    sent = analyst_client.post(f"{API}/{practice.pk}/files", {"file": big})
    assert sent.status_code == 413 and sent["Content-Type"] == PROBLEM
    assert not ItemFile.objects.exists()


def test_an_invalid_item_is_a_problem_document(analyst_client):
    sent = analyst_client.post(API, PRACTICE_RU | {"aims": ""}, content_type="application/json")
    assert sent.status_code == 422 and sent["Content-Type"] == PROBLEM
    assert sent.json()["errors"][0]["field"] == "aims"
    unknown = analyst_client.post(API, PRACTICE_RU | {"countries": ["ZZ"]}, content_type="application/json")
    assert unknown.status_code == 422 and "countries" in unknown.json()["detail"]
    assert not Item.objects.exists()


def test_an_out_of_order_step_is_a_problem_document(analyst_client, practice):
    sent = analyst_client.post(f"{API}/{practice.pk}/publish")
    assert sent.status_code in (403, 422) and sent["Content-Type"] == PROBLEM
    assert Item.objects.get(pk=practice.pk).status == "draft"


def test_a_hidden_item_is_not_found(persona, practice, make_user):
    outsider = verified_client(make_user("case_worker", "kz"))
    sent = outsider.get(f"{API}/{practice.pk}")
    assert sent.status_code == 404 and sent["Content-Type"] == PROBLEM


def test_translations_are_listed_on_the_item(persona, reviewer, make_user):
    ru = published(persona, reviewer, **PRACTICE_RU)
    analyst = verified_client(persona["analyst"])
    uz = analyst.post(
        API, PRACTICE_RU | {"title": "Oilaviy reabilitatsiya", "languages": ["uz"]}, content_type="application/json"
    ).json()
    linked = analyst.post(f"{API}/{uz['id']}/translations", {"item": ru.pk}, content_type="application/json")
    assert linked.status_code == 200, linked.content
    assert [t["id"] for t in linked.json()["translations"]] == [ru.pk]
    outsider = verified_client(make_user("case_worker", "kz"))
    assert outsider.get(f"{API}/{ru.pk}").json()["translations"] == []  # the Uzbek draft is not theirs to see
