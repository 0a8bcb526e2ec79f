"""Pseudonymised dossiers for the Regional Expert Council: what the checker catches, what a dossier may hold,
when it may leave, and who reads it. Data is built through the services, at fixed dates."""

from __future__ import annotations

import random
import re
from datetime import UTC, date, datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.urls import reverse

from hamkor.cases import queries_dossiers, services
from hamkor.cases.domains import Domain, Purpose
from hamkor.cases.dossiers import REMOVED, Identifiers, age_band, check_text
from hamkor.cases.identity import Identity
from hamkor.cases.models import Case, Dossier, Person
from hamkor.cases.services import approvals, dossiers
from hamkor.cases.services.common import CaseRuleError
from hamkor.cases.services.consents import consent_covers
from hamkor.cases.tests.factories import approver_for, send_approved
from hamkor.conftest import verified_client
from hamkor.core import services as core_services
from hamkor.core.audit import verify_chain
from hamkor.core.folding import fold_words
from hamkor.core.models import AuditEntry
from hamkor.core.roles import Role
from hamkor.council.tests.consultation_world import seat

NOW = datetime(2025, 6, 15, 9, 30, tzinfo=UTC)
TODAY = NOW.date()
SCORES = dict.fromkeys(Domain.values, 2) | {"legal": 0, "education": 3}

# Every key a dossier's content may hold, written out here rather than imported: the test is the guard.
ALLOWED_KEYS = {
    "age_band",
    "sex",
    "region",
    "country",
    "stage",
    "family_role",
    "family",
    "relationship",
    "assessments",
    "month",
    "instrument",
    "scores",
    "plan",
    "domain",
    "status",
    "interventions",
    "kind",
    "text",
    *Domain.values,
}

MOTHER: dict[str, Any] = {
    "names": [
        {"given": "Dilnoza", "family": "Karimova", "patronymic": "Rustamovna", "script": "Latn"},
        {"given": "Дилноза", "family": "Каримова", "patronymic": "Рустамовна", "script": "Cyrl"},
    ],
    "birth_date": "1990-04-02",
    "sex": "female",
    "place_of_birth": "Namangan, Uzbekistan",
    "nationality": "Uzbekistan",
    "documents": [
        {"kind": "passport", "status": "held", "number": "AB1234567"},
        {"kind": "national_id", "status": "held", "number": "30204901234567"},
    ],
}
SON: dict[str, Any] = {
    "names": [{"given": "Jasur", "family": "Karimov"}, {"given": "Жасур", "family": "Каримов", "script": "Cyrl"}],
    "birth_date": "2013-06-01",
    "sex": "male",
    "place_of_birth": "Raqqa, Syria",
    "documents": [{"kind": "birth_certificate", "status": "held", "number": "I-RQ 7654321"}],
}
DAUGHTER: dict[str, Any] = {
    "names": [{"given": "Madina", "family": "Karimova"}],
    "birth_date": "2021-02-10",
    "sex": "female",
    "documents": [{"kind": "birth_certificate", "status": "missing"}],
}


@pytest.fixture
def worker(persona):
    return persona[Role.CASE_WORKER]


@pytest.fixture
def expert(persona):
    return persona[Role.COUNCIL_EXPERT]


@pytest.fixture
def family(worker) -> dict[str, Any]:
    """A mother (guardian) with rich identity data, her son of 12 and her daughter of 4 (on 15 June 2025)."""
    mother, mother_case = services.register_person(
        worker, Identity.model_validate(MOTHER), new_family=True, relationship="mother", is_guardian=True
    )
    unit = mother.memberships.get().family
    son, son_case = services.register_person(worker, Identity.model_validate(SON), family=unit, relationship="child")
    daughter, _case = services.register_person(
        worker, Identity.model_validate(DAUGHTER), family=unit, relationship="child"
    )
    return {"family": unit, "mother": mother, "case": mother_case, "son": son, "son_case": son_case,
            "daughter": daughter}  # fmt: skip


@pytest.fixture
def case(family) -> Case:
    return family["case"]


def consent_to_council(worker, person: Person):
    return services.record_consent(worker, person, Purpose.COUNCIL, text_version="2025-1", given_on=date(2025, 1, 10))


def in_services(worker, case: Case) -> Case:
    """Consent to services, an assessment in March, a goal with two interventions."""
    services.record_consent(worker, case.person, Purpose.SERVICES, text_version="2025-1", given_on=date(2025, 1, 5))
    services.transition_case(worker, case, "assessment")
    services.record_assessment(
        worker,
        case,
        instrument_code="reintegration-needs-strengths",
        version="1.0",
        assessed_on=date(2025, 3, 10),
        scores=SCORES,
    )
    goal = services.add_goal(worker, case, domain="legal", description="Passport for Dilnoza, number AB1234567.")
    services.add_intervention(worker, goal, kind="documents", due_on=date(2025, 9, 1))
    done = services.add_intervention(worker, goal, kind="legal", due_on=date(2025, 5, 1))
    services.set_intervention_status(worker, done, "done", completed_on=date(2025, 5, 2))
    return case


def build(worker, case: Case, text: str = "", **kwargs: Any) -> Dossier:
    return dossiers.build_dossier(worker, case, text=text, now=NOW, **kwargs)


def kinds(dossier: Dossier) -> list[str]:
    return [w["kind"] for w in dossiers.current_warnings(dossier, TODAY)]


