"""The library API's entries in the generated permission test (the pages' entries are in
``permission_routes.py``).

Objects: a draft research paper by the analyst (Uzbekistan); a submitted one; one in review with the persona
expert assigned; one in review that the expert recommended for publication; a published partners-only good
practice. Learners are refused everywhere (they are not partners); the editors are programme officers.
"""

from __future__ import annotations

import base64
from typing import Any

from hamkor.core.models import Country
from hamkor.council import services as council
from hamkor.council.models import Expert
from hamkor.library import services
from hamkor.testing import ANALYST, CASEWORKER, EXPERT, LEARNER, PROGRAMME, Route

API = "/api/v1/library/items"
DRAFT = ("pk=library_draft",)
SUBMITTED = ("pk=library_submitted",)
IN_REVIEW = ("pk=library_in_review",)
RECOMMENDED = ("pk=library_recommended",)
PUBLISHED = ("pk=library_published",)
NEW_ITEM = {"kind": "research_paper", "title": "Schooling after return", "languages": ["en"], "access": "partners"}
TEXT_FILE = {"name": "notes.md", "content_base64": base64.b64encode("# Заметки\nШкола.".encode()).decode()}

ROUTES: dict[str, Route] = {}

API_ROUTES: dict[str, Route] = {
    f"GET {API}": Route(allowed=CASEWORKER, denied=LEARNER),
    f"GET {API}/{{pk}}": Route(allowed=ANALYST, denied=LEARNER, kwargs=DRAFT),
    f"POST {API}": Route(allowed=ANALYST, denied=CASEWORKER, method="post", data=NEW_ITEM),
    f"POST {API}/{{pk}}/files": Route(allowed=ANALYST, denied=LEARNER, method="post", kwargs=DRAFT, data=TEXT_FILE),
    f"POST {API}/{{pk}}/translations": Route(
        allowed=ANALYST, denied=LEARNER, method="post", kwargs=DRAFT, data=lambda: {"item": _other_draft()}
    ),
    f"POST {API}/{{pk}}/submit": Route(allowed=ANALYST, denied=CASEWORKER, method="post", kwargs=DRAFT),
    f"POST {API}/{{pk}}/reviewers": Route(
        allowed=PROGRAMME, denied=ANALYST, method="post", kwargs=SUBMITTED, data=lambda: {"experts": [_expert()]}
    ),
    f"POST {API}/{{pk}}/review": Route(
        allowed=EXPERT,
        denied=ANALYST,
        method="post",
        kwargs=IN_REVIEW,
        data={"recommendation": "publish", "comment": "Clear and well sourced."},
    ),
    f"POST {API}/{{pk}}/publish": Route(allowed=PROGRAMME, denied=ANALYST, method="post", kwargs=RECOMMENDED),
    f"POST {API}/{{pk}}/withdraw": Route(
        allowed=PROGRAMME, denied=CASEWORKER, method="post", kwargs=PUBLISHED, data={"reason": "Outdated."}
    ),
    f"POST {API}/{{pk}}/rating": Route(
        allowed=CASEWORKER, denied=LEARNER, method="post", kwargs=PUBLISHED, data={"stars": 4}
    ),
    f"POST {API}/{{pk}}/comments": Route(
        allowed=CASEWORKER, denied=LEARNER, method="post", kwargs=PUBLISHED, data={"text": "Useful in Fergana."}
    ),
}


def _expert() -> int:
    return Expert.objects.get(name="Library Reviewer").pk


def _other_draft() -> int:
    from hamkor.library.models import Item

    return Item.objects.get(title="Library permission other draft").pk


def make_objects(persona, world) -> dict[str, Any]:
    analyst, officer = persona[ANALYST], persona[PROGRAMME]
    expert = Expert.objects.filter(user=persona[EXPERT]).first()
    if expert is None:
        expert = council.create_expert(
            officer, name="Library Reviewer", country=Country.objects.get(code="UZ"), disciplines=["research"],
            languages=["ru"], user=persona[EXPERT],
        )  # fmt: skip
        council.vet_expert(officer, expert, Expert.Vetting.VETTED)
    else:
        Expert.objects.filter(pk=expert.pk).update(name="Library Reviewer")

    def item(title: str, step: str, **extra: Any) -> int:
        found = services.create_item(analyst, kind="research_paper", title=title, **extra)
        if step == "draft":
            return found.pk
        services.submit(analyst, found)
        if step == "submitted":
            return found.pk
        services.assign_reviewers(officer, found, [expert])
        if step == "in_review":
            return found.pk
        services.record_review(persona[EXPERT], found, recommendation="publish", comment="Publish it.")
        if step == "recommended":
            return found.pk
        services.publish(officer, found)
        return found.pk

    item("Library permission other draft", "draft")
    return {
        "library_draft": item("Library permission draft", "draft"),
        "library_submitted": item("Library permission submitted", "submitted"),
        "library_in_review": item("Library permission in review", "in_review"),
        "library_recommended": item("Library permission recommended", "recommended"),
        "library_published": item("Library permission published", "published", access="partners"),
    }
