"""Text normalised before it is judged (issue 10): what a reader cannot see, look-alike letters, digits for
letters and a name split apart neither hide a name from the dossier checker nor make a name at registration,
and the blind name index sees the name a reader sees."""

from __future__ import annotations

import importlib
import sys
import unicodedata
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from hamkor.cases import services
from hamkor.cases.domains import Purpose
from hamkor.cases.dossiers import Identifiers, check_text
from hamkor.cases.identity import Identity, name_keys
from hamkor.cases.models import Person, PersonNameKey
from hamkor.cases.queries_dossiers import dossier_text
from hamkor.cases.services import approvals, dossiers
from hamkor.cases.services.common import CaseRuleError
from hamkor.cases.tests.test_api import MOTHER, _auth, _post
from hamkor.cases.tests.test_pages import registration
from hamkor.conftest import verified_client
from hamkor.core.crypto import keyring
from hamkor.core.normalise import INVISIBLE
from hamkor.core.roles import Role

NOW = datetime(2025, 6, 15, 9, 30, tzinfo=UTC)
FORMAT_CHARACTERS = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
ZORA: dict[str, Any] = {
    "names": [{"given": "Zorabella", "family": "Nurmatova"}, {"given": "Зорабелла", "family": "Нурматова"}],
    "birth_date": "1990-04-02",
    "sex": "female",
    "place_of_birth": "Chirchiq, Uzbekistan",
    "documents": [{"kind": "passport", "status": "held", "number": "PSPT-ZZ998877"}],
}
ZORA_IDS = Identifiers.of([Identity.model_validate(ZORA)])


@pytest.fixture
def worker(persona):
    return persona[Role.CASE_WORKER]


@pytest.fixture
def zora_case(worker):
    person, case = services.register_person(worker, Identity.model_validate(ZORA))
    services.record_consent(worker, person, Purpose.COUNCIL, text_version="2025-1", given_on=date(2025, 1, 10))
    return case


# --- the dossier checker -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "flagged"),
    [
        ("Zora\u00adbella came to the meeting.", "name", "Zorabella"),  # soft hyphen inside the name
        ("Her passport PSPT-ZZ99\u200b8877 is held.", "own_document", "PSPT-ZZ998877"),  # zero-width space
        ("She grew up in Chir\u200bchiq.", "place", "Chirchiq"),
        ("Z0rabe11a came to the meeting.", "name", "Z0rabe11a"),  # digits standing for letters
        ("Z o r a b e l l a came to the meeting.", "name", "Z o r a b e l l a"),  # letters spaced apart
        ("Mrs Nurma-tova came to the meeting.", "name", "Nurma-tova"),  # a hyphen inside the surname
        ("Mrs Nurmаtova came to the meeting.", "name", "Nurmаtova"),  # a Cyrillic а among Latin letters
    ],
)
def test_each_reported_evasion_gives_a_warning_and_blocks_sending(worker, zora_case, text, kind, flagged):
    dossier = dossiers.build_dossier(worker, zora_case, text=text, now=NOW)
    stored = dossier_text(dossier)
    assert INVISIBLE.search(stored) is None  # what the Council would read is what was checked
    warnings = dossiers.current_warnings(dossier, NOW.date())
    assert [(w["kind"], stored[w["start"] : w["end"]]) for w in warnings] == [(kind, flagged)]
    with pytest.raises(CaseRuleError, match="1 possible identifier in the text is unresolved"):
        approvals.submit_dossier(worker, dossier, now=NOW)
    dossier.refresh_from_db()
    assert dossier.status == "draft" and dossier.sent_at is None


def test_a_draft_stored_with_invisible_characters_is_still_caught_where_they_are(worker, zora_case):
    dossier = dossiers.build_dossier(worker, zora_case, text="Doing well.", now=NOW)
    hidden = "Met Zora\u200bbella and \u202eavotamruN\u202c today."  # the second shows as "Nurmatova"
    dossiers._edit(worker, dossier, "dossier.text", NOW, lambda _current: hidden)  # as stored before cleaning
    warnings = dossiers.current_warnings(dossier, NOW.date())
    assert [hidden[w["start"] : w["end"]] for w in warnings] == ["Zora\u200bbella", "avotamruN\u202c"]
    dossiers.remove_flagged_text(worker, dossier, now=NOW)
    assert dossier_text(dossier) == "Met […] and \u202e[…] today."


@pytest.mark.parametrize(
    "text",
    [
        "Mother of two, returned with Mehr-2; attends a sewing course, the children go to school.",
        "She is a nurse. Her son likes art and plays in a team on Sundays.",
        "Она работает в школе, сын ходит в садик.",
    ],
)
def test_plain_text_still_has_no_warning(text):
    assert check_text(text, ZORA_IDS) == []