def last_seq() -> int:
    return AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0


def actions_since(seq: int) -> list[str]:
    return list(AuditEntry.objects.filter(seq__gt=seq).order_by("seq").values_list("action", flat=True))


# --- the checker, on its own ------------------------------------------------------------------------------

FAMILY_IDS = Identifiers.of([Identity.model_validate(p) for p in (MOTHER, SON, DAUGHTER)], ["UZ-7K3Q-9D2M"])


def found(text: str) -> list[tuple[str, str]]:
    return [(f.kind, f.text) for f in check_text(text, FAMILY_IDS)]


@pytest.mark.parametrize(
    ("age", "band"),
    [
        (0, "0-4"),
        (4, "0-4"),
        (5, "5-11"),
        (11, "5-11"),
        (12, "12-17"),
        (17, "12-17"),
        (18, "18-24"),
        (24, "18-24"),
        (25, "25-34"),
        (34, "25-34"),
        (35, "35-44"),
        (44, "35-44"),
        (45, "45-59"),
        (59, "45-59"),
        (60, "60+"),
        (104, "60+"),
    ],
)
def test_every_age_falls_in_one_band(age, band):
    assert age_band(age) == band


@pytest.mark.parametrize(
    ("text", "flagged"),
    [
        ("Дилноза пришла на встречу.", "Дилноза"),  # Latin name, Cyrillic text
        ("Met Жасур at school.", "Жасур"),  # a family member, Cyrillic in English text
        ("Dilnozaning oʻgʻli maktabda.", "Dilnozaning"),  # Uzbek genitive
        ("У Дилнозы двое детей.", "Дилнозы"),  # Russian genitive
        ("The Karimovlar moved.", "Karimovlar"),  # Uzbek plural of the family name
        ("Рустамовна agreed.", "Рустамовна"),  # patronymic
        ("MADINA is four.", "MADINA"),
    ],
)
def test_names_of_the_family_are_caught_in_any_script_and_form(text, flagged):
    assert found(text) == [("name", flagged)]


@pytest.mark.parametrize(
    "written",
    [
        "1990-04-02",
        "02.04.1990",
        "2.4.1990",
        "02/04/1990",
        "04/02/1990",
        "2 April 1990",
        "2nd of April 1990",
        "April 2, 1990",
        "Apr. 2, 1990",
        "2 апреля 1990 г.",
        "1990 yil 2 aprel",
        "1990-yil 2-aprel",
        "02.04.90",
    ],
)
def test_a_date_of_birth_is_caught_in_common_formats(written):
    assert found(f"She was born {written} in the north.") == [("birth_date", written)]


@pytest.mark.parametrize("written", ["2019-05-30", "30.05.2019", "30/05/2019", "30 May 2019", "30 мая 2019"])
def test_any_other_full_date_is_caught_as_a_date(written):
    assert found(f"Returned on {written} with Mehr-1.") == [("date", written)]


@pytest.mark.parametrize(
    "text",
    [
        "She returned in 2019 and studied in 2020-2021.",
        "Scores rose from 1 to 3; version 1.2.3 of the plan.",
        "Mehr-5 brought 24 women and 69 children in April 2021.",
        "Two of four goals are met; 12.5 hours a week of classes.",
    ],
)
def test_numbers_that_identify_nobody_pass(text):
    assert found(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Passport AB 123 45 67 is held.", [("own_document", "AB 123 45 67")]),
        ("Паспорт АВ1234567 выдан.", [("own_document", "АВ1234567")]),  # Cyrillic look-alike letters
        ("Certificate I-RQ 7654321 missing.", [("own_document", "I-RQ 7654321")]),
        ("PINFL 30204901234567 on file.", [("own_document", "30204901234567")]),
        ("A passport KA7654321 was found.", [("document", "KA7654321")]),
        ("Reference 48213377 from the registry.", [("number", "48213377")]),
    ],
)
def test_document_numbers_are_caught(text, expected):
    assert found(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Call +998 90 123 45 67 after six.", [("phone", "+998 90 123 45 67")]),
        ("Call (90) 123-45-67.", [("phone", "(90) 123-45-67")]),
        ("Call 90 123 45 67.", [("phone", "90 123 45 67")]),
        ("Since 01.02.2024 90 123 45 67 works.", [("date", "01.02.2024"), ("phone", "90 123 45 67")]),
        ("Write to dilnoza.k@mail.uz please.", [("email", "dilnoza.k@mail.uz")]),
        ("See UZ-7K3Q-9D2M/1 and KZ-F-ABC234.", [("code", "UZ-7K3Q-9D2M/1"), ("code", "KZ-F-ABC234")]),
    ],
)
def test_phones_emails_and_codes_are_caught(text, expected):
    assert found(text) == expected


def test_the_town_of_birth_is_caught_but_not_the_country():
    assert found("Born in Raqqa; the family returned from Syria.") == [("place", "Raqqa")]
    assert found("Родилась в городе Ракка.") == [("place", "Ракка")]


def test_a_plain_summary_has_no_warning():
    text = "Mother of two, returned with Mehr-2; attends a sewing course, the children go to school."
    assert found(text) == []


# --- building --------------------------------------------------------------------------------------------


