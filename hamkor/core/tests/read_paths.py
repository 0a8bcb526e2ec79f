"""The core pages' and endpoints' read paths for the generated clearance test."""

from __future__ import annotations

from hamkor.testing import NOT_PERSONAL, Read

READ_PATHS: dict[str, Read] = {
    "core:dashboard": Read(),  # panels from every app: due interventions, referrals, dossiers
    "core:audit": Read(),  # oversight reads every entry about the cases
    "core:audit_export": Read(),
    "GET /api/v1/audit": Read(),
    # Case data is never indexed; the walk proves no marker comes back for a word of the notes' sentences.
    "core:search": Read(data={"q": "visit"}),
    "GET /api/v1/search": Read(data={"q": "visit"}),
    # The partnership's records (countries, organisations, agreements, the user's own profile and tokens) and
    # the sign-in steps hold nothing about a person in a case.
    "core:login": NOT_PERSONAL,
    "core:second_factor": NOT_PERSONAL,
    "core:second_factor_setup": NOT_PERSONAL,
    "core:profile": NOT_PERSONAL,
    "core:organisations": NOT_PERSONAL,
    "core:organisation": NOT_PERSONAL,
    "core:organisation_create": NOT_PERSONAL,
    "core:organisation_edit": NOT_PERSONAL,
    "core:agreements": NOT_PERSONAL,
    "core:agreement": NOT_PERSONAL,
    "core:agreement_create": NOT_PERSONAL,
    "core:agreement_edit": NOT_PERSONAL,
    "core:agreement_document": NOT_PERSONAL,
    "GET /api/v1/agreements": NOT_PERSONAL,
    "GET /api/v1/agreements/{pk}": NOT_PERSONAL,
    "GET /api/v1/countries": NOT_PERSONAL,
    "GET /api/v1/me": NOT_PERSONAL,
    "GET /api/v1/organisations": NOT_PERSONAL,
    "GET /api/v1/organisations/{pk}": NOT_PERSONAL,
    "GET /api/v1/tokens": NOT_PERSONAL,
}
