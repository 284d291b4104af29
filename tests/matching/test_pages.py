import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobcenter.models import TargetGroup
from matching.models import FollowUp, Referral, ReferralState, ReferralTransition
from tests.matching.factories import (
    FollowUpFactory,
    InterviewFactory,
    PlacementFactory,
    ReferralFactory,
    give_consent,
    working_time,
)
from tests.queries import tables_read
from tests.seekers.factories import SeekerFactory


def test_referral_new__without_consent__shows_the_reason_and_saves_nothing(world, client_for):
    response = client_for("counselor_x").post(
        reverse("matching:referral_new"), {"seeker": world.seeker_a.pk, "vacancy": world.vacancy_a.pk}
    )
    assert response.status_code == 200
    assert "has not consented to share their profile" in response.content.decode()
    assert not Referral.objects.exists()


def test_referral_new__preselects_from_the_query_and_creates(world, client_for):
    give_consent(world.seeker_a)
    client = client_for("counselor_x")
    page = client.get(reverse("matching:referral_new") + f"?seeker={world.seeker_a.pk}&vacancy={world.vacancy_a.pk}")
    assert f'value="{world.seeker_a.pk}" id="id_seeker_0" checked' in page.content.decode().replace("required ", "")
    response = client.post(
        reverse("matching:referral_new"), {"seeker": world.seeker_a.pk, "vacancy": world.vacancy_a.pk, "note": "추천"}
    )
    referral = Referral.objects.get()
    assert response.url == reverse("matching:referral", args=[referral.pk])


def test_referral_new__reads_the_chosen_seeker_and_vacancy_once(world, client_for):
    # The form reads only the columns the referral's creation uses (SearchChoiceField.read_fields): a column it left
    # out and the service read would cost a query of its own, here a second SELECT of the seeker or the vacancy.
    give_consent(world.seeker_a)
    client = client_for("counselor_x")
    with CaptureQueriesContext(connection) as creating:
        response = client.post(
            reverse("matching:referral_new"), {"seeker": world.seeker_a.pk, "vacancy": world.vacancy_a.pk}
        )
    assert response.status_code == 302
    # the form's two rows (the seeker's with whether they hold the sharing consent, the vacancy's with its status and
    # openings); the service reads neither again
    assert tables_read(creating) == ["seekers_seeker", "employers_vacancy"]
    assert Referral.objects.get().vacancy == world.vacancy_a


def test_referral_new__another_centres_seeker__is_not_offered(world, client_for):
    give_consent(world.seeker_b)
    response = client_for("counselor_x").post(
        reverse("matching:referral_new"), {"seeker": world.seeker_b.pk, "vacancy": world.vacancy_a.pk}
    )
    assert "Choose a job seeker of your centre." in response.content.decode()
    assert not Referral.objects.exists()


def test_employer__sees_only_shared_fields_of_the_candidate(world, client_for):
    seeker = world.seeker_a
    seeker.email, seeker.address_detail = "hana@example.kr", "가정로 12"
    seeker.target_groups = [TargetGroup.DISABLED]
    seeker.save()
    referral = ReferralFactory(seeker=seeker, vacancy=world.vacancy_a, sent=True)
    page = client_for("employer_a").get(reverse("matching:referral", args=[referral.pk])).content.decode()
    assert "김하나" in page
    for private in (seeker.phone, "hana@example.kr", "가정로 12", "1990", str(TargetGroup.DISABLED.label)):
        assert private not in page


def test_employer__after_consent_withdrawn__sees_no_profile(world, client_for):
    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, sent=True)
    world.seeker_a.consents.update(withdrawn_at=timezone.now())
    client = client_for("employer_a")
    page = client.get(reverse("matching:referral", args=[referral.pk])).content.decode()
    assert "김하나" not in page and "withdrawn that consent" in page
    listing = client.get(reverse("matching:portal_referrals")).content.decode()
    assert "김하나" not in listing and f"{referral.pk}" in listing


def test_employer__does_not_see_referrals_still_only_proposed(world, client_for):
    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a)
    response = client_for("employer_a").get(reverse("matching:referral", args=[referral.pk]))
    assert response.status_code == 404


def test_employer__schedules_the_interview_from_the_portal(world, client_for):
    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, sent=True)
    response = client_for("employer_a").post(
        reverse("matching:referral_interview", args=[referral.pk]),
        {"i-date": f"{working_time():%Y-%m-%d}", "i-time": "10:30", "i-place": "", "i-video_link": ""},
    )
    assert response.status_code == 400
    assert "Give the place of the interview or a video link." in response.content.decode()
    referral.refresh_from_db()
    assert referral.state == ReferralState.SENT


def test_portal_referrals__load_in_a_fixed_number_of_queries(world, client_for, django_assert_max_num_queries):
    for _ in range(8):
        InterviewFactory(referral=ReferralFactory(vacancy=world.vacancy_a, scheduled=True))
    client = client_for("employer_a")
    with django_assert_max_num_queries(8):
        page = client.get(reverse("matching:portal_referrals"))
    assert page.content.decode().count("interview_scheduled") >= 8


