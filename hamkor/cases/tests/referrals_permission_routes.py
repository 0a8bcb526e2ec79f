"""The referral and transfer routes' entries in the generated permission test.

The personas work at the Uzbek "Tashkent Centre". A second Uzbek organisation, "Samarqand Family Centre", has a
case worker of its own. Objects, built through the services:

- a case of the personas' organisation whose person consents to a referral to Samarqand, with a referral sent
  there (the personas are its referring side) and no transfer pending, so a referral or a transfer can be asked;
- a Samarqand case with a referral to the Tashkent Centre waiting for an answer, and one already accepted (the
  personas are the provider);
- a Samarqand case whose transfer to the Tashkent Centre waits for an answer, and a case of the personas'
  organisation whose transfer to Samarqand waits (so the personas can withdraw it).
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.utils import timezone

from hamkor.cases import services
from hamkor.cases.identity import Identity
from hamkor.cases.models import Consent
from hamkor.cases.services import referrals, transfers
from hamkor.core import services as core_services
from hamkor.core.models import Organisation
from hamkor.testing import CASEWORKER, EXPERT, OVERSIGHT, SUPERVISOR, Route

PROVIDER = "Samarqand Family Centre"
CASE = ("person_code=rp_person", "number=rp_number")
API = "/api/v1/cases/referrals"


def _follow_up() -> str:
    return (timezone.now().date() + timedelta(days=14)).isoformat()


def _consented_case() -> str:
    return Consent.objects.get(purpose="referral", recipient__name=PROVIDER).person.cases.get().code


def _referral_body() -> dict[str, Any]:
    return {
        "case": _consented_case(),
        "provider": Organisation.objects.get(name=PROVIDER).pk,
        "service": "vocational",
        "shared_fields": ["given_name", "age", "sex"],
        "follow_up_on": _follow_up(),
    }


def _transfer_body() -> dict[str, Any]:
    return {
        "case": _consented_case(),
        "to_organisation": Organisation.objects.get(name=PROVIDER).pk,
        "reason": "The family moved to Samarqand region.",
    }


ROUTES: dict[str, Route] = {
    "cases:referral_list": Route(allowed=CASEWORKER, denied=OVERSIGHT),
    "cases:referral_create": Route(allowed=CASEWORKER, denied=EXPERT, kwargs=CASE),
    "cases:referral_detail": Route(allowed=CASEWORKER, denied=OVERSIGHT, kwargs=("code=rp_sent",)),
    "cases:referral_answer": Route(
        allowed=CASEWORKER,
        denied=OVERSIGHT,
        method="post",
        kwargs=("code=rp_received",),
        data={"decision": "accept", "note": "We can see her next week."},
    ),
    "cases:referral_complete": Route(allowed=CASEWORKER, denied=EXPERT, method="post", kwargs=("code=rp_accepted",)),
    "cases:transfer_list": Route(allowed=SUPERVISOR, denied=OVERSIGHT),
    "cases:transfer_create": Route(allowed=CASEWORKER, denied=EXPERT, kwargs=CASE),
    "cases:transfer_accept": Route(
        allowed=CASEWORKER, denied=OVERSIGHT, method="post", kwargs=("pk=rp_incoming",), data={"region": "Tashkent"}
    ),
    "cases:transfer_decline": Route(allowed=SUPERVISOR, denied=EXPERT, method="post", kwargs=("pk=rp_incoming",)),
    "cases:transfer_cancel": Route(allowed=CASEWORKER, denied=OVERSIGHT, method="post", kwargs=("pk=rp_outgoing",)),
}

API_ROUTES: dict[str, Route] = {
    f"GET {API}/": Route(allowed=CASEWORKER, denied=OVERSIGHT),
    f"POST {API}/": Route(allowed=CASEWORKER, denied=EXPERT, method="post", data=_referral_body),
    f"GET {API}/{{code}}": Route(allowed=CASEWORKER, denied=OVERSIGHT, kwargs=("code=rp_received",)),
    f"POST {API}/{{code}}/accept": Route(
        allowed=CASEWORKER, denied=EXPERT, method="post", kwargs=("code=rp_received",), data={"note": ""}
    ),
    f"POST {API}/{{code}}/decline": Route(
        allowed=SUPERVISOR,
        denied=OVERSIGHT,
        method="post",
        kwargs=("code=rp_received",),
        data={"note": "No place in the course until spring."},
    ),
    f"POST {API}/{{code}}/complete": Route(
        allowed=CASEWORKER, denied=EXPERT, method="post", kwargs=("code=rp_accepted",)
    ),
    f"GET {API}/transfers": Route(allowed=CASEWORKER, denied=OVERSIGHT),
    f"POST {API}/transfers": Route(allowed=CASEWORKER, denied=EXPERT, method="post", data=_transfer_body),
    f"POST {API}/transfers/{{transfer}}/accept": Route(
        allowed=SUPERVISOR, denied=OVERSIGHT, method="post", kwargs=("transfer=rp_incoming_id",), data={}
    ),
    f"POST {API}/transfers/{{transfer}}/decline": Route(
        allowed=CASEWORKER, denied=EXPERT, method="post", kwargs=("transfer=rp_incoming_id",)
    ),
    f"POST {API}/transfers/{{transfer}}/cancel": Route(
        allowed=CASEWORKER, denied=OVERSIGHT, method="post", kwargs=("transfer=rp_outgoing_id",)
    ),
}


def _adult(given: str, family: str) -> Identity:
    return Identity.model_validate(
        {"names": [{"given": given, "family": family}], "birth_date": "1989-06-10", "sex": "female"}
    )


def _consent_to_referral(worker: Any, person: Any, recipient: Organisation) -> None:
    today = timezone.now().date()
    services.record_consent(worker, person, "referral", text_version="2025-1", given_on=today, recipient=recipient)


def make_objects(persona, world) -> dict[str, Any]:
    worker = persona[CASEWORKER]
    follow_up = timezone.now().date() + timedelta(days=14)
    provider = core_services.create_organisation(
        None, name=PROVIDER, kind=Organisation.Kind.SERVICE_PROVIDER, country_id="UZ"
    )
    other = core_services.create_user(
        None,
        email="samarqand-worker@example.org",
        full_name="Samarqand Worker",
        organisation=provider,
        roles=[CASEWORKER],
    )
    person, case = services.register_person(worker, _adult("Nodira", "Tosheva"))
    _consent_to_referral(worker, person, provider)
    sent = referrals.send_referral(
        worker, case, provider=provider, service="vocational", fields=["given_name", "age"], follow_up_on=follow_up
    )
    their_person, their_case = services.register_person(other, _adult("Sevara", "Nazarova"))
    _consent_to_referral(other, their_person, world["uz"])
    ask = {"provider": world["uz"], "service": "psychosocial", "fields": ["given_name", "sex"]}
    received = referrals.send_referral(other, their_case, follow_up_on=follow_up, **ask)
    accepted = referrals.send_referral(other, their_case, follow_up_on=follow_up, **ask)
    referrals.accept_referral(worker, accepted, note="She starts on Monday.")
    _moving_person, moving_case = services.register_person(other, _adult("Zulfiya", "Ergasheva"))
    incoming = transfers.request_transfer(other, moving_case, to_organisation=world["uz"], reason="Moved to Tashkent.")
    _leaving_person, leaving_case = services.register_person(worker, _adult("Shahlo", "Qodirova"))
    outgoing = transfers.request_transfer(worker, leaving_case, to_organisation=provider, reason="Moved away.")
    person_code, number = case.code.rsplit("/", 1)
    return {
        "rp_person": person_code,
        "rp_number": int(number),
        "rp_sent": sent.code,
        "rp_received": received.code,
        "rp_accepted": accepted.code,
        "rp_incoming": incoming.pk,
        "rp_outgoing": outgoing.pk,
        "rp_incoming_id": f"T-{incoming.pk}",
        "rp_outgoing_id": f"T-{outgoing.pk}",
    }
