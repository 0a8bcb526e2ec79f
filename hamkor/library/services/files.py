"""Adding a version of an item's file: checked and read first, then stored with its row and audit entry."""

from __future__ import annotations

from datetime import datetime
from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from hamkor.core.audit import record
from hamkor.library.extraction import extract_document
from hamkor.library.models import Item, ItemFile
from hamkor.library.services.common import now_or, refresh, require_writer


def _original_name(upload: Any) -> str:
    name = PurePath(str(getattr(upload, "name", "") or "")).name
    return " ".join(name.split())[-200:] or "document"


def add_file(actor: Any, item: Item, upload: Any, *, now: datetime | None = None) -> ItemFile:
    """A new version of the item's file, which becomes the current one.

    Guarantees: the file's size and real type are checked and its text extracted (in a separate, limited
    process) before anything is written; a refusal is a ``ValidationError`` saying why. The stored file, its
    row, the audit entry and the index change land together, or none of them does: on any failure the stored
    file is removed again.
    """
    require_writer(actor, item)
    checked = extract_document(upload)
    if item.files.filter(sha256=checked.sha256).exists():
        raise ValidationError(_("This exact file is already a version of the item."), code="duplicate")
    at = now_or(now)
    version_file: ItemFile | None = None
    try:
        with transaction.atomic():
            Item.objects.select_for_update().filter(pk=item.pk).first()  # versions are numbered one at a time
            number = (item.files.aggregate(top=Max("version"))["top"] or 0) + 1
            version_file = ItemFile(
                item=item,
                version=number,
                original_name=_original_name(upload),
                kind=checked.kind,
                size=checked.size,
                sha256=checked.sha256,
                extracted_text=checked.text,
                text_truncated=checked.truncated,
                uploaded_by=actor,
                uploaded_at=at,
            )
            stored = f"v{number}-{checked.sha256[:12]}.{checked.kind}"
            version_file.file.save(stored, ContentFile(checked.content), save=False)
            version_file.save()
            Item.objects.filter(pk=item.pk).update(updated_at=at)
            record(
                actor,
                "library.file_add",
                item,
                details={
                    "version": number,
                    "kind": checked.kind,
                    "bytes": checked.size,
                    "sha256": checked.sha256,
                    "truncated": checked.truncated,
                },
                at=at,
            )
            refresh(item, detect=True)
    except BaseException:
        if version_file is not None and version_file.file.name:
            version_file.file.delete(save=False)
        raise
    return version_file