def test_worklist__lists_late_referrals_todays_interviews_accompanied_first_and_due_follow_ups(
    world, client_for, django_assert_max_num_queries
):
    ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, late=True)
    plain = InterviewFactory(
        referral=ReferralFactory(
            seeker=SeekerFactory(booth=world.seeker_a.booth, name="박평범"), vacancy=world.vacancy_a, scheduled=True
        ),
        today=True,
    )
    accompanied = InterviewFactory(
        referral=ReferralFactory(
            seeker=SeekerFactory(booth=world.seeker_a.booth, name="최동행"), vacancy=world.vacancy_a, scheduled=True
        ),
        today=True,
        accompanied=True,
    )
    accompanied.starts_at = plain.starts_at + datetime.timedelta(hours=1)
    accompanied.save()
    FollowUpFactory(placement=PlacementFactory(seeker=world.seeker_a), due_date=timezone.localdate())
    FollowUpFactory(placement=PlacementFactory(seeker=world.seeker_b))  # another centre
    client = client_for("counselor_x")
    with django_assert_max_num_queries(25):
        page = client.get(reverse("worklist")).content.decode()
    assert "Referrals waiting on employers" in page
    assert page.index("최동행") < page.index("박평범")
    assert page.count('id="follow-up-') == 1


def test_worklist__recording_a_follow_up_with_htmx__removes_the_item(world, client_for):
    item = FollowUpFactory(placement=PlacementFactory(seeker=world.seeker_a))
    client = client_for("counselor_x")
    response = client.post(
        reverse("matching:follow_up", args=[item.pk]),
        {"outcome": "employed", "next": "worklist"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200 and response.content == b""
    item.refresh_from_db()
    assert item.outcome == FollowUp.Outcome.EMPLOYED
    assert f'id="follow-up-{item.pk}"' not in client.get(reverse("worklist")).content.decode()


def test_worklist__left_without_reason_with_htmx__returns_the_item_with_the_error(world, client_for):
    item = FollowUpFactory(placement=PlacementFactory(seeker=world.seeker_a))
    response = client_for("counselor_x").post(
        reverse("matching:follow_up", args=[item.pk]), {"outcome": "left"}, HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert f'id="follow-up-{item.pk}"' in page and "Say why the seeker left the job." in page
    item.refresh_from_db()
    assert item.outcome == ""


def test_worklist__chasing_a_late_employer_with_htmx__removes_the_item(world, client_for):
    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, late=True)
    client = client_for("counselor_x")
    response = client.post(reverse("matching:referral_chase", args=[referral.pk]), HTTP_HX_REQUEST="true")
    assert response.content == b""
    assert f'id="waiting-{referral.pk}"' not in client.get(reverse("worklist")).content.decode()


def test_worklist__without_htmx__actions_return_to_the_worklist(world, client_for):
    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, late=True)
    response = client_for("counselor_x").post(
        reverse("matching:referral_transition", args=[referral.pk]),
        {"t-to_state": "withdrawn", "t-reason": "employer_no_answer", "next": "worklist", "confirm": "1"},
    )
    assert response.url == reverse("worklist")
    referral.refresh_from_db()
    assert (referral.state, referral.ending_reason) == (ReferralState.WITHDRAWN, "employer_no_answer")


def test_calendar__lists_the_centres_accompanied_interviews_only(world, client_for):
    InterviewFactory(
        referral=ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, scheduled=True),
        accompanied=True,
        accompanied_by=world.users["counselor_x"],
    )
    InterviewFactory(
        referral=ReferralFactory(
            vacancy=world.vacancy_a, scheduled=True, seeker=SeekerFactory(booth=world.seeker_a.booth, name="단독면접")
        )
    )
    page = client_for("counselor_x").get(reverse("matching:calendar")).content.decode()
    assert "김하나" in page and "단독면접" not in page


def test_seeker__sees_their_referrals_and_interview_time(world, client_for):
    interview = InterviewFactory(
        referral=ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, scheduled=True), place="청라 본사 3층"
    )
    ReferralFactory(seeker=world.seeker_b, vacancy=world.vacancy_b, sent=True)
    page = client_for("seeker_a").get(reverse("matching:my_referrals")).content.decode()
    assert "A사 생산직" in page and "청라 본사 3층" in page and "B사 사무직" not in page
    assert interview.referral.get_state_display() in page


def test_seeker_home_hook__shows_sent_referrals_not_proposals(world):
    from matching.hooks import seeker_home_panels

    ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a)
    [panel] = seeker_home_panels(world.seeker_a, world.users["seeker_a"])
    assert panel.context["referrals"] == []


def test_case_panels__show_the_transition_history(world, client_for):
    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a)
    from matching import services

    services.referral_transition(referral=referral, to_state="sent", by=world.users["counselor_x"], note="이력서 첨부")
    page = client_for("counselor_x").get(reverse("matching:seeker", args=[world.seeker_a.pk])).content.decode()
    assert "이력서 첨부" in page and "Sent to employer" in page


def test_self_reported_placement__page_records_it(world, client_for):
    response = client_for("counselor_x").post(
        reverse("matching:placement_new", args=[world.seeker_a.pk]),
        {
            "employer_name": "동네빵집",
            "start_date": "2026-05-01",
            "employment_type": "part_time",
            "wage_type": "hourly",
            "wage_amount": "10320",
            "weekly_hours": "20",
        },
    )
    assert response.status_code == 302
    assert world.seeker_a.placements.get().source == "self_reported"


def test_the_referral_history__writes_when_the_korean_way_like_the_seekers_timeline(world, client_for, settings):
    """The glossary's 2026. 12. 7. 오후 2:21 in the history people read, not the 2026-12-07 14:21 of exports."""
    settings.LANGUAGE_CODE = "ko"
    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, sent=True)
    ReferralTransition.objects.filter(referral=referral).update(
        at=timezone.make_aware(datetime.datetime(2026, 12, 7, 14, 21))
    )
    page = client_for("counselor_x").get(reverse("matching:referral", args=[referral.pk])).content.decode()
    assert "2026. 12. 7. 오후 2:21" in page and "2026-12-07 14:21" not in page
