"""Helpers for the KRDS components under templates/components/."""

import datetime
import re

from django import forms, template
from django.utils.html import format_html, strip_tags
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


_TABLE_OPEN = re.compile(r"<table(?P<attrs>\s[^>]*)?>")
_CAPTION = re.compile(r"<caption[^>]*>(?P<text>.*?)</caption>", re.S)
_THEAD = re.compile(r"<thead\b.*?</thead>", re.S)
_TH_WITHOUT_SCOPE = re.compile(r"<th(?![^>]*\bscope=)(?=[\s>])")
_CLASS = re.compile(r'\bclass="(?P<names>[^"]*)"')


def _table_markup(html: str, *, css: str) -> str:
    """The KRDS data-table markup around a page's own <table>: the wrapper that scrolls sideways on a phone
    (labelled by the caption, focusable so a keyboard can scroll it), `tbl data` on the table, and a scope on
    every header cell that lacks one (col in the head, row in the body)."""
    opening = _TABLE_OPEN.search(html)
    if opening is None:
        raise template.TemplateSyntaxError("{% data_table %} must hold a <table>.")
    attrs = opening.group("attrs") or ""
    head = _THEAD.search(html)
    columns = len(re.findall(r"<th\b", head.group(0).split("</tr>")[0])) if head else 0
    # A phone gives a table of many columns the width its words need and lets it scroll (KRDS's phone pattern).
    width = " cols-many" if columns >= 6 else " cols-several" if columns >= 4 else ""
    names = "tbl data" + width + (f" {css}" if css else "")
    if _CLASS.search(attrs):
        attrs = _CLASS.sub(lambda m: f'class="{names} {m.group("names")}"', attrs, count=1)
    else:
        attrs = f' class="{names}"{attrs}'
    html = f"{html[: opening.start()]}<table{attrs}>{html[opening.end() :]}"
    heads = [(m.start(), m.end()) for m in _THEAD.finditer(html)]

    def scope(match: re.Match) -> str:
        inside_head = any(start <= match.start() < end for start, end in heads)
        return f'<th scope="{"col" if inside_head else "row"}"'

    html = _TH_WITHOUT_SCOPE.sub(scope, html)
    caption = _CAPTION.search(html)
    label = " ".join(strip_tags(caption.group("text")).split()) if caption else ""
    return format_html(
        '<div class="krds-table-wrap data-table" role="region" tabindex="0"{}>{}</div>',
        format_html(' aria-label="{}"', label) if label else "",
        mark_safe(html),  # the page's own rendered (escaped) markup
    )


class _DataTableNode(template.Node):
    def __init__(self, nodelist: template.NodeList, css: template.base.FilterExpression | None) -> None:
        self.nodelist, self.css = nodelist, css

    def render(self, context: template.Context) -> str:
        css = str(self.css.resolve(context)) if self.css is not None else ""
        return _table_markup(self.nodelist.render(context), css=css)


@register.tag
def data_table(parser: template.base.Parser, token: template.base.Token) -> _DataTableNode:
    """`{% data_table %}<table><caption>…</caption><thead>…</thead><tbody>…</tbody></table>{% enddata_table %}`
    (optionally `{% data_table css="match-table" %}`): the KRDS data table. Every list or table page wraps its
    tables in it; see `_table_markup` for what it adds."""
    bits = token.split_contents()
    css = None
    for bit in bits[1:]:
        name, _, value = bit.partition("=")
        if name != "css" or not value:
            raise template.TemplateSyntaxError('Usage: {% data_table [css="extra classes"] %}…{% enddata_table %}')
        css = parser.compile_filter(value)
    nodelist = parser.parse(("enddata_table",))
    parser.delete_first_token()
    return _DataTableNode(nodelist, css)


@register.simple_tag
def date_input(name: str, value=None, **attrs) -> str:
    """`{% date_input "day" day id="day-input" %}`: the KRDS date input (jobcenter.widgets.KrdsDateInput) for a
    form written by hand, e.g. a GET filter; a form field gets it by itself."""
    from jobcenter.widgets import KrdsDateInput

    return KrdsDateInput().render(name, value, attrs)


@register.filter
def minutes(value: datetime.timedelta | None) -> int:
    """`{{ cooloff|minutes }}`: a duration in whole minutes (rounded up), for "try again in 30 minutes"."""
    if not value:
        return 0
    return int(-(-value.total_seconds() // 60))
