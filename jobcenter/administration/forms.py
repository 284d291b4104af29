"""Forms of the administration pages. A person's name is one field (성명), as Koreans write it."""

import datetime
import re

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobcenter.models import STAFF_ROLES, Booth, Centre, Role, User

ROLE_CHOICES = [(value, label) for value, label in Role.choices if value in STAFF_ROLES]
USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{2,29}$")


def _squeeze(value: str) -> str:
    return " ".join((value or "").split())


class StaffForm(forms.Form):
    """Name, contact, role, centre and booth of a staff account (the invitation adds the login)."""

    name = forms.CharField(label=_("Full name (성명)"), max_length=50, help_text=_("As one field: 홍길동."))
    email = forms.EmailField(label=_("E-mail"), help_text=_("The invitation and password links go here."))
    phone = forms.CharField(label=_("Phone"), max_length=20, required=False)
    role = forms.ChoiceField(label=_("Role"), choices=ROLE_CHOICES, initial=Role.COUNSELOR)
    centre = forms.ModelChoiceField(
        label=_("Job centre"),
        queryset=Centre.objects.all(),
        required=False,
        help_text=_("Counselors and managers belong to a centre."),
    )
    booth = forms.ModelChoiceField(
        label=_("Usual booth"),
        queryset=Booth.objects.filter(is_active=True).select_related("centre"),
        required=False,
    )
    other_booths = forms.ModelMultipleChoiceField(
        label=_("Also serves at"),
        queryset=Booth.objects.filter(is_active=True).select_related("centre").order_by("centre__name", "name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Other booths of the same centre, such as a mobile desk on Tuesdays or an outreach booth."),
    )

    def clean_name(self) -> str:
        return _squeeze(self.cleaned_data["name"])

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean(self) -> dict:
        data = super().clean()
        role, centre, booth = data.get("role"), data.get("centre"), data.get("booth")
        if role in (Role.COUNSELOR, Role.MANAGER) and centre is None and "centre" not in self.errors:
            self.add_error("centre", _("Counselors and managers must belong to a centre."))
        if booth is not None and centre is not None and booth.centre_id != centre.pk:
            self.add_error("booth", _("Choose a booth of the same centre."))
        elsewhere = [other.name for other in data.get("other_booths") or () if centre and other.centre_id != centre.pk]
        if elsewhere:
            self.add_error(
                "other_booths",
                _("%(booths)s: a person serves only at booths of their own centre.") % {"booths": ", ".join(elsewhere)},
            )
        return data


class InviteForm(StaffForm):
    username = forms.CharField(
        label=_("Login"),
        max_length=30,
        help_text=_("Lower-case letters, digits, dots and hyphens; 3 to 30 characters."),
    )

    field_order = ["name", "username", "email", "phone", "role", "centre", "booth", "other_booths"]

    def clean_username(self) -> str:
        username = self.cleaned_data["username"].strip().lower()
        if not USERNAME_PATTERN.match(username):
            raise forms.ValidationError(_("Use 3 to 30 lower-case letters, digits, dots and hyphens."))
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("This login is taken; choose another."))
        return username


class ReassignForm(forms.Form):
    everyone = forms.BooleanField(label=_("Move every seeker of this counselor"), required=False)
    seekers = forms.ModelMultipleChoiceField(
        label=_("Or only these seekers"), queryset=None, widget=forms.CheckboxSelectMultiple, required=False
    )
    to = forms.ModelChoiceField(label=_("New counselor"), queryset=None)

    def __init__(self, *args, seekers, counselors, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["seekers"].queryset = seekers
        self.fields["to"].queryset = counselors
        self.fields["seekers"].label_from_instance = lambda seeker: f"{seeker.name} ({seeker.birth_date:%Y})"
        self.fields["to"].label_from_instance = lambda counselor: (
            _("%(name)s (%(count)s seekers now)")
            % {
                "name": counselor.get_full_name() or counselor.username,
                "count": getattr(counselor, "caseload", "?"),
            }
        )

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("everyone") and not data.get("seekers") and "seekers" not in self.errors:
            self.add_error("seekers", _("Choose the seekers to move, or move them all."))
        return data


class ClosedDayForm(forms.Form):
    centre = forms.ModelChoiceField(label=_("Job centre"), queryset=Centre.objects.all())
    date = forms.DateField(label=_("Date"))
    reason = forms.CharField(
        label=_("Reason"), max_length=100, help_text=_("Shown to the people whose visits are cancelled: 창립기념일.")
    )
    notify = forms.BooleanField(
        label=_("Tell the people booked that day that their visit is cancelled"), required=False, initial=True
    )

    def __init__(self, *args, centres, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["centre"].queryset = centres

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date <= timezone.localdate():
            raise forms.ValidationError(_("Choose a day after today."))
        return date

    def clean_reason(self) -> str:
        return _squeeze(self.cleaned_data["reason"])


class ConsentTextForm(forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 10}))
    purpose = forms.CharField(label=_("Purpose"), max_length=300)
    items = forms.CharField(label=_("Items collected"), max_length=300)
    retention = forms.CharField(label=_("Retention"), max_length=100)
    effective_from = forms.DateField(
        label=_("Effective from"),
        help_text=_("Consents given from this day on are to the new version."),
    )

    def clean_effective_from(self):
        day = self.cleaned_data["effective_from"]
        if day < timezone.localdate():
            raise forms.ValidationError(_("The effective date cannot be in the past."))
        return day


