from django.db import migrations

from seekers.consent_texts import TEXTS


def create(apps, schema_editor):
    ConsentText = apps.get_model("seekers", "ConsentText")
    for kind, text, purpose, items, retention in TEXTS:
        ConsentText.objects.get_or_create(
            kind=kind, version=1, defaults={"text": text, "purpose": purpose, "items": items, "retention": retention}
        )


class Migration(migrations.Migration):
    dependencies = [("seekers", "0002_registration_consultations_bookings")]

    operations = [migrations.RunPython(create, migrations.RunPython.noop)]