NAMES = ["Zorabella", "Nurmatova", "Зорабелла", "Нурматова", "Chirchiq", "PSPT-ZZ998877", "Zorabellaning", "Dilnoza"]
TEMPLATES = ["{} came to the meeting.", "У {} двое детей.", "{}", "Met {}, her son and a neighbour."]


@given(st.sampled_from(NAMES), st.sampled_from(TEMPLATES), st.data())
def test_an_invisible_character_anywhere_in_a_name_changes_neither_its_keys_nor_the_verdict(name, template, data):
    position = data.draw(st.integers(0, len(name)))
    hidden = name[:position] + data.draw(st.sampled_from(FORMAT_CHARACTERS)) + name[position:]
    assert name_keys(hidden) == name_keys(name)
    registered = [Identity.model_validate({**ZORA, "names": [{"given": given}]}) for given in (hidden, name)]
    assert registered[0].names == registered[1].names  # stored clean
    assert registered[0].name_words() == registered[1].name_words()  # the keys of the blind index
    shown = [f.kind for f in check_text(template.format(name), ZORA_IDS)]
    assert bool(shown) == (name != "Dilnoza")  # every name of this family is caught; Dilnoza is nobody here
    assert [f.kind for f in check_text(template.format(hidden), ZORA_IDS)] == shown


# --- names at registration ---------------------------------------------------------------------------------


def test_an_invisible_only_given_name_is_refused_on_the_page(worker):
    response = verified_client(worker).post(
        reverse("cases:register"), registration(given_name="\u200b\u200b", birth_date="1990-04-02")
    )
    assert response.status_code == 400
    assert "A name must contain letters" in response.content.decode()
    assert not Person.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"given_name": "\u200b"}, "given_name"),
        ({"given_name": "\u00ad\u2060\ufeff"}, "given_name"),
        ({"given_name": "--"}, "given_name"),
        ({"family_name": "\u200b."}, "family_name"),
        ({"other_names": [{"given": "\u200d", "script": "Cyrl"}]}, "other_names.0.given"),
    ],
)
def test_a_name_without_letters_is_a_problem_on_the_api_and_writes_nothing(client, worker, change, field):
    response = _post(client, "/people", MOTHER | change, _auth(worker))
    assert response.status_code == 422, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert field in [e["field"] for e in response.json()["errors"]]
    assert "A name must contain letters" in response.content.decode()
    assert not Person.objects.exists()


def test_the_service_refuses_an_invisible_only_name_whoever_built_the_identity(worker):
    invisible = Identity.model_validate({**ZORA, "names": [{"given": "\u200b"}]})  # read as stored: no rule
    with pytest.raises(ValidationError) as refused:
        services.register_person(worker, invisible)
    assert "given_name" in refused.value.message_dict
    assert not Person.objects.exists()


def test_a_name_is_stored_clean_and_found_by_the_word_a_reader_sees(client, worker):
    body = MOTHER | {"given_name": "Zora\u00adbella", "family_name": "Nur\u200bmatova"}
    code = _post(client, "/people", body, _auth(worker)).json()["code"]
    stored = Identity.model_validate(Person.objects.get(code=code).identity)
    assert (stored.names[0].given, stored.names[0].family) == ("Zorabella", "Nurmatova")
    again = Identity.model_validate({**ZORA, "birth_date": MOTHER["birth_date"], "names": [{"given": "Zorabella"}]})
    assert [c.person.code for c in services.find_duplicates(worker, again)] == [code]


def test_a_name_written_with_a_hyphen_or_in_two_words_meets_the_name_in_one(worker):
    split, _case = services.register_person(
        worker, Identity.model_validate({**ZORA, "names": [{"given": "Zora-Bella", "family": "Nurmatova"}]})
    )
    whole = Identity.model_validate({**ZORA, "names": [{"given": "Zorabella", "family": "Nurmatova"}]})
    assert [c.person for c in services.find_duplicates(worker, whole)] == [split]


def test_the_migration_rebuilds_the_name_keys_of_a_name_registered_with_an_invisible_character(worker):
    person, _case = services.register_person(worker, Identity.model_validate(ZORA))
    ring = keyring()
    # As the index was before the normalisation: the soft hyphen split "Zora\u00adbella" in two words.
    person.identity = {**ZORA, "names": [{"given": "Zora\u00adbella", "family": "Nurmatova"}]}
    person.save(update_fields=["identity"])
    PersonNameKey.objects.filter(person=person).delete()
    split = [ring.blind_index(word) for word in ("zora", "bela")]
    PersonNameKey.objects.bulk_create([PersonNameKey(person=person, key_id=k, digest=d) for k, d in split])
    probe = Identity.model_validate({**ZORA, "names": [{"given": "Zorabella"}]})
    assert services.find_duplicates(worker, probe) == []
    migration = importlib.import_module("hamkor.cases.migrations.0008_name_keys")
    migration.rebuild_name_keys(apps, None)
    assert [c.person for c in services.find_duplicates(worker, probe)] == [person]
