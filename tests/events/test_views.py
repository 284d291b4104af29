import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Event, Interview, InterviewSlot, Participation, Registration
from tests.events.factories import (
    EventFactory,
    InterviewFactory,
    ParticipationFactory,
    RegistrationFactory,
)
from tests.events.test_report import build_seed_job_fair
from tests.seekers.factories import SeekerFactory

pytestmark = pytest.mark.django_db


def local(days: int, hour: int) -> str:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return f"{day.isoformat()}T{hour:02d}:00"


def test_counselor_creates_a_job_fair_for_their_centre(world):
    client = world.client_for("counselor_x")
    response = client.post(
        reverse("events:manage_create"),
        {
            "kind": "job_fair",
            "mode": "in_person",
            "title": "서구 채용한마당",
            "venue": "서구문화회관",
            "starts_at": local(10, 10),
            "ends_at": local(10, 16),
            "capacity": "300",
            "target_groups": ["youth", "5060"],
            "completion_percent": "80",
        },
    )
    event = Event.objects.get()
    assert response.status_code == 302
    assert event.centre == world.centre_x
    assert event.target_groups == ["youth", "5060"]
    assert event.sessions.count() == 1


def test_create__ending_before_it_starts_and_video_without_link__shows_errors_and_saves_nothing(world):
    response = world.client_for("counselor_x").post(
        reverse("events:manage_create"),
        {
            "kind": "lecture",
            "mode": "video",
            "title": "온라인 취업특강",
            "starts_at": local(5, 14),
            "ends_at": local(5, 13),
            "completion_percent": "80",
        },
    )
    assert response.status_code == 200
    assert "The event must end after it starts." in response.content.decode()
    assert "A video event needs a video link." in response.content.decode()
    assert not Event.objects.exists()


def test_series_form__creates_the_friday_recruiting_days(world):
    response = world.client_for("counselor_x").post(
        reverse("events:manage_series_create"),
        {
            "title": "금요채용마당",
            "kind": "interview_day",
            "mode": "in_person",
            "rule": "weekly",
            "weekday": "4",
            "first_date": "2026-09-01",
            "last_date": "2026-09-30",
            "start_time": "14:00",
            "end_time": "16:00",
            "venue": "인천서부고용복지+센터",
        },
    )
    assert response.status_code == 302
    assert Event.objects.filter(centre=world.centre_x, kind="interview_day").count() == 3


def test_seeker_signs_up_from_the_calendar_and_sees_the_code_as_a_qr_code(world):
    event = EventFactory(centre=world.centre_x, title="청년 취업특강", lecture=True)
    client = world.client_for("seeker_a")

    assert "청년 취업특강" in client.get(reverse("events:calendar")).content.decode()
    response = client.post(reverse("events:sign_up", kwargs={"pk": event.pk}), follow=True)

    registration = Registration.objects.get(event=event, seeker=world.seeker_a)
    page = response.content.decode()
    assert registration.code in page
    assert 'src="data:image/svg+xml' in page
    assert "<script" not in page.split("</header>")[1].split("<footer")[0]


def test_public_detail__never_shows_the_video_link(world):
    event = EventFactory(centre=world.centre_x, video=True)
    page = world.client_for("anonymous").get(reverse("events:public_detail", kwargs={"pk": event.pk})).content
    assert b"zoom.example" not in page
    assert b"Log in to sign up" in page or "로그인".encode() in page


def test_seeker_cancels__and_the_waiting_list_moves_up(world):
    event = EventFactory(centre=world.centre_x, capacity=1)
    mine = RegistrationFactory(event=event, seeker=world.seeker_a)
    waiting = RegistrationFactory(event=event, waitlisted=True)

    client = world.client_for("seeker_a")
    asked = client.post(reverse("events:my_registration_cancel", kwargs={"pk": mine.pk}))
    assert "waiting list" in asked.content.decode()  # the confirmation step says what will happen
    client.post(reverse("events:my_registration_cancel", kwargs={"pk": mine.pk}), {"confirm": "1"})

    waiting.refresh_from_db()
    assert waiting.status == Registration.Status.CONFIRMED


def test_check_in__by_typed_code(world):
    registration = RegistrationFactory(event=EventFactory(centre=world.centre_x, under_way=True), seeker=world.seeker_a)
    response = world.client_for("counselor_x").post(
        reverse("events:manage_checkin", kwargs={"pk": registration.event_id}),
        {"code": registration.code.lower()},
        follow=True,
    )
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    assert world.seeker_a.name in response.content.decode()


