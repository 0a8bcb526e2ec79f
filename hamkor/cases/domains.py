"""Fixed vocabularies of case management: reintegration domains, compartments, clearances, consent purposes."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Domain(models.TextChoices):
    """The nine reintegration domains used by practitioners (IOM, RAN, UNICEF)."""

    PSYCHOSOCIAL = "psychosocial", _("Psychosocial and mental health")
    PHYSICAL_HEALTH = "physical_health", _("Physical health")
    EDUCATION = "education", _("Education")
    LIVELIHOOD = "livelihood", _("Vocational skills and livelihood")
    FAMILY = "family", _("Family and social ties")
    RELIGIOUS = "religious", _("Religious and ideological counselling")
    LEGAL = "legal", _("Legal status and documents")
    HOUSING = "housing", _("Housing")
    COMMUNITY = "community", _("Community acceptance")


class Compartment(models.TextChoices):
    """Where a note lives. Each compartment but the general one needs a clearance to open."""

    GENERAL = "general", _("General")
    HEALTH = "health", _("Health")
    PSYCHOSOCIAL = "psychosocial", _("Psychosocial")
    LEGAL = "legal", _("Legal")
    LAW_ENFORCEMENT = "law_enforcement", _("Law enforcement")


class Clearance(models.TextChoices):
    """What a person has been cleared for, on top of their roles (given by an administrator)."""

    CHILD_PROTECTION = "child_protection", _("Child protection")
    HEALTH = "health", _("Medical staff")
    PSYCHOSOCIAL = "psychosocial", _("Psychologist")
    LEGAL = "legal", _("Legal")
    LAW_ENFORCEMENT = "law_enforcement", _("Law enforcement")


COMPARTMENT_CLEARANCE: dict[str, str | None] = {
    Compartment.GENERAL: None,
    Compartment.HEALTH: Clearance.HEALTH,
    Compartment.PSYCHOSOCIAL: Clearance.PSYCHOSOCIAL,
    Compartment.LEGAL: Clearance.LEGAL,
    Compartment.LAW_ENFORCEMENT: Clearance.LAW_ENFORCEMENT,
}


class Purpose(models.TextChoices):
    """What a consent covers."""

    SERVICES = "services", _("Receiving services")
    REFERRAL = "referral", _("Referral to a named organisation")
    COUNCIL = "council", _("Sharing a pseudonymised dossier with the Expert Council")
    STATISTICS = "statistics", _("Use in statistics")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")


class Relationship(models.TextChoices):
    MOTHER = "mother", _("Mother")
    FATHER = "father", _("Father")
    CHILD = "child", _("Child")
    SIBLING = "sibling", _("Sibling")
    GRANDPARENT = "grandparent", _("Grandparent")
    AUNT_UNCLE = "aunt_uncle", _("Aunt or uncle")
    GUARDIAN = "guardian", _("Legal guardian")
    OTHER = "other", _("Other relative")


ADULT_AGE = 18
