"""Identities and families for case tests, built through the services like a case worker would."""

from __future__ import annotations

from datetime import date
from typing import Any

from hamkor.cases import services
from hamkor.cases.identity import Identity


def identity(given: str, family: str, born: str, sex: str = "female", **extra: Any) -> Identity:
    return Identity.model_validate(
        {"names": [{"given": given, "family": family}], "birth_date": born, "sex": sex, **extra}
    )


def assess(author: Any, case: Any, narratives: dict[str, str], on: date | None = None) -> Any:
    """An assessment with the shipped instrument, every domain scored 2, with these narratives."""
    from hamkor.cases.domains import Domain

    return services.record_assessment(
        author,
        case,
        instrument_code="reintegration-needs-strengths",
        version="1.0",
        assessed_on=on or date.today(),
        scores=dict.fromkeys(Domain.values, 2),
        narratives=narratives,
    )


def years_ago(years: int, month: int = 1, day: int = 15) -> str:
    return date(date.today().year - years, month, day).isoformat()


def mother_and_children(worker: Any) -> dict[str, Any]:
    """A mother (guardian) and two children in a new family; the younger was born abroad without documents."""
    mother, mother_case = services.register_person(
        worker, identity("Dilnoza", "Karimova", years_ago(34)), new_family=True, relationship="mother", is_guardian=True
    )
    family = mother.memberships.get().family
    son, son_case = services.register_person(
        worker, identity("Jasur", "Karimov", years_ago(12), "male"), family=family, relationship="child"
    )
    daughter, daughter_case = services.register_person(
        worker,
        identity(
            "Madina",
            "Karimova",
            years_ago(4),
            place_of_birth="Raqqa, Syria",
            documents=[{"kind": "birth_certificate", "status": "missing"}],
        ),
        family=family,
        relationship="child",
    )
    return {
        "family": family,
        "mother": mother,
        "mother_case": mother_case,
        "son": son,
        "son_case": son_case,
        "daughter": daughter,
        "daughter_case": daughter_case,
    }


def approver_for(worker: Any) -> Any:
    """A case supervisor of the worker's organisation, cleared for child protection, other than the worker
    (made if there is none)."""
    from hamkor.core import services as core_services
    from hamkor.core.models import User
    from hamkor.core.roles import Role

    candidates = User.objects.filter(
        organisation_id=worker.organisation_id, role_assignments__role=Role.CASE_SUPERVISOR
    ).exclude(pk=worker.pk)
    found = next((u for u in candidates.order_by("pk") if "child_protection" in (u.clearances or [])), None)
    return found or core_services.create_user(
        None,
        email=f"approver-{worker.organisation_id}@example.org",
        full_name="Approving Supervisor",
        organisation=worker.organisation,
        roles=[Role.CASE_SUPERVISOR],
        clearances=("child_protection",),
    )


def send_approved(worker: Any, dossier: Any, now: Any = None) -> Any:
    """Send a dossier as the two people do: the worker submits it, a supervisor of the organisation approves."""
    from hamkor.cases.services import approvals

    submitted = approvals.submit_dossier(worker, dossier, now=now)
    digest = approvals.approval_digest(submitted)
    return approvals.approve_dossier(approver_for(worker), submitted, digest=digest, now=now)
