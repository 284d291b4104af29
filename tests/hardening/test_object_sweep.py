"""Object-reference sweep: every URL that takes an object's id, requested with ids that are not the caller's.

The URLs are discovered from the resolver; the kind of object behind an id is read from the path segment
before it (`referrals/<int:pk>/` → Referral). A URL whose segment is not classified here fails the run, so a
new id-taking URL is swept as soon as it exists. Each URL is requested with the method of its row in
tests/access_table.py (GET, or POST with the row's data inside a rolled-back transaction), plain and as htmx.

1. 200 seekers, 5 of them referred to employer A, 40 with a résumé (half of them applied online elsewhere):
   employer A requests every seeker-related URL with every
   other seeker's id (seeker, booking, referral, registration, interview, linkage…): 0 leaks.
2. Counselor Y against centre X's vacancies, referrals, events, visit logs, seekers, bookings, registrations.

A leak is any answer other than 404 (another tenant's object) or 403/405 (refused before any lookup, the same
for every id), or any answer that shows the seeker's name.
"""

import re

import pytest
from django.apps import apps
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from events.models import Registration
from jobcenter.models import Role
from matching.models import Referral
from outreach.models import Visit
from resumes.models import Application, Resume
from seekers.models import Booking, Seeker
from tests.access_table import ROUTES_BY_NAME
from tests.employers.factories import CompanyFactory, VacancyFactory
from tests.events.factories import EventFactory, RegistrationFactory
from tests.factories import BoothFactory
from tests.matching.factories import ReferralFactory
from tests.outreach.factories import VisitFactory
from tests.resumes.factories import ApplicationFactory, ResumeFactory
from tests.seekers.factories import BookingFactory, SeekerFactory

# (namespace, path segment before the id) → model label.
SEGMENT_MODELS = {
    ("seekers", "seekers"): "seekers.Seeker",
    ("seekers", "bookings"): "seekers.Booking",
    ("employers", "jobs"): "employers.Vacancy",
    ("employers", "vacancies"): "employers.Vacancy",
    ("employers", "companies"): "employers.Company",
    ("employers", "imports"): "employers.ImportBatch",
    ("employers", "bulletins"): "employers.Bulletin",
    ("employers", "interests"): "employers.Interest",
    ("employers", "invitations"): "employers.CompanyInvitation",
    ("matching", "referrals"): "matching.Referral",
    ("matching", "seekers"): "seekers.Seeker",
    ("matching", "follow-ups"): "matching.FollowUp",
    ("matching", "vacancies"): "employers.Vacancy",
    ("events", "events"): "events.Event",
    ("events", "employer"): "events.Event",
    ("events", "manage"): "events.Event",
    ("events", "mine"): "events.Registration",
    ("events", "registrations"): "events.Registration",
    ("events", "participations"): "events.Participation",
    ("events", "interviews"): "events.Interview",
    ("events", "room"): "events.RoomRequest",
    ("events", "room-requests"): "events.RoomRequest",
    ("events", "sessions"): "events.EventSession",
    ("events", "series"): "events.EventSeries",
    ("outreach", "plans"): "outreach.VisitPlan",
    ("outreach", "visits"): "outreach.Visit",
    ("outreach", "follow-ups"): "outreach.FollowUpAction",
    ("outreach", "desks"): "outreach.MobileDesk",
    ("outreach", "sessions"): "outreach.DeskSession",
    ("outreach", "partners"): "outreach.PartnerInstitution",
    ("outreach", "seekers"): "seekers.Seeker",
    ("outreach", "partner-linkages"): "outreach.PartnerLinkage",
    ("outreach", "agreements"): "outreach.LocalHireAgreement",
    ("outreach", "agreement-hires"): "outreach.AgreementHire",
    ("outreach", "campaigns"): "outreach.Campaign",
    ("resumes", "resumes"): "resumes.Resume",
    ("resumes", "jobs"): "employers.Vacancy",
    ("resumes", "applications"): "resumes.Application",
    ("employers", "talent"): "seekers.Seeker",  # a consenting seeker's masked profile (404 for anyone else)
    ("alerts", "alerts"): "alerts.JobAlert",
    ("administration", "staff"): "jobcenter.User",
    ("administration", "calendar"): "jobcenter.ClosedDay",
    ("administration", "centres"): "jobcenter.Centre",
    ("administration", "booths"): "jobcenter.Booth",
}
# Kinds of object that belong to one seeker, with the path from the object to the seeker.
SEEKER_OWNED = {
    "seekers.Seeker": "pk",
    "seekers.Booking": "seeker",
    "matching.Referral": "seeker",
    "matching.FollowUp": "placement__seeker",
    "events.Registration": "seeker",
    "events.Interview": "seeker",
    "outreach.PartnerLinkage": "seeker",
    "outreach.AgreementHire": "placement__seeker",
    "resumes.Resume": "seeker",
    "resumes.Application": "referral__seeker",
    "alerts.JobAlert": "seeker",
}
ID_KWARG = re.compile(r"([\w-]+)/<(?:int|str):(pk|seeker_pk|token)>")
NOT_SWEPT = {
    "password_reset_confirm": "a signed token, not an object id",
    "alerts:unsubscribe": "a signed token, not an object id",
    "outreach:plan_day": "swept as plans",
    "legal_notice": "a kind of notice (privacy, terms), public",
    "administration:legal_notice_edit": "a kind of notice, the administrator's only",
    "administration:consent_new": "a kind of consent, the administrator's only",
    "administration:notice_template": "a notice template's name, the administrator's and managers' only",
    "administration:notice_template_edit": "a notice template's name, the administrator's only",
    "administration:notice_template_restore": "a notice template's name, the administrator's only",
}