class CentreForm(forms.ModelForm):
    """A centre's contact details: the footer, job pages, letters and reports read them from here."""

    class Meta:
        model = Centre
        fields = ["name", "address", "phone"]

    def clean_phone(self) -> str:
        phone = _squeeze(self.cleaned_data["phone"])
        digits = re.sub(r"\D", "", phone)
        if phone and not (9 <= len(digits) <= 11 or re.fullmatch(r"1[5-9]\d{6}", digits)):
            raise forms.ValidationError(_("Write the number as dialled, for example 032-560-4000."))
        return phone


class BoothForm(forms.ModelForm):
    target_groups = forms.MultipleChoiceField(
        label=_("Target groups"),
        choices=Booth.Speciality.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick every group the booth serves with particular care; none for a general booth."),
    )

    class Meta:
        model = Booth
        fields = ["name", "location", "target_groups", "is_active"]


class LegalNoticeForm(forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 18}))
    effective_from = forms.DateField(label=_("Effective from"))


class CodeTableForm(forms.Form):
    table = forms.ChoiceField(label=_("Table"))
    region_level = forms.ChoiceField(
        label=_("Level of the regions in the file"), required=False, help_text=_("Only for regions.")
    )
    file = forms.FileField(label=_("CSV file (UTF-8)"), required=False)
    text = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        from jobcenter.administration.codes import TABLES
        from jobcenter.models import Region

        super().__init__(*args, **kwargs)
        self.fields["table"].choices = [(key, label) for key, (label, _model, _columns) in TABLES.items()]
        self.fields["region_level"].choices = Region.Level.choices
        self.fields["region_level"].initial = Region.Level.EUPMYEONDONG

    def clean(self) -> dict:
        from jobcenter.administration.codes import MAX_BYTES

        data = super().clean()
        upload = data.get("file")
        if upload is not None:
            if upload.size > MAX_BYTES:
                self.add_error("file", _("The file is larger than 5 MB."))
                return data
            raw = upload.read()
            try:
                data["text"] = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                self.add_error("file", _("Save the file as CSV UTF-8 (Excel: CSV UTF-8) and choose it again."))
        elif not data.get("text"):
            self.add_error("file", _("Choose the file."))
        return data


class NoticeTemplateForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("The same text goes by e-mail and by text message. Write a variable as {{ name }}."),
    )

    def __init__(self, *args, template: str, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.template = template

    def _checked(self, name: str) -> str:
        from jobcenter.notice_templates import check_text

        text = self.cleaned_data[name]
        check_text(self.template, text)
        return text

    def clean_subject(self) -> str:
        return self._checked("subject")

    def clean_body(self) -> str:
        return self._checked("body")


# --- A booth's opening hours ----------------------------------------------------------------------------------


def parse_time(text: str) -> datetime.time:
    """A time as people type it on the 24-hour clock: 9:00, 09:00, 0900, 900, or 9 for 9 o'clock."""
    compact = "".join(text.split()).replace("：", ":")
    if re.fullmatch(r"\d{1,2}:\d{2}", compact):
        hour, minute = compact.split(":")
    elif re.fullmatch(r"\d{3,4}", compact):
        hour, minute = compact[:-2], compact[-2:]
    elif re.fullmatch(r"\d{1,2}", compact):
        hour, minute = compact, "0"
    else:
        raise forms.ValidationError(_("Write the time as 09:00."), code="time")
    if not (0 <= int(hour) <= 23 and 0 <= int(minute) <= 59):
        raise forms.ValidationError(_("Write the time as 09:00."), code="time")
    return datetime.time(int(hour), int(minute))


class TimeTextField(forms.Field):
    """A time typed as text (9:00, 09:00, 0900), shown back as 09:00. Empty is allowed (a closed day)."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"size": 6, "maxlength": 8, "autocomplete": "off"}))
        super().__init__(**kwargs)

    def prepare_value(self, value):
        return f"{value:%H:%M}" if isinstance(value, datetime.time) else value

    def to_python(self, value) -> datetime.time | None:
        text = str(value or "").strip()
        return parse_time(text) if text else None


class DayHoursForm(forms.Form):
    """One weekday of a booth: open from–to with an optional lunch break, and the length of a visit slot. All
    times empty: the booth is closed that day."""

    opens_at = TimeTextField(label=_("Opens"))
    closes_at = TimeTextField(label=_("Closes"))
    break_starts = TimeTextField(label=_("Lunch break from"))
    break_ends = TimeTextField(label=_("Lunch break until"))
    slot_minutes = forms.IntegerField(
        label=_("Slot (minutes)"),
        required=False,
        widget=forms.NumberInput(attrs={"min": 10, "max": 240, "step": 5, "inputmode": "numeric"}),
    )

    def __init__(self, *args, weekday: int | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if weekday is None:
            return
        from seekers.models import OpeningHours

        day = dict(OpeningHours._meta.get_field("weekday").choices)[weekday]
        for field in self.fields.values():  # "토요일 시작 시각" in the summary of errors; the row says the day
            field.short_label, field.label = field.label, f"{day} {field.label}"

    def clean(self) -> dict:
        data = super().clean()
        if self.errors:
            return data
        opens, closes = data.get("opens_at"), data.get("closes_at")
        starts, ends = data.get("break_starts"), data.get("break_ends")
        minutes = data.get("slot_minutes")
        if not any((opens, closes, starts, ends)):
            data["periods"] = []
            return data
        if opens is None or closes is None:
            raise forms.ValidationError(
                _("Write both the opening and the closing time, or leave the day empty if the booth is closed.")
            )
        if closes <= opens:
            self.add_error("closes_at", _("Closing time must be after opening time."))
            return data
        if (starts is None) != (ends is None):
            raise forms.ValidationError(_("Write when the lunch break starts and ends, or leave both empty."))
        if starts is not None and not (opens < starts < ends < closes):
            self.add_error("break_ends", _("The lunch break lies between the opening and the closing time."))
            return data
        if minutes is None:
            self.add_error("slot_minutes", _("Write how long a visit slot lasts, in minutes."))
            return data
        if not 10 <= minutes <= 240:
            self.add_error("slot_minutes", _("A slot lasts between 10 and 240 minutes."))
            return data
        periods = [(opens, starts), (ends, closes)] if starts is not None else [(opens, closes)]
        if not any(_minutes_between(start, end) >= minutes for start, end in periods):
            self.add_error(
                "slot_minutes", _("No slot of %(minutes)s minutes fits in these hours.") % {"minutes": minutes}
            )
            return data
        data["periods"] = periods
        return data


def _minutes_between(start: datetime.time, end: datetime.time) -> int:
    return (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)


class BaseWeekHoursFormSet(forms.BaseFormSet):
    """Monday to Sunday, one form each (form i is weekday i)."""

    def get_form_kwargs(self, index: int | None) -> dict:
        return {**super().get_form_kwargs(index), "weekday": index}

    def clean(self) -> None:
        if any(form.errors for form in self.forms):
            return
        if not any(form.cleaned_data.get("periods") for form in self.forms):
            raise forms.ValidationError(
                _("Open the booth on at least one day. To take no more bookings there, set the booth inactive.")
            )

    def rows(self) -> list:
        """The week as OpeningHours rows to save: (weekday, opens_at, closes_at, slot_minutes)."""
        from jobcenter.administration.services import HoursRow

        return [
            HoursRow(weekday, start, end, form.cleaned_data["slot_minutes"])
            for weekday, form in enumerate(self.forms)
            for start, end in form.cleaned_data["periods"]
        ]


WeekHoursFormSet = forms.formset_factory(
    DayHoursForm,
    formset=BaseWeekHoursFormSet,
    extra=0,
    min_num=7,
    max_num=7,
    validate_min=True,
    validate_max=True,
)


def week_hours_initial(rows: list) -> list[dict]:
    """The formset's starting values from a booth's OpeningHours rows: per weekday the first period, and the gap
    between the first two periods as the lunch break."""
    initial = []
    for weekday in range(7):
        day = sorted((row for row in rows if row.weekday == weekday), key=lambda row: row.opens_at)
        if not day:
            initial.append({})
            continue
        first, last = day[0], day[-1]
        values = {"opens_at": first.opens_at, "closes_at": last.closes_at, "slot_minutes": first.slot_minutes}
        if len(day) > 1:
            values.update(break_starts=first.closes_at, break_ends=day[1].opens_at)
        initial.append(values)
    return initial
