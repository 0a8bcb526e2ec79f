"""An item's document: uploading a version, and downloading any version through a view that checks access
(files are never served from a public media URL)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from hamkor.core.decorators import requires
from hamkor.library import queries, services
from hamkor.library.forms import UploadForm
from hamkor.library.models import Item, ItemFile
from hamkor.library.views.common import find

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
}


def file_response(item: Item, version: int) -> FileResponse:
    """One version of the item's document as an attachment, under the name it was uploaded with."""
    found: ItemFile | None = queries.files(item).filter(version=version).first()
    if found is None or not found.file.name:
        raise Http404
    response = FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.original_name,
        content_type=CONTENT_TYPES.get(found.kind),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@requires("library.change")
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    item = find(request, pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            added = services.add_file(request.user, item, form.cleaned_data["file"])
        except ValidationError as exc:
            form.add_error("file", exc.messages)
        else:
            messages.success(request, _("Version %(version)s of the document is stored.") % {"version": added.version})
            return redirect("library:item", pk=item.pk)
    context = {"form": form, "item": item, "files": queries.files(item)}
    return render(request, "library/upload.html", context, status=400 if form.errors else 200)


@requires("library.view")
def download(request: HttpRequest, pk: int, version: int) -> FileResponse:
    return file_response(find(request, pk), version)
