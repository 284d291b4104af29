"""접속기록 sweep: every staff page that shows a seeker's name and contact writes one access record for that
seeker per request: the case page, edits, the referral and matching pages, the scorer's page of a seeker, the
events check-in, detail and attendance lists, the statistics drill-down with names, the partner linkage pages,
and the export (one record per exported seeker, with the reason)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from seekers.models import AccessRecord
from tests.events.factories import EventFactory, RegistrationFactory
from tests.matching.factories import ReferralFactory, give_consent
from tests.outreach import access as outreach_access
from tests.statistics.access import this_month


def referral(world) -> str:
    give_consent(world.seeker_a)
    return reverse(
        "matching:referral",
        kwargs={"pk": ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, sent=True).pk},
    )


def event_with_seeker_a(world, **kwargs):
    event = EventFactory(centre=world.centre_x, **kwargs)
    RegistrationFactory(event=event, seeker=world.seeker_a)
    return event


# (what, principal, URL builder)
VIEWS = [
    ("case page", "counselor_x", lambda w: reverse("seekers:case", kwargs={"pk": w.seeker_a.pk})),
    ("referral page (staff)", "counselor_x", referral),
    ("referral page (employer)", "employer_a", referral),
    ("seeker's referrals", "counselor_x", lambda w: reverse("matching:seeker", kwargs={"pk": w.seeker_a.pk})),
    (
        "scorer: a seeker's vacancies",
        "counselor_x",
        lambda w: reverse("matching:seeker_vacancies", kwargs={"pk": w.seeker_a.pk}),
    ),
    (
        "events: detail with registrations",
        "counselor_x",
        lambda w: reverse("events:manage_detail", kwargs={"pk": event_with_seeker_a(w).pk}),
    ),
    (
        "events: check-in search",
        "counselor_x",
        lambda w: reverse("events:manage_checkin", kwargs={"pk": event_with_seeker_a(w).pk}) + f"?q={w.seeker_a.name}",
    ),
    (
        "events: attendance list",
        "counselor_x",
        lambda w: reverse(
            "events:manage_attendance", kwargs={"pk": event_with_seeker_a(w, lecture=True).sessions.get().pk}
        ),
    ),
    (
        "statistics drill-down with names",
        "counselor_x",
        lambda w: reverse("statistics:records") + f"?measure=seekers_registered&month={this_month()}",
    ),
    (
        "outreach: partner linkage form",
        "counselor_x",
        lambda w: reverse("outreach:linkage_create", kwargs=outreach_access.seeker_a(w)),
    ),
    (
        "outreach: linkage outcome",
        "counselor_x",
        lambda w: reverse("outreach:linkage_outcome", kwargs=outreach_access.linkage_x(w)),
    ),
]


@pytest.mark.parametrize("what,principal,url", VIEWS, ids=[view[0] for view in VIEWS])
def test_a_page_showing_a_seekers_personal_data__writes_one_access_record(what, principal, url, world):
    address = url(world)
    client = world.client_for(principal)
    before = AccessRecord.objects.filter(seeker=world.seeker_a).count()
    response = client.get(address)
    assert response.status_code == 200, address
    assert world.seeker_a.name in response.content.decode(), "the page must be one that shows the seeker"
    records = AccessRecord.objects.filter(seeker=world.seeker_a).order_by("-pk")
    assert records.count() == before + 1, what
    record = records.first()
    assert record.user == world.users[principal] and record.action == AccessRecord.Action.VIEW
    assert record.at <= timezone.now() and record.path.startswith(address.split("?")[0])


def test_the_export__writes_one_record_per_exported_seeker_with_the_reason(world):
    client = world.client_for("counselor_x")
    response = client.post(reverse("seekers:export"), {"purpose": "other", "reason": "월간 보고서 작성 (시청 제출용)"})
    assert response.status_code == 200
    b"".join(response.streaming_content)
    record = AccessRecord.objects.get(seeker=world.seeker_a)
    assert record.action == AccessRecord.Action.EXPORT and record.reason == "월간 보고서 작성 (시청 제출용)"
