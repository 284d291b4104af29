"""Hires, interviews and corrections, tried through the pages counselors and employers use."""

import datetime

import holidays
from django.urls import reverse
from django.utils import timezone

from matching import services
from matching.models import FollowUp, Interview, Placement, Referral, ReferralState, ReferralTransition
from seekers.models import Seeker
from tests.matching.factories import InterviewFactory, PlacementFactory, ReferralFactory, working_time


def hire_data(**overrides) -> dict:
    data = {
        "p-start_date": f"{timezone.localdate():%Y-%m-%d}",
        "p-employment_type": "full_time",
        "p-wage_type": "monthly",
        "p-wage_amount": "2500000",
        "p-weekly_hours": "40",
    }
    return {**data, **overrides}


def sent_referral(world) -> Referral:
    return ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, sent=True)


def test_hire__below_the_minimum_wage__is_refused_in_korean_and_nothing_is_saved(world, client_for, korean):
    referral = sent_referral(world)
    response = client_for("counselor_x").post(
        reverse("matching:referral_hire", args=[referral.pk]), hire_data(**{"p-wage_amount": "1500000"})
    )
    assert response.status_code == 400
    assert "최저임금" in response.content.decode()
    referral.refresh_from_db()
    world.vacancy_a.refresh_from_db()
    assert referral.state == ReferralState.SENT and not Placement.objects.exists()
    assert world.vacancy_a.openings_filled == 0


def test_hire__above_52_hours_a_week__is_refused_by_the_employer_too(world, client_for, korean):
    referral = sent_referral(world)
    response = client_for("employer_a").post(
        reverse("matching:referral_hire", args=[referral.pk]), hire_data(**{"p-weekly_hours": "60"})
    )
    assert response.status_code == 400
    assert "52시간" in response.content.decode()
    assert not Placement.objects.exists()


def test_self_reported_placement__below_the_minimum_hourly_wage__is_refused(world, client_for, korean):
    response = client_for("counselor_x").post(
        reverse("matching:placement_new", args=[world.seeker_a.pk]),
        {
            "employer_name": "동네 편의점",
            "start_date": f"{timezone.localdate():%Y-%m-%d}",
            "employment_type": "part_time",
            "wage_type": "hourly",
            "wage_amount": "5000",
            "weekly_hours": "20",
        },
    )
    assert response.status_code == 200
    assert "최저임금" in response.content.decode()
    assert not Placement.objects.exists()


def test_hire__creates_its_follow_ups_at_once_with_due_dates(world, client_for):
    referral = sent_referral(world)
    start = timezone.localdate()
    client_for("counselor_x").post(reverse("matching:referral_hire", args=[referral.pk]), hire_data())
    placement = Placement.objects.get()
    assert [(f.months, f.due_date) for f in placement.follow_ups.order_by("months")] == [
        (months, services.add_months(start, months)) for months in services.follow_up_months()
    ]
    case = client_for("counselor_x").get(reverse("matching:seeker", args=[world.seeker_a.pk])).content.decode()
    assert f"{services.add_months(start, 1):%Y}" in case


def test_interview__in_the_past__is_refused_in_korean(world, client_for, korean):
    referral = sent_referral(world)
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = client_for("employer_a").post(
        reverse("matching:referral_interview", args=[referral.pk]),
        {"i-date": f"{yesterday:%Y-%m-%d}", "i-time": "10:00", "i-place": "본사"},
    )
    assert response.status_code == 400
    assert "지난 시각" in response.content.decode()
    assert not Interview.objects.exists()


def test_interview__on_a_public_holiday__needs_a_reason_which_is_logged(world, client_for, korean):
    referral = sent_referral(world)
    year = timezone.localdate().year + 1
    holiday = next(day for day, _name in sorted(holidays.country_holidays("KR", years=year).items()))
    client = client_for("counselor_x")
    data = {"i-date": f"{holiday:%Y-%m-%d}", "i-time": "10:00", "i-place": "본사"}
    refused = client.post(reverse("matching:referral_interview", args=[referral.pk]), data)
    assert refused.status_code == 400
    assert "공휴일" in refused.content.decode()
    assert not Interview.objects.exists()

    client.post(reverse("matching:referral_interview", args=[referral.pk]), {**data, "i-override_reason": "기업 요청"})
    interview = Interview.objects.get()
    assert interview.override_reason == "기업 요청"
    log = ReferralTransition.objects.filter(to_state=ReferralState.INTERVIEW_SCHEDULED).get()
    assert "기업 요청" in log.note and log.by == world.users["counselor_x"]


def test_interview__outside_07_to_22__is_refused_without_a_reason(world, client_for, korean):
    referral = sent_referral(world)
    response = client_for("employer_a").post(
        reverse("matching:referral_interview", args=[referral.pk]),
        {"i-date": f"{working_time():%Y-%m-%d}", "i-time": "23:00", "i-place": "본사"},
    )
    assert response.status_code == 400
    assert "07:00" in response.content.decode()
    assert not Interview.objects.exists()


