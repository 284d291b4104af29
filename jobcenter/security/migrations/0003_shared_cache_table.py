"""The shared cache's table (settings.CACHES["shared"] without Redis): Django's DatabaseCache layout, as
`createcachetable` would make it, so a fresh database has it with `migrate` alone."""

from django.db import migrations

SQL = """
CREATE TABLE IF NOT EXISTS "security_shared_cache" (
    "cache_key" varchar(255) NOT NULL PRIMARY KEY,
    "value" text NOT NULL,
    "expires" timestamp with time zone NOT NULL
);
CREATE INDEX IF NOT EXISTS "security_shared_cache_expires" ON "security_shared_cache" ("expires");
"""


class Migration(migrations.Migration):
    dependencies = [("security", "0002_append_only_triggers")]

    operations = [migrations.RunSQL(SQL, reverse_sql='DROP TABLE IF EXISTS "security_shared_cache";')]
