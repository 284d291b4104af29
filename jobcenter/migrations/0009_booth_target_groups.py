# A booth serves several target groups (issue 27): the one `target_group` becomes the list `target_groups`,
# each existing booth keeping the group it had.

import django.contrib.postgres.fields
from django.db import migrations, models


def one_to_many(apps, schema_editor):
    booths = apps.get_model("jobcenter", "Booth").objects.using(schema_editor.connection.alias)
    for group in booths.exclude(target_group="").values_list("target_group", flat=True).distinct():
        booths.filter(target_group=group).update(target_groups=[group])


def many_to_one(apps, schema_editor):
    booths = apps.get_model("jobcenter", "Booth").objects.using(schema_editor.connection.alias)
    for pk, groups in booths.values_list("pk", "target_groups"):
        booths.filter(pk=pk).update(target_group=groups[0] if groups else "")


class Migration(migrations.Migration):
    dependencies = [
        ("jobcenter", "0008_notice_template_overrides"),
    ]

    operations = [
        migrations.AddField(
            model_name="booth",
            name="target_groups",
            field=django.contrib.postgres.fields.ArrayField(
                base_field=models.CharField(
                    choices=[
                        ("youth", "Youth"),
                        ("middle_aged", "Middle-aged"),
                        ("women", "Women"),
                        ("disabled", "Disabled"),
                        ("elderly", "Elderly"),
                        ("enterprise", "Enterprise"),
                    ],
                    max_length=16,
                ),
                blank=True,
                default=list,
                help_text="The people this booth serves with particular care; none for a general booth.",
                size=None,
                verbose_name="target groups",
            ),
        ),
        migrations.RunPython(one_to_many, many_to_one),
        migrations.RemoveField(
            model_name="booth",
            name="target_group",
        ),
    ]
