"""The Council's read paths for the generated clearance test: consultations carry a dossier's text; the rest
(experts, groups, meetings, figures) is about the Council itself, never about a person in a case."""

from __future__ import annotations

from hamkor.testing import NOT_PERSONAL, Read

READ_PATHS: dict[str, Read] = {
    "council:consultations": Read(),
    "council:consultation": Read(targets=(("code=consultation",),)),
    "council:consultation_request": Read(),  # lists the requester's dossiers to choose from
    "GET /api/v1/council/consultations": Read(),
    "GET /api/v1/council/consultations/{code}": Read(targets=(("code=consultation",),)),
    "council:figures": Read(),  # Competence Center figures: counts only
    "council:directory": NOT_PERSONAL,
    "council:expert": NOT_PERSONAL,
    "council:expert_create": NOT_PERSONAL,
    "council:expert_edit": NOT_PERSONAL,
    "council:groups": NOT_PERSONAL,
    "council:group": NOT_PERSONAL,
    "council:meetings": NOT_PERSONAL,
    "council:meeting": NOT_PERSONAL,
    "council:meeting_create": NOT_PERSONAL,
    "council:meetings_ical": NOT_PERSONAL,
    "council:public_directory": NOT_PERSONAL,
    "council:public_expert": NOT_PERSONAL,
    "council:public_meetings_ical": NOT_PERSONAL,
    "GET /api/v1/council/experts": NOT_PERSONAL,
    "GET /api/v1/council/experts/{pk}": NOT_PERSONAL,
    "GET /api/v1/council/groups": NOT_PERSONAL,
    "GET /api/v1/council/meetings": NOT_PERSONAL,
    "GET /api/v1/council/meetings/{pk}": NOT_PERSONAL,
}
