"""Every write of the cases module. One transaction and one audit entry per verb; nothing else writes."""

from hamkor.cases.services.assessments import record_assessment
from hamkor.cases.services.cases import (
    assign_case,
    open_break_glass,
    refresh_child_flags,
    transition_case,
)
from hamkor.cases.services.common import CaseRuleError
from hamkor.cases.services.consents import override_consent, record_consent, withdraw_consent
from hamkor.cases.services.notes import add_note
from hamkor.cases.services.people import add_family_member, find_duplicates, register_person, update_identity
from hamkor.cases.services.plans import add_goal, add_intervention, set_intervention_status

__all__ = [
    "CaseRuleError",
    "add_family_member",
    "add_goal",
    "add_intervention",
    "add_note",
    "assign_case",
    "find_duplicates",
    "open_break_glass",
    "override_consent",
    "record_assessment",
    "record_consent",
    "refresh_child_flags",
    "register_person",
    "set_intervention_status",
    "transition_case",
    "update_identity",
    "withdraw_consent",
]
