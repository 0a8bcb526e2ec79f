"""The review workflow: a partner's practice reviewed and published by an expert, found by a search in another
script; steps out of order refused with nothing written."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command

from hamkor.core import search
from hamkor.core.audit import verify_chain
from hamkor.core.models import AuditEntry
from hamkor.library import services
from hamkor.library.models import Item, ReviewAssignment
from hamkor.library.tests.conftest import PRACTICE_RU, published, upload
from hamkor.library.tests.documents import docx_with

S = Item.Status


CAREERS_RU = PRACTICE_RU | {
    "title": "Профориентация женщин, вернувшихся из Сирии и Ирака",
    "summary": "Профориентация, обучение профессии и трудоустройство как часть реинтеграции.",
    "approach": "Карьерный консультант и махалля подбирают курсы и работодателей для каждой женщины.",
}


def test_partner_practice_reviewed_and_published_by_expert_is_found_first_in_uzbek_latin(persona, reviewer):
    call_command("seed_demo", stdout=io.StringIO())  # a library full of other items, in four languages
    analyst, officer, expert = persona["analyst"], persona["programme_officer"], persona["council_expert"]
    practice = services.create_item(analyst, **CAREERS_RU)
    services.add_file(analyst, practice, upload("практика.docx", docx_with("Профориентация в махалле.")))
    services.submit(analyst, practice)
    services.assign_reviewers(officer, practice, [reviewer], due_on=date(2099, 1, 1))
    assert practice.status == S.IN_REVIEW
    assert search.search(None, "proforiyentatsiya").total == 0  # not findable before publication
    services.record_review(expert, practice, recommendation="publish", comment="Ready for the library.")
    services.publish(expert, practice)

    practice.refresh_from_db()
    assert practice.status == S.PUBLISHED and practice.published_at is not None
    assert practice.detected_language == "ru"
    for reader in (None, persona["learner"], persona["case_worker"]):
        found = search.search(reader, "proforiyentatsiya")
        assert found.hits[0].object_id == str(practice.pk)
    assert verify_chain()[0] is None


def test_every_step_leaves_one_audit_entry(persona, reviewer, practice):
    analyst, officer, expert = persona["analyst"], persona["programme_officer"], persona["council_expert"]
    steps = [
        lambda: services.update_item(analyst, practice, summary="Шаг за шагом."),
        lambda: services.add_file(analyst, practice, upload("notes.txt", "Заметки".encode())),
        lambda: services.submit(analyst, practice),
        lambda: services.assign_reviewers(officer, practice, [reviewer]),
        lambda: services.record_review(expert, practice, recommendation="publish", comment="Good."),
        lambda: services.publish(officer, practice),
        lambda: services.rate(persona["case_worker"], practice, 4),
        lambda: services.comment(persona["case_worker"], practice, "Used it in Namangan."),
        lambda: services.withdraw(officer, practice, reason="Superseded by the 2026 edition."),
    ]
    for step in steps:
        before = AuditEntry.objects.count()
        step()
        assert AuditEntry.objects.count() == before + 1


def test_good_practice_needs_approach_aims_and_methods(persona):
    fields = PRACTICE_RU | {"approach": "", "methods": " "}
    with pytest.raises(ValidationError) as refused:
        services.create_item(persona["analyst"], **fields)
    assert set(refused.value.message_dict) == {"approach", "methods"}
    assert not Item.objects.exists()


def test_group_access_needs_a_group(persona):
    with pytest.raises(ValidationError) as refused:
        services.create_item(persona["analyst"], kind="guideline", title="Closed guideline", access="group")
    assert "group" in refused.value.message_dict


def test_unknown_language_and_pillar_codes_are_refused(persona):
    with pytest.raises(ValidationError) as refused:
        services.create_item(persona["analyst"], kind="guideline", title="G", languages=["xx"], pillars=["V"])
    assert "languages" in refused.value.message_dict or "pillars" in refused.value.message_dict


def test_a_draft_cannot_be_reviewed_or_published(persona, reviewer, practice):
    with pytest.raises(ValidationError, match="only an item in peer review"):
        services.publish(persona["programme_officer"], practice)
    with pytest.raises(ValidationError, match="submitted items"):
        services.assign_reviewers(persona["programme_officer"], practice, [reviewer])
    with pytest.raises(ValidationError, match="only a submitted, reviewed or published item"):
        services.withdraw(persona["analyst"], practice, reason="Changed my mind.")
    assert Item.objects.get(pk=practice.pk).status == S.DRAFT


def test_publishing_needs_a_recommendation_to_publish(persona, reviewer, practice):
    officer, expert = persona["programme_officer"], persona["council_expert"]
    services.submit(persona["analyst"], practice)
    services.assign_reviewers(officer, practice, [reviewer])
    with pytest.raises(ValidationError, match="No assigned expert has recommended publication"):
        services.publish(officer, practice)
    services.record_review(expert, practice, recommendation="revise", comment="Add the evaluation.")
    with pytest.raises(PermissionDenied):
        services.publish(expert, practice)  # the expert recommended revision, so may not publish
    with pytest.raises(ValidationError, match="No assigned expert"):
        services.publish(officer, practice)
    assert Item.objects.get(pk=practice.pk).status == S.IN_REVIEW


def test_only_an_assigned_expert_reviews(persona, reviewer, practice, make_user):
    services.submit(persona["analyst"], practice)
    services.assign_reviewers(persona["programme_officer"], practice, [reviewer])
    other_expert = make_user("council_expert", "kz")
    with pytest.raises(PermissionDenied):
        services.record_review(other_expert, practice, recommendation="publish", comment="Fine.")
    with pytest.raises(ValidationError) as refused:
        services.record_review(persona["council_expert"], practice, recommendation="maybe", comment="Hm.")
    assert "recommendation" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        services.record_review(persona["council_expert"], practice, recommendation="publish", comment="  ")
    assert "comment" in refused.value.message_dict
    assert not ReviewAssignment.objects.exclude(recommendation="").exists()


def test_reviewers_are_assigned_by_editors_only(persona, reviewer, practice):
    services.submit(persona["analyst"], practice)
    with pytest.raises(PermissionDenied):
        services.assign_reviewers(persona["analyst"], practice, [reviewer])
    assert Item.objects.get(pk=practice.pk).status == S.SUBMITTED


def test_author_cannot_review_own_item(persona, reviewer):
    item = services.create_item(persona["council_expert"], kind="expert_assessment", title="My assessment")
    services.submit(persona["council_expert"], item)
    with pytest.raises(ValidationError, match="wrote this item"):
        services.assign_reviewers(persona["programme_officer"], item, [reviewer])


def test_withdrawal_needs_a_reason_and_removes_the_item_from_search(persona, reviewer):
    item = published(persona, reviewer, **PRACTICE_RU)
    assert search.search(None, "реабилитация").total == 1
    with pytest.raises(ValidationError) as refused:
        services.withdraw(persona["programme_officer"], item, reason="  ")
    assert "reason" in refused.value.message_dict
    services.withdraw(persona["programme_officer"], item, reason="The centre closed the programme.")
    item.refresh_from_db()
    assert item.status == S.WITHDRAWN and item.withdrawal_reason == "The centre closed the programme."
    assert search.search(None, "реабилитация").total == 0
    with pytest.raises(ValidationError, match="withdrawn item cannot be changed"):
        services.update_item(persona["programme_officer"], item, title="Again")


def test_a_published_item_is_changed_by_editors_only(persona, reviewer):
    item = published(persona, reviewer, **PRACTICE_RU)
    with pytest.raises(ValidationError, match="editors"):
        services.update_item(persona["analyst"], item, title="Changed")
    services.update_item(persona["programme_officer"], item, title="Семейная реабилитация (2-е изд.)")
    assert search.search(None, "изд").hits[0].title.endswith("(2-е изд.)")


def test_rating_is_one_per_partner_and_can_change(persona, reviewer):
    item = published(persona, reviewer, **PRACTICE_RU)
    services.rate(persona["case_worker"], item, 2)
    services.rate(persona["case_worker"], item, 5)
    assert list(item.ratings.values_list("stars", flat=True)) == [5]
    with pytest.raises(ValidationError):
        services.rate(persona["case_worker"], item, 6)
    with pytest.raises(PermissionDenied):
        services.rate(persona["learner"], item, 3)


def test_drafts_cannot_be_rated_or_commented(persona, practice):
    with pytest.raises(ValidationError, match="Only published items"):
        services.comment(persona["analyst"], practice, "Looks good.")
    assert not practice.comments.exists()


def test_translations_link_both_ways(persona):
    analyst = persona["analyst"]
    ru = services.create_item(analyst, kind="guideline", title="Руководство", languages=["ru"])
    uz = services.create_item(analyst, kind="guideline", title="Qoʻllanma", languages=["uz"])
    cyrl = services.create_item(analyst, kind="guideline", title="Қўлланма", languages=["uz-Cyrl"])
    services.link_translation(analyst, ru, uz)
    services.link_translation(analyst, cyrl, uz)
    assert {i.title for i in ru.translations()} == {"Qoʻllanma", "Қўлланма"}
    assert {i.title for i in cyrl.translations()} == {"Руководство", "Qoʻllanma"}
    with pytest.raises(ValidationError):
        services.link_translation(analyst, ru, ru)


def test_times_are_injected(persona):
    at = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)
    item = services.create_item(persona["analyst"], kind="guideline", title="Dated", now=at)
    assert item.created_at == at
    assert services.submit(persona["analyst"], item, now=at).submitted_at == at
