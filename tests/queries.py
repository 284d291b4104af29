"""Reading what a request or a service asked of the database."""

import re

SIGNED_IN_TABLES = {"django_session", "jobcenter_user", "otp_totp_totpdevice"}  # every signed-in request's


def tables_read(captured, *, ignore: set[str] = SIGNED_IN_TABLES) -> list[str]:
    """The table each SELECT reads first, in order. A field left out of an `only()` and read later shows as a SELECT
    of its own table."""
    tables = [re.search(r'FROM "(\w+)"', query["sql"])[1] for query in captured if query["sql"].startswith("SELECT")]
    return [table for table in tables if table not in ignore]