def test_result__before_the_interview__is_refused(world, client_for, korean):
    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, scheduled=True)
    InterviewFactory(referral=referral, starts_at=working_time(), place="본사")
    client = client_for("counselor_x")
    response = client.post(
        reverse("matching:referral_transition", args=[referral.pk]), {"t-to_state": "interviewed", "t-note": ""}
    )
    assert response.status_code == 400
    assert "면접이 끝난 뒤" in response.content.decode()
    hire = client.post(reverse("matching:referral_hire", args=[referral.pk]), hire_data())
    assert hire.status_code == 400
    referral.refresh_from_db()
    assert referral.state == ReferralState.INTERVIEW_SCHEDULED and not Placement.objects.exists()


def test_hire__starting_before_the_interview__is_refused(world, client_for, korean):
    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, interviewed=True)
    InterviewFactory(referral=referral, starts_at=timezone.now() - datetime.timedelta(hours=2), place="본사")
    before = timezone.localdate() - datetime.timedelta(days=10)
    response = client_for("counselor_x").post(
        reverse("matching:referral_hire", args=[referral.pk]), hire_data(**{"p-start_date": f"{before:%Y-%m-%d}"})
    )
    assert response.status_code == 400
    assert "면접" in response.content.decode()
    assert not Placement.objects.exists()


def test_next_step__after_sending__does_not_default_to_a_negative_outcome(world, client_for):
    referral = sent_referral(world)
    page = client_for("counselor_x").get(reverse("matching:referral", args=[referral.pk])).content.decode()
    select = page[page.index('name="t-to_state"') :]
    first_option = select[select.index("<option") : select.index("</option>")]
    assert 'value=""' in first_option and "selected" not in select[: select.index("</select>")].replace(
        'value="" selected', ""
    )
    response = client_for("counselor_x").post(
        reverse("matching:referral_transition", args=[referral.pk]), {"t-to_state": "", "t-note": ""}
    )
    assert response.status_code == 400
    referral.refresh_from_db()
    assert referral.state == ReferralState.SENT


def _hire_through_the_page(world, client_for) -> Referral:
    referral = sent_referral(world)
    response = client_for("counselor_x").post(reverse("matching:referral_hire", args=[referral.pk]), hire_data())
    assert response.status_code == 302
    return referral


def test_correction__undoing_a_hire__reverses_placement_and_opening_with_an_audit_row(world, client_for, korean):
    referral = _hire_through_the_page(world, client_for)
    world.vacancy_a.refresh_from_db()
    assert world.vacancy_a.openings_filled == 1
    page = client_for("counselor_x").get(reverse("matching:referral", args=[referral.pk])).content.decode()
    assert "결과 바로잡기" in page  # the form stays after "채용"

    response = client_for("counselor_x").post(
        reverse("matching:referral_correct", args=[referral.pk]),
        {"c-reason": "다른 구직자의 채용을 잘못 기록함", "confirm": "1"},
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    world.vacancy_a.refresh_from_db()
    world.seeker_a.refresh_from_db()
    assert referral.state == ReferralState.SENT
    assert not Placement.objects.exists() and not FollowUp.objects.exists()
    assert world.vacancy_a.openings_filled == 0
    assert world.seeker_a.status == Seeker.Status.ACTIVE
    log = referral.transitions.order_by("-at", "-pk").first()
    assert (log.from_state, log.to_state, log.by) == (
        ReferralState.HIRED,
        ReferralState.SENT,
        world.users["counselor_x"],
    )
    assert "다른 구직자의 채용을 잘못 기록함" in log.note and "2,500,000" in log.note


def test_correction__without_a_reason__is_refused(world, client_for, korean):
    referral = _hire_through_the_page(world, client_for)
    response = client_for("counselor_x").post(
        reverse("matching:referral_correct", args=[referral.pk]), {"c-reason": "", "confirm": "1"}
    )
    assert response.status_code == 400
    referral.refresh_from_db()
    assert referral.state == ReferralState.HIRED and Placement.objects.count() == 1


def test_correction__after_the_month__only_by_a_manager(world, client_for, korean):
    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, state=ReferralState.HIRED)
    PlacementFactory(
        seeker=world.seeker_a,
        referral=referral,
        source=Placement.Source.REFERRAL,
        vacancy=world.vacancy_a,
        start_date=timezone.localdate().replace(day=1) - datetime.timedelta(days=40),
    )
    refused = client_for("counselor_x").post(
        reverse("matching:referral_correct", args=[referral.pk]), {"c-reason": "입사 취소", "confirm": "1"}
    )
    assert refused.status_code == 400
    assert "관리자" in refused.content.decode() or "팀장" in refused.content.decode()
    assert Placement.objects.count() == 1
    allowed = client_for("manager_x").post(
        reverse("matching:referral_correct", args=[referral.pk]), {"c-reason": "입사 취소", "confirm": "1"}
    )
    assert allowed.status_code == 302
    assert not Placement.objects.exists()
