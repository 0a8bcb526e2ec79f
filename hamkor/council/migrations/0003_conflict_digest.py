"""A declared case conflict keeps only a keyed reference to the case (issue 10): the case number is turned
into its digest (``hamkor.cases.queries_dossiers.case_reference``) and its column dropped, and the audit
entries that named it (``expert.conflict``, ``details.target``) are erased through the audit's own redaction,
which keeps the chain verifiable. Undoing it is refused while any case conflict exists: the numbers are gone."""

from typing import Any

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

REDACTION_REASON = "Issue 10: a declared case conflict no longer names the case number."


def digest_case_codes(apps: Any, schema_editor: Any) -> None:
    from hamkor.cases.queries_dossiers import legacy_case_reference

    conflict_model = apps.get_model("council", "Conflict")
    for conflict in conflict_model.objects.exclude(case_code="").iterator(chunk_size=500):
        conflict.case_key_id, conflict.case_digest = legacy_case_reference(conflict.case_code)
        conflict.save(update_fields=["case_key_id", "case_digest"])


def refuse_if_case_conflicts(apps: Any, schema_editor: Any) -> None:
    if apps.get_model("council", "Conflict").objects.filter(kind="case").exists():
        raise migrations.exceptions.IrreversibleError(
            "Declared case conflicts keep only a digest of the case number; the number cannot be restored."
        )


def redact_conflict_targets(apps: Any, schema_editor: Any) -> None:
    named = apps.get_model("core", "AuditEntry").objects.filter(
        action="expert.conflict", details__kind="case", redacted_at__isnull=True
    )
    seqs = list(named.values_list("seq", flat=True))
    if not seqs:  # a new database, or no case conflict ever declared: nothing to touch
        return
    # The redaction must be an entry of the chain, which only ``record`` writes (with the models of today).
    from hamkor.core.audit import redact
    from hamkor.core.models import AuditEntry

    redact(None, AuditEntry.objects.filter(seq__in=seqs), reason=REDACTION_REASON)


class Migration(migrations.Migration):
    dependencies = [
        ("council", "0002_consultations"),
        ("core", "0008_sealed_audit_reason"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="conflict",
            name="case_digest",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="conflict",
            name="case_key_id",
            field=models.CharField(blank=True, editable=False, max_length=8),
        ),
        migrations.AddField(
            model_name="conflict",
            name="declared_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="declared by",
            ),
        ),
        migrations.RunPython(digest_case_codes, refuse_if_case_conflicts),
        migrations.RemoveField(model_name="conflict", name="case_code"),
        migrations.RunPython(redact_conflict_targets, migrations.RunPython.noop),
    ]
