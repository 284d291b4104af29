"""The consultation's "다음 조치" and its due date on the worklist (when due) and the case page."""

import datetime

from django.urls import reverse
from django.utils import timezone

from tests.seekers.factories import ConsultationFactory


def test_next_action__due_is_on_the_worklist_and_on_the_case_page(world):
    today = timezone.localdate()
    ConsultationFactory(
        seeker=world.seeker_a,
        counselor=world.users["counselor_x"],
        started_at=timezone.now() - datetime.timedelta(days=3),
        next_action="이력서 보완 후 재방문",
        next_action_due=today,
    )
    client = world.client_for("counselor_x")
    worklist = client.get(reverse("worklist")).content.decode()
    assert "이력서 보완 후 재방문" in worklist
    case = client.get(reverse("seekers:case", args=[world.seeker_a.pk])).content.decode()
    assert "이력서 보완 후 재방문" in case


def test_next_action__not_yet_due_or_replaced_by_a_later_consultation__is_not_on_the_worklist(world):
    today = timezone.localdate()
    ConsultationFactory(
        seeker=world.seeker_a,
        started_at=timezone.now() - datetime.timedelta(days=5),
        next_action="면접 준비 점검",
        next_action_due=today - datetime.timedelta(days=1),
    )
    ConsultationFactory(
        seeker=world.seeker_a,
        started_at=timezone.now() - datetime.timedelta(days=1),
        next_action="다음 주 알선 검토",
        next_action_due=today + datetime.timedelta(days=7),
    )
    worklist = world.client_for("counselor_x").get(reverse("worklist")).content.decode()
    assert "면접 준비 점검" not in worklist and "다음 주 알선 검토" not in worklist
