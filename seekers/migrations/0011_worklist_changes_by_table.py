"""The worklist's change rows name the table written, and a centre's totals are kept per table: each app's panels are
then kept until a table they read changes (jobcenter/worklist.py), instead of until anything of the centre changes.

The totals start again from nought: the worklist's cache keys of this code carry another version, so no key of the
old totals can be met again."""

import importlib

from django.db import migrations, models

WORKLIST_CHANGES = importlib.import_module("seekers.migrations.0009_worklist_changes")
OLD_INSERT = "INSERT INTO seekers_casechange (centre_id, at) VALUES (centre, now());"
NEW_INSERT = "INSERT INTO seekers_casechange (centre_id, table_name, at) VALUES (centre, TG_TABLE_NAME, now());"
assert OLD_INSERT in WORKLIST_CHANGES.FUNCTION


def function(sql: str) -> str:
    return sql.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION")


class Migration(migrations.Migration):
    dependencies = [
        ("seekers", "0010_case_change_totals"),
    ]

    operations = [
        migrations.AddField(
            model_name="casechange",
            name="table_name",
            field=models.CharField(blank=True, db_default="", max_length=63, verbose_name="table"),
        ),
        migrations.DeleteModel(name="CaseChangeTotal"),
        migrations.CreateModel(
            name="CaseChangeTotal",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("centre_id", models.BigIntegerField(verbose_name="job centre")),
                ("table_name", models.CharField(max_length=63, verbose_name="table")),
                ("total", models.BigIntegerField(default=0, verbose_name="changes counted")),
            ],
            options={
                "verbose_name": "worklist change total",
                "verbose_name_plural": "worklist change totals",
                "constraints": [
                    models.UniqueConstraint(fields=("centre_id", "table_name"), name="case_change_total_centre_table")
                ],
            },
        ),
        migrations.RunSQL(
            function(WORKLIST_CHANGES.FUNCTION.replace(OLD_INSERT, NEW_INSERT)),
            reverse_sql=function(WORKLIST_CHANGES.FUNCTION),
        ),
    ]
