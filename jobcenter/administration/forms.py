"""Forms of the administration pages. A person's name is one field (성명), as Koreans write it."""

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
