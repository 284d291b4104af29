"""The notification service: e-mail and text messages, queued in an outbox and sent by Celery.

Every app sends through `notify()`; nothing else talks to a mail server or an SMS gateway.
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.template import Context
from django.template.loader import get_template
from django.utils import timezone
from django.utils.module_loading import import_string

from jobcenter.models import Notification

logger = logging.getLogger(__name__)


class SMSBackend:
    """What an SMS gateway adapter implements: send one text, raise on failure."""

    def send(self, *, to: str, body: str) -> None:
        raise NotImplementedError


class LoggingSMSBackend(SMSBackend):
    """Writes the message to the log; the gateway contract is the city's to sign."""

    def send(self, *, to: str, body: str) -> None:
        logger.info("SMS to %s: %s", to, body)


class FileSMSBackend(SMSBackend):
    """Appends each text to `sms.log` in EMAIL_FILE_PATH, beside the file backend's e-mails (`dev.py run`: the
    demo's texts would otherwise fill the console)."""

    def send(self, *, to: str, body: str) -> None:
        from pathlib import Path

        folder = Path(settings.EMAIL_FILE_PATH)
        folder.mkdir(parents=True, exist_ok=True)
        with (folder / "sms.log").open("a", encoding="utf-8") as log:
            log.write(f"--- {timezone.now().isoformat()} to {to}\n{body}\n")


def render_plain_text(template_name: str, context: dict) -> str:
    """A text message or plain-text e-mail: rendered without HTML escaping (no `&amp;` or `&quot;` in a text)."""
    return get_template(template_name).template.render(Context(context, autoescape=False))


def render_notice(template: str, context: dict) -> tuple[str, str]:
    """The subject and text of a notice: the administrator's override when there is one (only its declared
    `{{ variable }}`s filled in; the overrides come from the shared cache, jobcenter/notice_templates.py), else
    `emails/<template>.txt` (first line the subject).
    """
    from jobcenter.notice_templates import overrides, render_text, values_from

    override = overrides().get(template)
    if override is not None:
        values, (subject, body) = values_from(template, context), override
        return render_text(subject, values).strip(), render_text(body, values).strip()
    subject, _, body = render_plain_text(f"emails/{template}.txt", context).strip().partition("\n")
    return subject.strip(), body.strip()


def notify(
    *, template: str, context: dict, email: str = "", phone: str = "", key: str | None = None
) -> list[Notification]:
    """Queue the message `template` (render_notice: the administrator's override or the file) to whichever contacts
    are given.

    Runs inside the caller's transaction; the send is enqueued only after commit, so a rolled-back
    change sends nothing. With `key`, queuing the same message again is a no-op.
    """
    if not email and not phone:  # nobody to tell (no contact on file): nothing to render
        return []
    subject, body = render_notice(template, context)
    queued = []
    for channel, recipient in ((Notification.Channel.EMAIL, email), (Notification.Channel.SMS, phone)):
        if not recipient:
            continue
        channel_key = f"{key}:{channel}" if key else None
        try:
            with transaction.atomic():
                notification = Notification.objects.create(
                    channel=channel, recipient=recipient, subject=subject.strip(), body=body.strip(), key=channel_key
                )
        except IntegrityError:
            continue  # already queued under this key
        queued.append(notification)
    if queued:
        # One broker message for the e-mail and the text of one notice: each publish costs the web process about as
        # much as the rest of a notice's work (docs/scaling-measurements.md).
        transaction.on_commit(lambda ids=[notification.pk for notification in queued]: _enqueue(ids))
    return queued


def _enqueue(notification_ids: list[int]) -> None:
    from jobcenter.tasks import notifications_send

    try:
        notifications_send.delay(notification_ids)
    except Exception:  # broker down: the rows stay pending and the sweeper sends them later
        logger.warning("Could not enqueue notifications %s; the sweeper will retry.", notification_ids, exc_info=True)


def notification_deliver(*, notification_id: int) -> None:
    """Send one pending notification; a call for a row already sent or given up sends nothing. A failed send is
    recorded on the row (attempts, the error; given up after the fifth) and then raised, for the task to retry."""
    failure = None
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None or notification.status != Notification.Status.PENDING:
            return
        notification.attempts += 1
        try:
            if notification.channel == Notification.Channel.EMAIL:
                send_mail(notification.subject, notification.body, None, [notification.recipient])
            else:
                import_string(settings.SMS_BACKEND)().send(to=notification.recipient, body=notification.body)
        except Exception as error:
            failure = error
            notification.last_error = str(error)[:2000]
            notification.status = Notification.Status.FAILED if notification.attempts >= 5 else notification.status
            notification.save(update_fields=["attempts", "last_error", "status"])
        else:
            notification.status = Notification.Status.SENT
            notification.sent_at = timezone.now()
            notification.save(update_fields=["attempts", "status", "sent_at"])
    if failure is not None:
        raise failure  # after the block: raised inside it, the record of the failure was rolled back with it


def pending_notification_ids(*, older_than_seconds: int = 60) -> list[int]:
    cutoff = timezone.now() - timezone.timedelta(seconds=older_than_seconds)
    return list(
        Notification.objects.filter(status=Notification.Status.PENDING, created_at__lt=cutoff).values_list(
            "pk", flat=True
        )[:1000]
    )