def test_dossier_holds_bands_months_and_plan_and_its_own_pseudonym(worker, case):
    in_services(worker, case)
    dossier = build(worker, case, rng=random.Random(7))
    content = dossier.content
    assert dossier.status == "draft" and dossier.code.startswith("D-") and len(dossier.code) == 11
    assert dossier.code != case.person.code and case.person.code.split("-", 1)[1] not in dossier.code
    assert {k: content[k] for k in ("age_band", "sex", "region", "country", "stage", "family_role")} == {
        "age_band": "35-44",
        "sex": "female",
        "region": "Uzbekistan",  # no region recorded: the country, never a town
        "country": "UZ",
        "stage": "assessment",
        "family_role": "mother",
    }
    assert sorted(content["family"], key=lambda m: m["age_band"]) == [
        {"relationship": "child", "age_band": "0-4"},
        {"relationship": "child", "age_band": "12-17"},
    ]
    assert content["assessments"] == [
        {"month": "2025-03", "instrument": "reintegration-needs-strengths 1.0", "scores": SCORES}
    ]
    assert content["plan"] == [
        {
            "domain": "legal",
            "status": "open",
            "interventions": [{"kind": "legal", "status": "done"}, {"kind": "documents", "status": "planned"}],
        }
    ]


def test_the_region_is_used_when_recorded(worker, case):
    Case.objects.filter(pk=case.pk).update(region="Fergana region")  # set by transfers; no service of ours
    case.refresh_from_db()
    assert build(worker, case).content["region"] == "Fergana region"


def test_building_again_refreshes_the_one_draft(worker, case):
    first = build(worker, case, "First summary.")
    again = build(worker, case, "Second summary.")
    assert again.pk == first.pk and case.dossiers.count() == 1
    assert queries_dossiers.dossier_text(again) == "Second summary."


def test_general_notes_go_in_after_the_summary_and_others_are_refused(worker, case, make_user):
    general = services.add_note(worker, case, compartment="general", body="Attends a sewing course.")
    psychologist = make_user(Role.CASE_WORKER, clearances=("psychosocial",))
    private = services.add_note(psychologist, case, compartment="psychosocial", body="Sleeps badly.")
    dossier = build(worker, case, "Mother of two.", notes=[general.pk])
    assert queries_dossiers.dossier_text(dossier) == "Mother of two.\n\nAttends a sewing course."
    with pytest.raises(ValidationError, match="Only general notes"):
        build(worker, case, notes=[general.pk, private.pk])


def test_text_over_the_limit_is_refused(worker, case):
    with pytest.raises(ValidationError, match="at most 4000 characters"):
        build(worker, case, "x" * 4001)
    assert not case.dossiers.exists()


def test_a_draft_text_is_sealed_at_rest(worker, case):
    build(worker, case, "Dilnoza Karimova met the psychologist.")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT content, warnings FROM {Dossier._meta.db_table}")
        stored = repr(cursor.fetchall())
    assert "Dilnoza" not in stored and "Karimova" not in stored


def test_other_roles_and_organisations_cannot_build(case, expert, make_user):
    with pytest.raises(PermissionDenied):
        build(expert, case)
    with pytest.raises(PermissionDenied):
        build(make_user(Role.CASE_WORKER, "kz"), case)


# --- warnings and sending ----------------------------------------------------------------------------------


def test_cross_script_name_warning_is_raised_through_the_service(worker, case):
    dossier = build(worker, case, "Дилноза и Жасур пришли.")
    warnings = dossiers.current_warnings(dossier, TODAY)
    assert [(w["id"], w["kind"]) for w in warnings] == [("name-0", "name"), ("name-10", "name")]
    assert all(w["resolution"] is None for w in warnings)


def test_unresolved_warning_blocks_sending_and_writes_nothing(worker, case):
    consent_to_council(worker, case.person)
    dossier = build(worker, case, "Born 02.04.1990, doing well.")
    seq, events = last_seq(), case.events.count()
    with pytest.raises(CaseRuleError, match="1 possible identifier in the text is unresolved"):
        send_approved(worker, dossier, NOW)
    dossier.refresh_from_db()
    assert dossier.status == "draft" and dossier.sent_at is None
    assert last_seq() == seq and case.events.count() == events


def test_missing_council_consent_blocks_sending(worker, case):
    dossier = build(worker, case, "Doing well.")
    services.record_consent(worker, case.person, Purpose.STATISTICS, text_version="2025-1", given_on=TODAY)
    seq = last_seq()
    with pytest.raises(CaseRuleError, match="no active consent to share a dossier with the Expert Council"):
        send_approved(worker, dossier, NOW)
    dossier.refresh_from_db()
    assert dossier.status == "draft" and last_seq() == seq


def test_withdrawn_council_consent_blocks_sending(worker, case):
    consent_to_council(worker, case.person)
    consent = case.person.consents.get(purpose=Purpose.COUNCIL)
    services.withdraw_consent(worker, consent, reason="She changed her mind.")
    dossier = build(worker, case, "Doing well.")
    with pytest.raises(CaseRuleError, match="no active consent"):
        send_approved(worker, dossier, NOW)


