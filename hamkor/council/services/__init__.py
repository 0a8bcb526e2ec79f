"""Every write of the council module. One transaction and one audit entry per verb; nothing else writes."""

from hamkor.council.services.consultations import (
    accept_invitation,
    confirm_panel,
    consolidate,
    correct_opinion,
    decline_invitation,
    propose_panel,
    request_consultation,
    submit_opinion,
)
from hamkor.council.services.experts import create_expert, declare_conflict, update_expert, vet_expert
from hamkor.council.services.groups import add_member, ensure_working_groups, remove_member
from hamkor.council.services.meetings import (
    add_action_item,
    add_agenda_item,
    record_decision,
    record_minutes,
    schedule_meeting,
    set_action_status,
)

__all__ = [
    "accept_invitation",
    "add_action_item",
    "add_agenda_item",
    "add_member",
    "confirm_panel",
    "consolidate",
    "correct_opinion",
    "create_expert",
    "declare_conflict",
    "decline_invitation",
    "ensure_working_groups",
    "propose_panel",
    "record_decision",
    "record_minutes",
    "remove_member",
    "request_consultation",
    "schedule_meeting",
    "set_action_status",
    "submit_opinion",
    "update_expert",
    "vet_expert",
]
