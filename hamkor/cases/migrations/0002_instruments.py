from django.db import migrations
from django.utils import timezone


def ship_instruments(apps, schema_editor):
    from hamkor.cases.instruments import SHIPPED, InstrumentDefinition

    Instrument = apps.get_model("cases", "Instrument")
    for raw in SHIPPED:
        definition = InstrumentDefinition.model_validate(raw)
        Instrument.objects.get_or_create(
            code=definition.code,
            version=definition.version,
            defaults={"title": definition.title, "definition": raw, "published_at": timezone.now()},
        )


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]

    operations = [migrations.RunPython(ship_instruments, migrations.RunPython.noop)]
