"""Peer review of library items by Council experts, and partners' ratings and comments on published items."""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewAssignment(models.Model):
    """A Council expert (with a platform user) asked to review an item, and their review once given.

    One assignment per expert and item. ``recommendation`` and ``comment`` are blank until the expert reviews;
    a later review by the same expert replaces the earlier one (``submitted_at`` moves on).
    """

    class Recommendation(models.TextChoices):
        PUBLISH = "publish", _("Publish")
        REVISE = "revise", _("Revise")
        REJECT = "reject", _("Reject")

    item = models.ForeignKey("library.Item", on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        "council.Expert", verbose_name=_("reviewer"), on_delete=models.PROTECT, related_name="library_reviews"
    )
    assigned_by = models.ForeignKey(
        "core.User", verbose_name=_("assigned by"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    assigned_at = models.DateTimeField(_("assigned"))
    due_on = models.DateField(_("due"), null=True, blank=True)
    recommendation = models.CharField(_("recommendation"), max_length=20, choices=Recommendation.choices, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("reviewed"), null=True, blank=True)

    class Meta:
        ordering = ["assigned_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["item", "reviewer"], name="library_review_unique")]
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.item}"


class Rating(models.Model):
    """A partner's 1–5 stars for a published item; one per user and item, changed in place."""

    item = models.ForeignKey("library.Item", on_delete=models.CASCADE, related_name="ratings")
    user = models.ForeignKey("core.User", on_delete=models.CASCADE, related_name="+")
    stars = models.PositiveSmallIntegerField(_("stars"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    rated_at = models.DateTimeField(_("rated"))

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "user"], name="library_rating_unique"),
            models.CheckConstraint(condition=models.Q(stars__gte=1, stars__lte=5), name="library_rating_stars"),
        ]
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")

    def __str__(self) -> str:
        return f"{self.stars}★ {self.item}"


class Comment(models.Model):
    """A partner's comment on a published item, kept as written."""

    item = models.ForeignKey("library.Item", on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey("core.User", verbose_name=_("author"), on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("written"))

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.text[:60]
