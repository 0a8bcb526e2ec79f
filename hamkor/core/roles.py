"""The roles a Hamkor user can hold, and which of them touch personal data."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    PROGRAMME_OFFICER = "programme_officer", _("Programme officer")
    COUNCIL_EXPERT = "council_expert", _("Council expert")
    CASE_WORKER = "case_worker", _("Case worker")
    CASE_SUPERVISOR = "case_supervisor", _("Case supervisor")
    ANALYST = "analyst", _("Analyst")
    SCREENING_OFFICER = "screening_officer", _("Screening officer")
    OVERSIGHT_OFFICER = "oversight_officer", _("Oversight officer")
    LEARNER = "learner", _("Learner")


# Roles that can open personal data must prove a second factor before they see anything.
SECOND_FACTOR_ROLES = frozenset(
    {
        Role.ADMINISTRATOR,
        Role.CASE_WORKER,
        Role.CASE_SUPERVISOR,
        Role.COUNCIL_EXPERT,
        Role.SCREENING_OFFICER,
        Role.OVERSIGHT_OFFICER,
    }
)

ALL_ROLES = frozenset(Role)


def second_factor_proved(user: object) -> bool:
    """Whether this request's user has proved a second factor (django-otp adds ``is_verified`` per request)."""
    is_verified = getattr(user, "is_verified", None)
    return bool(is_verified()) if callable(is_verified) else False
