"""The KRDS components under templates/components/ and their template tags (jobcenter/templatetags/components.py)."""

import datetime
import importlib
import re
from pathlib import Path

import pytest
from django import forms
from django.template import engines

from jobcenter.widgets import KrdsDateInput

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def render(source: str, **context) -> str:
    return engines["django"].from_string("{% load components %}" + source).render(context)


def test_every_table_of_every_page__is_a_krds_data_table():
    bare = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<table\b", text):
            if not re.search(r"\{% data_table[^%]*%\}$", text[: match.start()].rstrip()):
                bare.append(f"{path.relative_to(TEMPLATES)}:{text[: match.start()].count(chr(10)) + 1}")
    assert bare == []


def test_every_data_table__has_a_caption():
    missing = []
    for path in TEMPLATES.rglob("*.html"):
        for match in re.finditer(r"\{% data_table[^%]*%\}\s*<table[^>]*>\s*(?P<next>\S+)", path.read_text("utf-8")):
            if not match.group("next").startswith("<caption"):
                missing.append(str(path.relative_to(TEMPLATES)))
    assert missing == []


def test_data_table__scrolls_in_a_region_named_by_its_caption_with_scoped_headers():
    html = render(
        '{% data_table css="wide" %}<table class="mine"><caption>구직자 <b>명단</b></caption>'
        '<thead><tr><th>이름</th><th scope="colgroup">연락처</th></tr></thead>'
        "<tbody><tr><th>김하나</th><td>010-****-1234</td></tr></tbody></table>{% enddata_table %}"
    )
    assert html.startswith(
        '<div class="krds-table-wrap data-table" role="region" tabindex="0" aria-label="구직자 명단">'
    )
    assert '<table class="tbl data wide mine">' in html
    assert '<th scope="col">이름</th><th scope="colgroup">연락처</th>' in html
    assert '<th scope="row">김하나</th>' in html


@pytest.mark.parametrize(
    "typed",
    ["2027-01-05", "2027.01.05", "2027. 1. 5.", "2027/1/5", "20270105", "2027년 1월 5일", " 2027. 1. 5.(화) "],
)
def test_date_input__takes_a_date_as_people_type_or_paste_it(typed):
    field = forms.DateField(widget=KrdsDateInput)
    value = field.widget.value_from_datadict({"d": typed}, {}, "d")
    assert field.clean(value) == datetime.date(2027, 1, 5)


def test_date_input__refuses_a_date_not_in_the_calendar():
    form = type("F", (forms.Form,), {"d": forms.DateField()})({"d": "2027. 2. 30."})
    assert not form.is_valid()


def test_date_input__is_text_with_its_format_written_under_it():
    html = str(forms.Form.__class__("F", (forms.Form,), {"d": forms.DateField(label="시작일")})()["d"])
    assert 'type="text"' in html and "data-date-input" in html
    assert 'aria-describedby="id_d_format"' in html
    assert re.search(r'<span class="form-hint date-hint" id="id_d_format">[^<]*2027-01-05</span>', html)


def test_every_date_field_of_every_form__is_the_krds_date_input():
    modules = [
        "employers.forms",
        "events.forms",
        "matching.forms",
        "matching.scoring_forms",
        "outreach.forms",
        "seekers.forms",
        "jobcenter.security.forms",
    ]
    others = []
    for name in modules:
        module = importlib.import_module(name)
        for form in vars(module).values():
            if isinstance(form, type) and issubclass(form, forms.BaseForm) and hasattr(form, "base_fields"):
                for field_name, field in form.base_fields.items():
                    is_month = getattr(field.widget, "input_type", "") == "month"  # a month picker, not a date
                    if type(field) is forms.DateField and not is_month and not isinstance(field.widget, KrdsDateInput):
                        others.append(f"{name}.{form.__name__}.{field_name}")
    assert others == []
