from __future__ import annotations

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from hamkor.core import services
from hamkor.core.models import ApiToken, AuditEntry, Organisation
from hamkor.core.roles import Role


def _auth(user, scopes=("read", "write")) -> dict[str, str]:
    issued = services.create_api_token(None, user, name="test", scopes=scopes)
    return {"HTTP_AUTHORIZATION": f"Bearer {issued.secret}"}


@pytest.fixture
def admin(make_user):
    return make_user(Role.ADMINISTRATOR, "un")


def _post(client, path, body, headers, content_type="application/json"):
    return client.generic("POST", path, body, content_type=content_type, **headers)


def _nothing_written(before_orgs: int, before_audit: int) -> None:
    assert Organisation.objects.count() == before_orgs
    # Only the token-use entry of the refused request itself may be added.
    assert set(AuditEntry.objects.filter(seq__gt=before_audit).values_list("action", flat=True)) <= {"token.use"}


@pytest.mark.parametrize(
    ("body", "status", "phrase"),
    [
        (b'{"name": "Broken", "kind": ', 400, "not valid JSON"),
        (b'{"name": 42, "kind": ["civil_society"]}', 422, "name"),
        (b'{"name": "Typo Org", "kind": "civil_society", "contry": "UZ"}', 422, "contry"),
        (b'{"name": "Bad Kind", "kind": "secret_police"}', 422, "kind"),
        (b'{"name": "Bad Country", "kind": "civil_society", "country": "XX"}', 422, "XX"),
    ],
    ids=["malformed-json", "wrong-types", "unknown-field", "bad-choice", "unknown-country"],
)
def test_bad_input_gets_a_problem_and_writes_nothing(client, admin, body, status, phrase):
    headers = _auth(admin)
    before = Organisation.objects.count(), AuditEntry.objects.order_by("-seq").first().seq
    response = _post(client, "/api/v1/organisations", body, headers)
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == status and problem["title"] and phrase in problem["detail"]
    _nothing_written(*before)


def test_body_over_the_limit_is_refused(client, admin, settings):
    headers = _auth(admin)
    before = Organisation.objects.count(), AuditEntry.objects.order_by("-seq").first().seq
    body = b'{"name": "' + b"x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10) + b'", "kind": "civil_society"}'
    response = _post(client, "/api/v1/organisations", body, headers)
    assert response.status_code == 413
    assert response["Content-Type"] == "application/problem+json"
    assert str(settings.DATA_UPLOAD_MAX_MEMORY_SIZE) in response.json()["detail"]
    _nothing_written(*before)


def test_create_organisation_answers_201_and_audits(client, admin):
    response = _post(
        client,
        "/api/v1/organisations",
        b'{"name": "Samarqand Women\'s Centre", "kind": "civil_society", "country": "uz"}',
        _auth(admin),
    )
    assert response.status_code == 201
    created = response.json()
    assert created["country"] == "UZ" and created["kind"] == "civil_society"
    entry = AuditEntry.objects.filter(action="organisation.create").latest("seq")
    assert entry.object_id == str(created["id"]) and entry.actor_id == admin.pk


def test_national_admin_cannot_touch_another_country(client, make_user, world):
    kz_admin = make_user(Role.ADMINISTRATOR, "kz")
    headers = _auth(kz_admin)
    response = client.patch(
        f"/api/v1/organisations/{world['uz'].pk}", {"city": "Nukus"}, content_type="application/json", **headers
    )
    assert response.status_code == 404
    response = _post(
        client, "/api/v1/organisations", b'{"name": "X Org", "kind": "civil_society", "country": "UZ"}', headers
    )
    assert response.status_code == 403 and "own country" in response.json()["detail"]
    assert not Organisation.objects.filter(name="X Org").exists()


def test_read_token_cannot_write(client, admin):
    response = _post(
        client, "/api/v1/organisations", b'{"name": "Nope", "kind": "civil_society"}', _auth(admin, scopes=["read"])
    )
    assert response.status_code == 403 and "write scope" in response.json()["detail"]
    assert not Organisation.objects.filter(name="Nope").exists()


def test_token_is_stored_hashed_and_its_use_audited(client, admin):
    issued = services.create_api_token(None, admin, name="integration")
    stored = ApiToken.objects.get(pk=issued.token.pk)
    assert issued.secret not in (stored.secret_hash, stored.prefix) and len(stored.secret_hash) == 64
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {issued.secret}")
    assert response.status_code == 200 and response.json()["email"] == admin.email
    use = AuditEntry.objects.filter(action="token.use").latest("seq")
    assert use.details == {"method": "GET", "path": "/api/v1/me"} and use.actor_id == admin.pk


def test_expired_and_revoked_tokens_are_refused(client, admin):
    expired = services.create_api_token(None, admin, name="old", days=1, now=timezone.now() - timedelta(days=2))
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {expired.secret}").status_code == 401
    revoked = services.create_api_token(None, admin, name="revoked")
    services.revoke_api_token(admin, revoked.token)
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {revoked.secret}")
    assert response.status_code == 401
    assert "Bearer" in response["WWW-Authenticate"]
    assert AuditEntry.objects.filter(action="token.refused").count() == 2


def test_forged_token_is_refused(client, admin):
    issued = services.create_api_token(None, admin, name="real")
    forged = issued.secret[:-4] + "AAAA"
    assert client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {forged}").status_code == 401


def test_lists_are_paginated(client, admin, world):
    for i in range(7):
        services.create_organisation(None, name=f"Mahalla group {i}", kind="civil_society", country_id="UZ")
    response = client.get("/api/v1/organisations?page=2&page_size=4", **_auth(admin))
    body = response.json()
    assert body["count"] == 10 and len(body["items"]) == 4


def test_audit_api_is_scoped_to_the_oversight_officers_country(client, make_user, world):
    uz_oversight = make_user(Role.OVERSIGHT_OFFICER, "uz")
    kz_admin = make_user(Role.ADMINISTRATOR, "kz")
    services.update_organisation(kz_admin, world["kz"], city="Astana")
    items = client.get("/api/v1/audit?action=organisation.change", **_auth(uz_oversight)).json()["items"]
    assert items == []
    un_oversight = make_user(Role.OVERSIGHT_OFFICER, "un")
    items = client.get("/api/v1/audit?action=organisation.change", **_auth(un_oversight)).json()["items"]
    assert [i["actor_label"] for i in items] == [kz_admin.email]


def test_create_token_command_prints_a_working_token_last(client, admin):
    out = io.StringIO()
    call_command("create_token", admin.email, "--days", "7", "--scope", "read", stdout=out)
    secret = out.getvalue().strip().splitlines()[-1]
    response = client.get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200 and response.json()["roles"] == ["administrator"]


def test_openapi_describes_the_core_endpoints(client):
    schema = client.get("/api/v1/openapi.json").json()
    for path in ("/api/v1/me", "/api/v1/countries", "/api/v1/organisations", "/api/v1/agreements"):
        assert path in schema["paths"]
    docs = client.get("/api/v1/docs").content.decode()
    assert "cdn" not in docs.lower() and "/static/ninja/swagger-ui-bundle" in docs
