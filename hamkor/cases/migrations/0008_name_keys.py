"""Rebuild the blind name index of the people whose name keys changed with the one normalisation (issue 10).

Name keys are now taken from clean text (``hamkor.cases.identity.name_keys``): an invisible character (a soft
hyphen, a zero-width space) no longer splits a name word, a word mixing Latin and Cyrillic look-alikes is read
in one script, and a part of several words also has them joined. The keys of an ordinary name are what they
were, so most people keep their rows; the others get the rows the application now looks for, under the
current key. An identity that no longer reads is left as it is. Reversing keeps the new rows.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import migrations

_BATCH = 500


def rebuild_name_keys(apps: Any, schema_editor: Any) -> None:
    import pydantic

    from hamkor.cases.identity import Identity
    from hamkor.core.crypto import keyring

    person_model = apps.get_model("cases", "Person")
    key_model = apps.get_model("cases", "PersonNameKey")
    ring = keyring()
    current = ring.current.key_id
    held: dict[int, set[tuple[str, str]]] = defaultdict(set)
    for person_id, key_id, digest in key_model.objects.values_list("person_id", "key_id", "digest").iterator():
        held[person_id].add((key_id, digest))
    for person in person_model.objects.filter(identity__isnull=False).iterator(chunk_size=_BATCH):
        try:
            words = Identity.model_validate(person.identity).name_words()
        except pydantic.ValidationError:
            continue
        wanted = {(current, ring.blind_index(word)[1]) for word in words}
        if held.get(person.pk, set()) == wanted:
            continue
        key_model.objects.filter(person_id=person.pk).delete()
        key_model.objects.bulk_create(
            [key_model(person_id=person.pk, key_id=key_id, digest=digest) for key_id, digest in sorted(wanted)]
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0007_dossier_approval")]

    operations = [migrations.RunPython(rebuild_name_keys, migrations.RunPython.noop, elidable=True)]
