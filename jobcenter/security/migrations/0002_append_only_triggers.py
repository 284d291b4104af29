"""The audit tables are append-only for the application: the database itself refuses UPDATE, and DELETE
of a row younger than its retention. Only the database owner (disabling the trigger) could do otherwise."""

from django.db import migrations

# (table, minimum retention) — 개인정보 접속기록 two years, role changes three years.
TABLES = [
    ("seekers_accessrecord", "2 years"),
    ("security_rolechange", "3 years"),
    ("security_securityevent", "2 years"),
    ("security_destructionlog", "5 years"),
]

FUNCTION = """
CREATE OR REPLACE FUNCTION jobcenter_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        RAISE EXCEPTION '% is append-only: UPDATE is refused', TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.at > now() - TG_ARGV[0]::interval THEN
        RAISE EXCEPTION '% is append-only: rows are kept at least %', TG_TABLE_NAME, TG_ARGV[0]
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN OLD;
END;
$$ LANGUAGE plpgsql;
"""


def forward_sql() -> list[str]:
    statements = [FUNCTION]
    for table, keep in TABLES:
        statements.append(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION jobcenter_append_only('{keep}');"
        )
    return statements


def backward_sql() -> list[str]:
    return [f"DROP TRIGGER IF EXISTS {table}_append_only ON {table};" for table, _keep in TABLES] + [
        "DROP FUNCTION IF EXISTS jobcenter_append_only();"
    ]


class Migration(migrations.Migration):
    dependencies = [
        ("security", "0001_initial"),
        ("seekers", "0002_registration_consultations_bookings"),
    ]

    operations = [migrations.RunSQL(sql=forward_sql(), reverse_sql=backward_sql())]
