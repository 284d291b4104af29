from django import forms
from django.utils.translation import gettext_lazy as _

from employers.models import ApplicationMethod, Company, ImportBatch, Vacancy
from employers.validators import normalize_business_number, validate_business_number
from jobcenter.models import Centre, EmploymentType, Industry, Occupation, Region, TargetGroup
from jobcenter.widgets import CertificateNameInput, KrdsDateInput


class RegionChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        queryset = Region.objects.filter(level__in=[Region.Level.SIGUNGU, Region.Level.EUPMYEONDONG]).select_related(
            "parent", "parent__parent"
        )
        super().__init__(queryset=queryset, **kwargs)

    def label_from_instance(self, obj: Region) -> str:
        return obj.full_name


class OccupationChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(queryset=Occupation.objects.exclude(level=Occupation.Level.MAJOR), **kwargs)

    def label_from_instance(self, obj: Occupation) -> str:
        return f"{obj.code} · {obj.name}"


class IndustryChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(queryset=Industry.objects.all(), **kwargs)

    def label_from_instance(self, obj: Industry) -> str:
        return f"{obj.code} · {obj.name}"


class BusinessNumberField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Business registration number"))
        kwargs.setdefault("help_text", _("사업자등록번호: 10 digits, with or without hyphens (123-45-67890)."))
        kwargs.setdefault("max_length", 14)
        super().__init__(**kwargs)

    def clean(self, value):
        value = normalize_business_number(super().clean(value))
        validate_business_number(value)
        return value


class CompanyForm(forms.ModelForm):
    """A company's details (shared by sign-up and the counselor's record)."""

    business_number = BusinessNumberField()
    industry = IndustryChoiceField(label=_("Industry (KSIC section)"), required=False)
    region = RegionChoiceField(label=_("Region"))

    class Meta:
        model = Company
        fields = [
            "name",
            "business_number",
            "representative",
            "industry",
            "size",
            "region",
            "address",
            "contact_name",
            "contact_phone",
            "contact_email",
        ]
        widgets = {"contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"})}

    def clean_business_number(self) -> str:
        number = self.cleaned_data["business_number"]
        others = Company.objects.filter(business_number=number)
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        if others.exists():
            raise forms.ValidationError(
                _(
                    "A company with this business registration number is already registered. "
                    "Ask a colleague to invite you, or call the job centre."
                )
            )
        return number

    def company_fields(self) -> dict:
        data = dict(self.cleaned_data)
        data.pop("business_number", None)
        return data


class PortalCompanyForm(forms.ModelForm):
    """What an employer may change about its own company (the registration number stays)."""

    industry = IndustryChoiceField(label=_("Industry (KSIC section)"), required=False)
    region = RegionChoiceField(label=_("Region"))

    class Meta:
        model = Company
        fields = [name for name in CompanyForm.Meta.fields if name != "business_number"]

    def company_fields(self) -> dict:
        return dict(self.cleaned_data)


class CounselorCompanyForm(CompanyForm):
    source = forms.ChoiceField(
        label=_("How the centre met the company"),
        choices=[
            (Company.Source.COUNSELOR, _("Phone or visit to the centre")),
            (Company.Source.FIELD_VISIT, _("Field visit")),
        ],
    )

    class Meta(CompanyForm.Meta):
        fields = [*CompanyForm.Meta.fields, "source", "external_ref"]

    def company_fields(self) -> dict:
        data = super().company_fields()
        data.pop("source", None)
        data["external_ref"] = data.get("external_ref") or None
        return data


class SignupForm(CompanyForm):
    """Employer sign-up: the account and the company in one form."""

    username = forms.CharField(label=_("Login name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}), strip=False
    )
    password2 = forms.CharField(
        label=_("Password again"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}), strip=False
    )
    last_name = forms.CharField(label=_("Your family name"), max_length=150)
    first_name = forms.CharField(label=_("Your given name"), max_length=150)
    email = forms.EmailField(label=_("Your e-mail"))
    phone = forms.CharField(
        label=_("Your phone"), max_length=20, required=False, widget=forms.TextInput(attrs={"type": "tel"})
    )
    centre = forms.ModelChoiceField(
        label=_("Job centre"), queryset=Centre.objects.all(), help_text=_("The job centre of your company's area.")
    )

    field_order = [
        "name",
        "business_number",
        "representative",
        "industry",
        "size",
        "region",
        "address",
        "centre",
        "contact_name",
        "contact_phone",
        "contact_email",
        "last_name",
        "first_name",
        "email",
        "phone",
        "username",
        "password1",
        "password2",
    ]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return cleaned

    def company_fields(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in CompanyForm.Meta.fields}
        data.pop("business_number")
        return data


