"""Form widgets shared by the apps."""

from django import forms
from django.utils.html import format_html, format_html_join


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
