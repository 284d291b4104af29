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
