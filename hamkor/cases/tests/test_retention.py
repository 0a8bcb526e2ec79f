from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from hamkor.cases import queries, services
from hamkor.cases.domains import Domain
from hamkor.cases.models import Case, Note, Person, PersonNameKey, RetentionPolicy
from hamkor.cases.services.cases import _check_preconditions as check_preconditions
from hamkor.cases.services.retention import anonymise_case, apply_retention, export_person_data, set_legal_hold
from hamkor.cases.tests.factories import identity
from hamkor.core.audit import verify_chain
from hamkor.core.models import AuditEntry
from hamkor.core.schedule import PERIODIC, enqueue_due

SCORES = dict.fromkeys(Domain.values, 2)


@pytest.fixture
def worker(make_user):
    return make_user("case_worker")


@pytest.fixture
def supervisor(make_user):
    return make_user("case_supervisor")


def _closed_case(worker, *, closed_days_ago: int, given: str = "Nodira"):
    person, case = services.register_person(worker, identity(given, "Rahimova", "1985-04-04"))
    services.record_consent(worker, person, "services", text_version="2024-1", given_on=date.today())
    services.transition_case(worker, case, "assessment")
    services.record_assessment(
        worker,
        case,
        instrument_code="reintegration-needs-strengths",
        version="1.0",
        assessed_on=date.today(),
        scores=SCORES,
        narratives={"legal": f"{given} has papers."},
    )
    services.add_note(worker, case, compartment="general", body=f"{given} found work at the bakery.")
    closed = timezone.now() - timedelta(days=closed_days_ago)
    services.transition_case(worker, case, "closed", closure="other", now=closed)
    case.refresh_from_db()
    return person, case


def test_closing_sets_the_retention_date_by_country_policy(worker, world):
    _person, case = _closed_case(worker, closed_days_ago=0)
    assert case.retention_until == date.today().replace(year=date.today().year + 5)
    RetentionPolicy.objects.create(country_id="UZ", years=2)
    _person, other = _closed_case(worker, closed_days_ago=0, given="Malika")
    assert other.retention_until == date.today().replace(year=date.today().year + 2)


def test_expired_case_is_anonymised_and_still_counts(worker):
    person, case = _closed_case(worker, closed_days_ago=6 * 366)
    _p2, recent = _closed_case(worker, closed_days_ago=30, given="Malika")
    run = apply_retention()
    assert run.anonymised == [case.pk] and run.held == []
    person.refresh_from_db()
    case.refresh_from_db()
    assert person.identity is None and person.anonymised_at is not None
    assert not PersonNameKey.objects.filter(person=person).exists()
    assert not Note.objects.filter(case=case).exists()
    assert case.assessments.get().narratives == {}
    # What statistics need is kept.
    assert (person.sex, person.birth_year, case.status, case.country_id) == ("female", 1985, "closed", "UZ")
    assert case.assessments.get().scores == SCORES
    # The case is nobody's record any more, and nothing identifying is left anywhere.
    assert not queries.cases(worker).filter(pk=case.pk).exists()
    assert queries.cases(worker).filter(pk=recent.pk).exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT reason, details FROM core_auditentry")
        assert "Nodira" not in repr(cursor.fetchall())
    about = AuditEntry.objects.filter(object_type="cases.case", object_id=str(case.pk))
    assert about.exists() and all(e.details == {} for e in about.exclude(action="case.anonymise"))
    assert verify_chain()[0] is None


def test_legal_hold_blocks_retention(worker, supervisor):
    _person, case = _closed_case(worker, closed_days_ago=6 * 366)
    with pytest.raises(PermissionDenied):
        set_legal_hold(worker, case, hold=True, reason="Proceedings at the district court.")
    with pytest.raises(ValidationError):
        set_legal_hold(supervisor, case, hold=True, reason="court")
    set_legal_hold(supervisor, case, hold=True, reason="Proceedings at the district court.")
    run = apply_retention()
    assert run.anonymised == [] and run.held == [case.pk]
    with pytest.raises(services.CaseRuleError, match="legal hold"):
        anonymise_case(None, case)
    assert Person.objects.get(pk=case.person_id).identity is not None
    set_legal_hold(supervisor, case, hold=False, reason="The court closed the proceedings.")
    assert apply_retention().anonymised == [case.pk]


