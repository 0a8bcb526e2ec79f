from hamkor.council.models.expert import Conflict, Discipline, Expert, Language, PublicField
from hamkor.council.models.group import Membership, WorkingGroup
from hamkor.council.models.meeting import ActionItem, AgendaItem, Decision, Meeting

__all__ = [
    "ActionItem",
    "AgendaItem",
    "Conflict",
    "Decision",
    "Discipline",
    "Expert",
    "Language",
    "Meeting",
    "Membership",
    "PublicField",
    "WorkingGroup",
]
