"""The question put to the Council is checked for identifiers like the dossier it is about (issue 10, break 2):
experts in other countries read it, so one naming the dossier's person is refused, on the page and the API,
with nothing written; the requester rephrases."""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from hamkor.conftest import verified_client
from hamkor.core.models import AuditEntry
from hamkor.council.models import Consultation
from hamkor.council.tests.consultation_world import sent_dossier

REPORTED = "Shahlo Tursunova (born 21.06.1987, passport AB1234567): how should her school welcome her son?"
HIDDEN = "Shah\u00adlo Tur\u200bsunova: how should her school welcome her son?"
CLEAN = "How should the school welcome her son after the summer?"
REFUSED = (
    "This text holds a date of birth in this family, what looks like a document number, a name in this family. "
    "It is read outside your organisation: write it without them."
)


def fields(question: str, dossier_code: str = "") -> dict[str, object]:
    return {
        "kind": "dossier" if dossier_code else "thematic",
        "dossier_code": dossier_code,
        "question": question,
        "disciplines": ["psychology"],
        "deadline": date(2099, 1, 1).isoformat(),
        "panel_size": 3,
    }


def asked() -> tuple[int, int]:
    return Consultation.objects.count(), AuditEntry.objects.filter(action="consultation.request").count()


def test_the_reported_question_is_refused_on_the_page_with_nothing_written(worker):
    dossier = sent_dossier(worker)
    page = verified_client(worker).post(reverse("council:consultation_request"), fields(REPORTED, dossier.code))
    assert page.status_code == 200
    assert REFUSED in page.content.decode()
    assert asked() == (0, 0)


def test_the_reported_question_is_refused_by_the_api_with_nothing_written(worker):
    dossier = sent_dossier(worker)
    answer = verified_client(worker).post(
        "/api/v1/council/consultations", fields(REPORTED, dossier.code), content_type="application/json"
    )
    assert answer.status_code == 422 and answer["Content-Type"] == "application/problem+json"
    assert answer.json()["errors"] == [{"field": "question", "message": REFUSED}]
    assert asked() == (0, 0)


def test_a_name_hidden_by_invisible_characters_is_refused_too(worker):
    dossier = sent_dossier(worker)
    answer = verified_client(worker).post(
        "/api/v1/council/consultations", fields(HIDDEN, dossier.code), content_type="application/json"
    )
    assert answer.status_code == 422 and "a name in this family" in answer.json()["detail"]
    assert asked() == (0, 0)


def test_a_clean_question_passes_on_the_page_and_the_api(worker):
    dossier = sent_dossier(worker)
    client = verified_client(worker)
    page = client.post(reverse("council:consultation_request"), fields(CLEAN, dossier.code))
    assert page.status_code == 302
    answer = client.post("/api/v1/council/consultations", fields(CLEAN, dossier.code), content_type="application/json")
    assert answer.status_code == 201 and answer.json()["question"] == CLEAN
    assert asked() == (2, 2)


def test_a_thematic_question_is_checked_for_what_identifies_anyone(worker):
    client = verified_client(worker)
    refused = client.post(
        "/api/v1/council/consultations",
        fields("A mother with passport AB1234567 asks: may her son enrol?"),
        content_type="application/json",
    )
    assert refused.status_code == 422 and "what looks like a document number" in refused.json()["detail"]
    theme = "Since the decree of 01.03.2024, how do schools enrol children without papers?"
    answer = client.post("/api/v1/council/consultations", fields(theme), content_type="application/json")
    assert answer.status_code == 201
    assert asked() == (1, 1)


def test_a_thematic_question_naming_a_person_of_the_requesters_cases_is_refused(worker):
    """The second review: switching the kind to thematic sent the dossier's person's full name to the Council."""
    sent_dossier(worker)  # Shahlo Tursunova's case, at the worker's organisation
    question = "Shahlo Tursunova, mother of a boy back from Syria, lives in our city: how should we help?"
    for spelling in (question, question.replace("Shahlo Tursunova", "TURSUNOVA, shahlo")):
        answer = verified_client(worker).post(
            "/api/v1/council/consultations", fields(spelling), content_type="application/json"
        )
        assert answer.status_code == 422, spelling
        assert "the name of a person in your cases" in answer.json()["detail"]
    assert asked() == (0, 0)
    clean = verified_client(worker).post(
        "/api/v1/council/consultations", fields("How should a school welcome a boy back from Syria?"),
        content_type="application/json",
    )  # fmt: skip
    assert clean.status_code == 201
