"""The data check's rules for referrals, interviews, placements and follow-ups (jobcenter/datacheck.py)."""

from collections.abc import Iterator

from django.db.models import Count, Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from employers.models import Vacancy
from employers.validators import MAX_WEEKLY_HOURS, minimum_wage_for
from jobcenter.datacheck import Finding, Rule
from matching.models import OPEN_STATES, FollowUp, Interview, Placement, Referral, ReferralState, ReferralTransition
from matching.services import INTERVIEW_HOURS, follow_up_months

CLOSED_VACANCY = (Vacancy.Status.CLOSED, Vacancy.Status.EXPIRED, Vacancy.Status.FILLED)


def _in_centre(queryset, centre_id: int | None, field: str = "centre_id"):
    return queryset if centre_id is None else queryset.filter(**{field: centre_id})


def _referral_finding(referral: Referral, detail: str) -> Finding:
    return Finding(
        label=f"{referral.seeker.name} → {referral.vacancy.title} (#{referral.pk})",
        url=reverse("matching:referral", args=[referral.pk]),
        centre_id=referral.centre_id,
        detail=detail,
    )


def _placement_finding(placement: Placement, detail: str) -> Finding:
    url = (
        reverse("matching:referral", args=[placement.referral_id])
        if placement.referral_id
        else reverse("matching:seeker", args=[placement.seeker_id])
    )
    return Finding(
        label=f"{placement.seeker.name} · {placement.employer_name} ({placement.start_date:%Y-%m-%d})",
        url=url,
        centre_id=placement.centre_id,
        detail=detail,
    )


def open_referrals_on_closed_vacancies(centre_id: int | None) -> Iterator[Finding]:
    referrals = _in_centre(
        Referral.objects.filter(state__in=OPEN_STATES, vacancy__status__in=CLOSED_VACANCY), centre_id
    )
    for referral in referrals.select_related("seeker", "vacancy").order_by("pk").iterator():
        yield _referral_finding(
            referral,
            _("%(state)s, but the vacancy is %(status)s")
            % {"state": referral.get_state_display(), "status": referral.vacancy.get_status_display()},
        )


def hires_without_placement(centre_id: int | None) -> Iterator[Finding]:
    referrals = _in_centre(
        Referral.objects.filter(state=ReferralState.HIRED).exclude(
            Exists(Placement.objects.filter(referral=OuterRef("pk")))
        ),
        centre_id,
    )
    for referral in referrals.select_related("seeker", "vacancy").order_by("pk").iterator():
        yield _referral_finding(referral, _("hired, but no placement is recorded"))


def placements_below_minimum_wage(centre_id: int | None) -> Iterator[Finding]:
    placements = _in_centre(Placement.objects.all(), centre_id).select_related("seeker").order_by("pk")
    minimums: dict[tuple, int | None] = {}
    for placement in placements.iterator():
        hours = placement.weekly_hours if placement.weekly_hours and placement.weekly_hours < 40 else None
        key = (placement.wage_type, placement.start_date.year, hours)
        if key not in minimums:
            minimums[key] = minimum_wage_for(wage_type=key[0], year=key[1], weekly_hours=key[2])
        minimum = minimums[key]
        if minimum is not None and placement.wage_amount < minimum:
            yield _placement_finding(
                placement,
                _("%(wage)s won (%(type)s) is below the minimum of %(minimum)s won")
                % {
                    "wage": f"{placement.wage_amount:,}",
                    "type": placement.get_wage_type_display(),
                    "minimum": f"{minimum:,}",
                },
            )


def placements_with_implausible_wages(centre_id: int | None) -> Iterator[Finding]:
    from employers.record_rules import implausible_wage
    from jobcenter.formatting import money

    placements = _in_centre(Placement.objects.filter(implausible_wage()), centre_id)
    for placement in placements.select_related("seeker").order_by("pk").iterator():
        yield _placement_finding(placement, money(placement.wage_amount, wage_type=placement.wage_type))


def placements_over_weekly_maximum(centre_id: int | None) -> Iterator[Finding]:
    placements = _in_centre(Placement.objects.filter(weekly_hours__gt=MAX_WEEKLY_HOURS), centre_id)
    for placement in placements.select_related("seeker").order_by("pk").iterator():
        yield _placement_finding(placement, _("%(hours)s hours a week") % {"hours": placement.weekly_hours})


def results_before_interview(centre_id: int | None) -> Iterator[Finding]:
    """ "Interviewed" or "hired" recorded before the interview's time, or work starting before it."""
    early_log = ReferralTransition.objects.filter(
        referral=OuterRef("pk"),
        to_state__in=(ReferralState.INTERVIEWED, ReferralState.HIRED),
        at__lt=OuterRef("interview__starts_at"),
    )
    early_start = Placement.objects.filter(
        referral=OuterRef("pk"), start_date__lt=OuterRef("interview__starts_at__date")
    )
    referrals = _in_centre(
        Referral.objects.filter(interview__isnull=False).filter(Exists(early_log) | Exists(early_start)), centre_id
    )
    for referral in referrals.select_related("seeker", "vacancy", "interview").order_by("pk").iterator():
        yield _referral_finding(
            referral,
            _("a result or start date before the interview of %(when)s")
            % {"when": f"{timezone.localtime(referral.interview.starts_at):%Y-%m-%d %H:%M}"},
        )


