from hamkor.cases.models.assessment import Assessment, Instrument
from hamkor.cases.models.case import BreakGlass, Case, CaseEvent
from hamkor.cases.models.consent import Consent, ConsentOverride
from hamkor.cases.models.dossier import Dossier, RetentionPolicy
from hamkor.cases.models.note import Note
from hamkor.cases.models.person import Family, FamilyMember, Person, PersonNameKey
from hamkor.cases.models.plan import Goal, Intervention
from hamkor.cases.models.referral import Referral, Transfer
from hamkor.cases.models.summary import ScoreSummary

__all__ = [
    "Assessment",
    "BreakGlass",
    "Case",
    "CaseEvent",
    "Consent",
    "ConsentOverride",
    "Dossier",
    "Family",
    "FamilyMember",
    "Goal",
    "Instrument",
    "Intervention",
    "Note",
    "Person",
    "PersonNameKey",
    "Referral",
    "RetentionPolicy",
    "ScoreSummary",
    "Transfer",
]
