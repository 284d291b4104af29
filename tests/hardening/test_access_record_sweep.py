"""접속기록 sweep. First, every URL of tests/access_table.py as each of the nine principals: a response carrying a
seeker's name, phone or e-mail to anyone but that seeker must have written an access record for that seeker and
account in the same request (jobcenter.security.access.AccessLogMiddleware, one mechanism no view can forget), and
every response to a signed-in principal or with personal data is `Cache-Control: no-store, private`.

Then the pages one by one: every staff page that shows a seeker's name and contact writes one access record for that
seeker per request: the case page, edits, the referral and matching pages, the scorer's page of a seeker, the
events check-in, detail and attendance lists, the statistics drill-down with names, the partner linkage pages,
and the export (one record per exported seeker, with the reason)."""

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from seekers.models import AccessRecord, Seeker
from tests.access_table import ROUTES
from tests.conftest import PRINCIPALS
from tests.events.factories import EventFactory, RegistrationFactory
from tests.matching.factories import ReferralFactory, give_consent
from tests.outreach import access as outreach_access
from tests.resumes import access as resumes_access
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
    (
        "résumé clinic (counselor)",
        "counselor_x",
        lambda w: reverse("resumes:detail", kwargs=resumes_access.resume_a(w)),
    ),
    (
        "résumé sent with an application (employer)",
        "employer_a",
        lambda w: reverse("resumes:application", kwargs=resumes_access.application_a(w)),
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


def markers(seeker: Seeker) -> list[str]:
    values = [value for value in (seeker.name, seeker.phone, seeker.email) if value]
    return [*values, *(str(escape(value)) for value in values)]


def shown_in(body: str, seeker: Seeker) -> bool:
    """The seeker's name, phone or e-mail, not as the start of a longer name (홍길동1 in 홍길동12)."""
    for marker in markers(seeker):
        start = body.find(marker)
        while start != -1:
            after = body[start + len(marker) : start + len(marker) + 1]
            if not after.isdigit():
                return True
            start = body.find(marker, start + 1)
    return False


@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.name)
def test_every_url__showing_a_seekers_personal_data__wrote_an_access_record_and_is_not_stored(route, world):
    url = reverse(route.name, kwargs=route.kwargs(world)) + route.query
    failures = []
    for principal in PRINCIPALS:
        client = world.client_for(principal)
        with transaction.atomic():
            first_new = (AccessRecord.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
            response = client.post(url, route.data(world)) if route.method == "post" else client.get(url)
            body = "" if response.streaming else response.content.decode(errors="ignore")
            user = world.users.get(principal)
            shown = [
                seeker
                for seeker in Seeker.objects.all()
                if (user is None or seeker.user_id != user.pk) and shown_in(body, seeker)
            ]
            recorded = set(
                AccessRecord.objects.filter(pk__gte=first_new, user=user).values_list("seeker_id", flat=True)
            )
            transaction.set_rollback(True)
        missing = [seeker.name for seeker in shown if seeker.pk not in recorded]
        if missing:
            failures.append(f"{principal}: shows {missing} and wrote no access record")
        cache_control = response.get("Cache-Control", "")
        if (user is not None or shown) and not {"no-store", "private"} <= {
            part.strip() for part in cache_control.split(",")
        }:
            failures.append(f"{principal}: Cache-Control {cache_control!r}, not no-store, private")
    assert not failures, f"{route.name} {url}\n" + "\n".join(failures)


def test_the_seekers_edit_page__writes_an_access_record(world):
    """The page the probe found unlogged: the edit form shows name, birth date, phone, e-mail and address."""
    client = world.client_for("counselor_x")
    response = client.get(reverse("seekers:edit", kwargs={"pk": world.seeker_a.pk}))
    assert world.seeker_a.phone in response.content.decode()
    assert AccessRecord.objects.filter(user=world.users["counselor_x"], seeker=world.seeker_a).count() == 1


def test_anonymous_pages_without_personal_data__may_be_cached(client, db):
    assert "no-store" not in client.get(reverse("employers:board")).get("Cache-Control", "")
