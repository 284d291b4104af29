import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from employers.models import Vacancy
from jobcenter.models import EmploymentType, Notification
from matching import services
from matching.models import Placement, ReferralState
from matching.scoring import schedule_seeker
from matching.selectors import retention
from seekers.models import Seeker
from tests.employers.factories import VacancyFactory
from tests.matching.factories import FollowUpFactory, PlacementFactory, ReferralFactory
from tests.queries import tables_read

HIRE = {
    "start_date": datetime.date(2026, 3, 2),
    "employment_type": EmploymentType.FULL_TIME,
    "wage_amount": 2_500_000,
    "weekly_hours": 40,
}


def test_hire__fills_one_opening_sets_the_seeker_placed_and_ends_the_referral(world):
    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, interviewed=True)
    placement = services.placement_record(
        by=world.users["employer_a"], seeker=world.seeker_a, referral=referral, **HIRE
    )
    referral.refresh_from_db()
    world.vacancy_a.refresh_from_db()
    world.seeker_a.refresh_from_db()
    assert referral.state == ReferralState.HIRED
    assert referral.transitions.last().by == world.users["employer_a"]
    assert placement.source == Placement.Source.REFERRAL
    assert (placement.vacancy, placement.employer_name) == (world.vacancy_a, "가나다(주)")
    assert (world.vacancy_a.openings_filled, world.vacancy_a.status) == (1, Vacancy.Status.PUBLISHED)
    assert world.seeker_a.status == Seeker.Status.PLACED


def test_hire__of_the_last_opening__makes_the_vacancy_filled(world):
    vacancy = VacancyFactory(company=world.company_a, published=True, openings=1)
    referral = ReferralFactory(seeker=world.seeker_a, vacancy=vacancy, sent=True)
    services.placement_record(by=world.users["counselor_x"], seeker=world.seeker_a, referral=referral, **HIRE)
    vacancy.refresh_from_db()
    assert (vacancy.openings_filled, vacancy.status) == (1, Vacancy.Status.FILLED)


def test_hire__when_no_opening_is_left__is_refused_and_nothing_changes(world):
    vacancy = VacancyFactory(company=world.company_a, published=True, openings=1)
    referral = ReferralFactory(seeker=world.seeker_a, vacancy=vacancy, sent=True)
    Vacancy.objects.filter(pk=vacancy.pk).update(openings_filled=1, status=Vacancy.Status.FILLED)
    with pytest.raises(ValidationError, match="already filled"):
        services.placement_record(by=world.users["counselor_x"], seeker=world.seeker_a, referral=referral, **HIRE)
    referral.refresh_from_db()
    assert referral.state == ReferralState.SENT
    assert not Placement.objects.exists()


def test_hire__of_a_referral_that_already_ended__is_refused(world):
    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, not_hired=True)
    with pytest.raises(ValidationError, match="cannot become"):
        services.placement_record(by=world.users["counselor_x"], seeker=world.seeker_a, referral=referral, **HIRE)


def test_hire__with_another_seeker_than_the_referral_s__is_refused_and_nothing_changes(world):
    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, sent=True)
    with pytest.raises(ValidationError, match="another seeker"):
        services.placement_record(by=world.users["counselor_x"], seeker=world.seeker_b, referral=referral, **HIRE)
    referral.refresh_from_db()
    assert referral.state == ReferralState.SENT
    assert not Placement.objects.exists()


def test_self_reported_placement__is_marked_as_such_and_fills_no_opening(world):
    placement = services.placement_record(
        by=world.users["counselor_x"], seeker=world.seeker_a, employer_name="동네빵집", **HIRE
    )
    world.vacancy_a.refresh_from_db()
    assert placement.source == Placement.Source.SELF_REPORTED and placement.referral is None
    assert world.vacancy_a.openings_filled == 0
    world.seeker_a.refresh_from_db()
    assert world.seeker_a.status == Seeker.Status.PLACED


def test_self_reported_placement__without_an_employer__is_refused(world):
    with pytest.raises(ValidationError, match="name of the employer"):
        services.placement_record(by=world.users["counselor_x"], seeker=world.seeker_a, **HIRE)


# --- follow-ups ---------------------------------------------------------------------------------


def test_follow_ups__are_created_when_due_at_one_three_and_six_months_and_only_once(world):
    today = datetime.date(2026, 8, 1)
    placement = PlacementFactory(seeker=world.seeker_a, start_date=datetime.date(2026, 4, 15))
    assert services.follow_ups_create_due(today=today) == 2  # 1 and 3 months have passed, 6 not yet
    assert services.follow_ups_create_due(today=today) == 0
    due = list(placement.follow_ups.values_list("months", "due_date"))
    assert due == [(1, datetime.date(2026, 5, 15)), (3, datetime.date(2026, 7, 15))]
    services.follow_ups_create_due(today=datetime.date(2026, 10, 15))
    assert placement.follow_ups.count() == 3


@pytest.mark.parametrize("months", [["2", "12"]])
def test_follow_ups__months_come_from_the_setting(world, settings, months):
    settings.FOLLOW_UP_MONTHS = months
    placement = PlacementFactory(seeker=world.seeker_a, start_date=datetime.date(2025, 1, 31))
    services.follow_ups_create_due(today=datetime.date(2026, 6, 1))
    assert list(placement.follow_ups.values_list("months", "due_date")) == [
        (2, datetime.date(2025, 3, 31)),
        (12, datetime.date(2026, 1, 31)),
    ]


def test_follow_ups__beat_task_creates_them(world):
    from matching.tasks import follow_ups_create_due

    PlacementFactory(seeker=world.seeker_a, start_date=timezone.localdate() - datetime.timedelta(days=45))
    assert follow_ups_create_due.delay().get() == 1


