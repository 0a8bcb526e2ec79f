"""Library items: what a document is, who may read it, where it stands in review, and the practice it records."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from hamkor.core.querysets import RestrictedQuerySet

if TYPE_CHECKING:
    from hamkor.library.models.file import ItemFile


class Kind(models.TextChoices):
    RESEARCH_PAPER = "research_paper", _("Research paper")
    EXPERT_ASSESSMENT = "expert_assessment", _("Expert assessment")
    GOOD_PRACTICE = "good_practice", _("Good practice")
    GUIDELINE = "guideline", _("Guideline")
    OFFICIAL_DOCUMENT = "official_document", _("Official document")
    TRAINING_MATERIAL = "training_material", _("Training material")


class Language(models.TextChoices):
    """The languages a library item can be written in; Uzbek in either script."""

    EN = "en", _("English")
    RU = "ru", _("Russian")
    UZ = "uz", _("Uzbek (Latin)")
    UZ_CYRL = "uz-Cyrl", _("Uzbek (Cyrillic)")
    KK = "kk", _("Kazakh")
    KY = "ky", _("Kyrgyz")
    TG = "tg", _("Tajik")
    TK = "tk", _("Turkmen")


class ReadingGroup(models.Model):
    """A named circle of users who may read the items restricted to it (the "named group" access level)."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    members = models.ManyToManyField("core.User", verbose_name=_("members"), related_name="reading_groups", blank=True)
    is_demo = models.BooleanField(_("demo record"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("reading group")
        verbose_name_plural = _("reading groups")

    def __str__(self) -> str:
        return self.name


class Item(models.Model):
    """One document of the knowledge library.

    Guarantees kept by the services (nothing else writes): ``group`` is set exactly when ``access`` is "group";
    a good practice has its approach, aims and methods; status moves draft → submitted → in review →
    published, and any of the last three may be withdrawn with a reason. Languages, pillars, themes and tags are
    JSON lists of codes or words, stored sorted. Items sharing a ``translation_key`` are translations of each
    other (the link holds both ways). ``detected_language`` is what the text says it is, whatever was declared.
    """

    class Access(models.TextChoices):
        PUBLIC = "public", _("Public")
        PARTNERS = "partners", _("Partners")
        GROUP = "group", _("A named group")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In peer review")
        PUBLISHED = "published", _("Published")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, db_index=True)
    title = models.CharField(_("title"), max_length=300)
    summary = models.TextField(_("summary"), blank=True)
    languages = models.JSONField(_("languages"), default=list, blank=True)
    countries = models.ManyToManyField("core.Country", verbose_name=_("countries"), related_name="+", blank=True)
    pillars = models.JSONField(_("Strategy pillars"), default=list, blank=True)
    themes = models.JSONField(_("themes"), default=list, blank=True)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    authors = models.TextField(_("authors"), blank=True)
    organisations = models.ManyToManyField(
        "core.Organisation", verbose_name=_("organisations"), related_name="library_items", blank=True
    )
    date = models.DateField(_("date"), null=True, blank=True)
    licence = models.CharField(_("licence"), max_length=200, blank=True)
    access = models.CharField(_("access"), max_length=20, choices=Access.choices, default=Access.PARTNERS)
    group = models.ForeignKey(
        ReadingGroup,
        verbose_name=_("reading group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="items",
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)
    created_by = models.ForeignKey(
        "core.User", verbose_name=_("created by"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    owner_organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("owner organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="owned_library_items",
    )
    translation_key = models.UUIDField(_("translation set"), null=True, blank=True, db_index=True)
    detected_language = models.CharField(_("detected language"), max_length=10, blank=True)

    # The practice fields: blank unless the item is a good practice.
    approach = models.TextField(_("approach"), blank=True)
    aims = models.TextField(_("aims"), blank=True)
    target_group = models.TextField(_("target group"), blank=True)
    methods = models.TextField(_("methods"), blank=True)
    lessons_learned = models.TextField(_("lessons learned"), blank=True)
    evidence = models.TextField(_("evidence and evaluation"), blank=True)
    contact_organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("contact organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    is_demo = models.BooleanField(_("demo record"), default=False)
    created_at = models.DateTimeField(_("created"))
    updated_at = models.DateTimeField(_("updated"))
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-created_at", "pk"]
        verbose_name = _("library item")
        verbose_name_plural = _("library items")

    def __str__(self) -> str:
        return self.title

    @property
    def is_practice(self) -> bool:
        return self.kind == Kind.GOOD_PRACTICE

    def translations(self) -> models.QuerySet[Item]:
        """The other items of this item's translation set (none when it has no translation)."""
        if self.translation_key is None:
            return Item.objects.none()
        return Item.objects.filter(translation_key=self.translation_key).exclude(pk=self.pk)

    def current_file(self) -> ItemFile | None:
        """The newest version of the item's file, or None before the first upload."""
        from hamkor.library.models.file import ItemFile

        found: ItemFile | None = ItemFile.objects.filter(item=self).order_by("-version").first()
        return found
