"""Dashboard, organisations and agreements pages."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hamkor.core import queries, services
from hamkor.core.dashboard import panels_for
from hamkor.core.decorators import requires
from hamkor.core.forms import AgreementDocumentForm, AgreementForm, OrganisationForm
from hamkor.core.models import Agreement, AuditEntry, Country, Organisation
from hamkor.core.page_forms import apply_errors
from hamkor.core.policy import holds, may


@requires("dashboard.view")
def dashboard(request: HttpRequest) -> HttpResponse:
    user = request.user
    context = {
        "organisation_count": queries.organisations(user).count(),
        "country_count": Country.objects.restrict(user, "view").count(),
        "agreements": queries.agreements(user)[:5] if holds(user, "agreement.view") else [],
        "recent_audit": AuditEntry.objects.restrict(user, "view")[:8] if holds(user, "audit.view") else [],
        "own_activity": AuditEntry.objects.filter(actor_id=user.pk).order_by("-seq")[:5],
        "panels": panels_for(request),
    }
    return render(request, "core/dashboard.html", context)


@requires("organisation.view")
def organisation_list(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("kind", "")
    country = request.GET.get("country", "")
    q = request.GET.get("q", "").strip()
    rows = queries.organisations(request.user, kind=kind, country=country, q=q)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "kinds": Organisation.Kind.choices,
        "countries": Country.objects.restrict(request.user, "view").filter(organisations__isnull=False).distinct(),
        "filters": {"kind": kind, "country": country, "q": q},
        "can_create": may(request.user, "create", Organisation),
    }
    return render(request, "core/organisation_list.html", context)


@requires("organisation.view")
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_object_or_404(queries.organisations(request.user), pk=pk)
    context = {
        "org": org,
        "children": org.children.all(),
        "agreements": queries.agreements(request.user).filter(parties=org),
        "can_change": may(request.user, "change", org),
    }
    return render(request, "core/organisation_detail.html", context)


def _save_organisation(request: HttpRequest, org: Organisation | None) -> HttpResponse:
    form = OrganisationForm(request.POST or None, instance=org)
    if request.method == "POST" and form.is_valid():
        try:
            fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
            if org is None:
                org = services.create_organisation(request.user, **fields)
            else:
                org = services.update_organisation(request.user, Organisation.objects.get(pk=org.pk), **fields)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("core:organisation", pk=org.pk)
    return render(request, "core/organisation_form.html", {"form": form, "org": org})


@requires("organisation.create")
def organisation_create(request: HttpRequest) -> HttpResponse:
    return _save_organisation(request, None)


@requires("organisation.change")
def organisation_edit(request: HttpRequest, pk: int) -> HttpResponse:
    org = get_object_or_404(Organisation.objects.restrict(request.user, "change"), pk=pk)
    return _save_organisation(request, org)


@requires("agreement.view")
def agreement_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(queries.agreements(request.user), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/agreement_list.html",
        {"page": page, "can_create": may(request.user, "create", Agreement)},
    )


@requires("agreement.view")
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(queries.agreements(request.user), pk=pk)
    return _agreement_page(request, agreement, AgreementDocumentForm())


def _agreement_page(
    request: HttpRequest, agreement: Agreement, upload_form: AgreementDocumentForm, status: int = 200
) -> HttpResponse:
    context = {
        "agreement": agreement,
        "documents": agreement.documents.all(),
        "can_change": may(request.user, "change", agreement),
        "form": upload_form,
    }
    return render(request, "core/agreement_detail.html", context, status=status)


def _save_agreement(request: HttpRequest, agreement: Agreement | None) -> HttpResponse:
    form = AgreementForm(request.POST or None, instance=agreement)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        fields["areas"] = form.areas()
        parties = list(form.cleaned_data["parties"])
        try:
            if agreement is None:
                agreement = services.create_agreement(request.user, parties=parties, **fields)
            else:
                fresh = Agreement.objects.get(pk=agreement.pk)
                agreement = services.update_agreement(request.user, fresh, parties=parties, **fields)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Saved."))
            return redirect("core:agreement", pk=agreement.pk)
    return render(request, "core/agreement_form.html", {"form": form, "agreement": agreement})


@requires("agreement.create")
def agreement_create(request: HttpRequest) -> HttpResponse:
    return _save_agreement(request, None)


@requires("agreement.change")
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(Agreement.objects.restrict(request.user, "change"), pk=pk)
    return _save_agreement(request, agreement)


@require_POST
@requires("agreement.change")
def agreement_document_upload(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = get_object_or_404(Agreement.objects.restrict(request.user, "change"), pk=pk)
    form = AgreementDocumentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attach_agreement_document(
                request.user,
                agreement,
                title=form.cleaned_data["title"],
                language=form.cleaned_data["language"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as exc:
            form.add_error("file" if not hasattr(exc, "error_dict") else None, exc)
        else:
            messages.success(request, _("The document is attached."))
            return redirect("core:agreement", pk=agreement.pk)
    return _agreement_page(request, agreement, form, status=400)


@requires("agreement.view")
def agreement_document(request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
    agreement = get_object_or_404(queries.agreements(request.user), pk=pk)
    document = get_object_or_404(agreement.documents, pk=document_pk)
    name = f"{document.title}.{(document.file.name or '').rsplit('.', 1)[-1]}"
    return FileResponse(document.file.open("rb"), as_attachment=True, filename=name)
