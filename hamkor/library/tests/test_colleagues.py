"""Council experts write in their own name: an organisation colleague's item is not theirs to change."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from hamkor.library import services


def test_an_expert_of_the_owning_organisation_reviews_but_cannot_withdraw_a_colleagues_item(
    persona, reviewer, practice
):
    assert persona["council_expert"].organisation_id == practice.owner_organisation_id
    services.submit(persona["analyst"], practice)
    services.assign_reviewers(persona["programme_officer"], practice, [reviewer])
    with pytest.raises(PermissionDenied):
        services.withdraw(persona["council_expert"], practice, reason="Not mine to take back.")
    with pytest.raises(PermissionDenied):
        services.update_item(persona["council_expert"], practice, title="Renamed by a colleague")


def test_a_colleague_who_writes_for_the_organisation_may_withdraw(persona, make_user, practice):
    supervisor = persona["case_supervisor"]
    assert supervisor.organisation_id == practice.owner_organisation_id
    services.submit(persona["analyst"], practice)
    services.withdraw(supervisor, practice, reason="Superseded by the 2025 edition.")
    practice.refresh_from_db()
    assert practice.status == "withdrawn"
