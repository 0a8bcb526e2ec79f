from __future__ import annotations

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from hamkor import settings as real_settings
from hamkor.conftest import PASSWORD
from hamkor.core import services
from hamkor.core.models import AuditEntry, User
from hamkor.core.roles import Role


def _code(device: TOTPDevice, drift: int = 0) -> str:
    return str(totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits, drift=drift)).zfill(6)


def _after_throttle_delay(device: TOTPDevice) -> None:
    """django-otp refuses codes for a while after a wrong one; move that moment into the past instead of sleeping."""
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_timestamp=timezone.now() - timedelta(minutes=5))


def _sign_in(client: Client, email: str, password: str = PASSWORD):
    return client.post(reverse("core:login"), {"username": email, "password": password})


def test_learner_signs_in_without_second_factor(make_user, client):
    learner = make_user(Role.LEARNER)
    response = _sign_in(client, learner.email)
    assert response.status_code == 302 and response["Location"] == reverse("core:dashboard")
    assert client.get(reverse("core:dashboard")).status_code == 200
    assert AuditEntry.objects.filter(action="auth.login", actor_id=learner.pk).exists()


def test_case_worker_must_enrol_and_prove_second_factor(make_user, client):
    worker = make_user(Role.CASE_WORKER)
    response = _sign_in(client, worker.email)
    assert reverse("core:second_factor") in response["Location"]
    # Nothing else opens before the factor is proved.
    blocked = client.get(reverse("core:organisations"))
    assert blocked.status_code == 302 and reverse("core:second_factor") in blocked["Location"]
    setup = client.get(reverse("core:second_factor_setup"))
    assert setup.status_code == 200 and b"data:image/svg+xml;base64," in setup.content
    device = TOTPDevice.objects.get(user=worker, confirmed=False)

    wrong = client.post(reverse("core:second_factor_setup"), {"code": "000000"})
    assert wrong.status_code == 200 and "not right" in wrong.content.decode()
    _after_throttle_delay(device)
    right = client.post(reverse("core:second_factor_setup"), {"code": _code(device)})
    assert right.status_code == 302
    assert client.get(reverse("core:organisations")).status_code == 200
    actions = set(AuditEntry.objects.filter(actor_id=worker.pk).values_list("action", flat=True))
    assert {"auth.login", "auth.second_factor_enrolled"} <= actions


def test_enrolled_user_proves_factor_at_next_sign_in(make_user):
    admin = make_user(Role.ADMINISTRATOR)
    device = TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    client = Client()
    assert reverse("core:second_factor") in _sign_in(client, admin.email)["Location"]
    assert client.post(reverse("core:second_factor"), {"code": "123456"}).status_code == 200
    _after_throttle_delay(device)
    response = client.post(reverse("core:second_factor"), {"code": _code(device)})
    assert response.status_code == 302
    assert client.get(reverse("core:organisation_create")).status_code == 200
    assert AuditEntry.objects.filter(action="auth.second_factor_failed", actor_id=admin.pk).count() == 1


def test_wrong_password_is_refused_and_audited(make_user, client):
    learner = make_user(Role.LEARNER)
    response = _sign_in(client, learner.email, "not the password")
    assert response.status_code == 200
    assert "not right" in response.content.decode()
    entry = AuditEntry.objects.filter(action="auth.login_failed").latest("seq")
    assert entry.details["email"] == learner.email


def test_repeated_failures_lock_the_account(make_user, client, settings):
    learner = make_user(Role.LEARNER)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _sign_in(client, learner.email, "wrong password!")
    locked = _sign_in(client, learner.email)  # even the right password is refused now
    assert locked.status_code in (403, 429)
    assert "locked" in locked.content.decode().lower()
    assert not client.get(reverse("core:dashboard")).wsgi_request.user.is_authenticated
    assert AuditEntry.objects.filter(action="auth.locked_out").exists()


def test_idle_session_expires(make_user, client):
    learner = make_user(Role.LEARNER)
    _sign_in(client, learner.email)
    assert client.get(reverse("core:dashboard")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("core:dashboard"))
    assert response.status_code == 302 and reverse("core:login") in response["Location"]


def test_sessions_are_set_to_expire_after_inactivity():
    assert real_settings.SESSION_SAVE_EVERY_REQUEST is True
    assert real_settings.SESSION_COOKIE_AGE <= 60 * 60


@override_settings(PASSWORD_HASHERS=real_settings.PASSWORD_HASHERS)
def test_passwords_are_hashed_with_argon2(world):
    user = services.create_user(
        None, email="argon@example.org", full_name="A", organisation=world["uz"], roles=[], password=PASSWORD
    )
    assert User.objects.get(pk=user.pk).password.startswith("argon2$")


def test_logout_is_audited(make_user, client):
    learner = make_user(Role.LEARNER)
    _sign_in(client, learner.email)
    client.post(reverse("core:logout"))
    assert AuditEntry.objects.filter(action="auth.logout", actor_id=learner.pk).exists()
    assert client.get(reverse("core:dashboard")).status_code == 302


def _settings_import(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("HAMKOR_")}
    return subprocess.run(
        [sys.executable, "-c", "import hamkor.settings"],
        env={**clean, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_without_secret_key_fails_naming_the_variable():
    result = _settings_import({"HAMKOR_DEBUG": "0", "HAMKOR_DATA_KEY": "x"})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "HAMKOR_SECRET_KEY" in result.stderr


def test_production_without_data_key_fails_naming_the_variable():
    result = _settings_import({"HAMKOR_DEBUG": "0", "HAMKOR_SECRET_KEY": "s" * 60})
    assert result.returncode != 0 and "HAMKOR_DATA_KEY" in result.stderr


def test_secret_key_can_come_from_a_file(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("from-a-file-" + "k" * 50)
    result = subprocess.run(
        [sys.executable, "-c", "import hamkor.settings as s; print(s.SECRET_KEY)"],
        env={
            **{k: v for k, v in os.environ.items() if not k.startswith("HAMKOR_")},
            "HAMKOR_DEBUG": "0",
            "HAMKOR_SECRET_KEY_FILE": str(secret),
            "HAMKOR_DATA_KEY": "x",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip().startswith("from-a-file-")


def test_bad_boolean_is_refused_with_the_variable_name():
    result = _settings_import({"HAMKOR_DEBUG": "perhaps"})
    assert result.returncode != 0 and "HAMKOR_DEBUG" in result.stderr


@pytest.mark.django_db
def test_unverified_session_cannot_use_the_api(make_user, client):
    worker = make_user(Role.CASE_WORKER)
    client.force_login(worker)
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("step", ["prove", "enrol"])
def test_a_cookie_copied_before_the_second_factor_opens_nothing_after_it(make_user, step):
    officer = make_user(Role.OVERSIGHT_OFFICER, "un")
    if step == "prove":
        device = TOTPDevice.objects.create(user=officer, name="phone", confirmed=True)
    client = Client()
    _sign_in(client, officer.email)
    if step == "enrol":
        client.get(reverse("core:second_factor_setup"))
        device = TOTPDevice.objects.get(user=officer)
    copied = Client()
    copied.cookies["sessionid"] = client.cookies["sessionid"].value  # taken before the code was entered
    url = reverse("core:second_factor") if step == "prove" else reverse("core:second_factor_setup")
    assert client.post(url, {"code": _code(device)}).status_code == 302
    assert client.get(reverse("core:audit")).status_code == 200
    stale = copied.get(reverse("core:audit"))
    assert stale.status_code == 302 and reverse("core:login") in stale["Location"]
