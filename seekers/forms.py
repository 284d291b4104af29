"""Forms of the seekers app: the registration form (구직등록표), consultations, bookings, search, import."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jobcenter.choices import set_fetched_queryset
from jobcenter.models import Booth, EmploymentType, MinimumWage, Occupation, Region, TargetGroup, User, WageType
from jobcenter.widgets import CertificateNameInput, KrdsDateInput
from seekers.models import Booking, Career, Certificate, ConsentText, Consultation, Seeker
from seekers.services import MAX_DESIRED_OCCUPATIONS, MINIMUM_AGE, SENSITIVE_TARGET_GROUPS, age_on

MOBILE = re.compile(r"^(01[016789])(\d{3,4})(\d{4})$")
LANDLINE = re.compile(r"^(02|0[3-6][1-5]|070)(\d{3,4})(\d{4})$")


def normalise_phone(value: str) -> str:
    """Accept 01012345678, 010-1234-5678, 010 1234 5678 or a landline (02-123-4567); return it hyphenated."""
    if not value:
        return ""
    digits = re.sub(r"[\s\-.()]", "", value)
    if not digits.isdigit():
        raise ValidationError(_("Enter a phone number with digits only, for example 010-1234-5678."), code="phone")
    match = MOBILE.match(digits) or LANDLINE.match(digits)
    if match is None:
        raise ValidationError(_("Enter a Korean phone number such as 010-1234-5678 or 02-123-4567."), code="phone")
    return "-".join(match.groups())


def check_birth_date(value: datetime.date) -> None:
    today = timezone.localdate()
    if value > today:
        raise ValidationError(_("The birth date cannot be in the future."))
    if value.year < 1900:
        raise ValidationError(_("Enter a birth date after 1900."))
    if age_on(value, today) < MINIMUM_AGE:
        raise ValidationError(_("A job seeker must be at least %(age)d years old.") % {"age": MINIMUM_AGE})


def check_wage(wage_type: str, wage: int | None) -> str | None:
    """An error message if the desired wage is implausible or under the legal minimum, else None."""
    if wage is None:
        return None
    minimum = MinimumWage.objects.filter(year__lte=timezone.localdate().year).first()
    if wage_type == WageType.HOURLY:
        if wage > 500_000:
            return _("An hourly wage over 500,000 won looks like a monthly wage. Check the wage type.")
        if minimum and wage < minimum.hourly:
            return _("The hourly wage is below the minimum wage (%(wage)s won).") % {"wage": f"{minimum.hourly:,}"}
    else:
        if wage > 100_000_000:
            return _("A monthly wage over 100,000,000 won looks like a yearly salary. Enter it per month.")
        if wage < 100_000:
            return _("A monthly wage under 100,000 won looks like an hourly wage. Check the wage type.")
    return None


class DateInput(KrdsDateInput):
    """The KRDS date input (jobcenter.widgets), under the name this module's forms use."""