def test_anonymised_case_cannot_be_reopened(worker):
    _person, case = _closed_case(worker, closed_days_ago=6 * 366)
    apply_retention()
    case.refresh_from_db()
    with pytest.raises(PermissionDenied):  # nobody reaches an anonymised case any more
        services.transition_case(worker, case, "assessment")
    with pytest.raises(services.CaseRuleError, match="anonymised"):
        check_preconditions(case, "assessment", "")


def test_dry_run_changes_nothing(worker):
    _person, case = _closed_case(worker, closed_days_ago=6 * 366)
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    assert f"Would anonymise 1 case(s): [{case.pk}]" in out.getvalue()
    assert Case.objects.get(pk=case.pk).anonymised_at is None


@pytest.mark.django_db
def test_retention_is_scheduled_once_a_day():
    assert "cases.apply_retention" in PERIODIC
    now = timezone.now()
    first = enqueue_due(now)
    assert "cases.apply_retention" in first
    assert "cases.apply_retention" not in enqueue_due(now + timedelta(hours=3))
    assert "cases.apply_retention" in enqueue_due(now + timedelta(days=1, minutes=1))


def test_person_gets_everything_held_about_them(worker, supervisor):
    person, _case = _closed_case(worker, closed_days_ago=1)
    with pytest.raises(PermissionDenied):
        export_person_data(worker, person)
    document = export_person_data(supervisor, person)
    assert document["identity"]["names"][0]["given"] == "Nodira"
    assert document["cases"][0]["notes"][0]["text"] == "Nodira found work at the bakery."
    assert document["cases"][0]["assessments"][0]["narratives"] == {"legal": "Nodira has papers."}
    assert document["consents"][0]["purpose"] == "services"
    assert AuditEntry.objects.filter(action="person.export_data", object_id=str(person.pk)).exists()


def test_supervisor_places_a_hold_and_downloads_a_persons_data_from_the_pages(worker, supervisor):
    import json

    from django.urls import reverse

    from hamkor.conftest import verified_client

    person, case = _closed_case(worker, closed_days_ago=10)
    client = verified_client(supervisor)
    page = client.get(reverse("cases:detail", args=[person.code, case.number])).content.decode()
    assert "Place a legal hold" in page and "Anonymised after" in page
    client.post(
        reverse("cases:retention_hold", args=[person.code, case.number]),
        {"hold": "1", "reason": "Proceedings at the district court."},
    )
    assert Case.objects.get(pk=case.pk).legal_hold
    overview = client.get(reverse("cases:retention_overview")).content.decode()
    assert case.code in overview and "Proceedings at the district court." in overview
    download = client.get(reverse("cases:retention_export", args=[person.code]))
    assert download["Content-Disposition"].endswith(f'{person.code}.json"')
    assert json.loads(download.content)["identity"]["names"][0]["family"] == "Rahimova"
    worker_page = verified_client(worker).get(reverse("cases:detail", args=[person.code, case.number]))
    assert "Place a legal hold" not in worker_page.content.decode()


def test_retention_period_is_set_per_country_from_the_command_line(worker):
    out = io.StringIO()
    call_command("set_retention", "uz", "3", stdout=out)
    assert "UZ: closed cases are kept 3 years." in out.getvalue()
    _person, case = _closed_case(worker, closed_days_ago=0)
    assert case.retention_until == date.today().replace(year=date.today().year + 3)
    assert AuditEntry.objects.filter(action="retention.policy", object_id="UZ").exists()
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="between 1 and 50"):
        call_command("set_retention", "UZ", "0")
    with pytest.raises(CommandError, match="Unknown country"):
        call_command("set_retention", "XX", "4")
