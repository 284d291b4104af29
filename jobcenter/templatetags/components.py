"""Helpers for the KRDS components under templates/components/."""

from django import forms, template
from django.utils.safestring import mark_safe

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
                label = str(field.label or "").rstrip(".:")  # "… (required).: message" reads badly
                items.append({"label": label, "message": message, "target": field.id_for_label or field.auto_id})

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


class _CaptureNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str) -> None:
        self.nodelist, self.name = nodelist, name

    def render(self, context: template.Context) -> str:
        # Rendered output is already escaped: it is kept as safe text for the component to show as is.
        context[self.name] = mark_safe(" ".join(self.nodelist.render(context).split()))
        return ""


@register.tag
def capture_text(parser: template.base.Parser, token: template.base.Token) -> _CaptureNode:
    """`{% capture_text as name %}…{% end_capture_text %}`: render a piece of template (whitespace collapsed) into
    a variable, to hand it to a component as a plain argument."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture_text as name %}…{% end_capture_text %}")
    nodelist = parser.parse(("end_capture_text",))
    parser.delete_first_token()
    return _CaptureNode(nodelist, bits[2])


@register.simple_tag
def link_item(label: str, url: str, current: bool = False) -> dict:
    """`{% link_item label url current as tab %}`: one link for the tabs or side navigation components."""
    return {"label": label, "url": url, "current": bool(current)}