def interviews_at_unusual_times(centre_id: int | None) -> Iterator[Finding]:
    """On a public holiday or outside 07:00–22:00, with no reason given for the exception."""
    import holidays

    interviews = _in_centre(Interview.objects.filter(override_reason=""), centre_id, "referral__centre_id")
    years = interviews.dates("starts_at", "year")
    closed = holidays.country_holidays("KR", years=[year.year for year in years]) if years else {}
    start, end = INTERVIEW_HOURS
    for interview in interviews.select_related("referral__seeker", "referral__vacancy").order_by("pk").iterator():
        local = timezone.localtime(interview.starts_at)
        if local.date() in closed or not start <= local.time() <= end:
            yield _referral_finding(
                interview.referral,
                _("interview on %(when)s without a reason for the exception") % {"when": f"{local:%Y-%m-%d %H:%M}"},
            )


def placements_without_follow_ups(centre_id: int | None) -> Iterator[Finding]:
    """A hire has its 1/3/6-month follow-ups from the start (not for someone known to have left)."""
    months = follow_up_months()
    placements = _in_centre(
        Placement.objects.filter(left_on__isnull=True)
        .annotate(planned=Count("follow_ups", filter=Q(follow_ups__months__in=months)))
        .filter(planned__lt=len(months)),
        centre_id,
    )
    for placement in placements.select_related("seeker").order_by("pk").iterator():
        yield _placement_finding(placement, _("missing follow-ups"))


def follow_ups_with_wrong_due_date(centre_id: int | None) -> Iterator[Finding]:
    from matching.services import add_months

    follow_ups = _in_centre(FollowUp.objects.all(), centre_id, "placement__centre_id")
    for follow_up in follow_ups.select_related("placement__seeker").order_by("pk").iterator():
        if follow_up.due_date != add_months(follow_up.placement.start_date, follow_up.months):
            yield _placement_finding(
                follow_up.placement,
                _("the %(months)s-month follow-up is due on %(due)s")
                % {"months": follow_up.months, "due": f"{follow_up.due_date:%Y-%m-%d}"},
            )


def vacancies_with_uncounted_hires(centre_id: int | None) -> Iterator[Finding]:
    """A vacancy's filled openings count at least its placements (a hire undone gives its opening back)."""
    vacancies = (
        Vacancy.objects.annotate(hires=Count("placements"))
        .filter(Q(hires__gt=F("openings_filled")) | Q(openings_filled__gt=F("openings")))
        .select_related("company")
    )
    if centre_id is not None:
        vacancies = vacancies.filter(company__centre_id=centre_id)
    for vacancy in vacancies.order_by("pk").iterator():
        yield Finding(
            label=f"{vacancy.company.name} · {vacancy.title} (#{vacancy.pk})",
            url=reverse("employers:vacancy", args=[vacancy.pk]),
            centre_id=vacancy.company.centre_id,
            detail=_("%(hires)s placements, %(filled)s of %(openings)s openings filled")
            % {"hires": vacancy.hires, "filled": vacancy.openings_filled, "openings": vacancy.openings},
        )


RULES = [
    Rule(
        "referral_open_on_closed_vacancy",
        gettext_lazy("Open referrals on closed vacancies"),
        open_referrals_on_closed_vacancies,
        10,
    ),
    Rule("referral_hired_without_placement", gettext_lazy("Hires without a placement"), hires_without_placement, 11),
    Rule(
        "interview_unusual_time",
        gettext_lazy("Interviews on holidays or outside 07:00–22:00 without a reason"),
        interviews_at_unusual_times,
        12,
    ),
    Rule(
        "result_before_interview",
        gettext_lazy("Results or start dates before the interview"),
        results_before_interview,
        13,
    ),
    Rule(
        "placement_below_minimum_wage", gettext_lazy("Hires below the minimum wage"), placements_below_minimum_wage, 14
    ),
    Rule("placement_over_52_hours", gettext_lazy("Hires above 52 hours a week"), placements_over_weekly_maximum, 15),
    Rule(
        "placement_implausible_wage",
        gettext_lazy("Hires with a wage no job of its wage type pays"),
        placements_with_implausible_wages,
        15,
    ),
    Rule(
        "placement_without_follow_ups",
        gettext_lazy("Hires without their 1/3/6-month follow-ups"),
        placements_without_follow_ups,
        16,
    ),
    Rule("follow_up_due_date", gettext_lazy("Follow-ups with a wrong due date"), follow_ups_with_wrong_due_date, 17),
    Rule(
        "vacancy_uncounted_hires",
        gettext_lazy("Vacancies whose filled openings do not count their hires"),
        vacancies_with_uncounted_hires,
        18,
    ),
]

__all__ = ["RULES"]
