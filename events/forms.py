import datetime

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from employers.models import Vacancy
from events.models import Event, EventKind, EventSeries, Interview, RoomRequest
from jobcenter.formatting import date_text
from jobcenter.models import Booth, Centre, TargetGroup
from jobcenter.widgets import KrdsDateInput

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]


def week_choices() -> list[tuple[int, str]]:
    return [(n, gettext("Week %(n)s") % {"n": n}) for n in range(1, 6)]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class EventForm(forms.ModelForm):
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"), choices=TargetGroup.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    session_weekdays = forms.TypedMultipleChoiceField(
        label=_("Class days (training cohorts)"),
        choices=WEEKDAYS,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A training cohort meets on these weekdays from its first to its last day; holidays are skipped."),
    )

    class Meta:
        model = Event
        fields = [
            "kind",
            "mode",
            "title",
            "description",
            "venue",
            "video_link",
            "starts_at",
            "ends_at",
            "capacity",
            "target_groups",
            "registration_opens_at",
            "registration_closes_at",
            "co_hosts",
            "completion_percent",
        ]
        widgets = {
            "starts_at": DateTimeInput(),
            "ends_at": DateTimeInput(),
            "registration_opens_at": DateTimeInput(),
            "registration_closes_at": DateTimeInput(),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["session_weekdays"]
            del self.fields["kind"]

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The event must end after it starts."))
        mode = data.get("mode")
        if mode and mode != "in_person" and not data.get("video_link"):
            self.add_error("video_link", _("A video event needs a video link."))
        if mode and mode != "video" and not data.get("venue"):
            self.add_error("venue", _("An in-person event needs a venue."))
        opens, closes = data.get("registration_opens_at"), data.get("registration_closes_at")
        if opens and closes and closes <= opens:
            self.add_error("registration_closes_at", _("Sign-up must close after it opens."))
        return data


class SeriesForm(forms.ModelForm):
    weekday = forms.TypedChoiceField(label=_("Weekday"), choices=WEEKDAYS, coerce=int)
    weeks_of_month = forms.TypedMultipleChoiceField(
        label=_("Weeks of the month (monthly series)"),
        choices=week_choices,  # a callable: the labels are read in the language of each request
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For every 2nd and 4th Thursday choose Thursday, monthly, weeks 2 and 4."),
    )

    class Meta:
        model = EventSeries
        fields = [
            "title",
            "kind",
            "mode",
            "rule",
            "weekday",
            "weeks_of_month",
            "first_date",
            "last_date",
            "start_time",
            "end_time",
            "venue",
            "video_link",
            "capacity",
            "co_hosts",
        ]
        widgets = {
            "first_date": KrdsDateInput(),
            "last_date": KrdsDateInput(),
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def clean(self):
        data = super().clean()
        if data.get("rule") == EventSeries.Rule.MONTHLY and not data.get("weeks_of_month"):
            self.add_error("weeks_of_month", _("Say which weeks of the month the series meets."))
        mode = data.get("mode")
        if mode and mode != "in_person" and not data.get("video_link"):
            self.add_error("video_link", _("A video event needs a video link."))
        if mode and mode != "video" and not data.get("venue"):
            self.add_error("venue", _("An in-person event needs a venue."))
        return data


class TransitionForm(forms.Form):
    to_state = forms.ChoiceField(label=_("New state"), choices=Event.State.choices)


class ParticipationForm(forms.Form):
    """A counselor adds an employer: the vacancies say which company."""

    vacancies = forms.ModelMultipleChoiceField(
        label=_("Vacancies"), queryset=Vacancy.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    booth = forms.CharField(label=_("Booth"), max_length=30, required=False, help_text=_("For example A-07."))

    def __init__(self, *args, vacancies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vacancies"].queryset = vacancies
        self.fields["vacancies"].label_from_instance = lambda v: f"{v.company.name} · {v.title} ({v.openings})"

    def clean_vacancies(self):
        vacancies = self.cleaned_data["vacancies"]
        if len({vacancy.company_id for vacancy in vacancies}) > 1:
            raise forms.ValidationError(_("Choose vacancies of one company at a time."))
        return vacancies


class EmployerApplyForm(forms.Form):
    vacancies = forms.ModelMultipleChoiceField(
        label=_("Vacancies you will interview for"),
        queryset=Vacancy.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Note for the centre"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example the number of interviewers you bring."),
    )

    def __init__(self, *args, vacancies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vacancies"].queryset = vacancies
        self.fields["vacancies"].label_from_instance = lambda v: f"{v.title} ({v.openings})"


class SlotsForm(forms.Form):
    first_start = forms.DateTimeField(label=_("Interviews start"), widget=DateTimeInput())
    last_end = forms.DateTimeField(label=_("Interviews end"), widget=DateTimeInput())
    minutes = forms.IntegerField(label=_("Slot length (minutes)"), min_value=5, max_value=240, initial=20)
    interviewers = forms.IntegerField(label=_("Parallel interviewers"), min_value=1, max_value=50, initial=1)

    def clean(self):
        data = super().clean()
        if data.get("first_start") and data.get("last_end") and data["last_end"] <= data["first_start"]:
            self.add_error("last_end", _("The interviews must end after they start."))
        return data


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (Interview.Outcome.NO_SHOW, Interview.Outcome.NO_SHOW.label),
            (Interview.Outcome.INTERVIEWED, Interview.Outcome.INTERVIEWED.label),
            (Interview.Outcome.PASSED_FIRST, Interview.Outcome.PASSED_FIRST.label),
            (Interview.Outcome.HIRED, Interview.Outcome.HIRED.label),
        ],
    )


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Check-in code"),
        max_length=20,
        help_text=_("Type the 8-character code, or scan the QR code with the phone's camera."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters", "inputmode": "text"}),
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper().replace("-", "").replace(" ", "")


class SeekerSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or phone"), max_length=50, required=False)


def kinds_with_employers() -> list[str]:
    return EventKind.with_employers()


def add_centre_field(form: forms.BaseForm, user) -> forms.BaseForm:
    """Administrators belong to no centre: they say which centre an event or series is for."""
    if user.centre_id is None:
        form.fields["centre"] = forms.ModelChoiceField(label=_("Job centre"), queryset=Centre.objects.order_by("name"))
        form.order_fields(["centre", *[name for name in form.fields if name != "centre"]])
    return form


class SeriesEditForm(forms.ModelForm):
    """What can change for all future dates of a series at once (not its dates: cancel and define a new one)."""

    class Meta:
        model = EventSeries
        fields = ["title", "mode", "start_time", "end_time", "venue", "video_link", "capacity", "co_hosts"]
        widgets = {
            "start_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "end_time": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
        }

    def clean(self):
        data = super().clean()
        if data.get("start_time") and data.get("end_time") and data["end_time"] <= data["start_time"]:
            self.add_error("end_time", _("The end time must be after the start time."))
        mode = data.get("mode")
        if mode and mode != "in_person" and not data.get("video_link"):
            self.add_error("video_link", _("A video event needs a video link."))
        if mode and mode != "video" and not data.get("venue"):
            self.add_error("venue", _("An in-person event needs a venue."))
        return data


class WalkInForm(forms.Form):
    """A person at the door who never registered: the few facts needed, and the consent taken in person."""

    booth = forms.ModelChoiceField(label=_("Registered at booth"), queryset=Booth.objects.none())
    name = forms.CharField(label=_("Name"), max_length=50, widget=forms.TextInput(attrs={"autocomplete": "off"}))
    birth_date = forms.DateField(
        label=_("Birth date"),
        widget=KrdsDateInput(),
        help_text=_("Never enter a resident registration number."),
    )
    phone = forms.CharField(
        label=_("Mobile phone"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel"}),
        help_text=_("For example 010-1234-5678."),
    )
    email = forms.EmailField(label=_("E-mail"), required=False)
    consent_collection = forms.BooleanField(
        label=_("The person agreed to the collection and use of their personal data (required)."),
        error_messages={"required": _("Registration needs the consent to the collection and use of personal data.")},
        help_text=_("Read the consent text to the person, or show it, and tick only when they agree."),
    )
    consent_sharing = forms.BooleanField(
        label=_("The person agreed that their profile is sent to employers they are referred to (optional)."),
        required=False,
    )

    def __init__(self, *args, booths, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["booth"].queryset = booths
        if booths.count() == 1:
            self.fields["booth"].initial = booths.first()

    def clean_phone(self) -> str:
        from seekers.forms import normalise_phone

        return normalise_phone(self.cleaned_data.get("phone", ""))

    def clean_birth_date(self):
        from seekers.forms import check_birth_date

        value = self.cleaned_data["birth_date"]
        check_birth_date(value)
        return value

    def clean(self):
        data = super().clean()
        if not data.get("phone") and not data.get("email") and "phone" not in self.errors:
            self.add_error("phone", _("Enter a phone number or an e-mail address so the centre can reach the person."))
        return data

    def seeker_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in ("name", "birth_date", "phone", "email")}

    def consents(self) -> list[str]:
        from seekers.models import ConsentText

        consents = [ConsentText.Kind.COLLECTION]
        if self.cleaned_data.get("consent_sharing"):
            consents.append(ConsentText.Kind.SHARING)
        return consents


class OnTheSpotForm(forms.Form):
    """An interview at a booth without a slot: who (by check-in code, or from the checked-in list for staff),
    for which vacancy, and how it went."""

    code = forms.CharField(
        label=_("The person's check-in code"),
        max_length=20,
        required=False,
        help_text=_("Ask for the code on the person's phone or name badge."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    registration = forms.TypedChoiceField(label=_("Or choose a checked-in person"), coerce=int, required=False)
    vacancy = forms.ModelChoiceField(label=_("Vacancy"), queryset=Vacancy.objects.none())
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (Interview.Outcome.INTERVIEWED, Interview.Outcome.INTERVIEWED.label),
            (Interview.Outcome.PASSED_FIRST, Interview.Outcome.PASSED_FIRST.label),
            (Interview.Outcome.HIRED, Interview.Outcome.HIRED.label),
        ],
        initial=Interview.Outcome.INTERVIEWED,
    )

    def __init__(self, *args, vacancies, checked_in=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vacancy"].queryset = vacancies
        if vacancies.count() == 1:
            self.fields["vacancy"].initial = vacancies.first()
        if checked_in is None:
            del self.fields["registration"]
        else:
            self.fields["registration"].choices = [("", "—")] + [
                (registration.pk, f"{registration.seeker.name} · {registration.code}") for registration in checked_in
            ]

    def clean_code(self) -> str:
        return self.cleaned_data["code"].strip().upper().replace("-", "").replace(" ", "")

    def clean(self):
        data = super().clean()
        if not data.get("code") and not data.get("registration"):
            self.add_error("code", _("Enter the person's check-in code."))
        return data


class RoomRequestForm(forms.Form):
    """An employer asks for the permanent interview room: up to three dates, the time, who interviews."""

    vacancies = forms.ModelMultipleChoiceField(
        label=_("Vacancies you will interview for"),
        queryset=Vacancy.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    date_1 = forms.DateField(label=_("Preferred date"), widget=KrdsDateInput())
    date_2 = forms.DateField(label=_("Second choice (optional)"), required=False, widget=KrdsDateInput())
    date_3 = forms.DateField(label=_("Third choice (optional)"), required=False, widget=KrdsDateInput())
    start_time = forms.TimeField(label=_("Interviews from"), widget=forms.TimeInput(attrs={"type": "time"}))
    end_time = forms.TimeField(label=_("Interviews until"), widget=forms.TimeInput(attrs={"type": "time"}))
    interviewers = forms.IntegerField(
        label=_("Number of interviewers"),
        min_value=1,
        max_value=20,
        initial=1,
        help_text=_("How many people interview in parallel."),
    )
    note = forms.CharField(
        label=_("Note for the centre"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example the profile you look for, or equipment you need."),
    )

    def __init__(self, *args, vacancies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vacancies"].queryset = vacancies
        self.fields["vacancies"].label_from_instance = lambda v: f"{v.title} ({v.openings})"

    def clean(self):
        data = super().clean()
        if data.get("start_time") and data.get("end_time") and data["end_time"] <= data["start_time"]:
            self.add_error("end_time", _("The interviews must end after they start."))
        return data

    def preferred_dates(self) -> list:
        return [self.cleaned_data[name] for name in ("date_1", "date_2", "date_3") if self.cleaned_data.get(name)]


class RoomAcceptForm(forms.Form):
    date = forms.TypedChoiceField(label=_("Date"), coerce=datetime.date.fromisoformat)
    start_time = forms.TimeField(
        label=_("Interviews from"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    end_time = forms.TimeField(
        label=_("Interviews until"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    slot_minutes = forms.IntegerField(label=_("Slot length (minutes)"), min_value=5, max_value=240, initial=30)
    venue = forms.CharField(label=_("Room"), max_length=200)
    comment = forms.CharField(
        label=_("Comment for the employer (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, request: RoomRequest, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["date"].choices = [
            (day.isoformat(), date_text(day, weekday=True)) for day in request.preferred_dates
        ]

    def clean(self):
        data = super().clean()
        if data.get("start_time") and data.get("end_time") and data["end_time"] <= data["start_time"]:
            self.add_error("end_time", _("The interviews must end after they start."))
        return data


class RoomDeclineForm(forms.Form):
    comment = forms.CharField(
        label=_("Why is the request declined?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The employer reads this. Suggest other dates if you can."),
    )
