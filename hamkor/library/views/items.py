"""The item page, and writing an item: create, edit, link a translation."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hamkor.core.decorators import requires
from hamkor.core.page_forms import act, apply_errors
from hamkor.core.policy import holds, restrict
from hamkor.library import pages_queries, queries, services
from hamkor.library.forms import (
    CommentForm,
    ItemForm,
    RatingForm,
    ReviewersForm,
    ReviewForm,
    TranslationForm,
    WithdrawForm,
)
from hamkor.library.models import Item, ReadingGroup, ReviewAssignment
from hamkor.library.services.common import is_author, manages
from hamkor.library.services.review import assignment_of
from hamkor.library.views.common import find, item_labels, item_url

S = Item.Status


def _groups(request: HttpRequest) -> Any:
    return restrict(request.user, "view", ReadingGroup.objects.all())


def _translation_choices(request: HttpRequest, item: Item) -> Any:
    return queries.items(request.user).exclude(pk=item.pk).order_by("title")


def _may_write(user: Any, item: Item) -> bool:
    if item.status == S.WITHDRAWN:
        return False
    return manages(user) or (is_author(user, item) and item.status != S.PUBLISHED)


def workflow(user: Any, item: Item) -> dict[str, Any]:
    """What this user may do with the item now: each entry is a form to show, or False."""
    mine = assignment_of(user, item)
    author, editor = is_author(user, item), manages(user)
    recommended = item.reviews.filter(recommendation=ReviewAssignment.Recommendation.PUBLISH).exists()
    reviewer_may = mine is not None and mine.recommendation == ReviewAssignment.Recommendation.PUBLISH
    in_review = item.status == S.IN_REVIEW
    published = item.status == S.PUBLISHED
    return {
        "can_edit": _may_write(user, item),
        "can_submit": item.status == S.DRAFT and (author or editor),
        "reviewers_form": ReviewersForm(experts=pages_queries.reviewer_choices(item))
        if editor and item.status in (S.SUBMITTED, S.IN_REVIEW)
        else None,
        "my_review": mine,
        "review_form": ReviewForm(initial={"recommendation": mine.recommendation, "comment": mine.comment})
        if mine is not None and in_review and holds(user, "library.review")
        else None,
        "can_publish": in_review and recommended and (editor or (reviewer_may and holds(user, "library.review"))),
        "awaits_recommendation": in_review and not recommended and editor,
        "withdraw_form": WithdrawForm()
        if item.status in (S.SUBMITTED, S.IN_REVIEW, S.PUBLISHED) and (author or editor)
        else None,
        "rating_form": RatingForm() if published and holds(user, "library.rate") else None,
        "comment_form": CommentForm() if published and holds(user, "library.comment") else None,
    }


@requires("library.view")
def item_detail(request: HttpRequest, pk: int) -> HttpResponse:
    item = find(request, pk)
    user = request.user
    average, count = queries.rating_summary(item)
    actions = workflow(user, item)
    if actions["can_edit"]:
        actions["translation_form"] = TranslationForm(items=_translation_choices(request, item))
    context = {
        "item": item,
        "files": queries.files(item),
        "translations": queries.translations(user, item),
        "reviews": queries.reviews(user, item),
        "sees_reviews": queries.sees_reviews(user, item),
        "rating_average": average,
        "rating_count": count,
        "my_rating": item.ratings.filter(user_id=int(user.pk or 0)).values_list("stars", flat=True).first(),
        "comments": item.comments.select_related("author") if item.status == S.PUBLISHED else [],
        "can_review": holds(user, "library.review"),
        **item_labels(item),
        **actions,
    }
    return render(request, "library/item.html", context)


@requires("library.create")
def item_create(request: HttpRequest) -> HttpResponse:
    form = ItemForm(request.POST or None, groups=_groups(request), initial={"kind": request.GET.get("kind", "")})
    if request.method == "POST" and form.is_valid():
        try:
            item = services.create_item(request.user, **form.item_fields())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The draft is saved. Upload its document, then submit it for review."))
            return redirect("library:item", pk=item.pk)
    return render(request, "library/item_form.html", {"form": form}, status=400 if form.errors else 200)


@requires("library.change")
def item_edit(request: HttpRequest, pk: int) -> HttpResponse:
    item = find(request, pk)
    form = ItemForm(request.POST or None, groups=_groups(request), initial=ItemForm.initial_for(item))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_item(request.user, item, **form.item_fields())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The item is saved."))
            return redirect("library:item", pk=item.pk)
    context = {"form": form, "item": item}
    return render(request, "library/item_form.html", context, status=400 if form.errors else 200)


@require_POST
@requires("library.change")
def item_translation(request: HttpRequest, pk: int) -> HttpResponse:
    item = find(request, pk)
    form = TranslationForm(request.POST, items=_translation_choices(request, item))

    def link() -> None:
        services.link_translation(request.user, item, form.cleaned_data["other"])

    return act(request, form, link, _("The translation is linked."), item_url(item))
