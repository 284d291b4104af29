"""Ids and dates read from raw query strings and hand-built forms, where no Django form field checks them.

Anything a browser can send must give a value or None, never an exception: "abc", "²" (``str.isdigit()`` says
yes, ``int()`` says no), a NUL byte, a number past PostgreSQL's bigint, or a date like 2026-02-30.
"""

import datetime

from django.utils.dateparse import parse_date

BIGINT_MAX = 2**63 - 1


def id_param(raw: object) -> int | None:
    """The positive integer id in a raw GET/POST value, or None for anything else."""
    value = str(raw or "").strip()
    if not (value.isascii() and value.isdecimal()):
        return None
    number = int(value)
    return number if 0 < number <= BIGINT_MAX else None


def date_param(raw: object) -> datetime.date | None:
    """The date in a raw value as the date input takes it (2027-01-05, 2027. 1. 5., 20270105 …), or None when it
    is no date (badly written or not in the calendar)."""
    from jobcenter.widgets import normalise_typed_date

    try:
        return parse_date(normalise_typed_date(str(raw or "").strip()))
    except ValueError:
        return None