class RegistrationForm(forms.ModelForm):
    """구직등록표: one form for the resident on the web and the counselor at a booth."""

    booth = forms.ModelChoiceField(
        label=_("Home booth"),
        queryset=Booth.objects.none(),
        help_text=_("Where the resident is registered and usually visits."),
    )
    phone = forms.CharField(
        label=_("Mobile phone"),
        required=False,
        max_length=20,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        help_text=_("For example 010-1234-5678."),
    )
    region = forms.ModelChoiceField(
        label=_("Home region (시도 > 시군구 > 읍면동)"),
        queryset=Region.objects.none(),
        required=False,
    )
    desired_occupations = forms.ModelMultipleChoiceField(
        label=_("Desired occupations (up to three)"),
        queryset=Occupation.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,  # chips: usable on a phone, unlike Ctrl-click
        help_text=_("KECO occupation groups. Choose as many as fit."),
    )
    desired_regions = forms.ModelMultipleChoiceField(
        label=_("Desired work regions"),
        queryset=Region.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    employment_types = forms.MultipleChoiceField(
        label=_("Employment types"), choices=EmploymentType.choices, required=False, widget=forms.CheckboxSelectMultiple
    )
    shifts = forms.MultipleChoiceField(
        label=_("Shifts the seeker can work"),
        choices=Seeker.Shift.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Disabled and low income are sensitive data: tick them only with the consent to sensitive data."),
    )
    consent_collection = forms.BooleanField(
        label=_("I agree to the collection and use of my personal data (required)."),
        required=True,
        error_messages={"required": _("Registration needs the consent to the collection and use of personal data.")},
    )
    consent_sensitive = forms.BooleanField(
        label=_("I agree to the processing of sensitive data: disability and welfare status (optional)."),
        required=False,
    )
    consent_sharing = forms.BooleanField(
        label=_("I agree that my profile is sent to employers I am referred to (optional)."), required=False
    )
    consent_job_news = forms.BooleanField(label=_("I want to receive job news (optional)."), required=False)
    consent_talent = forms.BooleanField(
        label=_("Employers may find me in the talent search, without my name and contact (optional)."),
        required=False,
    )

    CONSENT_FIELDS = {
        "consent_collection": ConsentText.Kind.COLLECTION,
        "consent_sensitive": ConsentText.Kind.SENSITIVE,
        "consent_sharing": ConsentText.Kind.SHARING,
        "consent_job_news": ConsentText.Kind.JOB_NEWS,
        "consent_talent": ConsentText.Kind.TALENT,
    }

    class Meta:
        model = Seeker
        fields = [
            "booth",
            "name",
            "birth_date",
            "phone",
            "email",
            "region",
            "address_detail",
            "education_level",
            "major",
            "desired_occupations",
            "desired_regions",
            "desired_wage_type",
            "desired_wage",
            "employment_types",
            "hours_per_week",
            "shifts",
            "earliest_start",
            "target_groups",
        ]
        widgets = {
            "birth_date": DateInput(attrs={"autocomplete": "bday"}),
            "earliest_start": DateInput(),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        help_texts = {"birth_date": _("Never enter a resident registration number.")}

    def __init__(self, *args, booths, with_consents: bool = True, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["booth"].queryset = booths
        self.fields["booth"].label_from_instance = lambda booth: f"{booth.centre.name} · {booth.name}"
        regions = Region.objects.select_related("parent", "parent__parent").order_by("code")
        self.fields["region"].queryset = regions.exclude(level=Region.Level.SIDO)
        self.fields["region"].label_from_instance = lambda region: region.full_name
        self.fields["desired_regions"].queryset = regions.exclude(level=Region.Level.EUPMYEONDONG)
        self.fields["desired_regions"].label_from_instance = lambda region: region.full_name
        self.fields["desired_occupations"].queryset = Occupation.objects.filter(
            level__in=[Occupation.Level.MIDDLE, Occupation.Level.MINOR, Occupation.Level.DETAILED]
        ).order_by("code")
        self.fields["desired_occupations"].label_from_instance = lambda occupation: (
            f"{occupation.code} {occupation.name}"
        )
        self.fields["desired_wage"].widget.attrs.update({"min": 0, "step": 10})
        if not with_consents:
            for name in self.CONSENT_FIELDS:
                del self.fields[name]
        else:
            from jobcenter.formatting import date_text
            from seekers.services import consent_text_current

            sharing = consent_text_current(ConsentText.Kind.SHARING)  # what an employer will see: its items
            self.fields["consent_sharing"].help_text = _(
                "Given to employers: %(items)s. Never your address, date of birth, phone or consultations "
                "(consent version %(version)s, in effect from %(date)s)."
            ) % {"items": sharing.items, "version": sharing.version, "date": date_text(sharing.effective_on)}
        if self.instance.pk:
            del self.fields["booth"]

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data.get("phone", ""))

    def clean_birth_date(self) -> datetime.date:
        value = self.cleaned_data["birth_date"]
        check_birth_date(value)
        return value

    def clean_name(self) -> str:
        name = re.sub(r"\s+", " ", self.cleaned_data["name"]).strip()
        if len(name) < 2:
            raise ValidationError(_("Enter the full name."))
        return name

    def clean_earliest_start(self) -> datetime.date | None:
        value = self.cleaned_data.get("earliest_start")
        if value and value < timezone.localdate():
            raise ValidationError(_("The earliest start date cannot be in the past."))
        return value

    def clean_desired_occupations(self):
        occupations = self.cleaned_data.get("desired_occupations")
        if occupations is not None and len(occupations) > MAX_DESIRED_OCCUPATIONS:
            raise ValidationError(
                _("Choose at most %(count)d desired occupations.") % {"count": MAX_DESIRED_OCCUPATIONS}
            )
        return occupations

    def clean_hours_per_week(self) -> int | None:
        value = self.cleaned_data.get("hours_per_week")
        if value is not None and not 1 <= value <= 68:
            raise ValidationError(_("Enter between 1 and 68 hours a week (the legal maximum)."))
        return value

    def clean(self) -> dict:
        cleaned = super().clean()
        message = check_wage(cleaned.get("desired_wage_type") or WageType.MONTHLY, cleaned.get("desired_wage"))
        if message:
            self.add_error("desired_wage", message)
        sensitive = set(cleaned.get("target_groups") or []) & SENSITIVE_TARGET_GROUPS
        if sensitive and not self.has_sensitive_consent():
            self.add_error(
                "target_groups",
                _("Disability and welfare status can only be recorded with the consent to sensitive data."),
            )
        if not cleaned.get("phone") and not cleaned.get("email"):
            self.add_error("phone", _("Enter a phone number or an e-mail address so the centre can reach you."))
        return cleaned

    def has_sensitive_consent(self) -> bool:
        if "consent_sensitive" in self.fields:
            return bool(self.cleaned_data.get("consent_sensitive"))
        return self.instance.pk is not None and self.instance.has_active_consent(ConsentText.Kind.SENSITIVE)

    def consents(self) -> list[str]:
        return [kind for name, kind in self.CONSENT_FIELDS.items() if self.cleaned_data.get(name)]

    def seeker_data(self) -> dict:
        skip = {"booth", "desired_occupations", "desired_regions", *self.CONSENT_FIELDS}
        return {name: value for name, value in self.cleaned_data.items() if name not in skip}


class CareerForm(forms.ModelForm):
    class Meta:
        model = Career
        fields = ["company", "occupation", "started_on", "ended_on", "duties"]
        widgets = {"started_on": DateInput(), "ended_on": DateInput()}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["occupation"].queryset = Occupation.objects.filter(level=Occupation.Level.MIDDLE).order_by("code")
        self.fields["occupation"].label_from_instance = lambda occupation: f"{occupation.code} {occupation.name}"

    def clean(self) -> dict:
        cleaned = super().clean()
        started, ended = cleaned.get("started_on"), cleaned.get("ended_on")
        if started and started > timezone.localdate():
            self.add_error("started_on", _("A past job cannot start in the future."))
        if started and ended and ended < started:
            self.add_error("ended_on", _("A job cannot end before it starts."))
        return cleaned


class CertificateForm(forms.ModelForm):
    class Meta:
        model = Certificate
        fields = ["kind", "name", "acquired_on"]
        widgets = {"acquired_on": DateInput(), "name": CertificateNameInput()}

    def clean_acquired_on(self) -> datetime.date | None:
        value = self.cleaned_data.get("acquired_on")
        if value and value > timezone.localdate():
            raise ValidationError(_("The date acquired cannot be in the future."))
        return value


CareerFormSet = forms.formset_factory(CareerForm, extra=2, max_num=20, validate_max=True)
CertificateFormSet = forms.formset_factory(CertificateForm, extra=2, max_num=20, validate_max=True)


def row_data(formset) -> list[dict]:
    """The filled rows of a career or certificate formset, as dicts for the services."""
    return [
        {key: value for key, value in form.cleaned_data.items() if key not in ("DELETE",)}
        for form in formset.forms
        if form.has_changed() and form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


class DuplicateConfirmForm(forms.Form):
    confirm_duplicate = forms.BooleanField(label=_("This is a different person: register anyway."), required=False)


class ConsultationForm(forms.ModelForm):
    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=Consultation.Topic.choices, required=False, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Consultation
        fields = [
            "booth",
            "channel",
            "started_at",
            "duration_minutes",
            "topics",
            "notes",
            "next_action",
            "next_action_due",
        ]
        widgets = {
            "started_at": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "next_action_due": DateInput(),
        }

    def __init__(self, *args, booths, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["booth"].queryset = booths
        self.fields["booth"].required = False
        self.fields["duration_minutes"].widget.attrs.update({"min": 1, "max": 480})

    def clean_started_at(self) -> datetime.datetime:
        value = self.cleaned_data["started_at"]
        if value > timezone.now() + datetime.timedelta(minutes=5):
            raise ValidationError(_("A consultation is logged after it happened: the time cannot be in the future."))
        return value

    def clean_duration_minutes(self) -> int:
        value = self.cleaned_data["duration_minutes"]
        if not 1 <= value <= 480:
            raise ValidationError(_("A consultation lasts between 1 and 480 minutes."))
        return value

    def clean(self) -> dict:
        cleaned = super().clean()
        if cleaned.get("next_action_due") and not cleaned.get("next_action"):
            self.add_error("next_action", _("Say what the next action is, or leave its due date empty."))
        return cleaned


class SlotChoiceForm(forms.Form):
    """Booking a visit: a booth, a day, then one of the free slots of that day."""

    booth = forms.ModelChoiceField(label=pgettext_lazy("centre desk", "Booth"), queryset=Booth.objects.none())
    day = forms.DateField(label=_("Day"), widget=DateInput())
    slot = forms.DateTimeField(label=_("Time"), required=False, input_formats=["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M"])
    topic = forms.CharField(label=_("What would you like to talk about?"), max_length=200, required=False)

    def __init__(self, *args, booths, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["booth"].queryset = booths
        self.fields["booth"].label_from_instance = lambda booth: (
            f"{booth.centre.name} · {booth.name} ({booth.location})"
        )
        self.fields["day"].widget.attrs["min"] = timezone.localdate().isoformat()  # the picker offers no past day

    def clean_day(self) -> datetime.date:
        value = self.cleaned_data["day"]
        if value < timezone.localdate():
            raise ValidationError(_("Choose today or a later day."))
        return value


class RescheduleForm(forms.Form):
    day = forms.DateField(label=_("New day"), widget=DateInput())
    slot = forms.DateTimeField(label=_("New time"), required=False, input_formats=["%Y-%m-%dT%H:%M:%S%z"])


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=Seeker.Status.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class AssignForm(forms.Form):
    counselor = forms.ModelChoiceField(label=_("Assigned counselor"), queryset=User.objects.none())
    booth = forms.ModelChoiceField(label=_("Home booth"), queryset=Booth.objects.none(), required=False)

    def __init__(self, *args, counselors, booths, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        set_fetched_queryset(self.fields["counselor"], counselors)
        set_fetched_queryset(self.fields["booth"], booths)


class SearchForm(forms.Form):
    name = forms.CharField(label=_("Name (part of it)"), required=False, max_length=50)
    # A whole number pasted here (010-7101-8023) is taken by its last four digits, not cut to "010-" by the browser.
    phone_tail = forms.CharField(label=_("Last digits of the phone"), required=False, max_length=20)
    birth_year = forms.IntegerField(label=_("Birth year"), required=False, min_value=1900, max_value=2100)
    booth = forms.ModelChoiceField(
        label=pgettext_lazy("centre desk", "Booth"), queryset=Booth.objects.none(), required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=[("", _("Any"))] + Seeker.Status.choices, required=False)
    target_group = forms.ChoiceField(
        label=_("Target group"), choices=[("", _("Any"))] + TargetGroup.choices, required=False
    )
    occupation = forms.ModelChoiceField(
        label=_("Desired occupation"), queryset=Occupation.objects.none(), required=False, to_field_name="code"
    )
    needs_renewal = forms.BooleanField(label=_("Only registrations due for renewal"), required=False)

    def __init__(self, *args, booths, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["booth"].queryset = booths
        self.fields["occupation"].queryset = Occupation.objects.filter(
            level__in=[Occupation.Level.MAJOR, Occupation.Level.MIDDLE]
        ).order_by("code")
        self.fields["occupation"].label_from_instance = lambda occupation: f"{occupation.code} {occupation.name}"

    def clean_phone_tail(self) -> str:
        value = self.cleaned_data.get("phone_tail", "").strip()
        digits = "".join(c for c in value if c.isdigit())
        if value and (not digits or any(c not in "0123456789-. " for c in value)):
            raise ValidationError(_("Enter digits only."))
        return digits[-4:]


class ClaimForm(forms.Form):
    code = forms.CharField(label=_("Claim code"), max_length=12, help_text=_("The code the counselor gave you."))
    birth_date = forms.DateField(label=_("Birth date"), widget=DateInput(attrs={"autocomplete": "bday"}))
    username = forms.RegexField(
        label=_("User name"),
        regex=r"^[\w.@+-]{4,30}$",
        max_length=30,
        error_messages={"invalid": _("Use 4 to 30 letters, digits or . @ + - _")},
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    email = forms.EmailField(
        label=_("E-mail"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}), min_length=10
    )


class SignupForm(forms.Form):
    """A resident's own account, before the registration form."""

    last_name = forms.CharField(label=_("Family name"), max_length=20)
    first_name = forms.CharField(label=_("Given name"), max_length=30)
    username = forms.RegexField(
        label=_("User name"),
        regex=r"^[\w.@+-]{4,30}$",
        max_length=30,
        error_messages={"invalid": _("Use 4 to 30 letters, digits or . @ + - _")},
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    email = forms.EmailField(
        label=_("E-mail"), required=False, widget=forms.EmailInput(attrs={"autocomplete": "email"})
    )
    password = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}), min_length=10
    )

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(_("This user name is taken. Choose another."))
        return username

    def clean(self) -> dict:
        from seekers.services import name_typed_twice

        data = super().clean()
        last, first = data.get("last_name", ""), data.get("first_name", "")
        # "홍길동홍길동" in one box, or "홍길동" in both: the registration's duplicate rule would never match it.
        for name, value in (("last_name", last), ("first_name", first), ("first_name", last + first)):
            if value and name_typed_twice(value) and not self.has_error(name):
                self.add_error(name, _("The name seems to be typed twice (%(name)s). Enter it once.") % {"name": value})
        return data


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV or Excel file"), help_text=_("Columns as described in the import guide (UTF-8 CSV or .xlsx).")
    )
    booth = forms.ModelChoiceField(label=_("Home booth for rows without one"), queryset=Booth.objects.none())

    def __init__(self, *args, booths, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["booth"].queryset = booths
        self.fields["booth"].label_from_instance = lambda booth: f"{booth.centre.name} · {booth.name}"

    def clean_file(self):
        from jobcenter.security.uploads import validate_upload

        return validate_upload(self.cleaned_data["file"], extensions=("csv", "xlsx"))  # name, size, content


class BookingOutcomeForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            (Booking.Status.ATTENDED, Booking.Status.ATTENDED.label),
            (Booking.Status.NO_SHOW, Booking.Status.NO_SHOW.label),
        ],
    )
