"""Forms of the scorer's pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

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
        self.fields["booth"].queryset = booths


class MatchWeightsForm(forms.ModelForm):
    class Meta:
        model = MatchWeights
        fields = list(MatchWeights.PARTS)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.update({"min": 0, "max": 100, "step": "0.5"})
            field.validators.append(_min_zero)

    def clean(self) -> dict:
        cleaned = super().clean()
        if all(cleaned.get(part) is not None for part in MatchWeights.PARTS) and not any(
            cleaned[part] for part in MatchWeights.PARTS
        ):
            raise forms.ValidationError(_("At least one weight must be above zero."))
        return cleaned


def _min_zero(value: float) -> None:
    if value is not None and value < 0:
        raise forms.ValidationError(_("A weight cannot be negative."))
