"""The formatting helpers of jobcenter.formatting as template filters, loaded in every template (a builtin).

{{ day|date_text }}            2027. 1. 5.
{{ day|date_text:"weekday" }}  2027. 1. 5.(화)
{{ day|date_iso }}             2027-01-05
{{ moment|time_text }}         오전 9:00
{{ moment|datetime_text }}     2027. 1. 5. 오후 2:00
{{ start|time_range:end }}     오후 2:00~4:00
{{ start|date_range:end }}     2027. 1. 5.~1. 9.
{{ amount|won }}               2,800,000원
{{ amount|won:vacancy.wage_type }}  시급 10,320원
{{ name|josa:"이/가" }}         청라정밀(주)가
{{ company.business_number|brn }}  123-45-67890
"""

import datetime

from django import template

from jobcenter import formatting

register = template.Library()
MOMENTS = (datetime.date, datetime.time)  # datetime.datetime is a date


def _moment(value):
    """The value when it is a date, time or datetime; None for anything else (an empty value, a string)."""
    return value if isinstance(value, MOMENTS) else None


@register.filter
def date_text(value, arg: str = ""):
    return formatting.date_text(_moment(value), weekday=arg == "weekday")


@register.filter
def date_iso(value):
    return formatting.date_iso(_moment(value))


@register.filter
def month_text(value):
    return formatting.month_text(_moment(value))


@register.filter
def time_text(value):
    return formatting.time_text(_moment(value))


@register.filter
def datetime_text(value, arg: str = ""):
    return formatting.datetime_text(_moment(value), weekday=arg == "weekday")


@register.filter
def datetime_iso(value):
    return formatting.datetime_iso(_moment(value))


@register.filter
def time_range(start, end):
    return formatting.time_range(_moment(start), _moment(end))


@register.filter
def date_range(start, end):
    return formatting.date_range(_moment(start), _moment(end))


@register.filter
def won(amount, wage_type: str = ""):
    if amount in (None, ""):
        return ""
    return formatting.money(amount, wage_type=wage_type or None)


@register.filter
def josa(word, pair: str):
    if word in (None, ""):
        return ""
    return formatting.particle(str(word), pair)


@register.filter
def brn(value):
    return formatting.business_number_text(value)


@register.filter
def days_since(value):
    return formatting.days_since(_moment(value))
