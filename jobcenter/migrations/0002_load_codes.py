from django.db import migrations


def load(apps, schema_editor):
    from jobcenter.codes import load_shipped

    load_shipped(apps)


class Migration(migrations.Migration):
    dependencies = [("jobcenter", "0001_initial")]

    operations = [
        migrations.RunSQL(
            "CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE EXTENSION IF NOT EXISTS btree_gist;",
            reverse_sql=migrations.RunSQL.noop,
        ),
        migrations.RunPython(load, migrations.RunPython.noop),
    ]