def test_follow_up__left__needs_a_reason_and_stops_later_follow_ups(world):
    placement = PlacementFactory(seeker=world.seeker_a, start_date=datetime.date(2025, 1, 1))
    first = FollowUpFactory(placement=placement, months=1)
    FollowUpFactory(placement=placement, months=3)
    with pytest.raises(ValidationError, match="why the seeker left"):
        services.followup_record(follow_up=first, by=world.users["counselor_x"], outcome="left")
    services.followup_record(follow_up=first, by=world.users["counselor_x"], outcome="left", left_reason="건강 문제")
    placement.refresh_from_db()
    assert placement.left_on is not None
    assert list(placement.follow_ups.values_list("months", flat=True)) == [1]
    assert services.follow_ups_create_due() == 0


def test_follow_up__recorded_twice__is_refused(world):
    item = FollowUpFactory(placement=PlacementFactory(seeker=world.seeker_a))
    services.followup_record(follow_up=item, by=world.users["counselor_x"], outcome="unreachable")
    with pytest.raises(ValidationError, match="already been recorded"):
        services.followup_record(follow_up=item, by=world.users["counselor_x"], outcome="employed")


def test_retention__divides_still_employed_by_known_outcomes(world):
    old = datetime.date(2025, 1, 1)
    for outcome in ("employed", "employed", "employed"):
        FollowUpFactory(placement=PlacementFactory(start_date=old), months=3, **{outcome: True})
    FollowUpFactory(placement=PlacementFactory(start_date=old), months=1, left=True)
    FollowUpFactory(
        placement=PlacementFactory(start_date=old), months=3, outcome="unreachable", contacted_at=timezone.now()
    )
    PlacementFactory(start_date=timezone.localdate())  # too recent to count
    figure = retention(months=3)
    assert (figure.employed, figure.left, figure.unknown, figure.rate) == (3, 1, 1, 0.75)


# --- notices and reminders -------------------------------------------------------------------------


def test_sending__tells_the_employer_and_the_seeker_after_commit(world, django_capture_on_commit_callbacks, mailoutbox):
    world.company_a.contact_email = "hr@ganada.example"
    world.company_a.save()
    world.seeker_a.email = "hana@example.kr"
    world.seeker_a.save()
    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.referral_transition(referral=referral, to_state="sent", by=world.users["counselor_x"])
        assert not mailoutbox  # nothing leaves before the commit
    assert callbacks
    recipients = sorted(message.to[0] for message in mailoutbox)
    assert recipients == ["employer_a@example.kr", "hana@example.kr", "hr@ganada.example"]
    assert Notification.objects.filter(recipient=world.seeker_a.phone, channel="sms").exists()


def test_sending_and_hiring__read_seeker_vacancy_and_company_once_with_the_locked_referral(world):
    # The locked load reads only the columns the steps and their notices use (LOCKED_RELATED_FIELDS), and for a
    # sending whether the seeker still shares their profile and the addresses of the company's accounts; a column
    # they read that it left out would cost a query of its own, here a SELECT of the seeker, vacancy, company,
    # consent or company members.
    world.company_a.contact_email = "hr@ganada.example"
    world.company_a.save()
    world.seeker_a.email = "hana@example.kr"
    world.seeker_a.save()
    schedule_seeker(world.seeker_a.pk)  # known to the scorer, as every seeker once scored (else a first profile)
    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a)
    with CaptureQueriesContext(connection) as sending:
        services.referral_transition(referral=referral, to_state="sent", by=world.users["counselor_x"])
    with CaptureQueriesContext(connection) as hiring:
        services.placement_record(by=world.users["counselor_x"], referral=referral, **HIRE)

    # Besides the locked referral, only the notices' wording is read (an administrator's override, if any).
    assert [table for table in tables_read(sending) if table != "jobcenter_noticetemplateoverride"] == [
        "matching_referral"
    ]
    # the locked referral; not the last opening: filled by one UPDATE, no read (the minimum wage table the wage is
    # checked against is read by each process once every few minutes: employers.validators.minimum_hourly_wage)
    cached = ("jobcenter_noticetemplateoverride", "jobcenter_minimumwage")
    assert [table for table in tables_read(hiring) if table not in cached] == ["matching_referral"]
    assert Notification.objects.count() == 6  # sent: the employer's two addresses, the seeker's two; hired: seeker's
    world.seeker_a.refresh_from_db()
    assert world.seeker_a.status == Seeker.Status.PLACED


def test_reminders__go_to_employers_past_the_limit_once_per_wait(world, settings, mailoutbox):
    settings.REFERRAL_REMINDER_DAYS = 7
    late = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, late=True)
    ReferralFactory(seeker=world.seeker_b, vacancy=world.vacancy_b, sent=True)  # within the limit
    with CaptureQueriesContext(connection) as reminding:
        assert services.referral_reminders_send() == 1
    assert "employers_companymember" not in tables_read(reminding)  # the accounts' addresses come with the referral
    reminded = Notification.objects.filter(key__startswith=f"referral:{late.pk}:reminder")
    assert list(reminded.values_list("recipient", flat=True)) == ["employer_a@example.kr"]  # the company's account
    assert services.referral_reminders_send() == 0
    subjects = Notification.objects.filter(key__startswith=f"referral:{late.pk}:reminder").values_list(
        "subject", flat=True
    )
    assert len(subjects) == 1 and "A사 생산직" in subjects[0]
    services.referral_chase(referral=late, by=world.users["counselor_x"])
    late.refresh_from_db()
    assert late.waiting_since > timezone.now() - datetime.timedelta(minutes=1)
