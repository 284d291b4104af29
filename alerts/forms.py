from django import forms
from django.utils.translation import gettext_lazy as _

from alerts.models import JobAlert
from jobcenter.models import EmploymentType, Occupation, Region


class JobAlertForm(forms.Form):
    """A saved search: the job board's filters, or the matching scorer's "jobs like my profile"."""

    kind = forms.ChoiceField(
        label=_("What to look for"), choices=JobAlert.Kind.choices, widget=forms.RadioSelect, initial="filters"
    )
    q = forms.CharField(label=_("Keyword"), required=False, max_length=100)
    occupation = forms.ModelChoiceField(
        label=_("Occupation"), queryset=Occupation.objects.all(), required=False, empty_label=_("All occupations")
    )
    region = forms.ModelChoiceField(
        label=_("Region"), queryset=Region.objects.all(), required=False, empty_label=_("All regions")
    )
    employment_type = forms.ChoiceField(
        label=_("Employment type"), choices=[("", _("All types")), *EmploymentType.choices], required=False
    )
    min_wage = forms.IntegerField(
        label=_("Monthly wage at least (KRW)"),
        required=False,
        min_value=0,
        max_value=100_000_000,
        help_text=_(
            "Hourly wages are compared by what they pay in a month: hourly wage × 209 hours for a 40-hour week, "
            "fewer hours in proportion for a shorter week."
        ),
    )
    frequency = forms.ChoiceField(
        label=_("How often"), choices=JobAlert.Frequency.choices, initial="weekly", widget=forms.RadioSelect
    )
    channel = forms.ChoiceField(
        label=_("Send by"), choices=JobAlert.Channel.choices, initial="email", widget=forms.RadioSelect
    )
    consent = forms.BooleanField(label=_("I agree to receive job news by e-mail and text message."), required=False)

    def __init__(self, *args, needs_consent: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occupation"].label_from_instance = lambda obj: f"{obj.code} · {obj.name}"
        if needs_consent:
            self.fields["consent"].required = True
        else:
            del self.fields["consent"]

    def clean(self):
        cleaned = super().clean()
        # A board search without any condition would send every new vacancy in the city: most often the button was
        # pressed by mistake, so ask for a condition or the profile alert instead of saving it.
        search = ("q", "occupation", "region", "employment_type", "min_wage")
        mistyped = any(name in self.errors for name in search)  # a wage typed wrong is a condition, shown on its own
        if cleaned.get("kind") == JobAlert.Kind.FILTERS and not mistyped and not any(cleaned.get(n) for n in search):
            raise forms.ValidationError(
                _(
                    "Choose at least one condition (keyword, occupation, region, employment type or wage), "
                    "or choose “%(profile)s”. Without a condition the alert would send you every new vacancy."
                ),
                code="no_condition",
                params={"profile": JobAlert.Kind.PROFILE.label},
            )
        return cleaned
