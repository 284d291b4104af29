# A booth serves several target groups (issue 27): the one `target_group` becomes the list `target_groups`,
# each existing booth keeping the group it had.

import django.contrib.postgres.fields
from django.db import migrations, models


def one_to_many(apps, schema_editor):
    Booth = apps.get_model("jobcenter", "Booth")
    for booth in Booth.objects.exclude(target_group=""):
        booth.target_groups = [booth.target_group]
        booth.save(update_fields=["target_groups"])


def many_to_one(apps, schema_editor):
    Booth = apps.get_model("jobcenter", "Booth")
    for booth in Booth.objects.all():
        booth.target_group = booth.target_groups[0] if booth.target_groups else ""
        booth.save(update_fields=["target_group"])


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
