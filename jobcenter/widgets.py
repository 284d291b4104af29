"""Form widgets shared by the apps."""

import re

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _


class CertificateNameInput(forms.TextInput):
    """A text input that offers the official names of the certificate table (jobcenter.Qualification) as
    suggestions: people pick one, or type their own words (mapped through the aliases when they match one)."""

    def render(self, name, value, attrs=None, renderer=None):
        from jobcenter.models import Qualification

        attrs = dict(attrs or {})
        list_id = f"{attrs.get('id') or 'id_' + name}-certificates"
        attrs["list"] = list_id
        attrs.setdefault("autocomplete", "off")
        names = Qualification.objects.order_by("name_ko").values_list("name_ko", flat=True)
        options = format_html_join("", '<option value="{}">', ((n,) for n in names))
        return super().render(name, value, attrs, renderer) + format_html(
            '<datalist id="{}">{}</datalist>', list_id, options
        )


_DATE_TYPED = re.compile(
    r"^\s*(?P<y>\d{4})\s*(?:[-./]|년)\s*(?P<m>\d{1,2})\s*(?:[-./]|월)\s*(?P<d>\d{1,2})\s*[.일]?\s*(?:\([^)]*\))?\s*$"
)
_DATE_DIGITS = re.compile(r"^\s*(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})\s*$")


def normalise_typed_date(text: str) -> str:
    """A date as people type or paste it (2027-01-05, 2027.01.05, 2027. 1. 5., 2027/1/5, 20270105,
    2027년 1월 5일, with or without the weekday) as 2027-01-05; anything else unchanged, for the field to refuse."""
    match = _DATE_TYPED.match(text) or _DATE_DIGITS.match(text)
    if match is None:
        return text
    return f"{match['y']}-{int(match['m']):02d}-{int(match['d']):02d}"


class KrdsDateInput(forms.DateInput):
    """KRDS date input: a text field (so it works without JavaScript, and a date pasted from Excel or typed the
    Korean way is taken) with the format written under it; static/js/ui.js adds KRDS's calendar button, which
    opens the browser's own date picker. Used for every date field (jobcenter.apps makes it DateField's default)."""

    input_type = "text"

    def __init__(self, attrs=None, format=None):
        attrs = {"autocomplete": "off", "spellcheck": "false", **(attrs or {})}
        attrs.pop("type", None)
        super().__init__(attrs=attrs, format=format or "%Y-%m-%d")

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        hint_id = f"{widget_attrs.get('id') or 'id_' + name}_format"
        described = widget_attrs.get("aria-describedby", "")
        widget_attrs["aria-describedby"] = f"{described} {hint_id}".strip()
        widget_attrs["data-date-input"] = ""
        widget_attrs["data-picker-label"] = _("Choose on a calendar")
        widget_attrs["class"] = f"{widget_attrs.get('class', '')} krds-input date-input".strip()
        context["widget"]["hint_id"] = hint_id
        return context

    def render(self, name, value, attrs=None, renderer=None):
        context = self.get_context(name, value, attrs)
        field = super().render(name, value, attrs, renderer)
        return format_html(
            '<span class="krds-date-input">{}</span><span class="form-hint date-hint" id="{}">{}</span>',
            field,
            context["widget"]["hint_id"],
            _("Year-month-day, e.g. 2027-01-05"),
        )

    def value_from_datadict(self, data, files, name):
        value = super().value_from_datadict(data, files, name)
        return normalise_typed_date(value) if isinstance(value, str) else value
