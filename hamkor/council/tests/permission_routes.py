"""The council pages' and API's entries in the generated permission test.

Objects: two vetted experts in Uzbekistan (one chairs the psychosocial-support group), a Council meeting with
an action item. Learners are the role refused everywhere; the secretariat (programme officer) manages.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from hamkor.core.models import Country
from hamkor.council import services
from hamkor.council.models import Expert
from hamkor.testing import CASEWORKER, EXPERT, LEARNER, PROGRAMME, Route

EXPERT_PK = ("pk=council_expert",)
MEETING_PK = ("pk=council_meeting",)
GROUP = ("slug=council_group",)

ROUTES: dict[str, Route] = {
    "council:directory": Route(allowed=CASEWORKER, denied=LEARNER),
    "council:expert": Route(allowed=EXPERT, denied=LEARNER, kwargs=EXPERT_PK),
    "council:expert_create": Route(allowed=PROGRAMME, denied=EXPERT),
    "council:expert_edit": Route(allowed=PROGRAMME, denied=CASEWORKER, kwargs=EXPERT_PK),
    "council:expert_vet": Route(
        allowed=PROGRAMME, denied=EXPERT, method="post", kwargs=EXPERT_PK, data={"status": "vetted"}
    ),
    "council:expert_conflict": Route(
        allowed=PROGRAMME, denied=EXPERT, method="post", kwargs=EXPERT_PK, data={"case_code": "UZ-7K3Q-9D2M/1"}
    ),
    "council:groups": Route(allowed=EXPERT, denied=LEARNER),
    "council:group": Route(allowed=EXPERT, denied=LEARNER, kwargs=GROUP),
    "council:group_member": Route(
        allowed=PROGRAMME,
        denied=EXPERT,
        method="post",
        kwargs=GROUP,
        data=lambda: {"expert": Expert.objects.get(name="Permission Second").pk, "role": "member"},
    ),
    "council:meetings": Route(allowed=EXPERT, denied=LEARNER),
    "council:meetings_ical": Route(allowed=EXPERT, denied=LEARNER),
    "council:meeting_create": Route(allowed=PROGRAMME, denied=EXPERT),
    "council:meeting": Route(allowed=EXPERT, denied=LEARNER, kwargs=MEETING_PK),
    "council:meeting_minutes": Route(
        allowed=PROGRAMME, denied=EXPERT, method="post", kwargs=MEETING_PK, data={"minutes": "Opened at ten."}
    ),
    "council:meeting_agenda": Route(
        allowed=PROGRAMME, denied=EXPERT, method="post", kwargs=MEETING_PK, data={"title": "Any other business"}
    ),
    "council:meeting_decision": Route(
        allowed=PROGRAMME, denied=EXPERT, method="post", kwargs=MEETING_PK, data={"text": "Meet again in autumn."}
    ),
    "council:meeting_action": Route(
        allowed=PROGRAMME,
        denied=EXPERT,
        method="post",
        kwargs=MEETING_PK,
        data=lambda: {
            "description": "Circulate the minutes",
            "owner": Expert.objects.get(name="Permission First").pk,
            "due_on": "2030-01-01",
        },
    ),
    "council:action_status": Route(
        allowed=PROGRAMME,
        denied=EXPERT,
        method="post",
        kwargs=(*MEETING_PK, "action=council_action"),
        data={"status": "done"},
    ),
    "council:public_directory": Route(allowed=None),
    "council:public_expert": Route(allowed=None, kwargs=EXPERT_PK),
    "council:public_meetings_ical": Route(allowed=None),
}

API_ROUTES: dict[str, Route] = {
    "GET /api/v1/council/experts": Route(allowed=CASEWORKER, denied=LEARNER),
    "GET /api/v1/council/experts/{pk}": Route(allowed=EXPERT, denied=LEARNER, kwargs=EXPERT_PK),
    "GET /api/v1/council/groups": Route(allowed=EXPERT, denied=LEARNER),
    "GET /api/v1/council/meetings": Route(allowed=EXPERT, denied=LEARNER),
    "GET /api/v1/council/meetings/{pk}": Route(allowed=EXPERT, denied=LEARNER, kwargs=MEETING_PK),
}


def make_objects(persona, world) -> dict[str, Any]:
    uz = Country.objects.get(code="UZ")
    officer = persona[PROGRAMME]
    first = services.create_expert(
        officer,
        name="Permission First",
        country=uz,
        disciplines=["psychology"],
        languages=["uz"],
        publish_fields=["name", "disciplines"],
    )
    second = services.create_expert(
        officer, name="Permission Second", country=uz, disciplines=["medicine"], languages=["ru"]
    )
    for expert in (first, second):
        services.vet_expert(officer, expert, Expert.Vetting.VETTED)
    groups = {g.slug: g for g in services.ensure_working_groups(officer)}
    services.add_member(officer, groups["psychosocial-support"], first, role="chair")
    meeting = services.schedule_meeting(
        officer, title="Permission meeting", starts_at=datetime(2025, 3, 1, 9, tzinfo=UTC), place="Tashkent"
    )
    action = services.add_action_item(
        officer, meeting, description="Draft the report", owner=first, due_on=date(2030, 1, 1)
    )
    return {
        "council_expert": first.pk,
        "council_group": "psychosocial-support",
        "council_meeting": meeting.pk,
        "council_action": action.pk,
    }
