"""Online applications (입사지원): a referral the seeker starts, followed by seeker, counselor and employer."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from employers.models import ApplicationMethod
from jobcenter.models import Notification
from matching import services as matching
from matching.models import Referral, ReferralSource, ReferralState
from resumes import services
from resumes.models import Application
from seekers.models import AccessRecord
from tests.matching.access import next_working_day
from tests.resumes.factories import ApplicationFactory, ResumeFactory


@pytest.fixture
def online(world):
    world.vacancy_a.application_method = ApplicationMethod.ONLINE
    world.vacancy_a.save(update_fields=["application_method"])
    world.seeker_a.email = "hana@example.kr"
    world.seeker_a.save(update_fields=["email"])
    return world.vacancy_a


def apply(world, vacancy, **overrides):
    values = {
        "seeker": world.seeker_a,
        "vacancy": vacancy,
        "resume": ResumeFactory(seeker=world.seeker_a),
        "message": "다음 주부터 출근할 수 있습니다.",
        "consent": True,
        "by": world.users["seeker_a"],
    }
    return services.application_create(**(values | overrides))


def test_application__is_a_referral_sent_to_the_employer_with_the_resume_as_sent(world, online):
    application = apply(world, online)
    referral = application.referral
    assert (referral.state, referral.source) == (ReferralState.SENT, ReferralSource.APPLICATION)
    assert referral.centre == world.centre_x and referral.waiting_since is not None
    assert application.document["name"] == "김하나" and application.document["certificates"]
    assert "가나다(주)" in application.consent_wording and application.consented_at is not None
    # Without the general sharing consent: applying shares this résumé with this employer only.
    assert not world.seeker_a.consents.exists()
    # The seeker editing the résumé afterwards does not change what the employer received.
    application.resume.introduction = [{"heading": "수정", "body": "다른 내용"}]
    application.resume.save()
    application.refresh_from_db()
    assert application.document["introduction"][0]["body"] == "성실하게 일하겠습니다."
    subjects = set(Notification.objects.values_list("subject", flat=True))
    assert "Your application was sent" in subjects
    assert "A job seeker applied for “A사 생산직”" in subjects


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"consent": False}, "Agree to give your résumé"),
        ("other_resume", "Choose one of your own résumés."),
        ("closed", "registration is closed"),
    ],
)
def test_application__without_consent_with_another_seekers_resume_or_closed__is_refused(
    world, online, overrides, message
):
    if overrides == "other_resume":
        overrides = {"resume": ResumeFactory(seeker=world.seeker_b)}
    elif overrides == "closed":
        world.seeker_a.status = "closed"
        overrides = {}
    with pytest.raises(ValidationError, match=message):
        apply(world, online, **overrides)
    assert not Referral.objects.exists() and not Application.objects.exists()
    assert not Notification.objects.exists()


def test_application__to_a_vacancy_through_the_centre_only_or_past_its_deadline__is_refused(world):
    assert world.vacancy_a.application_method == ApplicationMethod.CENTRE  # the default
    with pytest.raises(ValidationError, match="only through the job centre"):
        apply(world, world.vacancy_a)
    world.vacancy_a.application_method = ApplicationMethod.BOTH
    world.vacancy_a.deadline = timezone.localdate() - datetime.timedelta(days=1)
    world.vacancy_a.save()
    with pytest.raises(ValidationError, match="deadline has passed"):
        apply(world, world.vacancy_a)
    assert not Referral.objects.exists()


def test_application__twice_to_the_same_vacancy__is_refused_the_second_time(world, online):
    apply(world, online)
    with pytest.raises(ValidationError, match="already applied"):
        apply(world, online)
    assert Referral.objects.count() == 1


def test_apply_page__explains_the_consent_and_sends_the_application(world, online):
    client = world.client_for("seeker_a")
    resume = ResumeFactory(seeker=world.seeker_a, title="생산직용")
    page = client.get(reverse("resumes:apply", args=[online.pk])).content.decode()
    assert "생산직용" in page and "to 가나다(주), for this vacancy only" in page
    refused = client.post(reverse("resumes:apply", args=[online.pk]), {"resume": resume.pk, "message": "안녕하세요"})
    assert refused.status_code == 400 and "Agree to give your résumé" in refused.content.decode()
    response = client.post(
        reverse("resumes:apply", args=[online.pk]), {"resume": resume.pk, "message": "안녕하세요", "consent": "on"}
    )
    application = Application.objects.get()
    assert response["Location"] == reverse("resumes:application", args=[application.pk])
    assert application.message == "안녕하세요"


def test_apply_page__of_a_job_through_the_centre_only__says_so_and_the_job_page_offers_no_apply_button(world):
    client = world.client_for("seeker_a")
    ResumeFactory(seeker=world.seeker_a)
    page = client.get(reverse("resumes:apply", args=[world.vacancy_a.pk])).content.decode()
    assert "only through the job centre" in page and "Send my application" not in page
    job = client.get(reverse("employers:job", args=[world.vacancy_a.pk])).content.decode()
    assert reverse("resumes:apply", args=[world.vacancy_a.pk]) not in job
    assert "Ask my counselor to refer me" in job


def test_job_page__of_an_online_vacancy__links_to_apply_and_to_registration_for_visitors(world, online):
    anonymous = world.client_for("anonymous").get(reverse("employers:job", args=[online.pk])).content.decode()
    assert "Log in to apply" in anonymous and reverse("seekers:signup") in anonymous
    assert (
        "Ask my counselor to refer me"
        not in world.client_for("seeker_a").get(reverse("employers:job", args=[online.pk])).content.decode()
    )


def test_employer__answers_the_application_as_a_referral_and_the_seeker_follows_it(world, online):
    application = apply(world, online)
    referral = application.referral
    employer = world.users["employer_a"]
    portal = world.client_for("employer_a").get(reverse("matching:portal_referrals")).content.decode()
    assert "김하나" in portal and "Online application" in portal
    assert reverse("resumes:application_pdf", args=[application.pk]) in portal
    starts = timezone.make_aware(datetime.datetime.combine(next_working_day(), datetime.time(10)))
    matching.referral_schedule_interview(referral=referral, by=employer, starts_at=starts, place="본사 2층")
    my_page = world.client_for("seeker_a").get(reverse("seekers:home")).content.decode()
    assert "Interview scheduled" in my_page and "Online application" in my_page
    assert Notification.objects.filter(subject="Your job interview", recipient="hana@example.kr").exists()


def test_seeker__is_told_of_every_change_of_an_application(world, online):
    application = apply(world, online)
    matching.referral_transition(
        referral=application.referral, to_state=ReferralState.WITHDRAWN, by=world.users["counselor_x"], reason="other"
    )
    news = Notification.objects.get(subject="News about your application", channel="email")
    assert "is now: Withdrawn" in news.body


def test_counselor__sees_the_application_on_the_worklist_and_supports_it(world, online):
    application = apply(world, online)
    client = world.client_for("counselor_x")
    worklist = client.get(reverse("worklist")).content.decode()
    assert (
        "Online applications to review" in worklist
        and reverse("resumes:application", args=[application.pk]) in worklist
    )
    response = client.post(
        reverse("resumes:application_opinion", args=[application.pk]),
        {"opinion": "support", "note": "경력이 잘 맞습니다", "next": "worklist"},
    )
    assert response["Location"] == reverse("worklist")
    assert reverse("resumes:application", args=[application.pk]) not in client.get(reverse("worklist")).content.decode()
    application.refresh_from_db()
    assert (application.opinion_by, application.counselor_note) == (world.users["counselor_x"], "경력이 잘 맞습니다")
    case = client.get(reverse("seekers:case", args=[world.seeker_a.pk])).content.decode()
    assert "Online application (Supports the application)" in case
    assert Notification.objects.filter(subject="Your counselor looked at your application").exists()
    employer_page = world.client_for("employer_a").get(reverse("matching:referral", args=[application.referral.pk]))
    assert "supports this application" in employer_page.content.decode()


def test_employer__never_sees_a_counselors_advice_against(world, online):
    application = apply(world, online)
    services.application_give_opinion(
        application=application, by=world.users["counselor_x"], opinion="advise_against", note="통근 거리가 멉니다"
    )
    for url in (
        reverse("matching:referral", args=[application.referral.pk]),
        reverse("resumes:application", args=[application.pk]),
    ):
        page = world.client_for("employer_a").get(url).content.decode()
        assert "통근 거리가 멉니다" not in page and "Advises against" not in page
    seeker_page = world.client_for("seeker_a").get(reverse("resumes:application", args=[application.pk]))
    assert "통근 거리가 멉니다" in seeker_page.content.decode()


def test_employer__reading_and_downloading_the_resume__is_logged_and_another_employer_gets_404(world):
    application = ApplicationFactory(referral__seeker=world.seeker_a, referral__vacancy=world.vacancy_a)
    client = world.client_for("employer_a")
    page = client.get(reverse("resumes:application", args=[application.pk]))
    assert page.status_code == 200 and "지게차운전기능사" in page.content.decode()
    pdf = client.get(reverse("resumes:application_pdf", args=[application.pk]))
    content = b"".join(pdf.streaming_content)
    assert content.startswith(b"%PDF") and b"PretendardGOV" in content
    records = AccessRecord.objects.filter(user=world.users["employer_a"], seeker=world.seeker_a)
    assert sorted(records.values_list("action", flat=True)) == ["export", "view"]
    for name in ("resumes:application", "resumes:application_pdf"):
        assert world.client_for("employer_b").get(reverse(name, args=[application.pk])).status_code == 404
    # The résumé itself (not the copy sent) is never the employer's to open.
    assert client.get(reverse("resumes:detail", args=[application.resume.pk])).status_code == 403


def test_portal_list__loads_in_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for _ in range(5):
        ApplicationFactory(referral__vacancy=world.vacancy_a)
    client = world.client_for("employer_a")
    with django_assert_max_num_queries(12):
        page = client.get(reverse("matching:portal_referrals")).content.decode()
    assert page.count("Online application") == 5
