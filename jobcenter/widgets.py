"""Form widgets shared by the apps."""

import re

from django import forms
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeData, mark_safe
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


def _attrs_html(attrs: dict) -> str:
    """django/forms/widgets/attrs.html in Python (escaped as the template escapes)."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{conditional_escape(_string(value))}"'
        for name, value in attrs.items()
        if value is not False
    )


class PlainSelect(forms.Select):
    """forms.Select written out in Python: the same HTML as Django's select.html and select_option.html, without
    a template rendered per option. The month select of the dashboard (60 options) cost more than the rest of the
    page (bench/load/page_profile.py: 15 of its 24 ms); every choice field uses it (jobcenter.apps). A subclass with
    templates of its own is rendered by them."""

    def render(self, name, value, attrs=None, renderer=None):
        if self.template_name != forms.Select.template_name or self.option_template_name != (
            forms.Select.option_template_name
        ):
            return super().render(name, value, attrs, renderer)
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"{_attrs_html(widget["attrs"])}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{_shown(group_name)}">')
            for option in group_choices:
                parts.append(
                    f'\n  <option value="{conditional_escape(_string(option["value"]))}"'
                    f"{_attrs_html(option['attrs'])}>{_shown(option['label'])}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # every part escaped above


def _shown(value) -> str:
    """`{{ value }}` in a template: localized (a number, a date), then escaped."""
    return conditional_escape(localize(value))


def _string(value) -> str:
    """The `stringformat:'s'` filter: a safe string stays safe."""
    return value if isinstance(value, SafeData) else str(value)
