from django.db import migrations, models

# The tables whose rows the dashboard shows (jobcenter/statistics/dashboard_page.py): every statement that writes
# one counts a change. Names of users only when one changes (a counselor's name in the breakdown by counselor and
# in their own figures' title): users are saved all day (logins, seekers' profiles) and would otherwise throw the
# kept dashboards away each time.
WATCHED = [
    "jobcenter_monthlyfigure",  # the figures
    "jobcenter_statisticsmonth",  # a month's status and the time it was computed
    "jobcenter_recordcheckrun",  # the data check's latest findings (the alert above the figures)
    "jobcenter_centre",  # names: the title, the breakdown by centre, an administrator's choice of centre
    "jobcenter_booth",
    "jobcenter_occupation",
    "jobcenter_region",
]

FUNCTION = """
CREATE FUNCTION jobcenter_statistics_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO jobcenter_statisticschange (source, changes, changed_at) VALUES (TG_TABLE_NAME, 1, now())
    ON CONFLICT (source) DO UPDATE SET changes = jobcenter_statisticschange.changes + 1, changed_at = now();
    RETURN NULL;
END $$;
"""

USER_TRIGGERS = [
    "CREATE TRIGGER jobcenter_user_renamed_statistics AFTER UPDATE ON jobcenter_user FOR EACH ROW"
    " WHEN (OLD.username IS DISTINCT FROM NEW.username OR OLD.first_name IS DISTINCT FROM NEW.first_name"
    " OR OLD.last_name IS DISTINCT FROM NEW.last_name)"
    " EXECUTE FUNCTION jobcenter_statistics_changed();",
    "CREATE TRIGGER jobcenter_user_deleted_statistics AFTER DELETE ON jobcenter_user FOR EACH STATEMENT"
    " EXECUTE FUNCTION jobcenter_statistics_changed();",
]


def trigger_sql(table: str) -> str:
    return (
        f"CREATE TRIGGER {table}_statistics_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}"
        " FOR EACH STATEMENT EXECUTE FUNCTION jobcenter_statistics_changed();"
    )


class Migration(migrations.Migration):
    dependencies = [
        ("jobcenter", "0010_user_other_booths"),
    ]

    operations = [
        migrations.CreateModel(
            name="StatisticsChange",
            fields=[
                ("source", models.CharField(max_length=63, primary_key=True, serialize=False, verbose_name="table")),
                ("changes", models.BigIntegerField(default=0, verbose_name="changes")),
                ("changed_at", models.DateTimeField(verbose_name="changed at")),
            ],
            options={
                "verbose_name": "statistics change count",
                "verbose_name_plural": "statistics change counts",
            },
        ),
        migrations.RunSQL(
            [FUNCTION, *(trigger_sql(table) for table in WATCHED), *USER_TRIGGERS],
            reverse_sql=[
                *(f"DROP TRIGGER {table}_statistics_changed ON {table};" for table in WATCHED),
                "DROP TRIGGER jobcenter_user_renamed_statistics ON jobcenter_user;",
                "DROP TRIGGER jobcenter_user_deleted_statistics ON jobcenter_user;",
                "DROP FUNCTION jobcenter_statistics_changed();",
            ],
        ),
    ]
