"""Experts of the Regional Expert Council: who they are, what they know, what they agreed to publish."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from hamkor.core.querysets import RestrictedQuerySet


class Discipline(models.TextChoices):
    LAW_ENFORCEMENT = "law_enforcement", _("Law enforcement")
    PROSECUTION_COURTS = "prosecution_courts", _("Prosecution and courts")
    PSYCHOLOGY = "psychology", _("Psychology")
    PSYCHIATRY = "psychiatry", _("Psychiatry")
    THEOLOGY = "theology", _("Theology")
    MEDICINE = "medicine", _("Medicine")
    SOCIAL_WORK = "social_work", _("Social work")
    EDUCATION = "education", _("Education")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    RESEARCH = "research", _("Research")


class Language(models.TextChoices):
    UZ = "uz", _("Uzbek")
    RU = "ru", _("Russian")
    KK = "kk", _("Kazakh")
    KY = "ky", _("Kyrgyz")
    TG = "tg", _("Tajik")
    TK = "tk", _("Turkmen")
    EN = "en", _("English")
    AR = "ar", _("Arabic")
    FA = "fa", _("Dari (Persian)")
    PS = "ps", _("Pashto")


class PublicField(models.TextChoices):
    """Parts of a profile an expert may agree to show on the public directory. Without ``name`` the expert is
    not listed publicly at all."""

    NAME = "name", _("Name")
    COUNTRY = "country", _("Country")
    ORGANISATION = "organisation", _("Organisation")
    DISCIPLINES = "disciplines", _("Disciplines")
    LANGUAGES = "languages", _("Languages")
    BIOGRAPHY = "biography", _("Biography")
    EXPERTISE = "expertise", _("Expertise")
    WORKING_GROUPS = "working_groups", _("Working groups")


class Expert(models.Model):
    """A member of the Council, a platform user or not.

    ``search_key`` and ``public_search_key`` are maintained by the services only: the fold of every name and tag,
    and the fold of the published ones, so that a search in either script is one LIKE per query word.
    Disciplines, languages and publish_fields are JSON lists of codes, stored sorted.
    """

    class Vetting(models.TextChoices):
        PENDING = "pending", _("Pending")
        VETTED = "vetted", _("Vetted")
        SUSPENDED = "suspended", _("Suspended")

    class Availability(models.TextChoices):
        AVAILABLE = "available", _("Available")
        LIMITED = "limited", _("Limited")
        UNAVAILABLE = "unavailable", _("Unavailable")

    name = models.CharField(_("name (Latin script)"), max_length=200)
    name_cyrillic = models.CharField(_("name (Cyrillic script)"), max_length=200, blank=True)
    country = models.ForeignKey(
        "core.Country", verbose_name=_("country"), on_delete=models.PROTECT, related_name="council_experts"
    )
    organisation = models.ForeignKey(
        "core.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="council_experts",
    )
    user = models.OneToOneField(
        "core.User",
        verbose_name=_("platform user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="council_expert",
    )
    disciplines = models.JSONField(_("disciplines"), default=list)
    languages = models.JSONField(_("languages"), default=list)
    biography = models.TextField(_("biography"), blank=True)
    expertise_tags = models.JSONField(_("expertise"), default=list, blank=True)
    vetting_status = models.CharField(
        _("vetting"), max_length=20, choices=Vetting.choices, default=Vetting.PENDING, db_index=True
    )
    vetted_at = models.DateTimeField(_("vetting decided"), null=True, blank=True)
    availability = models.CharField(
        _("availability"), max_length=20, choices=Availability.choices, default=Availability.AVAILABLE
    )
    publish_fields = models.JSONField(_("published on the public directory"), default=list, blank=True)
    search_key = models.CharField(max_length=1000, blank=True, db_index=True, editable=False)
    public_search_key = models.CharField(max_length=1000, blank=True, editable=False)
    is_demo = models.BooleanField(_("demo record"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    objects = RestrictedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("expert")
        verbose_name_plural = _("experts")

    def __str__(self) -> str:
        return self.name

    def publishes(self, field: str) -> bool:
        return field in self.publish_fields

    def discipline_labels(self) -> list[str]:
        return [str(Discipline(code).label) for code in self.disciplines if code in Discipline.values]

    def language_labels(self) -> list[str]:
        return [str(Language(code).label) for code in self.languages if code in Language.values]


class Conflict(models.Model):
    """A declared conflict of interest: a country, an organisation or a case the expert must not advise on.
    Declarations are added, never edited; the panel proposal excludes them.

    A case is held only as a keyed digest of its number (``case_key_id`` names the data key it was made with;
    see ``hamkor.cases.queries_dossiers.case_reference``): the panel check compares it with the digest of the
    case behind a dossier, and nobody — the secretariat, the expert, the audit log — can read a case number
    back from it, so a conflict never ties a pseudonymised dossier to its case."""

    class Kind(models.TextChoices):
        COUNTRY = "country", _("Country")
        ORGANISATION = "organisation", _("Organisation")
        CASE = "case", _("Case")

    expert = models.ForeignKey(Expert, on_delete=models.CASCADE, related_name="conflicts")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    country = models.ForeignKey("core.Country", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    organisation = models.ForeignKey(
        "core.Organisation", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    case_key_id = models.CharField(max_length=8, blank=True, editable=False)
    case_digest = models.CharField(max_length=64, blank=True, editable=False)
    note = models.CharField(_("note"), max_length=300, blank=True)
    declared_by = models.ForeignKey(
        "core.User", verbose_name=_("declared by"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    declared_at = models.DateTimeField(_("declared"))

    class Meta:
        ordering = ["declared_at", "pk"]
        verbose_name = _("declared conflict of interest")
        verbose_name_plural = _("declared conflicts of interest")

    def __str__(self) -> str:
        if self.kind == self.Kind.COUNTRY:
            return str(self.country)
        if self.kind == self.Kind.ORGANISATION:
            return str(self.organisation)
        return str(_("a case"))
