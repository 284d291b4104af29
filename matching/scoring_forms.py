"""Forms of the scorer's pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from jobcenter.choices import set_fetched_queryset
from jobcenter.models import Booth, TargetGroup
from matching.scoring_models import MatchWeights


class CandidateFilterForm(forms.Form):
    booth = forms.ModelChoiceField(
        label=_("Home booth"),
        queryset=Booth.objects.none(),
        required=False,
        empty_label=_("All booths"),
        error_messages={"invalid_choice": _("Choose one of your centre's booths.")},
    )
    target_group = forms.ChoiceField(
        label=_("Target group"),
        choices=[("", _("All groups")), *TargetGroup.choices],
        required=False,
        error_messages={"invalid_choice": _("Choose a target group from the list.")},
    )

    def __init__(self, *args, booths, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        set_fetched_queryset(self.fields["booth"], booths)


RULE_FIELDS = [f"{condition}_rule" for condition in MatchWeights.CONDITIONS]


class MatchWeightsForm(forms.ModelForm):
    class Meta:
        model = MatchWeights
        fields = [*MatchWeights.PARTS, *RULE_FIELDS]
        widgets = dict.fromkeys(RULE_FIELDS, forms.RadioSelect)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for part in MatchWeights.PARTS:
            self.fields[part].widget.attrs.update({"min": 0, "max": 100, "step": "0.5"})
            self.fields[part].validators.append(_min_zero)
        for name in RULE_FIELDS:  # a form without them keeps the stored rules
            self.fields[name].required = False
            self.fields[name].error_messages["invalid_choice"] = _("Choose “must” or “prefer”.")

    def clean(self) -> dict:
        cleaned = super().clean()
        for name in RULE_FIELDS:
            if not cleaned.get(name) and name not in self.errors:
                cleaned[name] = self.initial.get(name) or MatchWeights._meta.get_field(name).default
        return self._clean_weights(cleaned)

    def _clean_weights(self, cleaned: dict) -> dict:
        if all(cleaned.get(part) is not None for part in MatchWeights.PARTS) and not any(
            cleaned[part] for part in MatchWeights.PARTS
        ):
            raise forms.ValidationError(_("At least one weight must be above zero."))
        return cleaned


def _min_zero(value: float) -> None:
    if value is not None and value < 0:
        raise forms.ValidationError(_("A weight cannot be negative."))