def id_routes(resolver: URLResolver | None = None, namespace: str = "", prefix: str = "") -> dict[str, tuple]:
    """Every project URL taking an object id: name → (model label, kwarg name)."""
    found = {}
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found |= id_routes(pattern, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name and pattern.pattern.converters:
            name = f"{namespace}{pattern.name}"
            path = prefix + str(pattern.pattern)
            match = ID_KWARG.search(path)
            key = (namespace.rstrip(":"), match.group(1) if match else "")
            found[name] = (SEGMENT_MODELS.get(key), match.group(2) if match else None, path)
    return found


def test_every_url_taking_an_id_is_classified():
    unclassified = {
        name: path for name, (label, _kwarg, path) in id_routes().items() if label is None and name not in NOT_SWEPT
    }
    assert not unclassified, f"Classify these URLs in SEGMENT_MODELS: {unclassified}"


def request(client, name: str, kwarg: str, pk: int, world, *, htmx: bool):
    route = ROUTES_BY_NAME[name]
    url = reverse(name, kwargs={kwarg: pk}) + route.query
    headers = {"HX-Request": "true"} if htmx else {}
    try:
        data = route.data(world)
    except KeyError:  # data built from objects the row's own kwargs made
        data = {}
    with transaction.atomic():
        if route.method == "post":
            response = client.post(url, data, headers=headers)
        else:
            response = client.get(url, headers=headers)
        transaction.set_rollback(True)
    return url, response


def body(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    return response.content.decode("utf-8", "replace")


def sweep(client, principal: str, targets: dict[str, list[tuple[int, str]]], world) -> tuple[int, list[str]]:
    leaks, requests = [], 0
    for name, (label, kwarg, _path) in sorted(id_routes().items()):
        if label not in targets or name in NOT_SWEPT:
            continue
        route = ROUTES_BY_NAME[name]
        if route.public or principal in route.allow - route.hidden and label not in SEEKER_OWNED:
            continue  # a public page (the job board), or one this principal may open for any such object
        for pk, secret in targets[label]:
            for htmx in (False, True) if route.method == "get" else (False,):  # partials answer GETs
                url, response = request(client, name, kwarg, pk, world, htmx=htmx)
                requests += 1
                refused = response.status_code == 404 or (
                    response.status_code in (403, 405) and principal not in route.allow
                )
                if not refused or (secret and secret in body(response)):
                    leaks.append(f"{principal} {route.method.upper()} {url} htmx={htmx}: {response.status_code}")
    return requests, leaks


@pytest.fixture
def two_hundred_seekers(world):
    booth_x = world.seeker_a.booth
    booth_y = BoothFactory(centre=world.centre_y)
    at_x, at_y = SeekerFactory.create_batch(100, booth=booth_x), SeekerFactory.create_batch(98, booth=booth_y)
    seekers = [seeker for pair in zip(at_x, at_y, strict=False) for seeker in pair] + at_x[98:]
    seekers += [world.seeker_a, world.seeker_b]
    referred = seekers[:5]
    for seeker in referred:
        ReferralFactory(seeker=seeker, vacancy=world.vacancy_a, sent=True)
    vacancy_y = world.vacancy_b
    vacancy_x_other = VacancyFactory(company=CompanyFactory(centre=world.centre_x), published=True)
    event_x, event_y = EventFactory(centre=world.centre_x), EventFactory(centre=world.centre_y)
    for index, seeker in enumerate(seekers[5:65]):
        ReferralFactory(seeker=seeker, vacancy=vacancy_y if seeker.centre_id == world.centre_y.pk else vacancy_x_other)
        RegistrationFactory(seeker=seeker, event=event_y if index % 2 else event_x)
        if index < 12:  # the factory's slots of one day per booth
            BookingFactory(seeker=seeker)
    # Résumés and online applications (to the other vacancies): employer A sees none of them, counselor Y none of X's.
    for index, seeker in enumerate(seekers[65:105]):
        if index % 2:
            vacancy = vacancy_y if seeker.centre_id == world.centre_y.pk else vacancy_x_other
            ApplicationFactory(referral__seeker=seeker, referral__vacancy=vacancy)
        else:
            ResumeFactory(seeker=seeker)
    return seekers, referred


def seeker_owned_targets(exclude_seekers: set[int]) -> dict[str, list[tuple[int, str]]]:
    targets = {}
    for label, path in SEEKER_OWNED.items():
        model = apps.get_model(label)
        name_path = "name" if path == "pk" else f"{path}__name"
        rows = model.objects.exclude(**{f"{path}__in": exclude_seekers}).values_list("pk", name_path)
        targets[label] = list(rows)
    return targets


def test_employer_a__requesting_every_other_seekers_ids__gets_no_leak(world, two_hundred_seekers):
    seekers, referred = two_hundred_seekers
    assert Seeker.objects.count() == 200
    own = {seeker.pk for seeker in referred}
    targets = seeker_owned_targets(own)
    assert len(targets["seekers.Seeker"]) == 195
    assert len(targets["matching.Referral"]) >= 60 and len(targets["events.Registration"]) >= 60
    assert len(targets["resumes.Resume"]) == 40 and len(targets["resumes.Application"]) == 20
    client = world.client_for("employer_a")
    # Employer A does see their own referrals: the sweep would notice a page that refuses everything.
    own_referral = Referral.objects.filter(seeker__in=referred).first()
    assert client.get(reverse("matching:referral", kwargs={"pk": own_referral.pk})).status_code == 200
    requests, leaks = sweep(client, "employer_a", targets, world)
    assert requests > 195 * 2 * 10
    assert not leaks, f"{len(leaks)} leaks of {requests} requests:\n" + "\n".join(leaks[:50])


def test_counselor_y__requesting_centre_x_objects__gets_404_everywhere(world, two_hundred_seekers):
    for _ in range(10):
        VacancyFactory(company=world.company_a, published=True)
        VacancyFactory(company=world.company_a)
        EventFactory(centre=world.centre_x)
        VisitFactory(centre=world.centre_x, company=world.company_a)
        VisitFactory(centre=world.centre_x, company=world.company_a, completed=True)
    x = world.centre_x.pk
    targets = {
        "employers.Vacancy": [(pk, "") for pk in world.company_a.vacancies.values_list("pk", flat=True)],
        "matching.Referral": list(Referral.objects.filter(centre_id=x).values_list("pk", "seeker__name")),
        "events.Event": [
            (pk, "") for pk in apps.get_model("events.Event").objects.filter(centre_id=x).values_list("pk", flat=True)
        ],
        "outreach.Visit": [(pk, "") for pk in Visit.objects.filter(centre_id=x).values_list("pk", flat=True)],
        "seekers.Seeker": list(Seeker.objects.filter(centre_id=x).values_list("pk", "name")[:40]),
        "seekers.Booking": list(Booking.objects.filter(seeker__centre_id=x).values_list("pk", "seeker__name")),
        "events.Registration": list(Registration.objects.filter(event__centre_id=x).values_list("pk", "seeker__name")),
        "resumes.Resume": list(Resume.objects.filter(seeker__centre_id=x).values_list("pk", "seeker__name")),
        "resumes.Application": list(
            Application.objects.filter(referral__centre_id=x).values_list("pk", "referral__seeker__name")
        ),
    }
    assert all(targets.values()), {label: len(ids) for label, ids in targets.items()}
    assert world.users["counselor_y"].role == Role.COUNSELOR
    requests, leaks = sweep(world.client_for("counselor_y"), "counselor_y", targets, world)
    assert requests > 500
    assert not leaks, f"{len(leaks)} leaks of {requests} requests:\n" + "\n".join(leaks[:50])
