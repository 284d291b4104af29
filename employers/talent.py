"""The employer's talent search (인재정보 검색): find consenting seekers, masked, and ask the centre to refer one."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from employers.models import Vacancy
from employers.selectors import company_of_employer
from jobcenter.models import Occupation, Region
from jobcenter.permissions import employer_required
from seekers import talent
from seekers.models import AccessRecord
from seekers.services import access_record

PAGE_SIZE = 20


class TalentSearchForm(forms.Form):
    occupation = forms.ModelChoiceField(
        label=gettext_lazy("Desired occupation"),
        queryset=Occupation.objects.all(),
        required=False,
        empty_label=gettext_lazy("All occupations"),
    )
    region = forms.ModelChoiceField(
        label=gettext_lazy("Region"),
        queryset=Region.objects.all(),
        required=False,
        empty_label=gettext_lazy("All regions"),
    )
    min_career_years = forms.IntegerField(
        label=gettext_lazy("Career of at least (years)"), required=False, min_value=0, max_value=60
    )
    certificate = forms.CharField(label=gettext_lazy("Certificate"), required=False, max_length=50)
    max_wage = forms.IntegerField(
        label=gettext_lazy("Monthly wage you offer (KRW)"),
        required=False,
        min_value=0,
        max_value=100_000_000,
        help_text=gettext_lazy(
            "Shows people whose desired wage is at most this; an hourly wish counts as hourly × 209 hours a month."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["occupation"].label_from_instance = lambda obj: f"{obj.code} · {obj.name}"


class TalentRequestForm(forms.Form):
    vacancy = forms.ModelChoiceField(label=gettext_lazy("For which vacancy"), queryset=Vacancy.objects.none())
    note = forms.CharField(
        label=gettext_lazy("Message to the centre"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, company, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["vacancy"].queryset = company.vacancies.filter(status=Vacancy.Status.PUBLISHED).order_by("title")


@employer_required
def search(request: HttpRequest) -> HttpResponse:
    form = TalentSearchForm(request.GET or None)
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    area = talent.talent_area(company_of_employer(request.user))
    seekers = talent.talent_search(
        area=area,
        occupation=data["occupation"].code if data.get("occupation") else None,
        region=data["region"].code if data.get("region") else None,
        min_career_years=data.get("min_career_years"),
        certificate=data.get("certificate") or "",
        max_wage=data.get("max_wage"),
    ).only("pk")
    page = Paginator(seekers, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "cards": talent.talent_cards(page.object_list),
        "query": query.urlencode(),
        "area": area,
    }
    return render(request, "employers/talent.html", context)


def _requests_of(company, seeker) -> list:
    from matching.models import OPEN_STATES, Referral, ReferralSource

    return list(
        Referral.objects.filter(
            seeker=seeker, vacancy__company=company, source=ReferralSource.EMPLOYER, state__in=OPEN_STATES
        ).select_related("vacancy")
    )


@employer_required
def profile(request: HttpRequest, pk: int) -> HttpResponse:
    """One masked profile; 404 for a seeker who has not consented (or withdrew), for one registered in another 시도,
    and for an account without a company (it finds nobody)."""
    company = company_of_employer(request.user)
    seeker = talent.get_talent(pk, area=talent.talent_area(company))
    [card] = talent.talent_cards([seeker])
    # Masked, but still personal data of one person: the centre's 접속기록 says which employer account looked.
    access_record(
        user=request.user,
        seeker=seeker,
        action=AccessRecord.Action.VIEW,
        request=request,
        reason=_("Talent search: the masked profile (no name or contact)"),
    )
    context = {"card": card, "form": TalentRequestForm(company=company), "requests": _requests_of(company, seeker)}
    return render(request, "employers/talent_profile.html", context)


@employer_required
@require_POST
def request_referral(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask the centre to refer this person to one of the company's published vacancies."""
    from matching.services import referral_request_by_employer

    company = company_of_employer(request.user)
    seeker = talent.get_talent(pk, area=talent.talent_area(company))
    form = TalentRequestForm(request.POST, company=company)
    if form.is_valid():
        try:
            referral_request_by_employer(
                by=request.user, seeker=seeker, vacancy=form.cleaned_data["vacancy"], note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _(
                    "Your request is with the job centre. A counselor asks the job seeker and sends you the referral "
                    "if they agree."
                ),
            )
            return redirect("employers:talent_profile", pk=pk)
    else:
        messages.error(request, _("Choose one of your published vacancies."))
    return redirect("employers:talent_profile", pk=pk)
