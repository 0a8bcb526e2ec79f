"""Who reads what: drafts stay with their authors, partner items with partners, group items with the group; the
public portal and the search index agree with the policy."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from hamkor.core import search
from hamkor.library import queries, services
from hamkor.library.tests.conftest import PRACTICE_RU, published


@pytest.fixture
def outsider(make_user):
    """A case worker in Kazakhstan: a partner, but not of the authors' organisation."""
    return make_user("case_worker", "kz")


def test_a_draft_is_invisible_to_other_organisations(persona, practice, outsider):
    assert practice in queries.items(persona["analyst"])
    assert practice in queries.items(persona["programme_officer"])  # an editor
    assert practice not in queries.items(outsider)
    assert practice not in queries.public_items()
    with pytest.raises(Http404):
        queries.item(outsider, practice.pk)


def test_a_partners_item_is_invisible_to_anonymous_visitors_and_learners(persona, reviewer, outsider):
    item = published(persona, reviewer, **PRACTICE_RU | {"access": "partners"})
    assert item in queries.items(outsider)
    assert item not in queries.public_items()
    assert item not in queries.items(persona["learner"])
    assert search.search(outsider, "реабилитация").total == 1
    assert search.search(None, "реабилитация").total == 0
    assert search.search(persona["learner"], "реабилитация").total == 0


def test_a_group_item_is_seen_by_members_only(persona, reviewer, outsider):
    officer = persona["programme_officer"]
    member = persona["case_supervisor"]
    group = services.create_reading_group(officer, name="Theology advisers", members=[member])
    item = published(persona, reviewer, **PRACTICE_RU | {"access": "group", "group": group})
    assert item in queries.items(member)
    assert item not in queries.items(outsider)
    assert item not in queries.public_items()
    assert search.search(member, "реабилитация").total == 1
    assert search.search(outsider, "реабилитация").total == 0
    with pytest.raises(PermissionDenied):
        services.comment(outsider, item, "Let me in.")
    services.add_group_member(officer, group, outsider)
    assert item in queries.items(outsider)
    assert search.search(outsider, "реабилитация").total == 1


def test_an_assigned_reviewer_reads_the_item_under_review(persona, reviewer, practice, make_user):
    other_expert = make_user("council_expert", "kz")
    services.submit(persona["analyst"], practice)
    assert practice not in queries.items(other_expert)
    services.assign_reviewers(persona["programme_officer"], practice, [reviewer])
    assert practice in queries.items(persona["council_expert"])
    assert practice not in queries.items(other_expert)


def test_reviews_are_shown_to_editors_authors_and_reviewers_only(persona, reviewer, outsider):
    item = published(persona, reviewer, **PRACTICE_RU)
    assert queries.reviews(persona["programme_officer"], item).count() == 1
    assert queries.reviews(persona["analyst"], item).count() == 1
    assert queries.reviews(persona["council_expert"], item).count() == 1
    assert queries.reviews(outsider, item).count() == 0


def test_the_public_portal_shows_published_public_items(persona, reviewer):
    item = published(persona, reviewer, **PRACTICE_RU)
    assert queries.public_item(item.pk) == item
    filtered = queries.public_items(queries.ItemFilters(status="draft", language="ru"))
    assert list(filtered) == [item]


def test_writers_may_not_change_other_organisations_items(persona, practice, outsider, make_user):
    foreign_analyst = make_user("analyst", "kz")
    with pytest.raises(PermissionDenied):
        services.update_item(foreign_analyst, practice, title="Mine now")
    with pytest.raises(PermissionDenied):
        services.submit(foreign_analyst, practice)
