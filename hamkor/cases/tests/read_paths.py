"""The case pages' and endpoints' read paths, walked by the generated clearance test with every reader of
``clearance_world``: each case path on the mother's case and on her daughter's."""

from __future__ import annotations

from hamkor.cases.tests.clearance_world import FAMILY
from hamkor.testing import NOT_PERSONAL, Read

ON_CASES = Read(
    targets=(("person_code=adult_person", "number=adult_number"), ("person_code=child_person", "number=child_number"))
)
ON_PEOPLE = Read(targets=(("person_code=adult_person",), ("person_code=child_person",)))
ON_REFERRALS = Read(targets=(("code=adult_referral",), ("code=child_referral",)))
ON_DOSSIERS = Read(targets=(("code=adult_dossier",), ("code=child_dossier",)))
LIST = Read()

READ_PATHS: dict[str, Read] = {
    "cases:list": LIST,
    # A name search is a POST (no name in a URL); it shows names, so it is walked like a list.
    "cases:list#search": Read(method="post", data={"q": FAMILY}),
    "cases:register": NOT_PERSONAL,  # an empty registration form
    "cases:break_glass": NOT_PERSONAL,  # an empty request form: no case is shown before access is granted
    "cases:detail": ON_CASES,
    "cases:referral_create": ON_CASES,
    "cases:referral_detail": ON_REFERRALS,
    "cases:referral_list": LIST,
    "cases:transfer_create": ON_CASES,
    "cases:transfer_list": LIST,
    "cases:dossier_list": LIST,
    "cases:dossier_detail": ON_DOSSIERS,
    "cases:retention_overview": LIST,
    "cases:retention_export": ON_PEOPLE,
    "cases:statistics_dashboard": LIST,
    "cases:statistics_csv": LIST,
    "cases:statistics_xlsx": LIST,
    "GET /api/v1/cases/": LIST,
    "POST /api/v1/cases/search": Read(method="post", data={"q": FAMILY}),
    "GET /api/v1/cases/{person_code}/{number}": ON_CASES,
    "GET /api/v1/cases/people/{code}": Read(targets=(("code=adult_person",), ("code=child_person",))),
    "GET /api/v1/cases/referrals/": LIST,
    "GET /api/v1/cases/referrals/transfers": LIST,
    "GET /api/v1/cases/referrals/{code}": ON_REFERRALS,
    "GET /api/v1/cases/dossiers/": LIST,
    "GET /api/v1/cases/dossiers/{code}": ON_DOSSIERS,
    "GET /api/v1/cases/dossiers/awaiting-approval": LIST,
    "GET /api/v1/cases/retention/people/{code}/export": Read(targets=(("code=adult_person",), ("code=child_person",))),
    "GET /api/v1/cases/statistics/": LIST,
}
