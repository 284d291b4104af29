"""The employers' talent search (인재정보 검색): seekers who consented to be found (ConsentText.Kind.TALENT), shown
masked. Only the items that consent lists leave this module: desired occupations and regions (시군구), career years,
certificates, desired wage, education and an age band. Never a name, contact, birth date or address.

Who finds whom: the consent offers a seeker to companies for "일자리센터를 통한 채용 제안" (a recruiting proposal
through the job centre, whose counselor calls first), not to every company of a national service. A company therefore
finds the seekers registered at the job centres of its own 시도: the one of the centre that serves the company
(Company.centre, always set; the company's own address is optional)."""

import datetime
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Left
from django.http import Http404
from django.utils import timezone

from jobcenter.models import Centre, Region, WageType
from seekers.models import Career, Certificate, ConsentText, Seeker, holds_consent

HOURS_PER_MONTH = 209  # the statutory monthly hours of a 40-hour week (the board's wage filter uses the same)


def _career_days():
    today = timezone.localdate()
    length = ExpressionWrapper(Coalesce(F("ended_on"), Value(today)) - F("started_on"), output_field=DurationField())
    return Coalesce(
        Subquery(
            Career.objects.filter(seeker=OuterRef("pk"))
            .values("seeker")
            .annotate(total=Sum(length))
            .values("total")[:1],
            output_field=DurationField(),
        ),
        Value(datetime.timedelta(0)),
    )


def talent_area(company) -> Region | None:
    """The 시도 whose seekers `company` may find (see the module's docstring); None for no company."""
    if company is None:
        return None
    centre_region = Centre.objects.filter(pk=company.centre_id).values("region__code")[:1]
    return Region.objects.filter(level=Region.Level.SIDO, code=Left(Subquery(centre_region), 2)).first()


def talent_pool(area: Region | None) -> QuerySet[Seeker]:
    """Active, not erased seekers of the centres in `area` (a 시도) who hold the talent-search consent now; nobody
    without an area."""
    if area is None:
        return Seeker.objects.none()
    return Seeker.objects.filter(
        holds_consent(ConsentText.Kind.TALENT, OuterRef("pk")),
        status=Seeker.Status.ACTIVE,
        anonymised_at__isnull=True,
        centre__region__code__startswith=area.code,
    ).annotate(
        career_length=_career_days(),
        desired_monthly=Case(
            When(desired_wage_type=WageType.HOURLY, then=F("desired_wage") * HOURS_PER_MONTH),
            default=F("desired_wage"),
            output_field=IntegerField(),
        ),
    )


def talent_search(
    *,
    area: Region | None,
    occupation: str | None = None,
    region: str | None = None,
    min_career_years: int | None = None,
    certificate: str = "",
    max_wage: int | None = None,
) -> QuerySet[Seeker]:
    """Consenting seekers matching the employer's filters, the most recently active first.
    `max_wage` is the monthly wage the employer offers: seekers asking more (hourly × 209) are left out."""
    seekers = talent_pool(area)
    if occupation:
        seekers = seekers.filter(
            Exists(
                Seeker.desired_occupations.through.objects.filter(
                    seeker_id=OuterRef("pk"), occupation__code__startswith=occupation
                )
            )
        )
    if region:
        seekers = seekers.filter(
            Exists(
                Seeker.desired_regions.through.objects.filter(seeker_id=OuterRef("pk"), region__code__startswith=region)
            )
            | Exists(Seeker.objects.filter(pk=OuterRef("pk"), region__code__startswith=region))
        )
    if min_career_years:
        seekers = seekers.filter(career_length__gte=datetime.timedelta(days=round(365.25 * min_career_years)))
    if certificate.strip():
        seekers = seekers.filter(
            Exists(Certificate.objects.filter(seeker_id=OuterRef("pk"), name__icontains=certificate.strip()))
        )
    if max_wage:
        seekers = seekers.filter(Q(desired_monthly__lte=max_wage) | Q(desired_wage__isnull=True))
    return seekers.order_by("-last_activity_at", "-pk")


@dataclass
class TalentCard:
    """What an employer sees of one seeker: the talent-search consent's items, nothing else."""

    pk: int
    occupations: list[str] = field(default_factory=list)
    regions: list[str] = field(default_factory=list)
    career_years: int = 0
    careers: list[str] = field(default_factory=list)  # occupation and years of each entry, no company name
    certificates: list[str] = field(default_factory=list)
    wage_type: str = ""
    wage: int | None = None
    education: str = ""
    age_band: int = 0  # 20 for 20대


def _sigungu(region) -> str:
    """The 시군구 of a region (a 읍면동 is not shown): the seeker's place, never their street."""
    while region is not None and region.level not in ("sigungu", "sido"):
        region = region.parent
    return region.name if region is not None else ""


def talent_cards(seekers) -> list[TalentCard]:
    """Cards for a page of seekers in a fixed number of queries."""
    from django.db.models import Prefetch

    from jobcenter.models import Occupation, Region

    order = [getattr(seeker, "pk", seeker) for seeker in seekers]
    by_pk = (
        Seeker.objects.filter(pk__in=order)
        .prefetch_related(
            Prefetch("desired_occupations", queryset=Occupation.objects.all()),
            Prefetch("desired_regions", queryset=Region.objects.select_related("parent")),
            Prefetch("careers", queryset=Career.objects.select_related("occupation")),
            "certificates",
        )
        .in_bulk()
    )
    today = timezone.localdate()
    cards = []
    for pk in order:
        seeker = by_pk[pk]
        days = sum(((career.ended_on or today) - career.started_on).days for career in seeker.careers.all())
        careers = []
        for career in seeker.careers.all():
            years = ((career.ended_on or today) - career.started_on).days / 365.25
            name = career.occupation.name if career.occupation else ""
            careers.append((name, round(years, 1)))
        cards.append(
            TalentCard(
                pk=seeker.pk,
                occupations=[occupation.name for occupation in seeker.desired_occupations.all()],
                regions=sorted({_sigungu(region) for region in seeker.desired_regions.all()} - {""}),
                career_years=int(days // 365.25),
                careers=careers,
                certificates=[certificate.name for certificate in seeker.certificates.all()],
                wage_type=seeker.desired_wage_type,
                wage=seeker.desired_wage,
                education=seeker.get_education_level_display(),
                age_band=(seeker.age // 10) * 10 if seeker.birth_date else 0,
            )
        )
    return cards


def get_talent(pk: int, *, area: Region | None) -> Seeker:
    """One seeker of the talent search in `area`; 404 for anyone who has not consented (or withdrew) or is registered
    in another 시도, as for a made-up id."""
    try:
        return talent_pool(area).get(pk=pk)
    except Seeker.DoesNotExist as error:
        raise Http404 from error