def test_resolving_a_warning_with_a_reason_lets_the_dossier_go(worker, case):
    consent_to_council(worker, case.person)
    dossier = build(worker, case, "Programme launched 14.05.2024 in Tashkent.")
    [warning] = dossiers.current_warnings(dossier, TODAY)
    assert (warning["kind"], warning["start"], warning["end"]) == ("date", 19, 29)
    with pytest.raises(ValidationError, match="why this is not an identifier"):
        dossiers.resolve_warning(worker, dossier, warning=warning["id"], reason="date")
    dossiers.resolve_warning(
        worker, dossier, warning=warning["id"], reason="The Council's first meeting, a public date.", now=NOW
    )
    sent = send_approved(worker, dossier, NOW)
    assert sent.status == "sent" and sent.sent_at == NOW
    assert sent.content["text"] == "Programme launched 14.05.2024 in Tashkent."
    assert sent.warnings == [
        {
            "id": "date-19",
            "kind": "date",
            "start": 19,
            "end": 29,
            "resolution": {
                "reason": "The Council's first meeting, a public date.",
                "by": worker.pk,
                "at": NOW.isoformat(),
            },
        }
    ]


def test_editing_the_text_checks_it_again_and_keeps_decisions_on_unchanged_words(worker, case):
    dossier = build(worker, case, "Gul from Dilnoza's mahalla helps Dilnoza.")
    assert kinds(dossier) == ["name", "name"]
    first = dossiers.current_warnings(dossier, TODAY)[0]
    dossiers.resolve_warning(worker, dossier, warning=first["id"], reason="Not her: the neighbour's daughter.")
    dossiers.update_dossier_text(worker, dossier, text="Since May, Gul from Dilnoza's mahalla helps her.")
    warnings = dossiers.current_warnings(dossier, TODAY)
    assert [(w["kind"], w["resolution"] is not None) for w in warnings] == [("name", True)]
    dossiers.update_dossier_text(worker, dossier, text="Her neighbour helps her.")
    assert kinds(dossier) == []


def test_removing_flagged_text_replaces_every_unresolved_warning(worker, case):
    dossier = build(worker, case, "Dilnoza, phone +998 90 123 45 67, lives with Madina.")
    dossiers.remove_flagged_text(worker, dossier)
    assert queries_dossiers.dossier_text(dossier) == f"{REMOVED}, phone {REMOVED}, lives with {REMOVED}."
    assert kinds(dossier) == []
    with pytest.raises(CaseRuleError, match="No unresolved warning"):
        dossiers.remove_flagged_text(worker, dossier)


def test_a_relative_added_after_the_check_is_caught_when_sending(worker, case, family):
    consent_to_council(worker, case.person)
    dossier = build(worker, case, "Her sister Zulfiya visits on Sundays.")
    assert kinds(dossier) == []
    services.register_person(
        worker,
        Identity.model_validate(
            {"names": [{"given": "Zulfiya", "family": "Rahimova"}], "birth_date": "1993-08-09", "sex": "female"}
        ),
        family=family["family"],
        relationship="other",
    )
    with pytest.raises(CaseRuleError, match="unresolved"):
        send_approved(worker, dossier, NOW)


def test_a_sent_dossier_cannot_change(worker, case):
    consent_to_council(worker, case.person)
    dossier = send_approved(worker, build(worker, case, "Doing well."), NOW)
    with pytest.raises(CaseRuleError, match="only a draft can change"):
        dossiers.update_dossier_text(worker, dossier, text="Something else.")
    with pytest.raises(CaseRuleError, match="only a draft can change"):
        send_approved(worker, dossier, NOW)


def test_each_step_is_audited_and_on_the_timeline(worker, case):
    consent_to_council(worker, case.person)
    seq = last_seq()
    dossier = build(worker, case, "Dilnoza is doing well.")
    dossiers.update_dossier_text(worker, dossier, text="She is doing well on 14.05.2024.")
    [warning] = dossiers.current_warnings(dossier, TODAY)
    dossiers.resolve_warning(worker, dossier, warning=warning["id"], reason="The Council's first meeting.")
    send_approved(worker, dossier, NOW)
    dossiers.withdraw_dossier(worker, dossier, reason="She asked to stop sharing.", now=NOW)
    assert actions_since(seq) == [
        "dossier.build",
        "dossier.text",
        "dossier.resolve",
        "dossier.submit",
        "dossier.send",
        "dossier.withdraw",
    ]
    summaries = list(case.events.filter(kind="dossier").order_by("pk").values_list("summary", flat=True))
    assert summaries == [
        f"Council dossier {dossier.code} {verb}"
        for verb in ("built", "submitted for a supervisor's approval", "approved and sent", "withdrawn")
    ]
    assert verify_chain()[0] is None


# --- the identity walk -------------------------------------------------------------------------------------


def _walk(value: Any, path: str = "content") -> list[tuple[str, str, bool]]:
    """Every key and value of a JSON document as (path, text, is_key)."""
    if isinstance(value, dict):
        found = []
        for key, inner in value.items():
            found.append((path, str(key), True))
            found += _walk(inner, f"{path}.{key}")
        return found
    if isinstance(value, list):
        return [item for i, inner in enumerate(value) for item in _walk(inner, f"{path}[{i}]")]
    return [(path, str(value), False)]


def _date_spellings(day: date) -> list[str]:
    month = day.strftime("%B")
    return [
        day.isoformat(),
        day.strftime("%d.%m.%Y"),
        day.strftime("%d/%m/%Y"),
        day.strftime("%m/%d/%Y"),
        f"{day.day}.{day.month}.{day.year}",
        f"{day.day} {month} {day.year}",
        f"{month} {day.day}, {day.year}",
        day.strftime("%Y%m%d"),
        day.strftime("%d%m%Y"),
    ]


