"""Text normalised before it is judged (issue 10): what a reader cannot see, look-alike letters of any script,
digits and letters drawn like others, text shown in another order than stored and a name split apart (over
spaces or lines) neither hide a name from the dossier checker nor make a name at registration, the blind name
index sees the name a reader sees, and ordinary prose raises no warning."""

from __future__ import annotations

import importlib
import sys
import unicodedata
from collections import defaultdict
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
from hamkor.core.confusables import FOREIGN_CYRILLIC, FOREIGN_LATIN
from hamkor.core.crypto import keyring
from hamkor.core.normalise import BIDI_CONTROLS, CYRILLIC_LOOKALIKE, INVISIBLE, LATIN_LOOKALIKE, clean
from hamkor.core.roles import Role

NOW = datetime(2025, 6, 15, 9, 30, tzinfo=UTC)
# Format characters that steer no order (bidirectional controls show text in another order: tested below).
FORMAT_CHARACTERS = [
    chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf" and chr(c) not in BIDI_CONTROLS
]
RLO, PDF = "\u202e", "\u202c"
ZORA: dict[str, Any] = {
    "names": [{"given": "Zorabella", "family": "Nurmatova"}, {"given": "Зорабелла", "family": "Нурматова"}],
    "birth_date": "1990-04-02",
    "sex": "female",
    "place_of_birth": "Chirchiq, Uzbekistan",
    "documents": [{"kind": "passport", "status": "held", "number": "PSPT-ZZ998877"}],
}
ZORA_IDS = Identifiers.of([Identity.model_validate(ZORA)])
# Keys of these two start with none of the letters a spelled-out name's first letter folds to alone ("k", "s").
DILNOZA: dict[str, Any] = {**ZORA, "names": [{"given": "Dilnoza", "family": "Karimova"}], "documents": []}
KHURSHIDA: dict[str, Any] = {**ZORA, "names": [{"given": "Khurshida", "family": "Nurmatova"}], "documents": []}
FAMILIES = {"zora": ZORA, "dilnoza": DILNOZA, "khurshida": KHURSHIDA}


@pytest.fixture
def worker(persona):
    return persona[Role.CASE_WORKER]


def consented_case(worker, identity: dict[str, Any]):
    person, case = services.register_person(worker, Identity.model_validate(identity))
    services.record_consent(worker, person, Purpose.COUNCIL, text_version="2025-1", given_on=date(2025, 1, 10))
    return case


@pytest.fixture
def zora_case(worker):
    return consented_case(worker, ZORA)


def assert_caught_and_blocked(worker, case, text: str, kind: str, flagged: str) -> None:
    dossier = dossiers.build_dossier(worker, case, text=text, now=NOW)
    stored = dossier_text(dossier)
    assert INVISIBLE.search(stored) is None  # what the Council would read is what was checked
    warnings = dossiers.current_warnings(dossier, NOW.date())
    assert [(w["kind"], stored[w["start"] : w["end"]]) for w in warnings] == [(kind, flagged)]
    with pytest.raises(CaseRuleError, match="1 possible identifier in the text is unresolved"):
        approvals.submit_dossier(worker, dossier, now=NOW)
    dossier.refresh_from_db()
    assert dossier.status == "draft" and dossier.sent_at is None


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
    assert_caught_and_blocked(worker, zora_case, text, kind, flagged)


@pytest.mark.parametrize(
    ("family", "text", "kind", "flagged"),
    [
        ("dilnoza", "Mrs Καrimova came to the meeting.", "name", "Καrimova"),  # Greek Κ and α
        ("zora", "Mrs Nurmatοva came to the meeting.", "name", "Nurmatοva"),  # Greek ο
        ("dilnoza", "Mrs Karimօva came to the meeting.", "name", "Karimօva"),  # Armenian օ
        # A right-to-left override inside the word: it showed as "Dilnoza", and is stored as it showed.
        ("dilnoza", f"Dil{RLO}azon{PDF} came to the meeting.", "name", "Dilnoza"),
        ("dilnoza", "Dil     noza came to the meeting.", "name", "Dil     noza"),  # a page shows one space
        ("zora", "Zora-\nbella came to the meeting.", "name", "Zora-\nbella"),  # hyphenated over a line
        ("zora", "Zora\nbella came to the meeting.", "name", "Zora\nbella"),
        ("khurshida", "K h u r s h i d a came to the meeting.", "name", "K h u r s h i d a"),  # "kh" folds to "x"
        ("zora", "She grew up in C h i r c h i q.", "place", "C h i r c h i q"),  # "c" alone folds to "s"
        ("zora", "ZorabeIIa came to the meeting.", "name", "ZorabeIIa"),  # capital I for l
        ("zora", "Mrs Nurrnatova came to the meeting.", "name", "Nurrnatova"),  # rn for m
    ],
)
def test_each_evasion_of_the_second_review_gives_a_warning_and_blocks_sending(worker, family, text, kind, flagged):
    assert_caught_and_blocked(worker, consented_case(worker, FAMILIES[family]), text, kind, flagged)


