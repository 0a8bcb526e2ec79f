"""Every free text about a person is sealed: a name typed into any reason, answer, note or text of a case is in no
table of the database in clear, and the application still shows it to the people who may read it.

The scenario types a distinctive name into every free-text parameter of the case services; a walk over those
services' signatures fails when a new parameter takes free text the scenario does not type into. The scan then
reads every column of every table with raw SQL, so nothing is decoded on the way.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from collections.abc import Callable
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

from django.apps import apps
from django.db import connection
from django.utils import timezone

from hamkor.cases import services
from hamkor.cases.domains import Domain, Purpose
from hamkor.cases.models import Case, Dossier, Referral
from hamkor.cases.services import approvals, dossiers, referrals, retention, transfers
from hamkor.cases.tests.factories import identity
from hamkor.core import services as core_services
from hamkor.core.audit import verify_chain
from hamkor.core.folding import fold
from hamkor.core.models import AuditEntry, Organisation
from hamkor.core.roles import Role

NAME = "Zorabella Qwertyuiopova"
# Lower-case fragments of each word, as typed and folded ("zorabela kvertyuyopova"): compared with the lower-cased
# column they find the name in any case, folded, and inside JSON (ASCII, so never escaped).
NEEDLES = ("zorabel", "qwertyuiop", "kvertyuyop")
TODAY = timezone.now().date()

# String parameters of the case services that take a value from a closed vocabulary (checked against it).
VOCABULARY = {
    "action", "closure", "compartment", "country", "digest", "domain", "fields", "instrument_code", "kind", "purpose",
    "relationship", "scores", "service", "status", "text_version", "to", "version", "warning",
}  # fmt: skip
# Free text kept in clear on purpose, with the reason.
CLEAR_BY_DESIGN = {
    "transfers.accept_transfer:region": "a region (never a town): statistics count cases by it",
}


# What an audit entry's details may hold as text: ids and codes (case numbers, statuses, ISO times), no words.
CODE = re.compile(r"[\w.:/+@-]*")


def _leaves(value: Any) -> list[str]:
    """Every string in a JSON value, keys included."""
    if isinstance(value, dict):
        return [leaf for key, item in value.items() for leaf in [str(key), *_leaves(item)]]
    if isinstance(value, list):
        return [leaf for item in value for leaf in _leaves(item)]
    return [value] if isinstance(value, str) else []


def free_text_parameters() -> set[str]:
    """``module.verb:parameter`` for every string parameter of a case service verb outside the vocabulary."""
    found = set()
    package = importlib.import_module("hamkor.cases.services")
    for info in pkgutil.iter_modules(package.__path__):
        if info.name == "common":  # helpers of the verbs, not verbs
            continue
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for name, verb in inspect.getmembers(module, inspect.isfunction):
            if verb.__module__ != module.__name__ or name.startswith("_"):
                continue
            for parameter in inspect.signature(verb).parameters.values():
                if "str" in str(parameter.annotation) and parameter.name not in VOCABULARY:
                    found.add(f"{info.name}.{name}:{parameter.name}")
    return found - set(CLEAR_BY_DESIGN)


class Typist:
    """Calls service verbs and notes every parameter it typed the name into."""

    def __init__(self) -> None:
        self.typed: set[str] = set()

    def __call__(self, verb: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        module = verb.__module__.rsplit(".", 1)[-1]
        for key, value in kwargs.items():
            if NAME in str(value):
                self.typed.add(f"{module}.{verb.__name__}:{key}")
        return verb(*args, **kwargs)


def clear_occurrences() -> list[str]:
    """``table.column`` for every column of every table (models or not) holding a needle in clear."""
    qn = connection.ops.quote_name
    found = []
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        model_tables = {m._meta.db_table for m in apps.get_models(include_auto_created=True) if m._meta.managed}
        assert model_tables <= set(tables), "every model's table is scanned"
        for table in tables:
            for column in connection.introspection.get_table_description(cursor, table):
                text = f"LOWER(CAST({qn(column.name)} AS TEXT))"
                where = " OR ".join(f"{text} LIKE %s" for _ in NEEDLES)
                cursor.execute(
                    f"SELECT COUNT(*) FROM {qn(table)} WHERE {where}",
                    [f"%{n}%" for n in NEEDLES],
                )
                if cursor.fetchone()[0]:
                    found.append(f"{table}.{column.name}")
    return found


def _provider(name: str) -> Organisation:
    return core_services.create_organisation(None, name=name, kind="service_provider", country_id="UZ")


def _staff(org: Organisation, role: str, clearances: tuple[str, ...] = ()) -> Any:
    email = f"{role}-{org.pk}@example.org"
    return core_services.create_user(
        None, email=email, full_name=role, organisation=org, roles=[role], clearances=clearances
    )


def live_a_case(persona: dict[str, Any], world: dict[str, Organisation]) -> tuple[Typist, Case]:
    """A case through its whole life, with the name typed wherever a user can type."""
    type_ = Typist()
    worker, supervisor = persona[Role.CASE_WORKER], persona[Role.CASE_SUPERVISOR]
    provider = _provider("Samarqand Centre")
    provider_worker = _staff(provider, Role.CASE_WORKER, ("child_protection",))
    elsewhere = _provider("Namangan Centre")
    outside_supervisor = _staff(elsewhere, Role.CASE_SUPERVISOR, ("child_protection",))
    person, case = services.register_person(worker, identity("Zorabella", "Qwertyuiopova", "1990-04-02"))
    type_(services.update_identity, worker, person, identity("Zorabella", "Qwertyuiopova", "1990-04-03"),
          reason=f"The date of birth of {NAME} was mistyped.")  # fmt: skip
    for purpose in (Purpose.SERVICES, Purpose.COUNCIL, Purpose.STATISTICS):
        services.record_consent(worker, person, purpose, text_version="2025-1", given_on=TODAY)
    services.record_consent(worker, person, Purpose.REFERRAL, text_version="2025-1", given_on=TODAY, recipient=provider)
    type_(services.transition_case, worker, case, "assessment", reason=f"{NAME} is ready.")
    psychologist = _staff(world["uz"], Role.CASE_WORKER, ("child_protection", "psychosocial"))
    type_(services.record_assessment, psychologist, case, instrument_code="reintegration-needs-strengths",
          version="1.0", assessed_on=TODAY, scores=dict.fromkeys(Domain.values, 2),
          narratives={"legal": f"{NAME} has papers.", "psychosocial": f"{NAME} sleeps badly."})  # fmt: skip
    goal = type_(services.add_goal, worker, case, domain="livelihood", description=f"A sewing course for {NAME}.")
    services.add_intervention(worker, goal, kind="vocational", due_on=TODAY + timedelta(days=30))
    type_(services.add_note, worker, case, compartment="general", body=f"Met {NAME} at the mahalla office.")
    type_(services.transition_case, worker, case, "planning", reason=f"The plan for {NAME}.")
    type_(services.override_consent, supervisor, case, Purpose.SERVICES,
          reason=f"Urgent care for {NAME} before her consent is renewed.")  # fmt: skip
    statistics = person.consents.get(purpose=Purpose.STATISTICS)
    type_(services.withdraw_consent, worker, statistics, reason=f"{NAME} asked not to be counted.")
    for answer in (referrals.accept_referral, referrals.decline_referral):
        referral = referrals.send_referral(worker, case, provider=provider, service="vocational",
                                           fields=["given_name", "family_name", "plan_goals"],
                                           follow_up_on=TODAY + timedelta(days=14))  # fmt: skip
        type_(answer, provider_worker, referral, note=f"We will call {NAME} on Monday.")
    dossier = type_(dossiers.build_dossier, worker, case, text=f"{NAME} attends a course.")
    dossier = type_(dossiers.update_dossier_text, worker, dossier, text=f"{NAME} attends a sewing course.")
    for warning in dossiers.current_warnings(dossier):
        dossier = type_(dossiers.resolve_warning, worker, dossier, warning=warning["id"],
                        reason=f"{NAME} is the pseudonym the family chose.")  # fmt: skip
    dossier = approvals.submit_dossier(worker, dossier)
    dossier = type_(approvals.return_dossier, supervisor, dossier, reason=f"Say less about {NAME}'s town.")
    dossier = approvals.submit_dossier(worker, dossier)
    dossier = approvals.approve_dossier(supervisor, dossier, digest=approvals.approval_digest(dossier))
    type_(dossiers.withdraw_dossier, worker, dossier, reason=f"{NAME} asked to take it back.")
    type_(services.open_break_glass, outside_supervisor, case, reason=f"{NAME} called at night; her worker is away.")
    type_(transfers.request_transfer, worker, case, to_organisation=elsewhere, reason=f"{NAME} moved to Namangan.")
    type_(retention.set_legal_hold, supervisor, case, hold=True, reason=f"Court case of {NAME}.")
    type_(retention.set_legal_hold, supervisor, case, hold=False, reason=f"The court closed the case of {NAME}.")
    type_(retention.set_legal_hold, supervisor, case, hold=True, reason=f"Appeal in the case of {NAME}.")
    type_(services.transition_case, worker, case, "closed", closure="other", reason=f"{NAME} left the country.")
    return type_, Case.objects.get(pk=case.pk)


def test_a_name_typed_into_every_free_text_field_is_in_no_table_in_clear(persona, world):
    type_, case = live_a_case(persona, world)
    assert free_text_parameters() - type_.typed == set(), "a free-text parameter the scenario does not type into"
    words = [*NAME.lower().split(), *fold(NAME).split()]
    assert all(any(needle in word for needle in NEEDLES) for word in words)
    assert clear_occurrences() == []
    # Sealed, not lost: the application opens every one of them for those who may read it.
    resolutions = [w["resolution"]["reason"] for w in Dossier.objects.get(case=case).warnings]
    opened = [
        case.legal_hold_reason,
        case.break_glass.get().reason,
        case.transfers.get().reason,
        case.consent_overrides.get().reason,
        case.person.consents.get(purpose=Purpose.STATISTICS).withdrawal_reason,
        *Referral.objects.filter(case=case).values_list("response_note", flat=True),
        dossiers.dossier_text(Dossier.objects.get(case=case)),
        *resolutions,
    ]
    assert resolutions and all(NAME in text for text in opened)
    # The audit details of the case module carry ids and codes only; free text goes to the sealed reason.
    case_entries = AuditEntry.objects.filter(object_type__startswith="cases.")
    assert [leaf for entry in case_entries for leaf in _leaves(entry.details) if not CODE.fullmatch(leaf)] == []
    named = {entry.action for entry in AuditEntry.objects.all() if NAME in entry.reason}
    assert named == {
        "person.change", "case.transition", "consent.override", "dossier.resolve", "dossier.withdraw", "dossier.return",
        "case.break_glass", "case.legal_hold",
    }  # fmt: skip
    assert verify_chain()[0] is None


def test_the_scan_finds_a_name_stored_in_clear(world):
    """The scan is not blind: a name in a clear column (an organisation's name and its audit details) is found."""
    core_services.create_organisation(None, name=f"{NAME} Foundation", kind="service_provider", country_id="UZ")
    assert clear_occurrences() == ["core_auditentry.details", "core_organisation.name"]


def test_a_legal_hold_naming_the_person_is_sealed_and_oversight_reads_it(client, persona):
    """Break 4: "court case of <full name>" was stored in clear on the case and in the audit log."""
    worker, supervisor = persona[Role.CASE_WORKER], persona[Role.CASE_SUPERVISOR]
    _person, case = services.register_person(worker, identity("Zorabella", "Qwertyuiopova", "1990-04-02"))
    retention.set_legal_hold(supervisor, case, hold=True, reason=f"court case of {NAME}")
    with connection.cursor() as cursor:
        cursor.execute("SELECT legal_hold_reason FROM cases_case WHERE id = %s", [case.pk])
        assert "Zorabella" not in cursor.fetchone()[0]
        cursor.execute("SELECT reason FROM core_auditentry WHERE action = 'case.legal_hold'")
        assert "Zorabella" not in cursor.fetchone()[0]
    officer = persona[Role.OVERSIGHT_OFFICER]
    token = core_services.create_api_token(None, officer, name="audit", scopes=["read"])
    answer = client.get("/api/v1/audit?action=case.legal_hold", HTTP_AUTHORIZATION=f"Bearer {token.secret}")
    assert [item["reason"] for item in answer.json()["items"]] == [f"court case of {NAME}"]
    assert Case.objects.get(pk=case.pk).legal_hold_reason == f"court case of {NAME}"


def test_the_sealing_migration_seals_clear_values_and_undoing_it_opens_them(persona, world):
    """Values written in clear before ``cases/0006`` come out sealed and read the same; undone, clear again."""
    _typed, case = live_a_case(persona, world)
    clear = {
        ("cases_case", "legal_hold_reason"): "Court case of Zorabella Qwertyuiopova.",
        ("cases_transfer", "reason"): "Zorabella moved.",
        ("cases_dossier", "warnings"): '[{"id": "name-0", "resolution": {"reason": "Zorabella"}}]',
    }
    with connection.cursor() as cursor:
        for (table, column), value in clear.items():
            cursor.execute(f"UPDATE {table} SET {column} = %s", [value])
    assert len(clear_occurrences()) == 3
    step = importlib.import_module("hamkor.cases.migrations.0006_sealed_reasons").Migration.operations[-1]
    editor = SimpleNamespace(connection=connection)
    step.code(apps, editor)
    assert clear_occurrences() == []
    case = Case.objects.get(pk=case.pk)
    assert case.legal_hold_reason == clear[("cases_case", "legal_hold_reason")]
    assert case.transfers.get().reason == "Zorabella moved."
    assert Dossier.objects.get(case=case).warnings[0]["resolution"]["reason"] == "Zorabella"
    step.code(apps, editor)  # a second run leaves sealed values alone
    assert Case.objects.get(pk=case.pk).legal_hold_reason == clear[("cases_case", "legal_hold_reason")]
    step.reverse_code(apps, editor)
    assert clear_occurrences() == [
        "cases_breakglass.reason",
        "cases_case.legal_hold_reason",
        "cases_consent.withdrawal_reason",
        "cases_consentoverride.reason",
        "cases_dossier.content",
        "cases_dossier.warnings",
        "cases_referral.response_note",
        "cases_transfer.reason",
    ]