def test_a_dossier_never_contains_an_identity_field(worker, case, family, make_user, expert, client):
    """Rich identities, notes full of identifiers: after the warnings are dealt with, nothing of them is left
    anywhere in the sent content, which holds only keys of the allowed set."""
    in_services(worker, case)
    consent_to_council(worker, case.person)
    unit, son = family["family"], family["son"]
    notes = [
        services.add_note(
            worker,
            case,
            compartment="general",
            body=f"Dilnoza Rustamovna Karimova (born 02.04.1990, passport AB 123 45 67, PINFL 30204901234567) "
            f"came with her son Жасур; case {case.code}, family {unit.code}.",
        ),
        services.add_note(
            worker,
            case,
            compartment="general",
            body=f"Жасур Каримов ({son.code}) was born in Raqqa on 1 June 2013; certificate I-RQ 7654321. "
            "Madina is 4. Phone +998 90 123 45 67, dilnoza.karimova@example.org.",
        ),
    ]
    dossier = build(worker, case, "Mother of two; attends a sewing course.", notes=[n.pk for n in notes])
    assert {"name", "birth_date", "own_document", "code", "place", "phone", "email"} <= set(kinds(dossier))
    dossiers.remove_flagged_text(worker, dossier)
    sent = send_approved(worker, dossier, NOW)
    seat(expert, sent)  # an expert reads only the dossiers of their panels
    assert "attends a sewing course" in sent.content["text"]

    identities = [Identity.model_validate(p) for p in (MOTHER, SON, DAUGHTER)]
    name_words = set().union(*(i.name_words() for i in identities))
    births = [s for i in identities for s in _date_spellings(i.birth_date)]
    places = {w for i in identities for w in fold_words(i.place_of_birth.split(",")[0])}
    numbers = {"".join(c for c in d.number if c.isalnum()).upper() for i in identities for d in i.documents if d.number}
    codes = {p.code for p in (family["mother"], son, family["daughter"])} | {unit.code}
    codes |= set(Case.objects.filter(person__in=[family["mother"], son]).values_list("code", flat=True))
    response = client.get(f"/api/v1/cases/dossiers/{sent.code}", **auth(expert))
    assert response.status_code == 200

    for document in (sent.content, response.json()):
        entries = _walk(document)
        assert entries
        for path, text, is_key in entries:
            if is_key and document is sent.content:
                assert text in ALLOWED_KEYS, f"{path}: key {text!r} is not allowed"
            words = fold_words(text)
            assert not [w for w in words if any(w.startswith(n) for n in name_words)], f"{path}: a name in {text!r}"
            assert not [b for b in births if b in text], f"{path}: a date of birth in {text!r}"
            assert not places & set(words), f"{path}: a place of birth in {text!r}"
            compact = "".join(c for c in text if c.isalnum()).upper()
            assert not [n for n in numbers if n in compact], f"{path}: a document number in {text!r}"
            assert not [c for c in codes if c in text], f"{path}: a code in {text!r}"


# --- who reads what ---------------------------------------------------------------------------------------


def auth(user) -> dict[str, str]:
    issued = core_services.create_api_token(None, user, name="test", scopes=["read", "write"])
    return {"HTTP_AUTHORIZATION": f"Bearer {issued.secret}"}


def test_expert_sees_only_sent_dossiers_and_never_the_case(worker, case, family, expert):
    consent_to_council(worker, case.person)
    sent = send_approved(worker, build(worker, case, "Doing well."), NOW)
    seat(expert, sent)  # an expert reads only the dossiers of their panels
    draft = build(worker, family["son_case"], "A boy of twelve.")
    assert expert.organisation_id == case.organisation_id  # the same organisation: still no draft
    assert list(queries_dossiers.sent_dossiers(expert)) == [sent]
    assert list(queries_dossiers.visible_dossiers(expert)) == [sent]

    api = verified_client(expert)
    listing = api.get("/api/v1/cases/dossiers/").json()
    assert [item["code"] for item in listing["items"]] == [sent.code] and listing["count"] == 1
    assert api.get(f"/api/v1/cases/dossiers/{draft.code}").status_code == 404
    body = api.get(f"/api/v1/cases/dossiers/{sent.code}").json()
    assert body["warnings"] == [] and body["content"]["text"] == "Doing well."
    assert case.code not in str(body) and case.person.code not in str(body)

    page = api.get(reverse("cases:dossier_detail", kwargs={"code": sent.code}))
    html = page.content.decode()
    assert page.status_code == 200 and "Doing well." in html
    assert case.code not in html and case.person.code not in html and "/cases/UZ-" not in html
    assert api.get(reverse("cases:dossier_detail", kwargs={"code": draft.code})).status_code == 404
    assert sent.code in api.get(reverse("cases:dossier_list")).content.decode()
    person_code, number = case.code.rsplit("/", 1)
    assert api.get(reverse("cases:detail", kwargs={"person_code": person_code, "number": number})).status_code in (
        403,
        404,
    )


