from hamkor.core.models.audit import AuditEntry, AuditHead
from hamkor.core.models.geography import Country
from hamkor.core.models.organisation import Agreement, AgreementDocument, Organisation
from hamkor.core.models.schedule import ScheduledRun
from hamkor.core.models.search import SearchDocument, SearchFacet
from hamkor.core.models.token import ApiToken
from hamkor.core.models.user import User, UserRole

__all__ = [
    "Agreement",
    "AgreementDocument",
    "ApiToken",
    "AuditEntry",
    "AuditHead",
    "Country",
    "Organisation",
    "ScheduledRun",
    "SearchDocument",
    "SearchFacet",
    "User",
    "UserRole",
]
