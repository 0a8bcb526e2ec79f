"""Rebuild the blind name index of the people whose name keys changed with the look-alike letters of other
scripts (issue 10).

A word mixing Latin or Cyrillic letters with Greek, Armenian, Cherokee, Coptic or Lisu look-alikes
(``Nurmatοva`` with a Greek ``ο``) is now keyed as the word a reader sees (``nurmatova``), and a name part with
such letters also has its wholly Latin and wholly Cyrillic readings as keys. Other names keep their rows. The
rebuild is the one of ``0008_name_keys``: only people whose rows differ from what the application now looks
for get new rows, under the current key. Reversing keeps the new rows.
"""

from __future__ import annotations

import importlib

from django.db import migrations

_REBUILD = importlib.import_module("hamkor.cases.migrations.0008_name_keys").rebuild_name_keys


class Migration(migrations.Migration):
    dependencies = [("cases", "0008_name_keys")]

    operations = [migrations.RunPython(_REBUILD, migrations.RunPython.noop, elidable=True)]
