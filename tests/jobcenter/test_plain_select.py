"""jobcenter.widgets.PlainSelect: Django's Select written out in Python, the same HTML (every choice field uses it)."""

import datetime

import pytest
from django import forms
from django.utils import translation
from django.utils.safestring import mark_safe

from jobcenter.widgets import PlainSelect

CASES = [
    # choices, value, attrs
    (
        [("", "---"), ("a", "A & b"), (1, "one"), ('x"y', mark_safe("<b>safe</b>"))],
        "a",
        {"id": "id_f", "required": True},
    ),
    ([("Group <1>", [("g1", "G1"), ("g2", "G2")]), ("b", "B")], "g2", {"id": "id_g", "class": "c<", "disabled": False}),
    ([], None, None),
    ([("1", "one"), ("2", "two")], ["1", "2"], {"data-x": 3}),
    ([(1, 1234567), (2, datetime.date(2027, 1, 5)), (3, 1.5), (4, None)], 1, {}),
]


@pytest.mark.parametrize(("choices", "value", "attrs"), CASES)
@pytest.mark.parametrize("language", ["ko", "en"])
def test_same_html_as_djangos_select(choices, value, attrs, language):
    with translation.override(language):
        expected = forms.Select(choices=choices).render("f<", value, attrs)
        assert PlainSelect(choices=choices).render("f<", value, attrs) == expected


def test_every_choice_field_uses_it():
    class Form(forms.Form):
        plain = forms.ChoiceField(choices=[("a", "A")])
        typed = forms.TypedChoiceField(choices=[("1", "1")], coerce=int)

    form = Form()
    assert isinstance(form.fields["plain"].widget, PlainSelect)
    assert isinstance(form.fields["typed"].widget, PlainSelect)


def test_a_subclass_with_its_own_template_is_rendered_by_it():
    class Own(PlainSelect):
        option_template_name = "django/forms/widgets/select_option.html"  # the default: written out
        template_name = "django/forms/widgets/select_date.html"

    assert Own.template_name != forms.Select.template_name
    widget = Own(choices=[("a", "A")])
    # Rendered by the template (select_date.html expects subwidgets: it renders nothing of its own here).
    assert "<option" not in widget.render("f", "a")
