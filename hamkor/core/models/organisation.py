from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from hamkor.core.querysets import RestrictedQuerySet


class Organisation(models.Model):
    """A partner, agency or provider. An organisation without a country works across borders (UN, OSCE)."""

    class Kind(models.TextChoices):
        UN_ENTITY = "un_entity", _("UN entity")
        GOVERNMENT_AGENCY = "government_agency", _("Government agency")
        RESEARCH_INSTITUTE = "research_institute", _("Research institute")
        INTERNATIONAL_ORGANISATION = "international_organisation", _("International organisation")
        CIVIL_SOCIETY = "civil_society", _("Civil society")
        SERVICE_PROVIDER = "service_provider", _("Service provider")

    name = models.CharField(_("name"), max_length=255, unique=True)
    short_name = models.CharField(_("short name"), max_length=40, blank=True)
    kind = models.CharField(_("kind"), max_length=40, choices=Kind.choices)
    country = models.ForeignKey(
        "core.Country",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    is_demo = models.BooleanField(_("demo record"), default=False)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return f"{self.name} ({self.short_name})" if self.short_name else self.name


class Agreement(models.Model):
    """A memorandum, roadmap or other agreement between organisations."""

    class Kind(models.TextChoices):
        MEMORANDUM = "memorandum", _("Memorandum of understanding")
        ROADMAP = "roadmap", _("Roadmap")
        AGREEMENT = "agreement", _("Agreement")
        DECLARATION = "declaration", _("Declaration")

    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.MEMORANDUM)
    parties = models.ManyToManyField("core.Organisation", verbose_name=_("parties"), related_name="agreements")
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    signed_place = models.CharField(_("signed at"), max_length=200, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    areas = models.JSONField(_("areas of cooperation"), default=list, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    is_demo = models.BooleanField(_("demo record"), default=False)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-signed_on", "title"]
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")

    def __str__(self) -> str:
        return self.title


class AgreementDocument(models.Model):
    """A file that belongs to an agreement: the signed text, an annex, a translation."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(_("language"), max_length=10, blank=True)
    file = models.FileField(_("file"), upload_to="agreements/%Y/")
    uploaded_at = models.DateTimeField(_("uploaded at"))

    class Meta:
        ordering = ["title"]
        verbose_name = _("agreement document")
        verbose_name_plural = _("agreement documents")

    def __str__(self) -> str:
        return self.title
