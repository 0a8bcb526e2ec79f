"""Every write of the council module. One transaction and one audit entry per verb; nothing else writes."""

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
    "add_action_item",
    "add_agenda_item",
    "add_member",
    "create_expert",
    "declare_conflict",
    "ensure_working_groups",
    "record_decision",
    "record_minutes",
    "remove_member",
    "schedule_meeting",
    "set_action_status",
    "update_expert",
    "vet_expert",
]
