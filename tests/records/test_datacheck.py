"""The data check: each rule finds a planted violation, the command exits 1, managers see it, the demo passes."""

import datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django.utils import timezone

from employers.models import Vacancy
from jobcenter.datacheck import Finding, Rule, all_rules, register, run_checks
from jobcenter.models import RecordCheckRun
from matching.models import ReferralState, ReferralTransition
from matching.services import placement_record
from tests.employers.factories import CompanyFactory, VacancyFactory
from tests.matching.factories import InterviewFactory, PlacementFactory, ReferralFactory


def findings(key: str, centre_id: int | None = None) -> list[Finding]:
    (result,) = run_checks(centre_id=centre_id, keys=[key])
    return result.findings


def a_placement(world, **fields):
    """A hire recorded through the service (its follow-ups planned), then given the broken value directly."""
    from matching.models import Placement

    placement = placement_record(
        by=world.users["counselor_x"],
        seeker=world.seeker_a,
        employer_name="가나다(주)",
        start_date=timezone.localdate(),
        employment_type="full_time",
        wage_amount=2_500_000,
        weekly_hours=40,
    )
    Placement.objects.filter(pk=placement.pk).update(**fields)
    return placement


def test_clean_records__pass_every_rule(world):
    ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, sent=True)
    a_placement(world)
    assert [(r.rule.key, r.count) for r in run_checks() if r.count] == []


def test_open_referral_on_a_closed_vacancy__is_found_with_a_link(world):
    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, sent=True)
    Vacancy.objects.filter(pk=world.vacancy_a.pk).update(status=Vacancy.Status.CLOSED)
    (finding,) = findings("referral_open_on_closed_vacancy")
    assert finding.url == reverse("matching:referral", args=[referral.pk])
    assert finding.centre_id == world.centre_x.pk
    assert findings("referral_open_on_closed_vacancy", centre_id=world.centre_y.pk) == []


def test_hire_without_placement__is_found(world):
    ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, state=ReferralState.HIRED)
    assert len(findings("referral_hired_without_placement")) == 1


def test_interview_on_a_holiday_without_reason__is_found_and_with_reason_is_not(world):
    import holidays

    year = timezone.localdate().year
    holiday = min(holidays.country_holidays("KR", years=year))
    at = timezone.make_aware(datetime.datetime.combine(holiday, datetime.time(10)))
    InterviewFactory(referral__seeker=world.seeker_a, starts_at=at)
    InterviewFactory(referral__seeker=world.seeker_a, starts_at=at, override_reason="기업 요청")
    late = timezone.make_aware(datetime.datetime.combine(holiday + datetime.timedelta(days=30), datetime.time(23)))
    InterviewFactory(referral__seeker=world.seeker_a, starts_at=late)
    assert len(findings("interview_unusual_time")) == 2


def test_result_before_the_interview__is_found(world):
    interview = InterviewFactory(referral__seeker=world.seeker_a, starts_at=timezone.now() + datetime.timedelta(days=2))
    ReferralTransition.objects.create(
        referral=interview.referral, from_state=ReferralState.INTERVIEW_SCHEDULED, to_state=ReferralState.INTERVIEWED
    )
    assert len(findings("result_before_interview")) == 1


def test_placement_below_minimum_wage_and_above_52_hours__are_found(world):
    a_placement(world, wage_amount=1_000_000)
    a_placement(world, weekly_hours=60)
    assert len(findings("placement_below_minimum_wage")) == 1
    assert len(findings("placement_over_52_hours")) == 1


def test_placement_without_follow_ups__is_found(world):
    PlacementFactory(seeker=world.seeker_a)
    assert len(findings("placement_without_follow_ups")) == 1


def test_follow_up_with_a_wrong_due_date__is_found(world):
    placement = a_placement(world)
    placement.follow_ups.filter(months=1).update(due_date=placement.start_date)
    assert len(findings("follow_up_due_date")) == 1


def test_vacancy_with_more_hires_than_filled_openings__is_found(world):
    PlacementFactory(seeker=world.seeker_a, vacancy=world.vacancy_a)
    assert len(findings("vacancy_uncounted_hires")) == 1


def test_vacancy_with_unlawful_wording_or_hours__is_found(world):
    VacancyFactory(company=world.company_a, published=True, duties="포장 업무, 여성 우대")
    VacancyFactory(company=world.company_a, published=True, certificates_required="만 25세 이하")
    VacancyFactory(company=world.company_a, published=True, duties="만 18세 이상 가능")  # lawful
    VacancyFactory(company=world.company_a, published=True, weekly_hours=60)
    assert {f.detail for f in findings("vacancy_unlawful_wording")} == {"“여성 우대”", "“만 25세 이하”"}
    assert len(findings("vacancy_over_52_hours")) == 1


