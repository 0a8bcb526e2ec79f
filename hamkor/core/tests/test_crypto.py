from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.checks import run_checks
from django.core.management import call_command
from django.db import connection

from hamkor.core.audit import verify_chain
from hamkor.core.crypto import DecryptionError, Keyring, encrypted_fields, keyring, new_key, parse_keys

OLD = "b2xkLWtleS1vbGQta2V5LW9sZC1rZXktb2xkLWtleSE="
NEW = "bmV3LWtleS1uZXcta2V5LW5ldy1rZXktbmV3LWtleSE="


def test_sealed_value_opens_only_with_its_key():
    ring = Keyring(parse_keys(OLD))
    sealed = ring.encrypt("Дилноза Каримова")
    assert "Дилноза" not in sealed and "Dilnoza" not in sealed
    assert ring.decrypt(sealed) == "Дилноза Каримова"
    with pytest.raises(DecryptionError, match="No key"):
        Keyring(parse_keys(NEW)).decrypt(sealed)


def test_altered_ciphertext_fails_loudly():
    ring = Keyring(parse_keys(OLD))
    sealed = ring.encrypt("Gulnora")
    key_id, payload = sealed.split("$")
    tampered = f"{key_id}${payload[:-6]}AAAAAA"
    with pytest.raises(DecryptionError, match="does not decrypt"):
        ring.decrypt(tampered)


def test_same_text_seals_differently_each_time():
    ring = Keyring(parse_keys(OLD))
    assert ring.encrypt("Salima") != ring.encrypt("Salima")


def test_keyring_with_two_keys_reads_both_and_writes_with_the_first():
    old_only = Keyring(parse_keys(OLD))
    both = Keyring(parse_keys(f"{NEW},{OLD}"))
    sealed_old = old_only.encrypt("Oʻtkir")
    assert both.decrypt(sealed_old) == "Oʻtkir"
    assert both.encrypt("x").startswith(both.current.key_id + "$")
    assert both.current.key_id != old_only.current.key_id


@pytest.mark.parametrize("value", ["not base64!", "c2hvcnQ="])
def test_bad_key_is_reported_by_the_system_check(settings, value):
    settings.HAMKOR_DATA_KEY = value
    messages = [m for m in run_checks() if m.id == "hamkor.E001"]
    assert messages and "HAMKOR_DATA_KEY" in messages[0].msg


def test_new_key_is_32_random_bytes():
    assert parse_keys(new_key())[0].secret != parse_keys(new_key())[0].secret
    assert len(parse_keys(new_key())[0].secret) == 32


@pytest.mark.django_db
def test_rotation_reseals_every_value_and_rebuilds_name_index(settings, make_user):
    from hamkor.cases import services
    from hamkor.cases.identity import Identity
    from hamkor.cases.models import Case, Consent, Note, Person, PersonNameKey
    from hamkor.cases.services.retention import set_legal_hold

    settings.HAMKOR_DATA_KEY = OLD
    worker = make_user("case_worker")
    identity = Identity.model_validate(
        {"names": [{"given": "Dilnoza", "family": "Karimova"}], "birth_date": "1990-05-01", "sex": "female"}
    )
    person, case = services.register_person(worker, identity)
    services.add_note(worker, case, compartment="general", body="Met Dilnoza at the mahalla office.")
    consent = services.record_consent(worker, person, "services", text_version="2025-1", given_on=date(2025, 1, 5))
    services.withdraw_consent(worker, consent, reason="Dilnoza asked to stop.")
    set_legal_hold(make_user("case_supervisor"), case, hold=True, reason="Court case of Dilnoza Karimova.")
    old_id = keyring().current.key_id

    settings.HAMKOR_DATA_KEY = f"{NEW},{OLD}"
    new_id = keyring().current.key_id
    out = io.StringIO()
    call_command("rotate_data_key", "--batch", "1", stdout=out)
    assert "Done" in out.getvalue()
    sealed_under: set[str] = set()
    with connection.cursor() as cursor:
        for model, name in encrypted_fields():  # every sealed column of every app, those added later too
            column = model._meta.get_field(name).column
            cursor.execute(f"SELECT {column} FROM {model._meta.db_table} WHERE {column} <> ''")
            sealed_under |= {row[0].split("$")[0] for row in cursor.fetchall()}
    assert sealed_under == {new_id}
    assert set(PersonNameKey.objects.values_list("key_id", flat=True)) == {new_id}

    settings.HAMKOR_DATA_KEY = NEW  # the old key can go: nothing needs it any more
    assert Person.objects.get(pk=person.pk).identity["names"][0]["given"] == "Dilnoza"
    assert Note.objects.get(case=case).body.startswith("Met Dilnoza")
    assert Case.objects.get(pk=case.pk).legal_hold_reason == "Court case of Dilnoza Karimova."
    assert Consent.objects.get(pk=consent.pk).withdrawal_reason == "Dilnoza asked to stop."
    assert verify_chain()[0] is None
    assert services.find_duplicates(worker, identity)[0].person == person
    assert old_id != new_id


@pytest.mark.django_db
def test_an_empty_text_is_stored_empty_and_a_sealed_field_cannot_be_searched(make_user):
    from hamkor.cases.models import Case
    from hamkor.cases.services import register_person
    from hamkor.cases.tests.factories import identity

    _person, case = register_person(make_user("case_worker"), identity("Dilnoza", "Karimova", "1990-05-01"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT legal_hold_reason FROM cases_case WHERE id = %s", [case.pk])
        assert cursor.fetchone()[0] == ""
    assert Case.objects.get(pk=case.pk).legal_hold_reason == ""
    with pytest.raises(TypeError, match="cannot be searched"):
        Case.objects.filter(legal_hold_reason__icontains="Dilnoza").exists()
    assert Case.objects.filter(legal_hold_reason__isnull=False).count() == 1
