"""The workflow forms posted from the item page (submit, assign reviewers, review, publish, withdraw) and the
partners' ratings and comments. Every write goes through the services; a refusal is shown and changes nothing."""

from __future__ import annotations

from django import forms
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hamkor.core.decorators import requires
from hamkor.core.page_forms import act
from hamkor.library import pages_queries, services
from hamkor.library.forms import CommentForm, RatingForm, ReviewersForm, ReviewForm, WithdrawForm
from hamkor.library.views.common import find, item_url


@require_POST
@requires("library.view")
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    item = find(request, pk)
    done = _("The item is submitted for peer review.")
    return act(request, forms.Form(request.POST), lambda: services.submit(request.user, item), done, item_url(item))


@require_POST
@requires("library.manage")
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    item = find(request, pk)
    form = ReviewersForm(request.POST, experts=pages_queries.reviewer_choices(item))

    def write() -> None:
        data = form.cleaned_data
        services.assign_reviewers(request.user, item, list(data["experts"]), due_on=data["due_on"])

    return act(request, form, write, _("The reviewers are asked to review the item."), item_url(item))


@require_POST
@requires("library.review")
def review(request: HttpRequest, pk: int) -> HttpResponse:
    item = find(request, pk)
    form = ReviewForm(request.POST)

    def write() -> None:
        data = form.cleaned_data
        services.record_review(request.user, item, recommendation=data["recommendation"], comment=data["comment"])

    return act(request, form, write, _("Your review is recorded."), item_url(item))


@require_POST
@requires("library.view")
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    item = find(request, pk)
    done = _("The item is published.")
    return act(request, forms.Form(request.POST), lambda: services.publish(request.user, item), done, item_url(item))


@require_POST
@requires("library.view")
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    item = find(request, pk)
    form = WithdrawForm(request.POST)

    def write() -> None:
        services.withdraw(request.user, item, reason=form.cleaned_data["reason"])

    return act(request, form, write, _("The item is withdrawn."), item_url(item))


@require_POST
@requires("library.rate")
def rate(request: HttpRequest, pk: int) -> HttpResponse:
    item = find(request, pk)
    form = RatingForm(request.POST)

    def write() -> None:
        services.rate(request.user, item, form.cleaned_data["stars"])

    return act(request, form, write, _("Your rating is saved."), item_url(item))


@require_POST
@requires("library.comment")
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    item = find(request, pk)
    form = CommentForm(request.POST)

    def write() -> None:
        services.comment(request.user, item, form.cleaned_data["text"])

    return act(request, form, write, _("Your comment is posted."), item_url(item) + "#comments")