def test_reading_a_dossier_is_audited(worker, case, expert, client):
    consent_to_council(worker, case.person)
    sent = send_approved(worker, build(worker, case, "Doing well."), NOW)
    seat(expert, sent)  # an expert reads only the dossiers of their panels
    seq = last_seq()
    assert client.get(f"/api/v1/cases/dossiers/{sent.code}", **auth(expert)).status_code == 200
    entry = AuditEntry.objects.get(seq__gt=seq, action="dossier.read")
    assert (entry.actor_id, entry.object_id) == (expert.pk, str(sent.pk))


@pytest.mark.parametrize(
    ("steps", "covered"),
    [
        ([], False),
        (["consent"], True),
        (["consent", "withdraw"], False),
        (["override"], True),
        (["consent", "withdraw", "override"], True),
        (["override", "consent", "withdraw"], False),
    ],
)
def test_the_council_sees_a_dossier_exactly_while_consent_covers_it(steps, covered, worker, case, persona):
    consent_to_council(worker, case.person)
    sent = send_approved(worker, build(worker, case, "Doing well."), NOW)
    seat(persona[Role.COUNCIL_EXPERT], sent)  # an expert reads only the dossiers of their panels
    case.person.consents.all().delete()  # start each story from no consent at all
    for step in steps:
        if step == "consent":
            consent_to_council(worker, case.person)
        elif step == "withdraw":
            consent = case.person.consents.get(purpose=Purpose.COUNCIL, withdrawn_at=None)
            services.withdraw_consent(worker, consent, reason="She changed her mind.")
        else:
            reason = "The Council's advice is needed urgently for the child's safety."
            services.override_consent(persona[Role.CASE_SUPERVISOR], case, Purpose.COUNCIL, reason=reason)
    assert consent_covers(case, Purpose.COUNCIL) is covered
    assert queries_dossiers.council_consent_stands(case) is covered
    shown = queries_dossiers.sent_dossiers(persona[Role.COUNCIL_EXPERT])
    assert list(shown) == ([sent] if covered else [])


def test_withdrawn_consent_hides_a_sent_dossier_and_the_sweep_withdraws_it(worker, case, expert):
    consent_to_council(worker, case.person)
    sent = send_approved(worker, build(worker, case, "Doing well."), NOW)
    services.withdraw_consent(worker, case.person.consents.get(purpose=Purpose.COUNCIL), reason="She asked.")
    assert not queries_dossiers.sent_dossiers(expert).exists()
    assert list(queries_dossiers.sent_dossiers(worker)) == [sent]  # staff still see it, to withdraw it
    case_page = verified_client(worker).get(reverse("cases:detail", kwargs=_case_kwargs(case))).content.decode()
    assert f"Dossier {sent.code} was sent, but the consent to the Council no longer stands" in case_page
    assert dossiers.withdraw_unconsented_dossiers(now=NOW) == 1
    sent.refresh_from_db()
    assert sent.status == "withdrawn"
    assert AuditEntry.objects.filter(action="dossier.withdraw", object_id=str(sent.pk), actor_id=None).exists()
    assert dossiers.withdraw_unconsented_dossiers(now=NOW) == 0


def test_staff_of_another_organisation_see_no_dossier(worker, case, make_user):
    consent_to_council(worker, case.person)
    send_approved(worker, build(worker, case, "Doing well."), NOW)
    assert not queries_dossiers.visible_dossiers(make_user(Role.CASE_WORKER, "kz")).exists()


# --- the API --------------------------------------------------------------------------------------------------


def test_api_builds_resolves_and_sends(worker, case, client):
    headers = auth(worker)
    person_code, number = case.code.rsplit("/", 1)
    path = "/api/v1/cases/dossiers"
    built = client.post(
        f"{path}/new/{person_code}/{number}", {"text": "Дилноза is well."}, content_type="application/json", **headers
    )
    assert built.status_code == 201
    body = built.json()
    code = body["code"]
    assert body["unresolved"] == 1 and body["warnings"][0]["text"] == "Дилноза"
    assert case.code not in str(body)

    refused = client.post(f"{path}/{code}/submit", content_type="application/json", **headers)
    assert refused.status_code == 422 and refused["Content-Type"] == "application/problem+json"
    assert "no active consent" in refused.json()["detail"]
    consent_to_council(worker, case.person)
    refused = client.post(f"{path}/{code}/submit", content_type="application/json", **headers)
    assert refused.status_code == 422 and "unresolved" in refused.json()["detail"]

    resolution = {"warning": body["warnings"][0]["id"], "reason": "A pseudonym the family chose for her."}
    resolved = client.post(f"{path}/{code}/resolve", resolution, content_type="application/json", **headers)
    assert resolved.status_code == 200 and resolved.json()["unresolved"] == 0
    submitted = client.post(f"{path}/{code}/submit", content_type="application/json", **headers)
    assert submitted.status_code == 200 and submitted.json()["status"] == "awaiting_approval"
    approver = auth(approver_for(worker))
    waiting = client.get(f"{path}/awaiting-approval", **approver).json()
    assert [d["code"] for d in waiting["items"]] == [code]
    stale = client.post(f"{path}/{code}/approve", {"digest": "0" * 64}, content_type="application/json", **approver)
    assert stale.status_code == 422 and "changed since you opened it" in stale.json()["detail"]
    digest = client.get(f"{path}/{code}", **approver).json()["digest"]
    sent = client.post(f"{path}/{code}/approve", {"digest": digest}, content_type="application/json", **approver)
    assert sent.status_code == 200 and sent.json()["status"] == "sent"
    assert sent.json()["content"]["text"] == "Дилноза is well."


