"""The core app's entries in the generated permission test."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from hamkor.core import services
from hamkor.testing import ADMIN, CASEWORKER, LEARNER, OVERSIGHT, PROGRAMME, Route


def _text_upload() -> dict[str, Any]:
    return {"title": "Annex", "file": SimpleUploadedFile("annex.txt", b"Annex text", content_type="text/plain")}


ROUTES: dict[str, Route] = {
    "core:login": Route(allowed=None),
    "core:logout": Route(allowed=None, method="post"),
    "core:second_factor": Route(allowed=ADMIN),
    "core:second_factor_setup": Route(allowed=ADMIN),
    "core:dashboard": Route(allowed=LEARNER),
    "core:search": Route(allowed=None, data={"q": "Tashkent"}),
    "core:organisations": Route(allowed=LEARNER),
    "core:organisation_create": Route(allowed=ADMIN, denied=PROGRAMME),
    "core:organisation": Route(allowed=LEARNER, kwargs=("pk=org",)),
    "core:organisation_edit": Route(allowed=ADMIN, denied=PROGRAMME, kwargs=("pk=org",)),
    "core:agreements": Route(allowed=PROGRAMME, denied=LEARNER),
    "core:agreement_create": Route(allowed=PROGRAMME, denied=CASEWORKER),
    "core:agreement": Route(allowed=PROGRAMME, denied=LEARNER, kwargs=("pk=agreement",)),
    "core:agreement_edit": Route(allowed=PROGRAMME, denied=LEARNER, kwargs=("pk=agreement",)),
    "core:agreement_document_upload": Route(
        allowed=PROGRAMME, denied=LEARNER, method="post", kwargs=("pk=agreement",), data=_text_upload
    ),
    "core:agreement_document": Route(
        allowed=PROGRAMME, denied=LEARNER, kwargs=("pk=agreement", "document_pk=document")
    ),
    "core:audit": Route(allowed=OVERSIGHT, denied=ADMIN),
    "core:audit_export": Route(allowed=OVERSIGHT, denied=ADMIN),
    "core:profile": Route(allowed=LEARNER),
    "core:token_revoke": Route(allowed=LEARNER, denied=ADMIN, method="post", kwargs=("pk=token",)),
    "set_language": Route(allowed=None, method="post", data={"language": "ru"}),
}

API_ROUTES: dict[str, Route] = {
    "GET /api/v1/me": Route(allowed=LEARNER),
    "GET /api/v1/search": Route(allowed=LEARNER, data={"q": "Tashkent"}),
    "GET /api/v1/countries": Route(allowed=LEARNER),
    "GET /api/v1/organisations": Route(allowed=LEARNER),
    "GET /api/v1/organisations/{pk}": Route(allowed=LEARNER, kwargs=("pk=org",)),
    "POST /api/v1/organisations": Route(
        allowed=ADMIN, denied=PROGRAMME, data={"name": "Permission Test Org", "kind": "civil_society"}
    ),
    "PATCH /api/v1/organisations/{pk}": Route(
        allowed=ADMIN, denied=PROGRAMME, kwargs=("pk=org",), data={"city": "Samarqand"}
    ),
    "GET /api/v1/agreements": Route(allowed=PROGRAMME, denied=LEARNER),
    "GET /api/v1/agreements/{pk}": Route(allowed=PROGRAMME, denied=LEARNER, kwargs=("pk=agreement",)),
    "POST /api/v1/agreements": Route(
        allowed=PROGRAMME,
        denied=LEARNER,
        data={"title": "Permission test memorandum", "parties": "ORGS", "signed_on": "2024-05-14"},
    ),
    "GET /api/v1/audit": Route(allowed=OVERSIGHT, denied=ADMIN),
    "GET /api/v1/tokens": Route(allowed=LEARNER),
    "POST /api/v1/tokens/{pk}/revoke": Route(allowed=LEARNER, denied=ADMIN, kwargs=("pk=token",)),
}


def make_objects(persona, world) -> dict[str, Any]:
    """The objects the core routes point at."""
    org = world["uz"]
    agreement = services.create_agreement(
        None, parties=[world["uz"], world["un"]], title="Test memorandum", signed_on="2023-12-05"
    )
    token = services.create_api_token(None, persona[LEARNER], name="test").token
    document = services.attach_agreement_document(
        None, agreement, title="Signed text", language="en", upload=SimpleUploadedFile("mou.txt", b"Signed.")
    )
    return {"org": org.pk, "agreement": agreement.pk, "token": token.pk, "document": document.pk}
