from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from hamkor.cases.domains import Relationship, Sex
from hamkor.core.crypto import EncryptedJSONField
from hamkor.core.querysets import RestrictedQuerySet


class Person(models.Model):
    """A returnee or relative, known to the system by a random pseudonym code.

    ``identity`` holds every identifying field (names in each script, date of birth, place of birth,
    nationality, documents) as one AES-GCM-sealed JSON document; see ``hamkor.cases.identity``. Only sex and
    year of birth stay in clear: they identify nobody on their own, and statistics, the child rule and the
    duplicate check need them without decrypting everyone.
    """

    code = models.CharField(_("pseudonym"), max_length=20, unique=True)
    identity = EncryptedJSONField(_("identity (encrypted)"), null=True)  # None once anonymised
    sex = models.CharField(_("sex"), max_length=10, choices=Sex.choices)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), db_index=True)
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    country = models.ForeignKey("core.Country", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("registered"))
    is_demo = models.BooleanField(_("demo record"), default=False)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self) -> str:
        return self.code


class PersonNameKey(models.Model):
    """A blind index of one folded name word: HMAC under a key derived from the data key, never the name."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="name_keys")
    key_id = models.CharField(max_length=8)
    digest = models.CharField(max_length=64)

    class Meta:
        indexes = [models.Index(fields=["digest"], name="cases_namekey_digest")]
        verbose_name = _("name index entry")
        verbose_name_plural = _("name index entries")

    def __str__(self) -> str:
        return f"{self.person_id}:{self.digest[:8]}"


class Family(models.Model):
    """A family unit: mothers, children and other relatives who returned or live together."""

    code = models.CharField(_("family code"), max_length=20, unique=True)
    organisation = models.ForeignKey("core.Organisation", on_delete=models.PROTECT, related_name="+")
    country = models.ForeignKey("core.Country", on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("registered"))
    is_demo = models.BooleanField(_("demo record"), default=False)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["code"]
        verbose_name = _("family")
        verbose_name_plural = _("families")

    def __str__(self) -> str:
        return self.code


class FamilyMember(models.Model):
    """A person's place in a family; ``is_guardian`` marks who may consent for the family's children."""

    family = models.ForeignKey(Family, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="memberships")
    relationship = models.CharField(_("relationship"), max_length=20, choices=Relationship.choices)
    is_guardian = models.BooleanField(_("guardian of the children"), default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["family", "person"], name="cases_member_unique")]
        verbose_name = _("family member")
        verbose_name_plural = _("family members")

    def __str__(self) -> str:
        return f"{self.family_id}:{self.person_id} ({self.relationship})"
