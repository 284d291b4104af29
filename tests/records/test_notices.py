"""Notices: one message per person and channel for one action, and text messages in plain text."""

from events import services
from jobcenter.models import Notification
from tests.events.factories import EventFactory, InterviewSlotFactory, ParticipationFactory
from tests.matching.factories import give_consent


def test_pre_matching_invite__sends_the_seeker_one_message_per_channel_that_says_everything(world):
    seeker = world.seeker_a
    seeker.email, seeker.phone = "hana@example.kr", "010-1234-5678"
    seeker.save()
    give_consent(seeker)
    event = EventFactory(centre=world.centre_x)
    participation = ParticipationFactory(event=event, company=world.company_a, vacancies=[world.vacancy_a])
    slot = InterviewSlotFactory(participation=participation)

    interview = services.interview_schedule(slot=slot, seeker=seeker, by=world.users["counselor_x"])

    assert interview.referral_id  # the referral is made, sent and scheduled too
    to_seeker = Notification.objects.filter(recipient__in=[seeker.email, seeker.phone])
    assert sorted(to_seeker.values_list("channel", flat=True)) == ["email", "sms"]
    sms = to_seeker.get(channel="sms")
    registration = interview.registration
    assert registration.code in sms.body and world.company_a.name in sms.subject + sms.body


def test_text_messages__are_plain_text_without_html_entities(world):
    world.company_a.name = 'A&B "정밀"'
    world.company_a.save()
    test_pre_matching_invite__sends_the_seeker_one_message_per_channel_that_says_everything(world)
    sms = Notification.objects.get(channel="sms", recipient=world.seeker_a.phone)
    text = sms.subject + sms.body
    assert 'A&B "정밀"' in text and "&amp;" not in text and "&quot;" not in text
