from django import template

register = template.Library()


@register.filter
def fields_named(form, names: str) -> list:
    """The bound fields of `form` listed in the comma-separated `names` that the form has."""
    return [form[name] for name in names.split(",") if name in form.fields]


@register.filter
def choice_labels(values, choices_class) -> str:
    """['full_time', 'contract'] -> "Full-time, permanent, Fixed-term contract" for a TextChoices name."""
    from jobcenter.models import EmploymentType, TargetGroup
    from seekers.models import Seeker

    choices = {"employment": EmploymentType, "target": TargetGroup, "shift": Seeker.Shift}[choices_class]
    labels = dict(choices.choices)
    return ", ".join(str(labels.get(value, value)) for value in values or [])


@register.filter
def tell_apart(seeker) -> str:
    """What tells two seekers of the same name apart in a list, masked as lists show it: "1985년생 · 010-****-1234"
    (the birth year and the phone's last four digits; nothing for an erased record)."""
    from django.utils.translation import gettext as _

    if seeker is None or getattr(seeker, "anonymised_at", None):
        return ""
    parts = []
    if seeker.birth_date:
        parts.append(_("born %(year)s") % {"year": seeker.birth_date.year})
    if seeker.phone:
        parts.append(seeker.masked_phone)
    return " · ".join(parts)
