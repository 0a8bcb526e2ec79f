from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # The database cache (settings.CACHES) is shared by web processes and the worker.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("core", "0005_scheduled_runs")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]