def test_api_refuses_unknown_fields_and_other_organisations(worker, case, client, make_user):
    person_code, number = case.code.rsplit("/", 1)
    path = f"/api/v1/cases/dossiers/new/{person_code}/{number}"
    typo = client.post(path, {"txt": "Hello"}, content_type="application/json", **auth(worker))
    assert typo.status_code == 422
    foreign = client.post(
        path, {"text": "Hello"}, content_type="application/json", **auth(make_user("case_worker", "kz"))
    )
    assert foreign.status_code == 404 and not case.dossiers.exists()


# --- the pages --------------------------------------------------------------------------------------------


def test_case_page_offers_the_council_dossier(worker, case):
    page = verified_client(worker).get(reverse("cases:detail", kwargs=_case_kwargs(case)))
    html = page.content.decode()
    assert "Council dossier" in html and "Build a dossier" in html
    assert "There is no active consent to share a dossier with the Council" in html


def _case_kwargs(case: Case) -> dict[str, Any]:
    person_code, number = case.code.rsplit("/", 1)
    return {"person_code": person_code, "number": int(number)}


def test_worker_builds_resolves_and_sends_from_the_pages(worker, case):
    browser = verified_client(worker)
    note = services.add_note(worker, case, compartment="general", body="Madina started kindergarten.")
    build_url = reverse("cases:dossier_build", kwargs=_case_kwargs(case))
    assert "Madina started kindergarten." in browser.get(build_url).content.decode()
    response = browser.post(build_url, {"text": "Mother of two.", "notes": [str(note.pk)]})
    dossier = case.dossiers.get()
    assert response.status_code == 302 and response["Location"] == reverse("cases:dossier_detail", args=[dossier.code])

    html = browser.get(response["Location"]).content.decode()
    assert '<a href="#warning-name-16">Madina</a></mark>' in html
    refused = browser.post(reverse("cases:dossier_submit", args=[dossier.code]))
    assert refused.status_code == 400 and "no active consent" in refused.content.decode()

    consent_to_council(worker, case.person)
    short = browser.post(reverse("cases:dossier_resolve", args=[dossier.code]), {"warning": "name-16", "reason": "no"})
    assert short.status_code == 400
    reason = "A kindergarten group named after a flower."
    resolved = browser.post(
        reverse("cases:dossier_resolve", args=[dossier.code]), {"warning": "name-16", "reason": reason}
    )
    assert resolved.status_code == 302
    submitted = browser.post(reverse("cases:dossier_submit", args=[dossier.code]))
    assert submitted.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == "awaiting_approval"
    # The worker cannot approve their own submission; a supervisor of the organisation does, from the list.
    assert browser.post(reverse("cases:dossier_approve", args=[dossier.code])).status_code == 403
    supervisor = verified_client(approver_for(worker))
    assert dossier.code in supervisor.get(reverse("cases:dossier_list")).content.decode()
    page = supervisor.get(reverse("cases:dossier_detail", args=[dossier.code])).content.decode()
    digest = re.search(r'name="digest" value="([0-9a-f]{64})"', page).group(1)
    sent = supervisor.post(reverse("cases:dossier_approve", args=[dossier.code]), {"digest": digest})
    assert sent.status_code == 302
    dossier.refresh_from_db()
    assert dossier.status == "sent"
    assert reason in browser.get(sent["Location"]).content.decode()


# --- two people before anything crosses to the Council -----------------------------------------------------


def test_a_dossier_reaches_the_council_only_after_a_second_person_approves(worker, case):
    consent_to_council(worker, case.person)
    submitter = approver_for(worker)  # a supervisor submits: she still cannot approve her own submission
    submitted = approvals.submit_dossier(submitter, build(worker, case, "Doing well."), now=NOW)
    assert submitted.status == "awaiting_approval"
    assert not Dossier.objects.filter(status="sent").exists()
    with pytest.raises(services.CaseRuleError):  # the checked text is fixed while it waits
        dossiers.update_dossier_text(worker, submitted, text="Doing very well.")
    for refused in (submitter, worker):  # the submitter, and a colleague without the supervisor's role
        with pytest.raises(PermissionDenied):
            approvals.approve_dossier(refused, submitted, digest=approvals.approval_digest(submitted), now=NOW)
    approver = core_services.create_user(
        None, email="second@example.org", full_name="Second Supervisor", organisation=worker.organisation,
        roles=[Role.CASE_SUPERVISOR], clearances=("child_protection",),
    )  # fmt: skip
    sent = approvals.approve_dossier(approver, submitted, digest=approvals.approval_digest(submitted), now=NOW)
    assert sent.status == "sent" and sent.approved_by == approver and sent.submitted_by == submitter
    actions = list(AuditEntry.objects.filter(object_id=str(sent.pk)).values_list("action", "actor_id"))
    assert ("dossier.submit", submitter.pk) in actions and ("dossier.send", approver.pk) in actions


def test_a_supervisor_returns_a_submitted_dossier_to_draft_with_a_reason(worker, case):
    consent_to_council(worker, case.person)
    submitted = approvals.submit_dossier(worker, build(worker, case, "Doing well."), now=NOW)
    approver = approver_for(worker)
    with pytest.raises(ValidationError):
        approvals.return_dossier(approver, submitted, reason="no", now=NOW)
    assert Dossier.objects.get(pk=submitted.pk).status == "awaiting_approval"
    back = approvals.return_dossier(approver, submitted, reason="Leave out the district's name.", now=NOW)
    assert back.status == "draft" and back.submitted_by is None
    assert dossiers.update_dossier_text(worker, back, text="Doing very well.").status == "draft"


