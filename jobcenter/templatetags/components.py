"""Helpers for the KRDS components under templates/components/."""

from django import forms, template

register = template.Library()


@register.simple_tag
def as_list(*items) -> list:
    """`{% as_list first second as steps %}`: a list to hand to a component, e.g. the step indicator's steps."""
    return list(items)


@register.simple_tag
def error_summary_items(*forms_and_formsets) -> list[dict]:
    """Every error of the given forms and formsets, in page order, as {label, message, target id}: the
    summary of errors at the top of a refused form links each one to its field."""
    items: list[dict] = []

    def add_form(form: forms.BaseForm) -> None:
        for message in form.non_field_errors():
            items.append({"label": "", "message": message, "target": ""})
        for field in form:
            for message in field.errors:
                items.append({"label": field.label, "message": message, "target": field.id_for_label or field.auto_id})

    for entry in forms_and_formsets:
        if entry is None or not entry.is_bound:
            continue
        if isinstance(entry, forms.BaseFormSet):
            for message in entry.non_form_errors():
                items.append({"label": "", "message": message, "target": ""})
            for form in entry.forms:
                add_form(form)
        else:
            add_form(entry)
    return items


@register.filter
def fields_to_show(form: forms.BaseForm, names: str = "") -> list:
    """The bound fields named in the comma-separated `names` that the form has, or all its visible fields."""
    if not names:
        return form.visible_fields()
    return [form[name] for name in names.split(",") if name in form.fields]