def test_check_in__with_an_unknown_code__says_so(world):
    event = EventFactory(centre=world.centre_x)
    response = world.client_for("counselor_x").post(
        reverse("events:manage_checkin", kwargs={"pk": event.pk}), {"code": "ZZZZZZZZ"}
    )
    assert response.status_code == 200
    assert "No registration for this event has this code." in response.content.decode()


def test_check_in__name_search_offers_walk_in_for_unregistered_seekers(world):
    event = EventFactory(centre=world.centre_x, under_way=True)
    client = world.client_for("counselor_x")
    url = reverse("events:manage_checkin", kwargs={"pk": event.pk})

    response = client.get(url, {"q": "김하나"}, headers={"HX-Request": "true"})
    assert "Walk-in" in response.content.decode()
    assert "<html" not in response.content.decode()

    client.post(
        reverse("events:manage_register", kwargs={"pk": event.pk}), {"seeker": world.seeker_a.pk, "walk_in": "1"}
    )
    registration = Registration.objects.get(event=event, seeker=world.seeker_a)
    assert registration.source == "walk_in" and registration.checked_in_at is not None


def test_counselor__cannot_sign_up_another_centres_seeker(world):
    event = EventFactory(centre=world.centre_x)
    world.client_for("counselor_x").post(
        reverse("events:manage_register", kwargs={"pk": event.pk}), {"seeker": world.seeker_b.pk}
    )
    assert not Registration.objects.exists()


def test_employer_applies_and_the_counselor_confirms(world):
    event = EventFactory(centre=world.centre_x)
    response = world.client_for("employer_a").post(
        reverse("events:employer_apply", kwargs={"pk": event.pk}),
        {"vacancies": [world.vacancy_a.pk], "note": "면접관 2명"},
    )
    participation = Participation.objects.get()
    assert response.status_code == 302
    assert participation.status == "applied" and participation.company == world.company_a

    world.client_for("counselor_x").post(
        reverse("events:manage_participation_transition", kwargs={"pk": participation.pk}), {"to_status": "confirmed"}
    )
    participation.refresh_from_db()
    assert participation.status == "confirmed"


def test_employer_apply__with_another_companys_vacancy__is_refused(world):
    event = EventFactory(centre=world.centre_x)
    response = world.client_for("employer_a").post(
        reverse("events:employer_apply", kwargs={"pk": event.pk}), {"vacancies": [world.vacancy_b.pk]}
    )
    assert response.status_code == 200
    assert not Participation.objects.exists()


def test_counselor_generates_slots_and_schedules_a_signed_up_seeker(world):
    participation = ParticipationFactory(
        event=EventFactory(centre=world.centre_x), company=world.company_a, vacancies=[world.vacancy_a]
    )
    client = world.client_for("counselor_x")
    client.post(
        reverse("events:manage_slots_generate", kwargs={"pk": participation.pk}),
        {"first_start": local(7, 10), "last_end": local(7, 11), "minutes": "30", "interviewers": "2"},
    )
    slots = list(InterviewSlot.objects.filter(participation=participation))
    assert len(slots) == 2 and slots[0].capacity == 2

    client.post(
        reverse("events:manage_schedule", kwargs={"pk": participation.event_id}),
        {"slot": slots[0].pk, "seeker": world.seeker_a.pk},
    )
    interview = Interview.objects.get()
    assert interview.slot == slots[0] and interview.vacancy == world.vacancy_a


def test_prematching__ranks_the_seeker_with_the_vacancys_occupation_first(world):
    from jobcenter.models import Occupation

    event = EventFactory(centre=world.centre_x, interview_day=True)
    ParticipationFactory(event=event, company=world.company_a, vacancies=[world.vacancy_a])
    match = SeekerFactory(booth=world.seeker_a.booth, name="적합한사람")
    match.desired_occupations.set([Occupation.objects.get(code="81")])
    SeekerFactory(booth=world.seeker_a.booth, name="다른사람")

    page = world.client_for("counselor_x").get(reverse("events:manage_prematching", kwargs={"pk": event.pk}))

    content = page.content.decode()
    assert page.status_code == 200
    assert content.index("적합한사람") < content.index("다른사람")


def test_employer_records_an_outcome_for_their_candidate(world):
    event = EventFactory(centre=world.centre_x, under_way=True)
    interview = InterviewFactory(
        participation=ParticipationFactory(event=event, company=world.company_a),
        seeker=world.seeker_a,
        registration=RegistrationFactory(event=event, seeker=world.seeker_a, checked_in_at=timezone.now()),
    )
    client = world.client_for("employer_a")
    page = client.get(reverse("events:employer_participation", kwargs={"pk": interview.participation_id}))
    assert world.seeker_a.name in page.content.decode()

    client.post(reverse("events:interview_outcome", kwargs={"pk": interview.pk}), {"outcome": "passed_first"})

    interview.refresh_from_db()
    assert interview.outcome == "passed_first"