def test_approval_checks_the_consent_again(worker, case):
    consent = consent_to_council(worker, case.person)
    submitted = approvals.submit_dossier(worker, build(worker, case, "Doing well."), now=NOW)
    services.withdraw_consent(worker, consent, reason="She no longer wants to share.")
    with pytest.raises(services.CaseRuleError, match="no active consent"):
        approvals.approve_dossier(approver_for(worker), submitted, digest=approvals.approval_digest(submitted), now=NOW)
    assert Dossier.objects.get(pk=submitted.pk).status == "awaiting_approval"


def test_a_user_who_may_not_open_the_children_neither_builds_nor_reads_the_warnings(worker, case, make_user, client):
    """The checker compares the text with every relative's identity; its warnings would tell an uncleared
    worker the hidden child's name, birth date and birthplace, so such a worker gets none of them."""
    uncleared = make_user(Role.CASE_WORKER)
    with pytest.raises(PermissionDenied, match="whole family"):
        dossiers.build_dossier(uncleared, case, text="Madina 14.03.2021 Raqqa", now=NOW)
    dossier = build(worker, case, "Her daughter Madina started kindergarten.")
    with pytest.raises(PermissionDenied):
        dossiers.update_dossier_text(uncleared, dossier, text="Madina 14.03.2021 Raqqa")
    response = verified_client(uncleared).get(reverse("cases:dossier_detail", args=[dossier.code]))
    assert response.status_code == 200  # the dossier of an adult of the organisation: shown, without its tools
    page = response.content.decode()
    assert "warning-name" not in page and "Possible identifiers" not in page
    api = client.get(f"/api/v1/cases/dossiers/{dossier.code}", **auth(uncleared)).json()
    assert api["warnings"] == [] and api["digest"] is None


def test_a_region_that_names_someone_does_not_reach_the_council(worker, case):
    case.region = f"{MOTHER['names'][0]['family']} house, Chirchiq"
    case.save(update_fields=["region"])
    dossier = build(worker, case, "Doing well.")
    assert queries_dossiers.readable_content(dossier)["region"] == case.country.name_en


def test_emergency_access_and_a_hand_in_the_text_disqualify_an_approver(worker, case, make_user):
    consent_to_council(worker, case.person)
    dossier = build(worker, case, "Doing well on 14.05.2024.")
    resolver = approver_for(worker)
    [warning] = dossiers.current_warnings(dossier, TODAY)
    dossiers.resolve_warning(resolver, dossier, warning=warning["id"], reason="The date of a Council meeting.")
    submitted = approvals.submit_dossier(worker, dossier, now=NOW)
    assert not approvals.may_approve(resolver, submitted)  # she checked the text: not a second pair of eyes
    uncleared = make_user(Role.CASE_SUPERVISOR)  # may not open the children the text is checked against
    assert not approvals.may_approve(uncleared, submitted)
    elsewhere = core_services.create_organisation(
        None, name="Andijan Centre", kind="service_provider", country_id=case.country_id
    )
    outsider = core_services.create_user(
        None, email="andijan@example.org", full_name="Andijan Supervisor", organisation=elsewhere,
        roles=[Role.CASE_SUPERVISOR], clearances=("child_protection",),
    )  # fmt: skip
    services.open_break_glass(outsider, case, reason="The family called at night; the worker is away.")
    assert not approvals.may_approve(outsider, submitted)
    with pytest.raises(PermissionDenied):
        approvals.approve_dossier(outsider, submitted, digest=approvals.approval_digest(submitted), now=NOW)


def test_an_approval_names_the_version_it_approves(worker, case, persona):
    consent_to_council(worker, case.person)
    submitted = approvals.submit_dossier(worker, build(worker, case, "Doing well."), now=NOW)
    approver = persona[Role.CASE_SUPERVISOR]
    seen = approvals.approval_digest(submitted)
    approvals.return_dossier(worker, submitted, reason="I forgot the sewing course.", now=NOW)
    dossiers.update_dossier_text(worker, submitted, text="Doing well; sews for a workshop.")
    later = datetime(2025, 6, 3, 9, tzinfo=UTC)
    resubmitted = approvals.submit_dossier(worker, submitted, now=later)
    with pytest.raises(services.CaseRuleError, match="changed since you opened it"):
        approvals.approve_dossier(approver, resubmitted, digest=seen, now=later)
    assert Dossier.objects.get(pk=submitted.pk).status == "awaiting_approval"


def test_an_edit_loaded_before_the_submission_does_not_change_the_submitted_text(worker, case):
    consent_to_council(worker, case.person)
    dossier = build(worker, case, "Doing well.")
    stale = Dossier.objects.get(pk=dossier.pk)  # a page loaded before the submission
    approvals.submit_dossier(worker, dossier, now=NOW)
    with pytest.raises(services.CaseRuleError, match="only a draft can change"):
        dossiers.update_dossier_text(worker, stale, text="Changed after the submission.")
    assert queries_dossiers.dossier_text(Dossier.objects.get(pk=dossier.pk)) == "Doing well."
