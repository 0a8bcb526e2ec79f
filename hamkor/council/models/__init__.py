from hamkor.council.models.consultation import Consultation, Opinion, PanelMember, Recommendation
from hamkor.council.models.expert import Conflict, Discipline, Expert, Language, PublicField
from hamkor.council.models.group import Membership, WorkingGroup
from hamkor.council.models.meeting import ActionItem, AgendaItem, Decision, Meeting

__all__ = [
    "ActionItem",
    "AgendaItem",
    "Conflict",
    "Consultation",
    "Decision",
    "Discipline",
    "Expert",
    "Language",
    "Meeting",
    "Membership",
    "Opinion",
    "PanelMember",
    "PublicField",
    "Recommendation",
    "WorkingGroup",
]
