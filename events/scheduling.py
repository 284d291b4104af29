"""Dates of recurring events and training sessions, skipping Korean public holidays (the `holidays` package)."""

import datetime
from collections.abc import Iterable

import holidays


def korean_holidays(first: datetime.date, last: datetime.date) -> set[datetime.date]:
    """Public holidays of Korea (substitute holidays included) between two dates."""
    return set(holidays.KR(years=range(first.year, last.year + 1)).keys())


def weekly_dates(*, weekdays: Iterable[int], first: datetime.date, last: datetime.date) -> list[datetime.date]:
    """Every given weekday (0 = Monday) from `first` to `last` inclusive, public holidays left out."""
    wanted = set(weekdays)
    off = korean_holidays(first, last)
    days = (first + datetime.timedelta(days=n) for n in range((last - first).days + 1))
    return [day for day in days if day.weekday() in wanted and day not in off]


def monthly_dates(
    *, weekday: int, weeks_of_month: Iterable[int], first: datetime.date, last: datetime.date
) -> list[datetime.date]:
    """The n-th `weekday` of each month (e.g. the 2nd and 4th Thursday), public holidays left out."""
    wanted = set(weeks_of_month)
    off = korean_holidays(first, last)
    result = []
    for day in weekly_dates(weekdays=[weekday], first=first.replace(day=1), last=last):
        week_of_month = (day.day - 1) // 7 + 1
        if week_of_month in wanted and first <= day <= last and day not in off:
            result.append(day)
    return result


def series_dates(
    *, rule: str, weekday: int, weeks_of_month: Iterable[int], first: datetime.date, last: datetime.date
) -> list[datetime.date]:
    if rule == "monthly":
        return monthly_dates(weekday=weekday, weeks_of_month=weeks_of_month, first=first, last=last)
    return weekly_dates(weekdays=[weekday], first=first, last=last)
