"""Consultation pages' and endpoints' entries in the generated permission test.

Objects: a thematic consultation asked by the case worker, with a proposed panel in which the persona expert
(given a vetted profile) is first; a second one already confirmed, on which the persona expert is invited.
Analysts and learners are refused; the secretariat (programme officer) manages.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from hamkor.core.models import Country
from hamkor.council import services
from hamkor.council.models import Expert
from hamkor.testing import ANALYST, CASEWORKER, EXPERT, LEARNER, PROGRAMME, Route

PROPOSED = ("code=consultation_proposed",)
CONFIRMED = ("code=consultation_confirmed",)
API = "/api/v1/council/consultations"
ASK = {
    "kind": "thematic",
    "question": "How to welcome returning teenagers at school?",
    "disciplines": ["psychology"],
    "languages": ["ru"],
    "deadline": "2099-01-01",
    "panel_size": 1,
}
OPINION: dict[str, Any] = {"discipline": "psychology", "text": "Start with teachers."}
RECOMMENDATION = {"text": "Train the teachers first."}

ROUTES: dict[str, Route] = {
    "council:consultations": Route(allowed=EXPERT, denied=LEARNER),
    "council:consultation_request": Route(allowed=CASEWORKER, denied=EXPERT),
    "council:consultation": Route(allowed=EXPERT, denied=LEARNER, kwargs=CONFIRMED),
    "council:consultation_propose": Route(allowed=PROGRAMME, denied=EXPERT, method="post", kwargs=PROPOSED),
    "council:consultation_confirm": Route(allowed=PROGRAMME, denied=EXPERT, method="post", kwargs=PROPOSED),
    "council:consultation_answer": Route(
        allowed=EXPERT, denied=LEARNER, method="post", kwargs=CONFIRMED, data={"answer": "accept"}
    ),
    "council:consultation_opinion": Route(
        allowed=EXPERT, denied=LEARNER, method="post", kwargs=CONFIRMED, data=OPINION
    ),
    "council:consultation_consolidate": Route(
        allowed=PROGRAMME, denied=EXPERT, method="post", kwargs=CONFIRMED, data=RECOMMENDATION
    ),
    "council:figures": Route(allowed=ANALYST, denied=EXPERT),
}

API_ROUTES: dict[str, Route] = {
    f"GET {API}": Route(allowed=EXPERT, denied=LEARNER),
    f"GET {API}/{{code}}": Route(allowed=EXPERT, denied=LEARNER, kwargs=CONFIRMED),
    f"POST {API}": Route(allowed=CASEWORKER, denied=EXPERT, method="post", data=ASK),
    f"POST {API}/{{code}}/propose": Route(allowed=PROGRAMME, denied=EXPERT, method="post", kwargs=PROPOSED),
    f"POST {API}/{{code}}/confirm": Route(allowed=PROGRAMME, denied=EXPERT, method="post", kwargs=PROPOSED),
    f"POST {API}/{{code}}/accept": Route(allowed=EXPERT, denied=LEARNER, method="post", kwargs=CONFIRMED),
    f"POST {API}/{{code}}/decline": Route(allowed=EXPERT, denied=LEARNER, method="post", kwargs=CONFIRMED),
    # An opinion needs an accepted seat: the persona expert accepted on this one (the confirmed one stays
    # invited for the answer routes).
    f"POST {API}/{{code}}/opinions": Route(
        allowed=EXPERT, denied=LEARNER, method="post", kwargs=("code=consultation_accepted",), data=OPINION
    ),
    f"POST {API}/{{code}}/recommendation": Route(
        allowed=PROGRAMME, denied=EXPERT, method="post", kwargs=("code=consultation_written",), data=RECOMMENDATION
    ),
}


def make_objects(persona, world) -> dict[str, Any]:
    officer, worker = persona[PROGRAMME], persona[CASEWORKER]
    kz = Country.objects.get(code="KZ")
    expert = Expert.objects.filter(user=persona[EXPERT]).first()
    if expert is None:
        expert = services.create_expert(
            officer, name="Permission Expert", country=kz, disciplines=["psychology"], languages=["ru"],
            user=persona[EXPERT],
        )  # fmt: skip
        services.vet_expert(officer, expert, Expert.Vetting.VETTED)
    ask: dict[str, Any] = {k: v for k, v in ASK.items() if k != "deadline"} | {"deadline": date(2099, 1, 1)}

    def consultation(step: str) -> str:
        found = services.request_consultation(worker, **ask)
        if step == "requested":
            return found.code
        services.propose_panel(officer, found)
        if step == "proposed":
            return found.code
        services.confirm_panel(officer, found, [expert])
        if step in ("accepted", "written"):
            services.accept_invitation(persona[EXPERT], found)
        if step == "written":
            services.submit_opinion(persona[EXPERT], found, **OPINION)
            found.quorum = 1
            found.save(update_fields=["quorum"])
        return found.code

    return {
        "consultation_proposed": consultation("proposed"),
        "consultation_confirmed": consultation("confirmed"),
        "consultation_accepted": consultation("accepted"),
        "consultation_written": consultation("written"),
    }