def _drawn_like() -> dict[str, list[str]]:
    """Each Latin and Cyrillic letter, and the letters of other scripts drawn like it."""
    like: dict[str, list[str]] = defaultdict(list)
    for other, latin in {**FOREIGN_LATIN, **LATIN_LOOKALIKE}.items():
        like[latin].append(other)
        if latin in CYRILLIC_LOOKALIKE:
            like[CYRILLIC_LOOKALIKE[latin]].append(other)
    for latin, cyrillic in CYRILLIC_LOOKALIKE.items():
        like[cyrillic].append(latin)
    for other, cyrillic in FOREIGN_CYRILLIC.items():
        like[cyrillic].append(other)
    return like


DRAWN_LIKE = _drawn_like()
ZORA_WORDS = [("Zorabella", "name"), ("Nurmatova", "name"), ("Зорабелла", "name"), ("Нурматова", "name"),
              ("Chirchiq", "place")]  # fmt: skip


@given(st.sampled_from(ZORA_WORDS), st.data())
def test_a_letter_of_any_script_drawn_like_one_of_a_name_still_gives_a_warning(word, data):
    name, kind = word
    positions = [i for i, char in enumerate(name) if DRAWN_LIKE.get(char)]
    position = data.draw(st.sampled_from(positions))
    disguised = name[:position] + data.draw(st.sampled_from(DRAWN_LIKE[name[position]])) + name[position + 1 :]
    assert [(f.kind, f.text) for f in check_text(f"Met {disguised} at school.", ZORA_IDS)] == [(kind, disguised)]


@given(st.sampled_from(ZORA_WORDS), st.data())
def test_a_name_split_over_spaces_hyphens_and_lines_still_gives_a_warning(word, data):
    name, kind = word
    cut = data.draw(st.integers(1, len(name) - 1))
    gap = data.draw(st.sampled_from([" ", "  ", " " * 9, "\n", "-\n", " -\n  ", "\t", "\r\n", ".\n"]))
    split = name[:cut] + gap + name[cut:]
    assert [(f.kind, f.text) for f in check_text(f"Met {split} at school.", ZORA_IDS)] == [(kind, split)]


@given(st.sampled_from(ZORA_WORDS), st.data())
def test_a_name_written_backwards_after_an_override_is_judged_as_it_shows(word, data):
    name, kind = word
    cut = data.draw(st.integers(0, len(name) - 1))
    stored = f"Met {name[:cut]}{RLO}{name[cut:][::-1]}{PDF} at school."
    assert clean(stored) == f"Met {name} at school."
    assert [f.kind for f in check_text(stored, ZORA_IDS)] == [kind]


PROSE = [
    # English
    "The family returned last spring and now lives in a small house near the market. The mother works at a "
    "bakery in the morning and attends evening classes; the children go to school, and the eldest has joined a "
    "football club. A social worker visits every two weeks. In the last review the team noted better sleep, "
    "fewer nightmares and a warm relationship with the neighbours.\nNext steps: help with the clinic "
    "appointments, a modern learning plan for the youngest, and support in finding a job. I think the progress "
    "is real, and the family  agrees.",
    # Uzbek, Latin
    "Oila oʻtgan bahorda qaytib keldi va hozir bozor yaqinidagi kichik uyda yashaydi. Ona ertalab "
    "novvoyxonada ishlaydi, kechqurun kurslarga qatnaydi; bolalar maktabga boradi, katta oʻgʻli futbol "
    "toʻgaragiga yozildi. Ijtimoiy xodim har ikki haftada bir marta keladi. Oxirgi koʻrikda jamoa uyqu "
    "yaxshilanganini, qoʻrqinchli tushlar kamayganini va qoʻshnilar bilan iliq munosabatni qayd etdi.\n"
    "Keyingi qadamlar: poliklinikaga yozilishda yordam, kichigi uchun oʻquv rejasi va ish topishda koʻmak.",
    # Uzbek, Cyrillic
    "Оила ўтган баҳорда қайтиб келди ва ҳозир бозор яқинидаги кичик уйда яшайди. Она эрталаб новвойхонада "
    "ишлайди, кечқурун курсларга қатнайди; болалар мактабга боради, катта ўғли футбол тўгарагига ёзилди. "
    "Ижтимоий ходим ҳар икки ҳафтада бир марта келади.\nКейинги қадамлар: поликлиникага ёзилишда ёрдам, "
    "кичиги учун ўқув режаси ва иш топишда кўмак.",
    # Russian
    "Семья вернулась прошлой весной и теперь живёт в небольшом доме у рынка. Мать работает в пекарне по утрам "
    "и посещает вечерние курсы; дети ходят в школу, старший записался в футбольную секцию. Социальный работник "
    "приходит раз в две недели. На последнем обзоре команда отметила, что сон улучшился, кошмаров стало "
    "меньше, с соседями тёплые отношения.\nДальше: помощь с записью в поликлинику, учебный план для младшего и "
    "поиск работы. И в целом прогресс заметен, а мать с этим согласна.",
]


