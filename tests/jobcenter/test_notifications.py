"""The outbox: nothing is sent for a rolled-back change, a pending row is sent once, deduplication by key."""

import datetime

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone, translation

from jobcenter import tasks
from jobcenter.models import Notification
from jobcenter.notifications import notify


def queue_test_message(**kwargs) -> list[Notification]:
    return notify(template="jobcenter_test_message", context={"site": "검단 일자리센터"}, **kwargs)


def sms_gateway_down(self, to, body):
    raise ConnectionError("SMS gateway down")


def test_notify__inside_a_rolled_back_transaction__leaves_no_row_and_sends_nothing(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        queue_test_message(email="lee@example.kr", phone="010-1234-5678")
        assert Notification.objects.count() == 2
        transaction.set_rollback(True)
    assert Notification.objects.count() == 0
    assert callbacks == []
    assert mail.outbox == []


def test_notify__after_commit__sends_the_mail_with_the_template_subject(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        queue_test_message(email="lee@example.kr")
    [message] = mail.outbox
    assert message.to == ["lee@example.kr"]
    assert message.subject == "Test message from the job centre"
    assert "검단 일자리센터" in message.body
    assert Notification.objects.get().status == Notification.Status.SENT


def test_notify__to_an_address_and_a_number__sends_both_through_one_broker_message(
    db, django_capture_on_commit_callbacks, monkeypatch
):
    published = []
    send_both = tasks.notifications_send.delay
    monkeypatch.setattr(tasks.notifications_send, "delay", lambda ids: published.append(ids) or send_both(ids))
    sms = []
    monkeypatch.setattr("jobcenter.notifications.LoggingSMSBackend.send", lambda self, to, body: sms.append(to))
    with django_capture_on_commit_callbacks(execute=True):
        email, text = queue_test_message(email="lee@example.kr", phone="010-1234-5678")
    assert published == [[email.pk, text.pk]]
    assert [message.to for message in mail.outbox] == [["lee@example.kr"]]
    assert sms == ["010-1234-5678"]
    assert set(Notification.objects.values_list("status", flat=True)) == {Notification.Status.SENT}


def test_notifications_sent_together__one_that_fails__is_retried_alone_and_the_other_is_sent(
    db, django_capture_on_commit_callbacks, monkeypatch
):
    retried = []
    monkeypatch.setattr("jobcenter.notifications.LoggingSMSBackend.send", sms_gateway_down)
    monkeypatch.setattr(tasks.notification_send, "delay", retried.append)
    with django_capture_on_commit_callbacks(execute=True):
        email, text = queue_test_message(email="lee@example.kr", phone="010-1234-5678")
    assert retried == [text.pk]
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    text.refresh_from_db()
    assert (email.status, text.status) == (Notification.Status.SENT, Notification.Status.PENDING)


def test_notify__twice_with_the_same_key__queues_one_message(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue_test_message(email="lee@example.kr", key="reminder-7")
        assert queue_test_message(email="lee@example.kr", key="reminder-7") == []
    assert Notification.objects.count() == 1
    assert len(mail.outbox) == 1


def test_notify__without_an_address_or_number__queues_nothing_and_renders_no_template(db, monkeypatch):
    from jobcenter import notifications

    def no_rendering(*args, **kwargs):
        raise AssertionError("rendered a message for nobody")

    monkeypatch.setattr(notifications, "render_plain_text", no_rendering)
    assert queue_test_message(email="", phone="") == []
    assert Notification.objects.count() == 0


def test_sweeper__re_sends_a_notification_left_pending_exactly_once(
    db, django_capture_on_commit_callbacks, monkeypatch
):
    def broker_down(*args, **kwargs):
        raise ConnectionError("redis is down")

    with monkeypatch.context() as patch:
        patch.setattr(tasks.notifications_send, "delay", broker_down)
        with django_capture_on_commit_callbacks(execute=True):
            [notification] = queue_test_message(phone="010-2222-3333", email="")
    notification.refresh_from_db()
    assert notification.status == Notification.Status.PENDING
    # The sweeper leaves young rows alone (their task may still be on its way) ...
    assert tasks.notifications_sweep.delay().get() == 0
    Notification.objects.filter(pk=notification.pk).update(created_at=timezone.now() - datetime.timedelta(minutes=5))
    sent = []
    monkeypatch.setattr("jobcenter.notifications.LoggingSMSBackend.send", lambda self, to, body: sent.append(to))
    # ... and sends old ones; the next sweep finds nothing left.
    assert tasks.notifications_sweep.delay().get() == 1
    assert tasks.notifications_sweep.delay().get() == 0
    assert sent == ["010-2222-3333"]
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.attempts == 1


def test_delivering_a_sent_notification_again__sends_nothing(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        [notification] = queue_test_message(email="lee@example.kr")
    tasks.notification_send.delay(notification.pk)
    assert len(mail.outbox) == 1


def test_send_test_notification_command__queues_and_sends_both_channels(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_test_notification", email="ops@example.kr", phone="010-0000-0000")
    assert Notification.objects.filter(status=Notification.Status.SENT).count() == 2
    assert mail.outbox[0].to == ["ops@example.kr"]


def test_send_test_notification_command__without_a_recipient__refuses(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="--email"):
        call_command("send_test_notification")


def test_a_failed_delivery__is_recorded_on_the_row__and_the_fifth_marks_it_failed(db, monkeypatch):
    from jobcenter.notifications import notification_deliver

    monkeypatch.setattr("jobcenter.notifications.LoggingSMSBackend.send", sms_gateway_down)
    [text] = queue_test_message(phone="010-1234-5678")
    with pytest.raises(ConnectionError):
        notification_deliver(notification_id=text.pk)
    text.refresh_from_db()
    assert (text.attempts, text.status, text.last_error) == (1, Notification.Status.PENDING, "SMS gateway down")
    for _attempt in range(4):
        with pytest.raises(ConnectionError):
            notification_deliver(notification_id=text.pk)
    text.refresh_from_db()
    assert (text.attempts, text.status) == (5, Notification.Status.FAILED)
    notification_deliver(notification_id=text.pk)  # a retry after that: given up, not tried again
    text.refresh_from_db()
    assert text.attempts == 5
