"""Retention: seekers whose registration ended longer ago than the period are anonymised by the beat task;
nothing of them survives outside the anonymised form, and the counts statistics need stay."""

import datetime

from django.apps import apps
from django.db import models
from django.utils import timezone

from jobcenter.models import Notification, User
from jobcenter.security.models import DestructionLog
from jobcenter.security.tasks import beat_schedule, retention_apply
from seekers.models import Seeker
from tests.factories import UserFactory
from tests.seekers.factories import BookingFactory, ConsultationFactory, SeekerFactory

NAME, PHONE, EMAIL = "홍길순", "010-9876-5432", "gilsoon.hong@example.kr"


def seeker_related_models() -> list[type[models.Model]]:
    """Seeker, every model with a foreign key to it (in any app), and the user and notification tables."""
    found = [Seeker, User, Notification]
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if isinstance(field, models.ForeignKey) and field.related_model is Seeker and model not in found:
                found.append(model)
    return found


def text_values_containing(needles: list[str]) -> list[str]:
    leaks = []
    for model in seeker_related_models():
        text_fields = [
            f.name for f in model._meta.concrete_fields if isinstance(f, (models.CharField, models.TextField))
        ]
        for row in model.objects.values("pk", *text_fields):
            for field in text_fields:
                value = str(row[field] or "")
                leaks += [f"{model._meta.label}.{field}#{row['pk']}: {value[:60]}" for n in needles if n in value]
    return leaks


def ended_long_ago(seeker: Seeker, days: int) -> None:
    Seeker.objects.filter(pk=seeker.pk).update(
        status=Seeker.Status.CLOSED, last_activity_at=timezone.now() - datetime.timedelta(days=days)
    )


def test_the_retention_task__anonymises_past_retention_and_leaves_no_name_phone_or_email_anywhere(world, settings):
    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "seeker": 365}
    account = UserFactory(username="gilsoon", last_name="홍", first_name="길순", email=EMAIL)
    old = SeekerFactory(
        user=account,
        name=NAME,
        phone=PHONE,
        email=EMAIL,
        booth=world.seeker_a.booth,
        address_detail="인천 남동구 구월로 1",
        target_groups=["disabled", "youth"],
    )
    ConsultationFactory(seeker=old, notes=f"{NAME} 님 이력서 검토, 연락처 {PHONE}", next_action=f"{EMAIL}로 공고 발송")
    BookingFactory(seeker=old, topic=f"{NAME} 재상담")
    Notification.objects.create(channel="email", recipient=EMAIL, subject=f"{NAME}님 예약 확인", body=f"{NAME}님")
    recent = SeekerFactory(name="최근종료", phone="010-1111-0000", booth=world.seeker_a.booth)
    ended_long_ago(old, days=400)
    ended_long_ago(recent, days=100)
    counts_before = Seeker.objects.filter(centre=world.centre_x).count()

    assert text_values_containing([NAME, PHONE, EMAIL])  # the scan finds them before
    assert retention_apply.delay().get() == 1

    assert text_values_containing([NAME, PHONE, EMAIL]) == []
    old.refresh_from_db()
    assert old.anonymised_at is not None and old.phone == "" and old.email == ""
    assert old.target_groups == ["youth"]  # sensitive groups go; the rest stays for statistics
    assert Seeker.objects.filter(centre=world.centre_x).count() == counts_before
    account.refresh_from_db()
    assert not account.is_active and not account.has_usable_password()
    log = DestructionLog.objects.get()
    assert (log.kind, log.object_id) == ("seeker", old.pk)
    assert "phone" in log.fields and "365 days" in log.reason
    recent.refresh_from_db()
    assert recent.name == "최근종료" and recent.anonymised_at is None

    assert retention_apply.delay().get() == 0  # idempotent
    assert DestructionLog.objects.count() == 1


def test_an_active_seeker__is_never_destroyed_however_old(world, settings):
    settings.RETENTION_DAYS = {**settings.RETENTION_DAYS, "seeker": 30}
    Seeker.objects.filter(pk=world.seeker_a.pk).update(last_activity_at=timezone.now() - datetime.timedelta(days=999))
    assert retention_apply.delay().get() == 0
    world.seeker_a.refresh_from_db()
    assert world.seeker_a.name == "김하나"


def test_the_retention_task__is_on_the_beat_schedule():
    from jobcenter.celery import app

    app.loader.import_default_modules()
    assert beat_schedule["security-retention-apply"]["task"] == "jobcenter.security.tasks.retention_apply"
    assert "security-retention-apply" in app.conf.beat_schedule
