"""Model fields shared by the apps."""

from django import forms
from django.db import models


class URLField(models.URLField):
    """A URL field whose form field reads a URL typed without a scheme as https (Django 6's default).

    On Django 5.2 a form URLField without `assume_scheme` warns (RemovedInDjango60Warning) that the default changes
    from http to https. Migrations see a plain `django.db.models.URLField`, so moving to Django 6 means replacing
    this class by `models.URLField` with no migration."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": forms.URLField, "assume_scheme": "https", **kwargs})

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.URLField", args, kwargs
