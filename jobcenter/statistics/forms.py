import datetime
import functools

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobcenter.models import Centre
from jobcenter.statistics.measures import DIMENSIONS, MEASURES
from jobcenter.statistics.rollup import add_months, month_start

MONTHS_OFFERED = 60


def month_choices() -> tuple[tuple[str, str], ...]:
    return _month_choices(month_start(timezone.localdate()))


@functools.lru_cache(maxsize=4)
def _month_choices(this_month: datetime.date) -> tuple[tuple[str, str], ...]:
    """The 60 months up to this one (formatted once a month, not twice per dashboard request)."""
    months = [add_months(this_month, -offset) for offset in range(MONTHS_OFFERED)]
    return tuple((f"{m.year:04d}-{m.month:02d}",) * 2 for m in months)  # shared: not to be changed


class MonthField(forms.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=month_choices, **kwargs)

    def clean(self, value) -> datetime.date | None:
        value = super().clean(value)
        if not value:
            return None
        year, month = value.split("-")
        return datetime.date(int(year), int(month), 1)


class DashboardForm(forms.Form):
    month = MonthField(label=_("Month"), required=False)
    centre = forms.ModelChoiceField(
        label=_("Job centre"), queryset=Centre.objects.all(), required=False, empty_label=_("All centres")
    )

    def __init__(self, *args, show_centre: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_centre:
            del self.fields["centre"]

    def clean_month(self) -> datetime.date:
        return self.cleaned_data.get("month") or month_start(timezone.localdate())


class RecordsForm(forms.Form):
    measure = forms.ChoiceField(label=_("Figure"), choices=[(m.key, m.label) for m in MEASURES])
    month = MonthField(label=_("Month"))
    centre = forms.IntegerField(label=_("Job centre"), required=False, min_value=1)
    dimension = forms.ChoiceField(
        label=_("Breakdown"), required=False, choices=[("", "—"), *[(d.key, d.label) for d in DIMENSIONS.values()]]
    )
    member = forms.CharField(label=_("Breakdown value"), required=False, max_length=40)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("dimension") and not data.get("member"):
            self.add_error("member", _("Choose the value of the breakdown."))
        return data


class ReportRequestForm(forms.Form):
    month = MonthField(label=_("Month"))
    centre = forms.ModelChoiceField(
        label=_("Job centre"), queryset=Centre.objects.all(), required=False, empty_label=_("All centres")
    )

    def __init__(self, *args, show_centre: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_centre:
            del self.fields["centre"]
        self.fields["month"].initial = f"{add_months(month_start(timezone.localdate()), -1):%Y-%m}"


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("For example: the monthly report to the district office. The reason is recorded."),
        error_messages={"required": _("Say why you download the report.")},
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Say why you download the report."))
        return reason


class RecomputeForm(forms.Form):
    month = MonthField(label=_("Month"))
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        help_text=_("For example: placements of March entered late. The recomputation is logged."),
        error_messages={"required": _("Say why the month is computed again.")},
    )
