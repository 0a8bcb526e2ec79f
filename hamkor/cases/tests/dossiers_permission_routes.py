"""The Council dossier pages' and endpoints' entries in the generated permission test.

Objects, built through the services by the Uzbek case worker: one adult's case with a draft whose text names
her (one warning, ``name-4``), and another adult's case, consenting to the Council, with a sent dossier and a
clean new draft ready to send. Council experts read sent dossiers and change nothing; analysts see none.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hamkor.cases import services
from hamkor.cases.identity import Identity
from hamkor.cases.services import approvals, dossiers
from hamkor.cases.tests.factories import send_approved
from hamkor.council.tests.consultation_world import seat
from hamkor.testing import ANALYST, CASEWORKER, EXPERT, SUPERVISOR, Route

DRAFT_TEXT = "Met Nodira at the district office."  # "Nodira" starts at 4
ON_CASE = ("person_code=dossier_person", "number=dossier_number")
DRAFT = ("code=dossier_draft",)
READY = ("code=dossier_ready",)
SENT = ("code=dossier_sent",)
AWAITING = ("code=dossier_awaiting",)
RESOLUTION = {"warning": "name-4", "reason": "A colleague at the office shares the name."}
API = "/api/v1/cases/dossiers"

ROUTES: dict[str, Route] = {
    "cases:dossier_list": Route(allowed=EXPERT, denied=ANALYST),
    "cases:dossier_build": Route(
        allowed=CASEWORKER, denied=EXPERT, method="post", kwargs=ON_CASE, data={"text": "Attends evening classes."}
    ),
    "cases:dossier_detail": Route(allowed=EXPERT, denied=ANALYST, kwargs=SENT),
    "cases:dossier_text": Route(
        allowed=CASEWORKER, denied=EXPERT, method="post", kwargs=DRAFT, data={"text": "Met at the district office."}
    ),
    "cases:dossier_resolve": Route(allowed=CASEWORKER, denied=EXPERT, method="post", kwargs=DRAFT, data=RESOLUTION),
    "cases:dossier_redact": Route(allowed=CASEWORKER, denied=EXPERT, method="post", kwargs=DRAFT),
    "cases:dossier_submit": Route(allowed=CASEWORKER, denied=EXPERT, method="post", kwargs=READY),
    "cases:dossier_approve": Route(
        allowed=SUPERVISOR, denied=CASEWORKER, method="post", kwargs=AWAITING, data=lambda: _digest()
    ),
    "cases:dossier_return": Route(
        allowed=SUPERVISOR, denied=EXPERT, method="post", kwargs=AWAITING, data={"reason": "Say less about the town."}
    ),
    "cases:dossier_withdraw": Route(
        allowed=CASEWORKER, denied=EXPERT, method="post", kwargs=SENT, data={"reason": "She asked to stop sharing."}
    ),
}

API_ROUTES: dict[str, Route] = {
    f"GET {API}/": Route(allowed=EXPERT, denied=ANALYST),
    f"GET {API}/{{code}}": Route(allowed=EXPERT, denied=ANALYST, kwargs=SENT),
    f"POST {API}/new/{{person_code}}/{{number}}": Route(
        allowed=CASEWORKER, denied=EXPERT, method="post", kwargs=ON_CASE, data={"text": "Attends evening classes."}
    ),
    f"POST {API}/{{code}}/text": Route(
        allowed=CASEWORKER, denied=EXPERT, method="post", kwargs=DRAFT, data={"text": "Met at the district office."}
    ),
    f"POST {API}/{{code}}/resolve": Route(
        allowed=CASEWORKER, denied=EXPERT, method="post", kwargs=DRAFT, data=RESOLUTION
    ),
    f"POST {API}/{{code}}/remove-flagged": Route(allowed=CASEWORKER, denied=EXPERT, method="post", kwargs=DRAFT),
    f"POST {API}/{{code}}/submit": Route(allowed=CASEWORKER, denied=EXPERT, method="post", kwargs=READY),
    f"POST {API}/{{code}}/approve": Route(
        allowed=SUPERVISOR, denied=CASEWORKER, method="post", kwargs=AWAITING, data=lambda: _digest()
    ),
    f"POST {API}/{{code}}/return": Route(
        allowed=SUPERVISOR, denied=EXPERT, method="post", kwargs=AWAITING, data={"reason": "Say less about the town."}
    ),
    f"GET {API}/awaiting-approval": Route(allowed=SUPERVISOR, denied=CASEWORKER),
    f"POST {API}/{{code}}/withdraw": Route(
        allowed=CASEWORKER, denied=EXPERT, method="post", kwargs=SENT, data={"reason": "She asked to stop sharing."}
    ),
}


def _digest() -> dict[str, str]:
    """What the approver's page or client sends: the digest of the submitted version they read."""
    from hamkor.cases.models import Dossier

    return {"digest": approvals.approval_digest(Dossier.objects.get(status=Dossier.Status.AWAITING_APPROVAL))}


def _adult(given: str, family: str) -> Identity:
    return Identity.model_validate(
        {"names": [{"given": given, "family": family}], "birth_date": "1987-06-21", "sex": "female"}
    )


def make_objects(persona, world) -> dict[str, Any]:
    worker = persona[CASEWORKER]
    _person, case = services.register_person(worker, _adult("Nodira", "Saidova"))
    draft = dossiers.build_dossier(worker, case, text=DRAFT_TEXT)
    consenting, other = services.register_person(worker, _adult("Shahlo", "Tursunova"))
    services.record_consent(worker, consenting, "council", text_version="2025-1", given_on=date(2025, 1, 5))
    sent = send_approved(worker, dossiers.build_dossier(worker, other, text="Attends evening classes."))
    ready = dossiers.build_dossier(worker, other, text="Looks for work as a seamstress.")
    seat(persona[EXPERT], sent)  # Council experts read only the dossiers of the panels they sit on
    third_person, third = services.register_person(worker, _adult("Malika", "Rasulova"))
    services.record_consent(worker, third_person, "council", text_version="2025-1", given_on=date(2025, 1, 5))
    awaiting = approvals.submit_dossier(worker, dossiers.build_dossier(worker, third, text="Sings in a choir."))
    person_code, number = case.code.rsplit("/", 1)
    return {
        "dossier_person": person_code,
        "dossier_number": int(number),
        "dossier_draft": draft.code,
        "dossier_ready": ready.code,
        "dossier_sent": sent.code,
        "dossier_awaiting": awaiting.code,
    }
