from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchDocument(models.Model):
    """One findable thing as the search index holds it: the original text to show and its folded keys to match.

    Rows are written only by ``hamkor.core.search`` (from the owning module's services), never edited by hand.
    The ``*_key`` columns hold ``fold()`` of the text, so a query in either script meets either script. The
    full-text index over them lives beside the table: an FTS5 table kept by triggers on SQLite, a generated
    ``tsvector`` column with a GIN index on PostgreSQL (migration 0007).
    """

    # Small columns first: rows are read by id for every hit, and SQLite walks past the long texts to reach a
    # column stored after them.
    kind = models.CharField(_("kind"), max_length=64)
    object_id = models.CharField(_("object"), max_length=64)
    audience = models.CharField(_("audience"), max_length=100)
    # An audience that makes this document redundant: a visitor who belongs to it finds a richer document
    # about the same object instead (an expert's public card is hidden from those who see the directory).
    hidden_from = models.CharField(_("hidden from"), max_length=100, blank=True)
    language = models.CharField(_("detected language"), max_length=16, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    indexed_at = models.DateTimeField(_("indexed"), auto_now=True)
    url = models.CharField(_("address"), max_length=500)
    title = models.TextField(_("title"))
    title_key = models.TextField(blank=True)
    # Reserved tokens for the audience, the hidden-from audience and every facet value (text.filter_token): the
    # engines filter by them inside the full-text query.
    filter_key = models.TextField(blank=True)
    summary_key = models.TextField(blank=True)
    body_key = models.TextField(blank=True)
    text = models.TextField(_("text"), blank=True)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        indexes = [models.Index(fields=["kind", "object_id"], name="core_search_object")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.object_id}"


class SearchFacet(models.Model):
    """One facet value of a search document (its kind, a language, a country, a pillar, its year)."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="facets")
    name = models.CharField(_("facet"), max_length=32)
    value = models.CharField(_("value"), max_length=64)

    class Meta:
        verbose_name = _("search facet")
        verbose_name_plural = _("search facets")
        indexes = [
            models.Index(fields=["name", "value", "document"], name="core_facet_value"),
            models.Index(fields=["document", "name", "value"], name="core_facet_document"),
        ]

    def __str__(self) -> str:
        return f"{self.name}={self.value}"
