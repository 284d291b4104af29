import datetime
import re

from django import forms
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from employers.models import Company
from jobcenter.models import EmploymentType, Industry, Occupation, Region, User, WageType
from jobcenter.widgets import KrdsDateInput
from outreach import interfaces, selectors
from outreach.models import (
    DifficultyCategory,
    LocalHireAgreement,
    MobileDesk,
    PartnerInstitution,
    PartnerLinkage,
    Weekday,
)
from outreach.services import DiscoveredOpening, FollowUp, NewCompany, VisitInput

DATE = KrdsDateInput()


def week_choices() -> list[tuple[int, str]]:
    return [(n, gettext("Week %(n)s") % {"n": n}) for n in range(1, 6)]


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.username


class StaffMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.username


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Team name"), max_length=100)
    members = StaffMultipleChoiceField(
        label=_("Members"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = selectors.centre_staff(user.centre_id)


class VisitPlanForm(forms.Form):
    team = forms.ModelChoiceField(label=_("Team"), queryset=None)
    title = forms.CharField(label=_("Title"), max_length=120, help_text=_("For example: 2026 second half, Seo-gu."))
    weekdays = forms.TypedMultipleChoiceField(
        label=_("Visit days"), choices=Weekday.choices, coerce=int, widget=forms.CheckboxSelectMultiple
    )
    starts_on = forms.DateField(label=_("First day"), widget=DATE)
    ends_on = forms.DateField(label=_("Last day"), widget=DATE)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = selectors.teams_for_user(user)

    def clean(self) -> dict:
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The last day cannot be before the first day."))
        if data.get("starts_on") and data.get("ends_on") and (data["ends_on"] - data["starts_on"]).days > 366:
            self.add_error("ends_on", _("A plan covers at most one year."))
        return data


class CompanyFilterForm(forms.Form):
    """Choosing companies: by industry, size, region, time since the last visit, number of employees."""

    industry = forms.ModelChoiceField(label=_("Industry"), queryset=Industry.objects.all(), required=False)
    size = forms.ChoiceField(label=_("Size"), choices=[("", _("Any size")), *Company.Size.choices], required=False)
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=Region.objects.exclude(level=Region.Level.SIDO).order_by("code"),
        required=False,
    )
    not_visited_months = forms.IntegerField(
        label=_("Not visited for (months)"),
        min_value=0,
        max_value=120,
        required=False,
        help_text=_("Companies never visited are included."),
    )
    min_employees = forms.IntegerField(label=_("At least this many employees"), min_value=0, required=False)

    def __init__(self, *args, centre=None, **kwargs):
        super().__init__(*args, **kwargs)
        if centre is not None:
            # The centre's own 시군구 and its 읍면동.
            prefix = centre.region_id[:5]
            self.fields["region"].queryset = Region.objects.filter(code__startswith=prefix).order_by("code")

    def filters(self) -> dict:
        data = self.cleaned_data if self.is_valid() else {}
        return {
            "industry": data["industry"].code if data.get("industry") else "",
            "size": data.get("size") or "",
            "region": data["region"].code if data.get("region") else "",
            "not_visited_months": data.get("not_visited_months"),
            "min_employees": data.get("min_employees"),
        }


class AddTargetsForm(forms.Form):
    companies = forms.ModelMultipleChoiceField(
        label=_("Companies"), queryset=Company.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    per_day = forms.IntegerField(label=_("Visits a day"), min_value=1, max_value=10, initial=3)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["companies"].queryset = interfaces.companies_for_user(user).filter(centre_id=user.centre_id)


class VisitForm(forms.Form):
    """The visit log, one page for a phone: who, where, what was heard, what was found."""

    visited_on = forms.DateField(label=_("Date of visit"), widget=DATE)
    team = forms.ModelChoiceField(label=_("Team"), queryset=None, required=False)
    members = StaffMultipleChoiceField(
        label=_("Visitors"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Who went; you, if nobody is ticked."),
    )
    company = forms.ModelChoiceField(
        label=_("Company visited"),
        queryset=Company.objects.none(),
        required=False,
        empty_label=_("— a new company (enter it below) —"),
    )
    new_name = forms.CharField(label=_("New company: name"), max_length=100, required=False)
    new_business_number = forms.CharField(
        label=_("New company: business registration number"),
        max_length=14,
        required=False,
        help_text=_("10 digits; checked against the companies already registered."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    new_address = forms.CharField(label=_("New company: address"), max_length=200, required=False)
    new_industry = forms.ModelChoiceField(
        label=_("New company: industry"), queryset=Industry.objects.all(), required=False
    )
    person_met = forms.CharField(label=_("Person met"), max_length=100, required=False)
    person_met_role = forms.CharField(label=_("Their position"), max_length=50, required=False)
    contact_phone = forms.CharField(
        label=_("Contact phone"), max_length=20, required=False, widget=forms.TextInput(attrs={"type": "tel"})
    )
    employee_count = forms.IntegerField(label=_("Number of employees"), min_value=0, required=False)
    business_conditions = forms.CharField(
        label=_("Business conditions"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["team"].queryset = selectors.teams_for_user(user)
        self.fields["members"].queryset = selectors.centre_staff(user.centre_id)
        self.fields["company"].queryset = interfaces.companies_for_user(user).filter(centre_id=user.centre_id)
        self.fields["new_business_number"].widget.attrs.update(
            {
                "hx-get": reverse("outreach:business_number_check"),
                "hx-trigger": "change",
                "hx-target": "#business-number-check",
                "hx-swap": "outerHTML",
            }
        )
        for value, label in DifficultyCategory.choices:
            self.fields[f"difficulty_{value}"] = forms.BooleanField(label=label, required=False)
            self.fields[f"difficulty_{value}_notes"] = forms.CharField(
                label=_("Notes: %(category)s") % {"category": label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def difficulty_rows(self) -> list[tuple]:
        return [(self[f"difficulty_{value}"], self[f"difficulty_{value}_notes"]) for value in DifficultyCategory.values]

    def clean_new_business_number(self) -> str:
        number = interfaces.normalise_business_number(self.cleaned_data.get("new_business_number", ""))
        if not number:
            return ""
        interfaces.validate_business_number(number)
        return number

    def clean(self) -> dict:
        data = super().clean()
        if data.get("company") and (data.get("new_name") or data.get("new_business_number")):
            self.add_error("company", _("Choose an existing company or enter a new one, not both."))
        elif not data.get("company"):
            if not data.get("new_name"):
                self.add_error("new_name", _("Choose the company visited, or enter the new company's name."))
            if not data.get("new_business_number") and "new_business_number" not in self.errors:
                self.add_error("new_business_number", _("Enter the new company's business registration number."))
            elif data.get("new_business_number"):
                existing = Company.objects.filter(business_number=data["new_business_number"]).first()
                if existing is not None:
                    if existing.centre_id == self.user.centre_id:
                        message = _(
                            "%(name)s is already registered with this number: choose it in the company list."
                        ) % {"name": existing.name}
                    else:
                        message = _("A company with this number is already registered with another centre.")
                    self.add_error("new_business_number", message)
        return data

    def to_input(self, *, follow_ups: list[FollowUp], vacancies: list[DiscoveredOpening], plan_target=None):
        data = self.cleaned_data
        new_company = None
        if not data.get("company"):
            new_company = NewCompany(
                name=data["new_name"],
                business_number=data["new_business_number"],
                address=data.get("new_address", ""),
                contact_name=data.get("person_met", ""),
                contact_phone=data.get("contact_phone", ""),
                industry=data.get("new_industry"),
            )
        difficulties = {
            value: data.get(f"difficulty_{value}_notes", "")
            for value in DifficultyCategory.values
            if data.get(f"difficulty_{value}") or data.get(f"difficulty_{value}_notes")
        }
        return VisitInput(
            visited_on=data["visited_on"],
            company=data.get("company"),
            new_company=new_company,
            team=data.get("team"),
            members=list(data.get("members") or []),
            person_met=data.get("person_met", ""),
            person_met_role=data.get("person_met_role", ""),
            employee_count=data.get("employee_count"),
            business_conditions=data.get("business_conditions", ""),
            difficulties=difficulties,
            follow_ups=follow_ups,
            vacancies=vacancies,
            plan_target=plan_target,
        )


class DiscoveredVacancyForm(forms.Form):
    title = forms.CharField(label=_("Job title"), max_length=120)
    occupation = forms.ModelChoiceField(
        label=_("Occupation"), queryset=Occupation.objects.filter(level=Occupation.Level.MIDDLE)
    )
    openings = forms.IntegerField(label=_("Openings"), min_value=1, max_value=999, initial=1)
    employment_type = forms.ChoiceField(
        label=_("Employment type"), choices=EmploymentType.choices, initial=EmploymentType.FULL_TIME
    )
    wage_type = forms.ChoiceField(label=_("Wage type"), choices=WageType.choices, initial=WageType.MONTHLY)
    wage_amount = forms.IntegerField(label=_("Wage (KRW)"), min_value=0, required=False)
    notes = forms.CharField(label=_("Duties and notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def has_changed(self) -> bool:
        # Rows left blank are skipped; the pre-selected choices alone do not make a row.
        return any(str(self.data.get(self.add_prefix(name), "")).strip() for name in ("title", "wage_amount", "notes"))

    def opening(self) -> DiscoveredOpening:
        data = self.cleaned_data
        return DiscoveredOpening(
            title=data["title"],
            occupation=data["occupation"],
            openings=data["openings"],
            employment_type=data["employment_type"],
            wage_type=data["wage_type"],
            wage_amount=data.get("wage_amount"),
            notes=data.get("notes", ""),
        )


class FollowUpForm(forms.Form):
    description = forms.CharField(label=_("Follow-up action"), max_length=300)
    owner = StaffChoiceField(label=_("Owner"), queryset=User.objects.none())
    due_on = forms.DateField(label=_("Due date"), widget=DATE)

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = selectors.centre_staff(user.centre_id)
        self.fields["owner"].initial = user.pk

    def has_changed(self) -> bool:
        return any(str(self.data.get(self.add_prefix(name), "")).strip() for name in ("description", "due_on"))

    def follow_up(self) -> FollowUp:
        data = self.cleaned_data
        return FollowUp(description=data["description"], owner=data["owner"], due_on=data["due_on"])


DiscoveredVacancyFormSet = forms.formset_factory(DiscoveredVacancyForm, extra=2, max_num=20, validate_max=True)
FollowUpFormSet = forms.formset_factory(FollowUpForm, extra=2, max_num=20, validate_max=True)


class ReportForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    month = forms.TypedChoiceField(
        label=_("Month"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", _("Whole year")), *[(m, str(m)) for m in range(1, 13)]],
    )
    team = forms.ModelChoiceField(label=_("Team"), queryset=None, required=False, empty_label=_("All teams"))

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = selectors.teams_for_user(user)
        self.fields["year"].initial = timezone.localdate().year

    def period(self) -> tuple[datetime.date, datetime.date]:
        year, month = self.cleaned_data["year"], self.cleaned_data.get("month")
        if month:
            start = datetime.date(year, month, 1)
            end = (start + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
            return start, end
        return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


class MobileDeskForm(forms.ModelForm):
    weeks_of_month = forms.TypedMultipleChoiceField(
        label=_("Weeks of the month"),
        choices=week_choices,  # a callable: the labels are read in the language of each request
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("For example the 2nd and 4th; none for every week."),
    )

    class Meta:
        model = MobileDesk
        fields = ["name", "place", "address", "weekday", "weeks_of_month", "starts_at", "ends_at"]
        widgets = {
            "starts_at": forms.TimeInput(attrs={"type": "time"}),
            "ends_at": forms.TimeInput(attrs={"type": "time"}),
        }


class DeskSessionForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    staff = StaffMultipleChoiceField(
        label=_("Staff present"), queryset=User.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = selectors.centre_staff(user.centre_id)


class PartnerForm(forms.ModelForm):
    class Meta:
        model = PartnerInstitution
        fields = ["name", "kind", "contact_name", "phone", "email", "address", "services"]
        widgets = {"services": forms.Textarea(attrs={"rows": 3})}


class PartnerLinkForm(forms.Form):
    """Link one seeker to a partner for a service; the seeker's consent is asked and recorded first."""

    partner = forms.ModelChoiceField(label=_("Partner institution"), queryset=None, empty_label=_("— choose —"))
    service = forms.CharField(
        label=_("Service"),
        max_length=200,
        help_text=_("For example: emergency welfare support, caregiver certificate course."),
    )
    consent_given = forms.BooleanField(
        label=_("The seeker agrees that their details go to this partner for this service"), required=False
    )
    consent_channel = forms.ChoiceField(
        label=_("How the seeker gave consent"), choices=PartnerLinkage.ConsentChannel.choices
    )

    def __init__(self, *args, partners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = partners

    def clean_consent_given(self) -> bool:
        if not self.cleaned_data.get("consent_given"):
            raise forms.ValidationError(_("The seeker's consent is needed before their details go to a partner."))
        return True


class LinkageOutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[choice for choice in PartnerLinkage.Outcome.choices if choice[0] != PartnerLinkage.Outcome.PENDING],
    )
    outcome_notes = forms.CharField(label=_("Outcome notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AgreementForm(forms.ModelForm):
    class Meta:
        model = LocalHireAgreement
        fields = ["company", "party_name", "signed_on", "job_types", "contact_name", "contact_phone", "notes"]
        widgets = {"signed_on": DATE, "notes": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"party_name": _("Leave empty to use the registered company's name.")}

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["company"].queryset = interfaces.companies_for_user(user).filter(centre_id=user.centre_id)
        self.fields["company"].required = False
        self.fields["company"].empty_label = _("— an institution not registered as a company —")
        self.fields["party_name"].required = False

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("company") and not data.get("party_name"):
            self.add_error("party_name", _("Name the company or institution, or choose a registered company."))
        return data

    def service_fields(self) -> dict:
        return {key: value for key, value in self.cleaned_data.items() if key != "company"}


class PlacementChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.seeker.name} · {obj.employer_name} {obj.job_title} · {obj.start_date:%Y-%m-%d}"


class AgreementHireForm(forms.Form):
    placement = PlacementChoiceField(label=_("Placement"), queryset=None, empty_label=_("— choose —"))

    def __init__(self, *args, placements, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["placement"].queryset = placements


class CampaignForm(forms.Form):
    name = forms.CharField(label=_("Campaign name"), max_length=120)
    sent_on = forms.DateField(label=_("Letters sent on"), widget=DATE)
    letter = forms.CharField(
        label=_("Letter"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "{company} and {contact} are replaced with each company's name and contact person, {centre_phone} with "
            "the centre's telephone."
        ),
    )

    def clean_letter(self) -> str:
        letter = self.cleaned_data["letter"]
        # The centre's number comes from its record (administration), so a letter never shows a stale one.
        if TYPED_PHONE.search(letter):
            raise forms.ValidationError(
                _("Write {centre_phone} instead of a telephone number: the centre's number is taken from its record.")
            )
        return letter


# A telephone number as typed in a letter: 032-560-4000, 02-123-4567, 1588-1234 (not a date or an amount).
TYPED_PHONE = re.compile(r"(?<![\d-])(0\d{1,2}-\d{3,4}-\d{4}|1[5-9]\d{2}-\d{4})(?![\d-])")


class DeskConsultationForm(forms.Form):
    seeker = forms.ModelChoiceField(label=_("Job seeker"), queryset=None, empty_label=_("— choose —"))
    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=(), required=False, widget=forms.CheckboxSelectMultiple
    )
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, seekers, **kwargs):
        from seekers.models import Consultation

        super().__init__(*args, **kwargs)
        self.fields["seeker"].queryset = seekers
        self.fields["topics"].choices = Consultation.Topic.choices


class DeskRegistrationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=50)
    birth_date = forms.DateField(label=_("Birth date"), widget=DATE)
    phone = forms.CharField(
        label=_("Mobile phone"), max_length=13, required=False, widget=forms.TextInput(attrs={"type": "tel"})
    )
    consent_collection = forms.BooleanField(
        label=_("The resident agrees to the collection and use of personal data (required)"), required=False
    )
    consent_job_news = forms.BooleanField(label=_("The resident wants to receive job news (optional)"), required=False)

    def clean_consent_collection(self) -> bool:
        if not self.cleaned_data.get("consent_collection"):
            raise forms.ValidationError(_("Registration needs the consent to the collection and use of personal data."))
        return True

    def consents(self) -> list[str]:
        from seekers.models import ConsentText

        kinds = [ConsentText.Kind.COLLECTION]
        if self.cleaned_data.get("consent_job_news"):
            kinds.append(ConsentText.Kind.JOB_NEWS)
        return kinds

    def seeker_data(self) -> dict:
        return {key: self.cleaned_data[key] for key in ("name", "birth_date", "phone")}