def test_company_with_an_all_zero_business_number__is_found(world):
    CompanyFactory(centre=world.centre_x, business_number="0000000000")
    (finding,) = findings("company_impossible_business_number")
    assert "0000000000" in finding.label


def test_resident_number_in_a_consultation_note__is_found_masked_for_its_centre(world):
    from seekers.models import Consultation
    from tests.seekers.factories import ConsultationFactory

    consultation = ConsultationFactory(seeker=world.seeker_a)
    Consultation.objects.filter(pk=consultation.pk).update(notes="본인 주민번호 950302-2345678 확인")  # past the form
    (finding,) = findings("resident_number_in_text")
    assert finding.url == reverse("seekers:case", args=[world.seeker_a.pk])
    assert "950302-2******" in finding.detail and "2345678" not in finding.detail
    assert findings("resident_number_in_text", centre_id=world.centre_y.pk) == []


def test_every_rule_is_tested_here():
    import pathlib

    source = pathlib.Path(__file__).read_text() + "".join(
        path.read_text() for path in pathlib.Path(__file__).parent.glob("test_*.py")
    )
    untested = [rule.key for rule in all_rules() if f'"{rule.key}"' not in source]
    assert untested == []


def test_command__exits_1_and_lists_by_rule_when_something_is_found(world, capsys):
    ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, state=ReferralState.HIRED)
    with pytest.raises(CommandError) as error:
        call_command("check_records", "--save")
    assert error.value.returncode == 1
    out = capsys.readouterr().out
    assert "[referral_hired_without_placement]: 1" in out and "/matching/referrals/" in out
    assert RecordCheckRun.objects.get().by_centre == {str(world.centre_x.pk): 1}


def test_command__passes_on_clean_records(world, capsys):
    call_command("check_records")
    assert "rules pass" in capsys.readouterr().out


def test_a_rule_registered_by_another_app__is_run(world):
    # the hook other lanes use (e.g. a resident-registration-number finder)
    rule = register(Rule("test_planted", "planted", lambda centre_id: iter([Finding(label="x", url="/")]), 999))
    try:
        assert [r.count for r in run_checks(keys=["test_planted"])] == [1]
    finally:
        from jobcenter import datacheck

        datacheck._REGISTERED.pop(rule.key)


def test_page__lists_the_managers_centre_findings_in_korean(world, client_for, korean):
    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, state=ReferralState.HIRED)
    ReferralFactory(seeker=world.seeker_b, vacancy=world.vacancy_b, state=ReferralState.HIRED)
    page = client_for("manager_x").get(reverse("data_check")).content.decode()
    assert "데이터 점검" in page and "취업 기록 없는 채용" in page
    assert reverse("matching:referral", args=[referral.pk]) in page
    assert world.seeker_b.name not in page  # another centre's record


def test_dashboard__shows_the_latest_nightly_count_to_managers(world, client_for, korean):
    from jobcenter.tasks import beat_schedule, records_check

    assert beat_schedule["records-check"]["task"] == "jobcenter.tasks.records_check"
    ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, state=ReferralState.HIRED)
    records_check()
    page = client_for("manager_x").get(reverse("dashboard")).content.decode()
    assert "규칙에 어긋난 기록 1건" in page and reverse("data_check") in page


def test_demo_data__passes_the_check(db, settings):
    call_command("seed_demo")
    assert [(r.rule.key, [f.label for f in r.findings]) for r in run_checks() if r.count] == []


def test_event_results_without_check_in_or_before_the_start__are_found(world):
    from tests.events.factories import EventFactory, InterviewFactory, ParticipationFactory, RegistrationFactory

    participation = ParticipationFactory(event=EventFactory(centre=world.centre_x), company=world.company_a)
    InterviewFactory(participation=participation, seeker=world.seeker_a, outcome="hired", outcome_at=timezone.now())
    checked = RegistrationFactory(event=participation.event, checked_in_at=participation.event.starts_at)
    InterviewFactory(participation=participation, seeker=checked.seeker, outcome="interviewed")
    assert len(findings("event_outcome_without_check_in")) == 1
    assert len(findings("event_outcome_before_start")) == 1  # the hire recorded now, a week before the fair


def test_check_in_off_the_event_day__is_found(world):
    from tests.events.factories import EventFactory, RegistrationFactory

    RegistrationFactory(event=EventFactory(centre=world.centre_x), checked_in_at=timezone.now())
    assert len(findings("event_check_in_off_day")) == 1


def test_attendance_before_the_session_and_unearned_completion__are_found(world):
    from events.models import Attendance
    from tests.events.factories import EventFactory, RegistrationFactory

    event = EventFactory(centre=world.centre_x, kind="training")
    registration = RegistrationFactory(event=event, completed_at=timezone.now())
    Attendance.objects.create(session=event.sessions.get(), registration=registration, present=True)
    assert len(findings("attendance_before_session")) == 1
    (finding,) = findings("completion_not_earned")
    assert "1" in finding.detail
