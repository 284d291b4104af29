"""Job alerts without a worker: saving one, what a run sends, to whom, and the unsubscribe link."""

import datetime

import pytest
from django.utils import timezone

from alerts.models import JobAlert
from alerts.services import alerts_run, unsubscribe_token
from jobcenter.models import Notification
from seekers.models import Consent
from seekers.services import consent_give, consent_withdraw
from tests.employers.factories import VacancyFactory
from tests.matching.scoring_factories import matching_seeker, matching_vacancy

pytestmark = pytest.mark.django_db


DAY = datetime.timedelta(days=1)


def an_hour_ago():
    return timezone.now() - datetime.timedelta(hours=1)


def test_saving_an_alert__without_the_consent__gives_it_when_ticked_and_refuses_when_not(world, client_for):
    world.seeker_a.email = "kim@example.kr"
    world.seeker_a.save()
    client = client_for("seeker_a")
    data = {"kind": "filters", "q": "지게차", "frequency": "daily", "channel": "email"}
    refused = client.post("/alerts/new/", data)
    assert refused.status_code == 200 and not JobAlert.objects.exists()
    assert not Consent.objects.held("job_news").filter(seeker=world.seeker_a).exists()

    saved = client.post("/alerts/new/", {**data, "consent": "on"})
    assert saved.status_code == 302
    alert = JobAlert.objects.get(seeker=world.seeker_a)
    assert (alert.q, alert.frequency, alert.channel) == ("지게차", "daily", "email")
    assert Consent.objects.held("job_news").filter(seeker=world.seeker_a).exists()
    assert "지게차" in client.get("/alerts/").content.decode()


def test_saving_an_e_mail_alert__without_an_address__is_refused_with_a_reason(world, client_for):
    consent_give(seeker=world.seeker_a, kind="job_news", by=None)
    world.seeker_a.email = ""
    world.seeker_a.save()
    data = {"kind": "filters", "q": "지게차", "frequency": "daily", "channel": "email"}
    page = client_for("seeker_a").post("/alerts/new/", data)
    assert "no e-mail address" in page.content.decode()
    assert not JobAlert.objects.exists()


def test_an_alert_without_any_condition__is_refused_in_korean__and_the_profile_alert_is_offered(
    world, client_for, settings
):
    settings.LANGUAGE_CODE = "ko"
    consent_give(seeker=world.seeker_a, kind="job_news", by=None)
    client = client_for("seeker_a")
    empty = {"kind": "filters", "q": "  ", "frequency": "weekly", "channel": "sms"}
    page = client.post("/alerts/new/", empty)
    assert page.status_code == 200 and not JobAlert.objects.exists()
    body = page.content.decode()
    assert "조건을 하나 이상" in body and "“내 구직등록과 맞는 일자리”" in body

    # Choosing "jobs like my profile" on purpose needs no condition.
    assert client.post("/alerts/new/", {**empty, "kind": "profile"}).status_code == 302
    assert JobAlert.objects.get(seeker=world.seeker_a).kind == "profile"


def test_the_board_link__fills_the_alert_form_with_the_search(world, client_for):
    page = client_for("seeker_a").get("/alerts/new/?q=조리&occupation=53&min_wage=2000000")
    body = page.content.decode()
    assert 'value="조리"' in body and 'value="2000000"' in body and '<option value="53" selected' in body


def test_another_seekers_alert__cannot_be_stopped(world, client_for):
    alert = JobAlert.objects.create(seeker=world.seeker_a, channel="sms", checked_until=timezone.now())
    assert client_for("seeker_b").post(f"/alerts/{alert.pk}/stop/").status_code == 404
    alert.refresh_from_db()
    assert alert.is_active


def test_a_run__sends_only_vacancies_published_since_the_last_run__and_only_matching_ones(world):
    consent_give(seeker=world.seeker_a, kind="job_news", by=None)
    JobAlert.objects.create(
        seeker=world.seeker_a, q="지게차", frequency="daily", channel="sms", checked_until=an_hour_ago()
    )
    VacancyFactory(company=world.company_a, published=True, title="지게차 운전원")
    VacancyFactory(company=world.company_a, published=True, title="경리 사무원")
    # Published before the alert's last run: already seen.
    VacancyFactory(company=world.company_a, published=True, title="지게차 보조", published_at=an_hour_ago() - DAY)
    assert alerts_run(frequency="daily") == 1
    [message] = Notification.objects.filter(recipient=world.seeker_a.phone)
    assert "지게차 운전원" in message.body
    assert "경리" not in message.body and "지게차 보조" not in message.body
    assert "/alerts/unsubscribe/" in message.body
    assert alerts_run(frequency="weekly") == 0  # a daily alert is not in the weekly run


def test_a_run__after_the_consent_is_withdrawn__sends_nothing(world):
    consent_give(seeker=world.seeker_a, kind="job_news", by=None)
    JobAlert.objects.create(seeker=world.seeker_a, frequency="daily", channel="sms", checked_until=an_hour_ago())
    consent_withdraw(seeker=world.seeker_a, kind="job_news", by=None)
    VacancyFactory(company=world.company_a, published=True, title="지게차 운전원")
    assert alerts_run(frequency="daily") == 0
    assert not Notification.objects.exists()


def test_a_profile_alert__sends_the_new_jobs_the_scorer_finds_for_the_seeker(world):
    seeker = matching_seeker(occupations=("81",), email="park@example.kr")
    consent_give(seeker=seeker, kind="job_news", by=None)
    JobAlert.objects.create(
        seeker=seeker, kind="profile", frequency="weekly", channel="email", checked_until=an_hour_ago()
    )
    matching_vacancy(occupation="81", title="용접원", company=world.company_a)
    assert alerts_run(frequency="weekly") == 1
    assert "용접원" in Notification.objects.get(recipient="park@example.kr").body


def test_the_unsubscribe_link__asks_first__then_stops__without_login(world, client):
    alert = JobAlert.objects.create(seeker=world.seeker_a, channel="sms", checked_until=timezone.now())
    path = f"/alerts/unsubscribe/{unsubscribe_token([alert.pk])}/"
    assert "Stop the alerts" in client.get(path).content.decode()
    alert.refresh_from_db()
    assert alert.is_active  # a mail scanner following the link stops nothing
    client.post(path)
    alert.refresh_from_db()
    assert not alert.is_active
    assert client.get("/alerts/unsubscribe/made-up/").status_code == 404


def test_the_same_search_saved_twice__is_refused_the_second_time(world, client_for):
    consent_give(seeker=world.seeker_a, kind="job_news", by=None)
    client = client_for("seeker_a")
    data = {"kind": "filters", "q": "지게차", "frequency": "daily", "channel": "sms"}
    assert client.post("/alerts/new/", data).status_code == 302
    again = client.post("/alerts/new/", data)
    assert "You already have this job alert." in again.content.decode()
    assert JobAlert.objects.filter(seeker=world.seeker_a).count() == 1
