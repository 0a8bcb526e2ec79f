from __future__ import annotations

import csv
import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from hamkor.conftest import verified_client
from hamkor.core import services
from hamkor.core.audit import record, verify_chain
from hamkor.core.demo import DEMO_USERS, demo_email
from hamkor.core.models import Agreement, AuditEntry, Country, Organisation, User
from hamkor.core.roles import Role


def test_navigation_shows_only_what_the_role_may_open(persona):
    learner_page = verified_client(persona[Role.LEARNER]).get(reverse("core:dashboard")).content.decode()
    assert 'href="/organisations/"' in learner_page
    assert 'href="/audit/"' not in learner_page and 'href="/agreements/"' not in learner_page
    oversight_page = verified_client(persona[Role.OVERSIGHT_OFFICER]).get(reverse("core:dashboard")).content.decode()
    assert 'href="/audit/"' in oversight_page


def test_layout_has_landmarks_and_loads_nothing_from_another_host(persona):
    page = verified_client(persona[Role.PROGRAMME_OFFICER]).get(reverse("core:agreements"))
    html = page.content.decode()
    for landmark in ("<header", "<nav", "<main", "<footer", 'class="skip-link"'):
        assert landmark in html
    assert "http://" not in html.replace("http://testserver", "") and "https://" not in html
    assert "default-src 'self'" in page["Content-Security-Policy"]


def test_invalid_organisation_form_explains_and_writes_nothing(persona):
    client = verified_client(persona[Role.ADMINISTRATOR])
    count = Organisation.objects.count()
    response = client.post(reverse("core:organisation_create"), {"name": "", "kind": "nonsense"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "This field is required." in html and "Select a valid choice" in html
    assert Organisation.objects.count() == count


def test_organisation_cannot_become_its_own_ancestor(persona, world):
    client = verified_client(persona[Role.ADMINISTRATOR])
    child = services.create_organisation(
        None, name="Unit", kind="service_provider", country_id="UZ", parent=world["uz"]
    )
    response = client.post(
        reverse("core:organisation_edit", args=[world["uz"].pk]),
        {"name": world["uz"].name, "kind": world["uz"].kind, "country": "UZ", "parent": child.pk},
    )
    assert response.status_code == 200 and "own parent" in response.content.decode()
    assert Organisation.objects.get(pk=world["uz"].pk).parent is None


def test_programme_officer_records_an_agreement_through_the_page(persona, world):
    client = verified_client(persona[Role.PROGRAMME_OFFICER])
    response = client.post(
        reverse("core:agreement_create"),
        {
            "title": "Memorandum with the Almaty Agency",
            "kind": "memorandum",
            "signed_on": "2024-04-30",
            "signed_place": "Astana",
            "parties": [world["uz"].pk, world["kz"].pk],
            "areas_text": "Psychosocial support\n\nExchange of practice\n",
        },
    )
    assert response.status_code == 302
    agreement = Agreement.objects.get(title="Memorandum with the Almaty Agency")
    assert agreement.areas == ["Psychosocial support", "Exchange of practice"]
    detail = client.get(response["Location"]).content.decode()
    assert "Exchange of practice" in detail and "Almaty Agency" in detail


def test_agreement_with_one_party_is_refused(persona, world):
    client = verified_client(persona[Role.PROGRAMME_OFFICER])
    response = client.post(
        reverse("core:agreement_create"),
        {"title": "Lonely memorandum", "kind": "memorandum", "signed_on": "2024-04-30", "parties": [world["uz"].pk]},
    )
    assert response.status_code == 200 and "at least two parties" in response.content.decode()
    assert not Agreement.objects.filter(title="Lonely memorandum").exists()


def test_audit_log_page_filters(persona):
    record(persona[Role.LEARNER], "case.read", object_type="cases.person", object_id="UZ-7K3Q-9D2M")
    client = verified_client(persona[Role.OVERSIGHT_OFFICER])
    html = client.get(reverse("core:audit"), {"action": "case.read"}).content.decode()
    assert "UZ-7K3Q-9D2M" in html and "user.create" not in html


def test_audit_export_is_csv_neutralises_formulas_and_is_audited(persona):
    record(None, "test.event", object_type="x", object_id='=HYPERLINK("http://evil")')
    client = verified_client(persona[Role.OVERSIGHT_OFFICER])
    response = client.get(reverse("core:audit_export"), {"action": "test."})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["seq", "at", "actor_id"]
    assert rows[1][7].startswith("'=HYPERLINK")
    export = AuditEntry.objects.filter(action="audit.export").latest("seq")
    assert export.details == {"filter": {"action": "test."}}
    assert verify_chain()[0] is None


def test_token_created_on_profile_is_shown_once(persona):
    client = verified_client(persona[Role.LEARNER])
    response = client.post(reverse("core:profile"), {"name": "laptop", "scopes": ["read"], "days": 30})
    html = response.content.decode()
    assert "will not be shown again" in html and "hmk_" in html
    again = client.get(reverse("core:profile")).content.decode()
    assert "will not be shown again" not in again and "laptop" in again


def test_learner_cannot_revoke_someone_elses_token(persona):
    other = services.create_api_token(None, persona[Role.ANALYST], name="analyst token").token
    client = verified_client(persona[Role.LEARNER])
    assert client.post(reverse("core:token_revoke", args=[other.pk])).status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None


@pytest.mark.django_db
def test_seed_demo_is_idempotent_and_marks_demo_users():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    counts = (Organisation.objects.count(), Agreement.objects.count(), User.objects.count(), Country.objects.count())
    call_command("seed_demo", stdout=io.StringIO())
    assert counts == (
        Organisation.objects.count(),
        Agreement.objects.count(),
        User.objects.count(),
        Country.objects.count(),
    )
    for code, role, _org, _name in DEMO_USERS:
        user = User.objects.get(email=demo_email(code))
        assert user.is_demo and role in user.roles
    assert User.objects.get(email="caseworker-kz@demo.hamkor.local").country_id == "KZ"
    mou = Agreement.objects.get(signed_on="2023-12-05")
    assert {p.short_name for p in mou.parties.all()} == {"ISRS", "UNOCT"} and len(mou.areas) == 3
    assert "password" not in out.getvalue().split("debug mode")[0].lower().replace("passwords are printed", "")


def test_switching_language_translates_the_page(persona):
    client = verified_client(persona[Role.PROGRAMME_OFFICER])
    client.post(reverse("set_language"), {"language": "ru", "next": "/"})
    html = client.get(reverse("core:agreements")).content.decode()
    assert 'lang="ru"' in html and "Соглашения" in html
    client.post(reverse("set_language"), {"language": "uz", "next": "/"})
    assert "Kelishuvlar" in client.get(reverse("core:agreements")).content.decode()


def test_a_nul_character_in_a_page_request_is_a_clear_refusal_that_changes_nothing(persona, client_for):
    from hamkor.core.models import AuditEntry

    worker = client_for(persona["case_worker"])
    before = AuditEntry.objects.count()
    for response in (
        worker.get("/cases/", {"status": "services\x00"}),
        worker.post("/cases/", {"q": "Kari\x00mova"}),
    ):
        assert response.status_code == 400
        assert "character that no text may contain" in response.content.decode()
    assert AuditEntry.objects.count() == before