class InvitationAcceptForm(forms.Form):
    last_name = forms.CharField(label=_("Your family name"), max_length=150)
    first_name = forms.CharField(label=_("Your given name"), max_length=150)
    phone = forms.CharField(
        label=_("Your phone"), max_length=20, required=False, widget=forms.TextInput(attrs={"type": "tel"})
    )
    username = forms.CharField(label=_("Login name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}), strip=False
    )
    password2 = forms.CharField(
        label=_("Password again"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}), strip=False
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return cleaned


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail of the person to invite"))


class VacancyForm(forms.ModelForm):
    occupation = OccupationChoiceField(label=_("Occupation (KECO)"), required=False)
    region = RegionChoiceField(label=_("Workplace region"), required=False)
    suitable_for = forms.MultipleChoiceField(
        label=_("Suits these groups"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For example suitable for 신중년 or accessible for disabled workers."),
    )

    class Meta:
        model = Vacancy
        fields = [
            "title",
            "occupation",
            "duties",
            "openings",
            "employment_type",
            "wage_type",
            "wage_amount",
            "working_days",
            "working_hours",
            "weekly_hours",
            "shifts",
            "region",
            "address",
            "education_required",
            "experience_years",
            "certificates_required",
            "suitable_for",
            "benefits",
            "deadline",
            "contact",
            "hiring_steps",
            "accepts_accompanied_interview",
            "application_method",
        ]
        widgets = {
            "deadline": KrdsDateInput(),
            "duties": forms.Textarea(attrs={"rows": 4}),
            "benefits": forms.Textarea(attrs={"rows": 3}),
            "certificates_required": CertificateNameInput(),
        }
        help_texts = {
            "certificates_required": _("Do not state an age limit: age discrimination in hiring is unlawful."),
            "wage_amount": _("In won. At least the legal minimum wage (monthly: hourly minimum × 209 hours)."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["openings"].min_value = 1
        self.fields["openings"].widget.attrs["min"] = 1
        # Older clients (the import, API callers, saved drafts) send no choice: the vacancy keeps what it has.
        self.fields["application_method"].required = False
        self.fields["application_method"].widget = forms.RadioSelect(choices=ApplicationMethod.choices)

    def clean_application_method(self) -> str:
        chosen = self.cleaned_data.get("application_method")
        return chosen or self.instance.application_method or ApplicationMethod.CENTRE

    def clean_openings(self) -> int:
        openings = self.cleaned_data["openings"]
        if openings is None or openings < 1:
            raise forms.ValidationError(_("A vacancy has at least one opening."))
        return openings

    def clean(self):
        from employers.services import vacancy_law_errors

        cleaned = super().clean()
        probe = Vacancy(**{name: cleaned.get(name) for name in ("wage_type", "wage_amount", "weekly_hours")})
        for name in ("title", "duties", "certificates_required", "hiring_steps", "benefits", "contact"):
            setattr(probe, name, cleaned.get(name) or "")
        for name, messages in vacancy_law_errors(probe).items():
            for message in messages:
                if name in self.fields:
                    self.add_error(name, message)
        return cleaned

    def vacancy_fields(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class CounselorVacancyForm(VacancyForm):
    source = forms.ChoiceField(
        label=_("Where the vacancy came from"),
        choices=[(value, label) for value, label in Vacancy.Source.choices if value not in ("portal", "import")],
    )


class ReturnForm(forms.Form):
    comment = forms.CharField(
        label=_("What should the employer change?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )


class BoardFilterForm(forms.Form):
    """The job board's search: every field optional; bad values become form errors, never a 500."""

    SORTS = [
        ("new", _("Newest first")),
        ("deadline", _("Deadline soonest")),
        ("wage", _("Highest wage")),
    ]

    q = forms.CharField(label=_("Keyword"), required=False, max_length=100)
    occupation = forms.ModelChoiceField(
        label=_("Occupation"), queryset=Occupation.objects.all(), required=False, empty_label=_("All occupations")
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.all(),
        required=False,
        empty_label=_("All regions"),
    )
    employment_type = forms.ChoiceField(
        label=_("Employment type"), choices=[("", _("All types")), *EmploymentType.choices], required=False
    )
    min_wage = forms.IntegerField(label=_("Monthly wage at least (KRW)"), required=False, min_value=0)
    deadline_after = forms.DateField(label=_("Open at least until"), required=False, widget=KrdsDateInput())
    sort = forms.ChoiceField(label=_("Sort"), choices=SORTS, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occupation"].label_from_instance = lambda obj: f"{obj.code} · {obj.name}"


class ImportForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=ImportBatch.Kind.choices)
    file = forms.FileField(
        label=_("CSV or Excel file"), help_text=_("UTF-8 CSV or .xlsx, with the columns described in the guide.")
    )

    def clean_file(self):
        from jobcenter.security.uploads import validate_upload

        return validate_upload(self.cleaned_data["file"], extensions=("csv", "xlsx"))  # name, size, content
