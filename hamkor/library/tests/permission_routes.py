"""The library pages' entries in the generated permission test (the API's are in ``api_permission_routes.py``).

Objects: the analyst's (Uzbekistan) draft, submitted, in-review (the persona expert assigned) and recommended
research papers, and a published public good practice with a text file. Learners are not partners and are
refused everywhere; case workers read but do not write; programme officers are the editors.
"""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from hamkor.core.models import Country
from hamkor.council import services as council
from hamkor.council.models import Expert
from hamkor.library import services
from hamkor.library.models import Item
from hamkor.testing import ANALYST, CASEWORKER, EXPERT, LEARNER, PROGRAMME, Route

DRAFT = ("pk=library_page_draft",)
SUBMITTED = ("pk=library_page_submitted",)
IN_REVIEW = ("pk=library_page_in_review",)
RECOMMENDED = ("pk=library_page_recommended",)
PUBLISHED = ("pk=library_page_published",)
FILE = (*PUBLISHED, "version=library_page_version")


def _reviewer() -> dict[str, Any]:
    return {"experts": [Expert.objects.get(user__email__startswith="council-expert").pk]}


def _published() -> dict[str, Any]:
    return {"other": Item.objects.get(title="Library page published").pk}


ROUTES: dict[str, Route] = {
    "library:browse": Route(allowed=CASEWORKER, denied=LEARNER),
    "library:mine": Route(allowed=ANALYST, denied=LEARNER),
    "library:reviews": Route(allowed=EXPERT, denied=CASEWORKER),
    "library:create": Route(allowed=ANALYST, denied=CASEWORKER),
    "library:item": Route(allowed=CASEWORKER, denied=LEARNER, kwargs=PUBLISHED),
    "library:edit": Route(allowed=ANALYST, denied=CASEWORKER, kwargs=DRAFT),
    "library:upload": Route(allowed=ANALYST, denied=CASEWORKER, kwargs=DRAFT),
    "library:file": Route(allowed=CASEWORKER, denied=LEARNER, kwargs=FILE),
    "library:translation": Route(allowed=ANALYST, denied=CASEWORKER, method="post", kwargs=DRAFT, data=_published),
    "library:submit": Route(allowed=ANALYST, denied=CASEWORKER, method="post", kwargs=DRAFT),
    "library:assign": Route(allowed=PROGRAMME, denied=ANALYST, method="post", kwargs=SUBMITTED, data=_reviewer),
    "library:review": Route(
        allowed=EXPERT,
        denied=CASEWORKER,
        method="post",
        kwargs=IN_REVIEW,
        data={"recommendation": "publish", "comment": "Clear and useful."},
    ),
    "library:publish": Route(allowed=PROGRAMME, denied=CASEWORKER, method="post", kwargs=RECOMMENDED),
    "library:withdraw": Route(
        allowed=PROGRAMME, denied=CASEWORKER, method="post", kwargs=PUBLISHED, data={"reason": "Superseded."}
    ),
    "library:rate": Route(allowed=CASEWORKER, denied=LEARNER, method="post", kwargs=PUBLISHED, data={"stars": "4"}),
    "library:comment": Route(
        allowed=CASEWORKER, denied=LEARNER, method="post", kwargs=PUBLISHED, data={"text": "Used it in Namangan."}
    ),
    "library:public_browse": Route(allowed=None),
    "library:public_item": Route(allowed=None, kwargs=PUBLISHED),
    "library:public_file": Route(allowed=None, kwargs=FILE),
}

API_ROUTES: dict[str, Route] = {}


def _expert(persona: dict[str, Any]) -> Expert:
    """The persona Council expert's vetted profile (another table may have made it already)."""
    expert = Expert.objects.filter(user=persona[EXPERT]).first()
    if expert is None:
        expert = council.create_expert(
            persona[PROGRAMME], name="Library Page Reviewer", country=Country.objects.get(code="UZ"),
            disciplines=["research"], languages=["ru"], user=persona[EXPERT],
        )  # fmt: skip
    if expert.vetting_status != Expert.Vetting.VETTED:
        council.vet_expert(persona[PROGRAMME], expert, Expert.Vetting.VETTED)
    return expert


def make_objects(persona, world) -> dict[str, Any]:
    analyst, officer, expert = persona[ANALYST], persona[PROGRAMME], _expert(persona)

    def item(title: str, step: str, **extra: Any) -> Item:
        found = services.create_item(analyst, **({"kind": "research_paper", "title": title} | extra))
        if step == "draft":
            return found
        services.submit(analyst, found)
        if step != "submitted":
            services.assign_reviewers(officer, found, [expert])
        if step == "recommended":
            services.record_review(persona[EXPERT], found, recommendation="publish", comment="Publish it.")
        return found

    practice = item(
        "Library page published",
        "draft",
        kind="good_practice",
        access="public",
        approach="Mentors visit each family.",
        aims="Return to school.",
        methods="Home visits.",
    )
    added = services.add_file(analyst, practice, SimpleUploadedFile("practice.txt", "Реабилитация семьи.".encode()))
    services.submit(analyst, practice)
    services.assign_reviewers(officer, practice, [expert])
    services.record_review(persona[EXPERT], practice, recommendation="publish", comment="Publish it.")
    services.publish(officer, practice)
    return {
        "library_page_draft": item("Library page draft", "draft").pk,
        "library_page_submitted": item("Library page submitted", "submitted").pk,
        "library_page_in_review": item("Library page in review", "in_review").pk,
        "library_page_recommended": item("Library page recommended", "recommended").pk,
        "library_page_published": practice.pk,
        "library_page_version": added.version,
    }