@pytest.mark.parametrize("prose", PROSE, ids=["english", "uzbek-latin", "uzbek-cyrillic", "russian"])
@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_ordinary_prose_without_a_name_gives_no_warning(prose, family):
    assert check_text(prose, Identifiers.of([Identity.model_validate(FAMILIES[family])])) == []


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


@pytest.mark.parametrize("family", ["Nurmatοva", "Nurmatօva", "Nurmatova"])  # Greek ο, Armenian օ
def test_a_name_with_look_alike_letters_of_another_script_meets_the_name_in_the_duplicate_check(worker, family):
    registered, _case = services.register_person(
        worker, Identity.model_validate({**ZORA, "names": [{"given": "Zorabella", "family": family}]})
    )
    for probe in ("Nurmatova", "Nurmatοva", "Нурматова"):
        identity = Identity.model_validate({**ZORA, "names": [{"given": probe}]})
        assert [c.person for c in services.find_duplicates(worker, identity)] == [registered]


def test_a_name_written_with_a_hyphen_or_in_two_words_meets_the_name_in_one(worker):
    split, _case = services.register_person(
        worker, Identity.model_validate({**ZORA, "names": [{"given": "Zora-Bella", "family": "Nurmatova"}]})
    )
    whole = Identity.model_validate({**ZORA, "names": [{"given": "Zorabella", "family": "Nurmatova"}]})
    assert [c.person for c in services.find_duplicates(worker, whole)] == [split]


def keyed_as_before(person: Person, words: tuple[str, ...]) -> None:
    """The person's blind-index rows as an older normalisation made them, from ``words``."""
    PersonNameKey.objects.filter(person=person).delete()
    rows = [PersonNameKey(person=person, key_id=k, digest=d) for k, d in map(keyring().blind_index, words)]
    PersonNameKey.objects.bulk_create(rows)


def migrate(name: str) -> None:
    for operation in importlib.import_module(f"hamkor.cases.migrations.{name}").Migration.operations:
        operation.code(apps, None)


def test_the_migration_rebuilds_the_name_keys_of_a_name_registered_with_an_invisible_character(worker):
    person, _case = services.register_person(worker, Identity.model_validate(ZORA))
    # As the index was before the normalisation: the soft hyphen split "Zora\u00adbella" in two words.
    person.identity = {**ZORA, "names": [{"given": "Zora\u00adbella", "family": "Nurmatova"}]}
    person.save(update_fields=["identity"])
    keyed_as_before(person, ("zora", "bela"))
    probe = Identity.model_validate({**ZORA, "names": [{"given": "Zorabella"}]})
    assert services.find_duplicates(worker, probe) == []
    migrate("0008_name_keys")
    assert [c.person for c in services.find_duplicates(worker, probe)] == [person]


def test_the_migration_rebuilds_the_name_keys_of_a_name_registered_with_greek_letters(worker):
    greek = {**ZORA, "names": [{"given": "Zorabella", "family": "Nurmatοva"}]}  # a Greek ο
    person, _case = services.register_person(worker, Identity.model_validate(greek))
    keyed_as_before(person, ("zorabela", "nurmatοva"))  # the Greek ο was kept in the key
    probe = Identity.model_validate({**ZORA, "names": [{"given": "Nurmatova"}]})
    assert services.find_duplicates(worker, probe) == []
    migrate("0009_name_keys_skeleton")
    assert [c.person for c in services.find_duplicates(worker, probe)] == [person]
