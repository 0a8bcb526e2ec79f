"""The module's promises that cut across pages and API: no score of a person, loud decryption failures,
emergency access in front of oversight."""

from __future__ import annotations

import re

import pytest
from django.apps import apps
from django.urls import reverse

from hamkor.api import api
from hamkor.cases import services
from hamkor.cases.tests.factories import identity
from hamkor.conftest import verified_client
from hamkor.core.crypto import DecryptionError

OTHER_KEY = "b3RoZXIta2V5LW90aGVyLWtleS1vdGhlci1rZXktISE="
FORBIDDEN = re.compile(r"risk|radical|threat_?score|danger", re.IGNORECASE)


def test_no_model_field_or_api_schema_scores_a_person():
    fields = [f"{m._meta.label}.{f.name}" for m in apps.get_models() for f in m._meta.get_fields()]
    assert not [f for f in fields if FORBIDDEN.search(f)]
    schemas = api.get_openapi_schema()["components"]["schemas"]
    properties = [f"{name}.{prop}" for name, schema in schemas.items() for prop in schema.get("properties", {})]
    assert not [p for p in properties if FORBIDDEN.search(p)]


@pytest.fixture
def case(make_user):
    worker = make_user("case_worker")
    _person, case = services.register_person(worker, identity("Dilnoza", "Karimova", "1990-05-01"))
    return worker, case


def test_wrong_key_fails_loudly_on_the_case_page(case, settings):
    worker, case = case
    client = verified_client(worker)
    url = reverse("cases:detail", args=case.code.split("/"))
    assert "Karimova" in client.get(url).content.decode()
    settings.HAMKOR_DATA_KEY = OTHER_KEY
    with pytest.raises(DecryptionError):
        client.get(url)


def test_wrong_key_fails_loudly_on_the_api(case, settings):
    from hamkor.core import services as core_services

    worker, case = case
    token = core_services.create_api_token(None, worker, name="t").secret
    settings.HAMKOR_DATA_KEY = OTHER_KEY
    with pytest.raises(DecryptionError):
        verified_client(worker).get(f"/api/v1/cases/people/{case.person.code}", HTTP_AUTHORIZATION=f"Bearer {token}")


def test_oversight_page_flags_emergency_access(make_user, world):
    from hamkor.core import services as core_services

    worker = make_user("case_worker")
    _person, case = services.register_person(worker, identity("Zarina", "Hasanova", "1988-03-03"))
    supervisor = make_user("case_supervisor")
    supervisor.organisation = core_services.create_organisation(
        None, name="Samarqand Centre", kind="service_provider", country_id="UZ"
    )
    supervisor.save()
    services.open_break_glass(supervisor, case, reason="Night admission to hospital; the worker cannot be reached.")
    html = verified_client(make_user("oversight_officer", "un")).get(reverse("core:audit")).content.decode()
    flagged = html.split("Flagged for review")[1].split("</section>")[0]
    assert "case.break_glass" in flagged and "Night admission" in flagged and supervisor.email in flagged