def test_report_page__shows_the_seed_job_fairs_hire_rate(world):
    event = build_seed_job_fair()
    event.centre = world.centre_x
    event.save()
    client = world.client_for("counselor_x")

    page = client.get(reverse("events:manage_report", kwargs={"pk": event.pk})).content.decode()
    excel = client.get(reverse("events:manage_report_xlsx", kwargs={"pk": event.pk}))

    assert "41.4%" in page
    assert excel["Content-Type"].startswith("application/vnd.openxmlformats")


def test_attendance__marks_completion_at_80_percent_and_offers_the_certificate(world):
    from events import services

    counselor = world.users["counselor_x"]
    tz = timezone.get_current_timezone()
    monday = timezone.localdate() - datetime.timedelta(days=timezone.localdate().weekday())
    event = services.event_create(
        by=counselor,
        centre=world.centre_x,
        kind="training",
        title="청년 뉴딜 6주 과정",
        venue="시청 취업교육장",
        # a week of daily sessions, all held (attendance and completion only after the sessions took place)
        starts_at=datetime.datetime.combine(monday - datetime.timedelta(days=14), datetime.time(10), tzinfo=tz),
        ends_at=datetime.datetime.combine(monday - datetime.timedelta(days=10), datetime.time(13), tzinfo=tz),
        session_weekdays=[0, 1, 2, 3, 4],
        state="open",
    )
    registration = RegistrationFactory(event=event, seeker=world.seeker_a)
    other = RegistrationFactory(event=event)
    client = world.client_for("counselor_x")
    for index, session in enumerate(event.sessions.all()):
        present = [registration.pk] if index < 4 else []
        if index < 3:
            present.append(other.pk)
        client.post(reverse("events:manage_attendance", kwargs={"pk": session.pk}), {"present": present})

    registration.refresh_from_db()
    other.refresh_from_db()
    assert registration.completed_at is not None  # 4 of 5 = 80%
    assert other.completed_at is None  # 3 of 5 = 60%
    pdf = world.client_for("seeker_a").get(reverse("events:certificate", kwargs={"pk": registration.pk}))
    assert pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert world.client_for("seeker_a").get(reverse("events:certificate", kwargs={"pk": other.pk})).status_code == 404

    from seekers.models import AccessRecord

    assert not AccessRecord.objects.filter(seeker=world.seeker_a).exists()  # the seeker's own certificate
    client.get(reverse("events:certificate", kwargs={"pk": registration.pk}))  # printed by the counselor
    assert AccessRecord.objects.filter(
        seeker=world.seeker_a, user=counselor, action=AccessRecord.Action.EXPORT
    ).exists()


def test_event_list__runs_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for _ in range(15):
        event = EventFactory(centre=world.centre_x)
        RegistrationFactory(event=event)
    client = world.client_for("counselor_x")
    with django_assert_max_num_queries(8):
        response = client.get(reverse("events:manage_list"))
    assert response.content.decode().count("/events/manage/") >= 15


def test_hooks__show_registrations_on_the_seekers_home_and_participations_on_the_portal(world):
    from jobcenter.hooks import collect

    registration = RegistrationFactory(
        event=EventFactory(centre=world.centre_x, title="구인구직 만남의 날"), seeker=world.seeker_a
    )
    panels = collect("seeker_home_panels", world.seeker_a, world.users["seeker_a"])
    assert any(registration in p.context.get("registrations", []) for p in panels)
    participation = ParticipationFactory(event=registration.event, company=world.company_a)
    panels = collect("employer_portal_panels", world.company_a, world.users["employer_a"])
    assert any(participation in p.context.get("participations", []) for p in panels)


def test_signing_up_twice__shows_the_seekers_sign_up_instead_of_an_error(world):
    """A double click or the form sent again: the resident lands on the sign-up they have, and no second one is made."""
    event = EventFactory(centre=world.centre_x, title="청년 취업특강", lecture=True)
    client = world.client_for("seeker_a")
    url = reverse("events:sign_up", kwargs={"pk": event.pk})
    client.post(url)

    response = client.post(url, follow=True, HTTP_ACCEPT_LANGUAGE="ko")

    registration = Registration.objects.get(event=event, seeker=world.seeker_a)
    assert response.redirect_chain[-1][0] == reverse("events:my_registration", kwargs={"pk": registration.pk})
    page = response.content.decode()
    assert "이미 신청한 행사입니다." in page and registration.code in page
