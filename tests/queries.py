"""Reading what a request or a service asked of the database."""

import re

SIGNED_IN_TABLES = {"django_session", "jobcenter_user", "otp_totp_totpdevice"}  # every signed-in request's


def main_table(sql: str) -> str:
    """The table of a SELECT's own FROM clause: the first one outside parentheses, so that a subquery in the
    select list (an annotation such as Exists) is not taken for it."""
    depth = 0
    for position, character in enumerate(sql):
        if character == "(":
            depth += 1
        elif character == ")":
            depth -= 1
        elif depth == 0 and sql.startswith(' FROM "', position):
            return re.match(r' FROM "(\w+)"', sql[position:])[1]
    raise ValueError(f"no FROM clause in {sql[:200]}")


def tables_read(captured, *, ignore: set[str] = SIGNED_IN_TABLES) -> list[str]:
    """The table each SELECT reads first, in order. A field left out of an `only()` and read later shows as a SELECT
    of its own table."""
    tables = [main_table(query["sql"]) for query in captured if query["sql"].startswith("SELECT")]
    return [table for table in tables if table not in ignore]
