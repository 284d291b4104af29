import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobcenter.models import EmploymentType, User, WageType
from matching.models import EndingReason, FollowUp, Referral, ReferralState
from matching.selectors import referable_vacancies, seekers_for_user
from matching.services import SPECIAL_TARGETS, allowed_targets


class DateInput(forms.DateInput):
    input_type = "date"


class TimeInput(forms.TimeInput):
    input_type = "time"


class VacancyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, vacancy) -> str:
        return f"{vacancy.company.name} · {vacancy.title} ({vacancy.get_status_display()})"


class ReferralForm(forms.Form):
    seeker = forms.ModelChoiceField(
        label=_("Job seeker"),
        queryset=None,
        error_messages={"invalid_choice": _("Choose a job seeker of your centre.")},
    )
    vacancy = VacancyChoiceField(
        label=_("Vacancy"),
        queryset=None,
        error_messages={"invalid_choice": _("Choose a vacancy from the list.")},
    )
    note = forms.CharField(
        label=_("Note for the employer"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Why this seeker fits the vacancy."),
    )
    interest = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seeker"].queryset = seekers_for_user(user).order_by("name")
        self.fields["vacancy"].queryset = referable_vacancies(user).order_by("company__name", "title")


class TransitionForm(forms.Form):
    prefix = "t"
    to_state = forms.ChoiceField(label=_("New state"))
    reason = forms.ChoiceField(
        label=_("Reason (when it ends without a hire)"),
        choices=[("", "---------"), *EndingReason.choices],
        required=False,
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, referral: Referral, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        targets = [state for state in allowed_targets(referral, user) if state not in SPECIAL_TARGETS]
        self.fields["to_state"].choices = [(state, ReferralState(state).label) for state in targets]
        self.fields["to_state"].error_messages["invalid_choice"] = _("This step is not possible for this referral now.")

    def clean(self) -> dict:
        data = super().clean()
        if data.get("to_state") in (ReferralState.NOT_HIRED, ReferralState.WITHDRAWN) and not data.get("reason"):
            self.add_error("reason", _("Choose the reason why the referral ended without a hire."))
        return data


class InterviewForm(forms.Form):
    prefix = "i"
    date = forms.DateField(label=_("Date"), widget=DateInput)
    time = forms.TimeField(label=_("Time"), widget=TimeInput)
    place = forms.CharField(label=_("Place"), required=False, max_length=200)
    video_link = forms.URLField(
        label=_("Video link"), required=False, help_text=_("For a video interview, instead of a place.")
    )
    accompanied = forms.BooleanField(label=_("A counselor accompanies the seeker (동행면접)"), required=False)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not user.is_centre_staff:
            del self.fields["accompanied"]

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("place") and not data.get("video_link") and "video_link" not in self.errors:
            raise forms.ValidationError(_("Give the place of the interview or a video link."))
        if data.get("date") and data.get("time"):
            data["starts_at"] = timezone.make_aware(datetime.datetime.combine(data["date"], data["time"]))
        return data


class PlacementForm(forms.Form):
    prefix = "p"
    start_date = forms.DateField(label=_("Start date"), widget=DateInput)
    employment_type = forms.ChoiceField(label=_("Employment type"), choices=EmploymentType.choices)
    wage_type = forms.ChoiceField(label=_("Wage type"), choices=WageType.choices)
    wage_amount = forms.IntegerField(label=_("Wage (KRW)"), min_value=1, max_value=1_000_000_000)
    weekly_hours = forms.IntegerField(label=_("Hours per week"), min_value=1, max_value=80)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class SelfReportedPlacementForm(PlacementForm):
    prefix = None
    employer_name = forms.CharField(label=_("Employer"), max_length=100)
    job_title = forms.CharField(label=_("Job title"), max_length=120, required=False)
    field_order = ["employer_name", "job_title"]


class FollowUpForm(forms.Form):
    outcome = forms.ChoiceField(label=_("What the contact found"), choices=FollowUp.Outcome.choices)
    left_reason = forms.CharField(
        label=_("Reason for leaving"), required=False, max_length=200, help_text=_("Only when the seeker left.")
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self) -> dict:
        data = super().clean()
        if data.get("outcome") == FollowUp.Outcome.LEFT and not data.get("left_reason", "").strip():
            self.add_error("left_reason", _("Say why the seeker left the job."))
        return data
