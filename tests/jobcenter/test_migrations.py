"""Every model change has its migration (CI's `makemigrations --check`)."""

from io import StringIO

import pytest
from django.core.management import call_command


# makemigrations checks the migration history of every database alias (a read replica included).
@pytest.mark.django_db(databases="__all__")
def test_no_model_change_is_missing_a_migration():
    out = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit:
        raise AssertionError(f"makemigrations would create migrations:\n{out.getvalue()}") from exit
