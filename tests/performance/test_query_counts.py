"""No page's query count grows with the number of rows it lists: every list page rendered with N and 3N rows
makes the same number of queries (an N+1 would add one or more per row)."""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobcenter.models import User
from jobcenter.statistics.models import PerformanceReport
from seekers.models import AccessRecord
from tests.employers.factories import CompanyFactory, VacancyFactory
from tests.events.factories import EventFactory, RegistrationFactory, RoomRequestFactory
from tests.factories import UserFactory
from tests.matching.factories import ConsentingSeekerFactory, InterviewFactory, ReferralFactory
from tests.matching.scoring_factories import matching_seeker, matching_vacancy
from tests.outreach.factories import (
    CampaignFactory,
    LocalHireAgreementFactory,
    MobileDeskFactory,
    OutreachTeamFactory,
    PartnerInstitutionFactory,
    PartnerLinkageFactory,
    VisitFactory,
    VisitPlanFactory,
    VisitPlanTargetFactory,
)
from tests.seekers.factories import BookingFactory, ConsultationFactory, SeekerFactory, next_working_day
from tests.statistics.factories import PerformanceReportFactory

N = 2


def no_kwargs(world) -> dict:
    return {}


@dataclass(frozen=True)
class ListPage:
    url_name: str
    principal: str
    make_row: Callable  # (world) -> the row's text a user sees on the page
    kwargs: Callable = no_kwargs  # (world) -> the URL's arguments, for a list inside a detail page
    query: str = ""

    def __str__(self) -> str:
        return self.url_name

    def url(self, world) -> str:
        return reverse(self.url_name, kwargs=self.kwargs(world)) + self.query


def once(world, key: str, make: Callable):
    """One parent object per test (the detail page whose list grows)."""
    if key not in world.extra:
        world.extra[key] = make()
    return world.extra[key]


def booth_x(world):
    return world.seeker_a.booth


def a_seeker(world) -> str:
    return SeekerFactory(booth=booth_x(world), counselor=world.users["counselor_x"]).name


def a_published_vacancy(world) -> str:
    return VacancyFactory(company=world.company_a, published=True).title


def a_draft_vacancy(world) -> str:
    return VacancyFactory(company=world.company_a).title


def a_company(world) -> str:
    return CompanyFactory(centre=world.centre_x).name


def a_late_referral(world) -> str:
    seeker = ConsentingSeekerFactory(booth=booth_x(world), counselor=world.users["counselor_x"])
    return ReferralFactory(
        late=True, seeker=seeker, vacancy=VacancyFactory(company=world.company_a, published=True)
    ).seeker.name


def a_row_in_each_worklist_panel_that_reads_only_what_it_shows(world) -> str:
    """Today's interview (accompanied by a colleague), an online application to review, a seeker's interest from
    the job board and a vacancy to review: panels whose reads name only the columns they show, so a column the page
    reads besides would be a query per row."""
    from employers.models import Interest, Vacancy
    from tests.resumes.factories import ApplicationFactory

    def a_seeker():
        return ConsentingSeekerFactory(booth=booth_x(world), counselor=world.users["counselor_x"])

    def a_vacancy(**fields):
        return VacancyFactory(company=world.company_a, **fields)

    interview = InterviewFactory(
        today=True,
        accompanied=True,
        accompanied_by=world.users["counselor_x"],
        referral=ReferralFactory(scheduled=True, seeker=a_seeker(), vacancy=a_vacancy(published=True)),
    )
    ApplicationFactory(referral__seeker=a_seeker(), referral__vacancy=a_vacancy(published=True))
    Interest.objects.create(seeker=a_seeker(), vacancy=a_vacancy(published=True))
    a_vacancy(status=Vacancy.Status.SUBMITTED)
    return interview.referral.seeker.name


def a_row_in_each_other_worklist_panel(world) -> str:
    """Today's visit booking, a registration to renew, a next action due, a company to verify, a field visit's
    follow-up, a planned visit today and an event in the next two weeks: the other panels whose reads name only the
    columns they show."""
    from django.utils import timezone

    from seekers.models import Booking
    from seekers.selectors import expiry_cutoff
    from tests.outreach.factories import FollowUpActionFactory
    from tests.seekers.factories import slot_on

    counselor = world.users["counselor_x"]
    today = timezone.localdate()

    def a_seeker(**fields):
        return SeekerFactory(booth=booth_x(world), counselor=counselor, **fields)

    earlier = Booking.objects.filter(booth=booth_x(world)).count()  # one half-hour slot after another, from 09:00
    booked = BookingFactory(seeker=a_seeker(), starts_at=slot_on(today, 9) + datetime.timedelta(minutes=30 * earlier))
    a_seeker(dormant_since=expiry_cutoff() - datetime.timedelta(days=1))
    ConsultationFactory(seeker=a_seeker(), counselor=counselor, next_action="이력서 보완", next_action_due=today)
    CompanyFactory(centre=world.centre_x, unverified=True)
    FollowUpActionFactory(visit=VisitFactory(centre=world.centre_x), owner=counselor, due_on=today)
    team = OutreachTeamFactory(centre=world.centre_x, members=[counselor])
    VisitPlanTargetFactory(plan=VisitPlanFactory(team=team), scheduled_on=today)
    EventFactory(centre=world.centre_x)
    return booked.seeker.name


def a_referral_to_company_a(world) -> str:
    seeker = ConsentingSeekerFactory(booth=booth_x(world))
    referral = ReferralFactory(
        sent=True, seeker=seeker, vacancy=VacancyFactory(company=world.company_a, published=True)
    )
    return referral.vacancy.title


def a_referral_of_seeker_a(world) -> str:
    return ReferralFactory(
        sent=True, seeker=world.seeker_a, vacancy=VacancyFactory(company=world.company_a, published=True)
    ).vacancy.title


def an_event(world) -> str:
    return EventFactory(centre=world.centre_x).title


def a_registration_of_seeker_a(world) -> str:
    return RegistrationFactory(seeker=world.seeker_a, event=EventFactory(centre=world.centre_x)).event.title


def a_visit(world) -> str:
    return VisitFactory(centre=world.centre_x, completed=True).company.name


def a_booking_on_the_day(world) -> str:
    seeker = SeekerFactory(booth=booth_x(world))
    BookingFactory(seeker=seeker)
    return seeker.name


def next_working_day_query() -> str:
    return f"?day={next_working_day().isoformat()}"


def an_access_record(world) -> str:
    seeker = SeekerFactory(booth=booth_x(world))
    AccessRecord.objects.create(
        user=world.users["counselor_x"], seeker=seeker, centre=world.centre_x, action=AccessRecord.Action.VIEW
    )
    return seeker.name


def a_consultation_of_seeker_a(world) -> str:
    note = f"상담 기록 {ConsultationFactory._meta.model.objects.count()}"
    ConsultationFactory(seeker=world.seeker_a, counselor=world.users["counselor_x"], notes=note)
    return note


def a_timeline_entry_of_each_kind_of_seeker_a(world) -> str:
    """A visit booking, a placement and an event sign-up of seeker A: timeline entries whose reads name only the
    columns the timeline shows."""
    from seekers.models import Booking
    from tests.matching.factories import PlacementFactory
    from tests.seekers.factories import slot_on

    seeker = world.seeker_a
    earlier = Booking.objects.filter(booth=seeker.booth).count()  # one half-hour slot after another
    topic = f"방문 상담 {earlier}"
    BookingFactory(
        seeker=seeker,
        starts_at=slot_on(next_working_day(), 9) + datetime.timedelta(minutes=30 * earlier),
        topic=topic,
    )
    PlacementFactory(seeker=seeker)
    RegistrationFactory(seeker=seeker, event=EventFactory(centre=world.centre_x))
    return topic


def seeker_a_kwargs(world) -> dict:
    return {"pk": world.seeker_a.pk}


def a_vacancy_of_company_a(world) -> str:
    return VacancyFactory(company=world.company_a).title


def company_a_kwargs(world) -> dict:
    return {"pk": world.company_a.pk}


def an_accompanied_interview(world) -> str:
    seeker = ConsentingSeekerFactory(booth=booth_x(world))
    referral = ReferralFactory(
        scheduled=True, seeker=seeker, vacancy=VacancyFactory(company=world.company_a, published=True)
    )
    InterviewFactory(referral=referral, accompanied=True)
    return seeker.name


def a_registration_for_the_fair(world) -> str:
    event = once(world, "fair", lambda: EventFactory(centre=world.centre_x))
    return RegistrationFactory(event=event, seeker=SeekerFactory(booth=booth_x(world))).seeker.name


def fair_kwargs(world) -> dict:
    return {"pk": once(world, "fair", lambda: EventFactory(centre=world.centre_x)).pk}


def a_room_request(world) -> str:
    return RoomRequestFactory(company=CompanyFactory(centre=world.centre_x)).company.name


def a_plan(world) -> str:
    return VisitPlanFactory(team=once(world, "team", lambda: OutreachTeamFactory(centre=world.centre_x))).title


def a_plan_target(world) -> str:
    plan = once(world, "plan", lambda: VisitPlanFactory(team=OutreachTeamFactory(centre=world.centre_x)))
    return VisitPlanTargetFactory(plan=plan).company.name


def plan_kwargs(world) -> dict:
    return {"pk": once(world, "plan", lambda: VisitPlanFactory(team=OutreachTeamFactory(centre=world.centre_x))).pk}


def a_desk(world) -> str:
    return MobileDeskFactory(centre=world.centre_x).name


def a_partner(world) -> str:
    return PartnerInstitutionFactory(centre=world.centre_x).name


def a_linkage(world) -> str:
    partner = once(world, "partner", lambda: PartnerInstitutionFactory(centre=world.centre_x))
    return PartnerLinkageFactory(partner=partner).seeker.name


def partner_kwargs(world) -> dict:
    return {"pk": once(world, "partner", lambda: PartnerInstitutionFactory(centre=world.centre_x)).pk}


def an_agreement(world) -> str:
    return LocalHireAgreementFactory(centre=world.centre_x).party_name


def a_campaign(world) -> str:
    return CampaignFactory(centre=world.centre_x).name


def a_campaign_company(world) -> str:
    campaign = once(world, "campaign", lambda: CampaignFactory(centre=world.centre_x))
    company = CompanyFactory(centre=world.centre_x)
    campaign.companies.add(company)
    return company.name


def campaign_kwargs(world) -> dict:
    return {"pk": once(world, "campaign", lambda: CampaignFactory(centre=world.centre_x)).pk}


def a_performance_report(world) -> str:
    month = datetime.date(2020, 1, 1) + datetime.timedelta(days=31 * PerformanceReport.objects.count())
    PerformanceReportFactory(centre=world.centre_x, month=month.replace(day=1), ready=True)
    return f"{month:%Y-%m}"


def candidate_vacancy_kwargs(world) -> dict:
    return {"pk": once(world, "matched_vacancy", lambda: matching_vacancy(company=world.company_a)).pk}


def a_ranked_candidate(world) -> str:
    """A seeker of centre X who fits the vacancy, ranked by the scorer as its nightly run or a publication would."""
    from matching.scoring.results import row_matches_refresh

    name = f"후보{SeekerFactory._meta.model.objects.count()}"
    matching_seeker(booth=booth_x(world), name=name)
    row_matches_refresh(list_kind="v", pk=candidate_vacancy_kwargs(world)["pk"])
    return name


def a_staff_member(world) -> str:
    return UserFactory(
        counselor=True, centre=world.centre_x, last_name="상담사", first_name=f"{User.objects.count()}"
    ).username


def a_booth_with_its_counselors_and_hours(world) -> str:
    """A booth of centre X with a counselor at it, one also serving there, and its opening hours."""
    import datetime

    from seekers.models import OpeningHours
    from tests.factories import BoothFactory

    booth = BoothFactory(centre=world.centre_x, target_groups=["youth"])
    UserFactory(counselor=True, centre=world.centre_x, booth=booth)
    UserFactory(counselor=True, centre=world.centre_x).other_booths.add(booth)
    OpeningHours.objects.create(booth=booth, weekday=0, opens_at=datetime.time(9), closes_at=datetime.time(12))
    return booth.name


def centre_x_kwargs(world) -> dict:
    return {"pk": world.centre_x.pk}


PAGES = [
    ListPage("seekers:list", "counselor_x", a_seeker),
    ListPage("employers:board", "anonymous", a_published_vacancy),
    ListPage("employers:portal", "employer_a", a_draft_vacancy),
    ListPage("employers:vacancies", "counselor_x", a_published_vacancy),
    ListPage("employers:companies", "counselor_x", a_company),
    ListPage("worklist", "counselor_x", a_late_referral),
    ListPage("worklist", "counselor_x", a_row_in_each_worklist_panel_that_reads_only_what_it_shows),
    ListPage("worklist", "counselor_x", a_row_in_each_other_worklist_panel),
    ListPage("matching:portal_referrals", "employer_a", a_referral_to_company_a),
    ListPage("matching:my_referrals", "seeker_a", a_referral_of_seeker_a),
    ListPage("events:calendar", "anonymous", an_event),
    ListPage("events:manage_list", "counselor_x", an_event),
    ListPage("events:my_registrations", "seeker_a", a_registration_of_seeker_a),
    ListPage("outreach:visit_list", "counselor_x", a_visit),
    ListPage("seekers:day", "counselor_x", a_booking_on_the_day, query=next_working_day_query()),
    ListPage("seekers:access_records", "manager_x", an_access_record),
    ListPage("seekers:case", "counselor_x", a_consultation_of_seeker_a, kwargs=seeker_a_kwargs),
    ListPage("seekers:case", "counselor_x", a_timeline_entry_of_each_kind_of_seeker_a, kwargs=seeker_a_kwargs),
    ListPage("employers:company", "counselor_x", a_vacancy_of_company_a, kwargs=company_a_kwargs),
    ListPage("matching:seeker", "counselor_x", a_referral_of_seeker_a, kwargs=seeker_a_kwargs),
    ListPage("matching:calendar", "counselor_x", an_accompanied_interview),
    ListPage("events:manage_detail", "counselor_x", a_registration_for_the_fair, kwargs=fair_kwargs),
    ListPage("events:employer_events", "employer_a", an_event),
    ListPage("events:manage_room_requests", "counselor_x", a_room_request),
    ListPage("outreach:plan_list", "counselor_x", a_plan),
    ListPage("outreach:plan_detail", "counselor_x", a_plan_target, kwargs=plan_kwargs),
    ListPage("outreach:desk_list", "counselor_x", a_desk),
    ListPage("outreach:partner_list", "counselor_x", a_partner),
    ListPage("outreach:partner_detail", "counselor_x", a_linkage, kwargs=partner_kwargs),
    ListPage("outreach:agreement_list", "counselor_x", an_agreement),
    ListPage("outreach:campaign_list", "counselor_x", a_campaign),
    ListPage("outreach:campaign_detail", "counselor_x", a_campaign_company, kwargs=campaign_kwargs),
    ListPage("statistics:reports", "manager_x", a_performance_report),
    ListPage("administration:staff", "admin", a_staff_member),
    ListPage("administration:centre", "manager_x", a_booth_with_its_counselors_and_hours, kwargs=centre_x_kwargs),
    ListPage("matching:vacancy_candidates", "counselor_x", a_ranked_candidate, kwargs=candidate_vacancy_kwargs),
]


def queries_to_render(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured.captured_queries), response.content.decode()


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_list_page__with_three_times_the_rows__makes_the_same_number_of_queries(page: ListPage, world, settings):
    settings.CASE_PAGE_CACHE_SECONDS = 0  # the rendering's queries, not a cached page's (test_case_page.py)
    settings.WORKLIST_CACHE_SECONDS = 0  # likewise (tests/jobcenter/test_worklist_cache.py)
    settings.CANDIDATES_CACHE_SECONDS = 0  # likewise (tests/matching/test_candidates_cache.py)
    client = world.client_for(page.principal)
    url = page.url(world)
    for _ in range(N):
        page.make_row(world)
    queries_to_render(client, url)  # warm-up: caches and lazily loaded code tables are not the page's rows
    with_n, _ = queries_to_render(client, url)

    shown = [page.make_row(world) for _ in range(2 * N)]
    with_3n, html = queries_to_render(client, url)

    assert shown[-1] in html, "the new rows are listed"
    assert with_3n == with_n, f"{page.url_name}: {with_n} queries with {N} rows, {with_3n} with {3 * N}"


def test_public_board__with_its_cache_on__answers_a_repeated_search_without_a_query(world, client, settings):
    from django.core.cache import cache

    settings.PUBLIC_BOARD_CACHE_SECONDS = 30
    cache.clear()
    url = reverse("employers:board") + "?q=생산직"
    first, html = queries_to_render(client, url)
    again, cached_html = queries_to_render(client, url)
    cache.clear()

    assert "A사 생산직" in cached_html
    assert first > 0
    assert again == 0


def test_public_job_page__loads_the_vacancy_with_its_full_region_in_one_query(world, client):
    url = reverse("employers:job", args=[world.vacancy_a.pk])
    count, html = queries_to_render(client, url)

    assert world.vacancy_a.region.full_name in html
    assert count == 1


def test_public_job_page__with_the_board_cache_on__answers_a_repeated_visit_without_a_query(world, client, settings):
    from django.core.cache import cache

    from jobcenter.context_processors import footer_centres

    settings.PUBLIC_BOARD_CACHE_SECONDS = 30
    cache.clear()
    footer_centres()  # every page's footer, cached for all pages alike: not this page's query
    url = reverse("employers:job", args=[world.vacancy_a.pk])
    first, _ = queries_to_render(client, url)
    again, html = queries_to_render(client, url)
    cache.clear()

    assert "A사 생산직" in html
    assert world.vacancy_a.region.full_name in html
    assert first == 1
    assert again == 0


def test_public_job_page__of_an_unpublished_vacancy__is_not_found_even_with_the_cache_on(world, client, settings):
    from django.core.cache import cache

    from tests.employers.factories import VacancyFactory

    settings.PUBLIC_BOARD_CACHE_SECONDS = 30
    cache.clear()
    draft = VacancyFactory(company=world.company_a)
    url = reverse("employers:job", args=[draft.pk])

    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404
    cache.clear()


def test_worklist__a_panel_longer_than_its_list__says_how_many_there_are_in_all(world):
    from matching.hooks import WORKLIST_LIMIT

    for _ in range(WORKLIST_LIMIT + 3):
        a_late_referral(world)

    page = world.client_for("counselor_x").get(reverse("worklist")).content.decode()

    # The heading's badge counts every late referral, though the list shows the first WORKLIST_LIMIT.
    assert re.search(rf"Referrals waiting on employers <span[^>]*>{WORKLIST_LIMIT + 3}</span>", page)


def test_worklist__kept_in_the_cache__a_miss_adds_one_query_and_a_hit_makes_five(world, settings):
    """A miss: the panels' queries and the centre's change count (jobcenter/worklist.py). A hit: the session, the
    user, the second factor, the count and the access records of the seekers shown, however many rows there are."""
    client = world.client_for("counselor_x")
    for _ in range(N):
        a_late_referral(world)
    settings.WORKLIST_CACHE_SECONDS = 0
    queries_to_render(client, reverse("worklist"))  # warm-up, as above
    rendered, _ = queries_to_render(client, reverse("worklist"))
    settings.WORKLIST_CACHE_SECONDS = 300
    for _ in range(2 * N):
        a_late_referral(world)

    miss, _ = queries_to_render(client, reverse("worklist"))
    hit, html = queries_to_render(client, reverse("worklist"))

    assert miss == rendered + 1
    assert hit == 5
    assert html.count('id="waiting-') == 3 * N


def test_candidates__kept_in_the_cache__a_miss_adds_no_query_and_a_hit_makes_five(world, settings):
    """A miss: the rendering's queries (the digest of what the rows show is read with the vacancy). A hit: the
    session, the user, the second factor, the vacancy with the digest, and the access records of the seekers shown,
    however many rows there are."""
    url = reverse("matching:vacancy_candidates", kwargs=candidate_vacancy_kwargs(world))
    client = world.client_for("counselor_x")
    for _ in range(N):
        a_ranked_candidate(world)
    settings.CANDIDATES_CACHE_SECONDS = 0
    queries_to_render(client, url)  # warm-up, as above
    rendered, _ = queries_to_render(client, url)
    settings.CANDIDATES_CACHE_SECONDS = 300
    shown = [a_ranked_candidate(world) for _ in range(2 * N)]

    miss, _ = queries_to_render(client, url)
    hit, html = queries_to_render(client, url)

    assert miss == rendered
    assert hit == 5
    assert all(name in html for name in shown)


# --- The referral journey's writes (issue 26): each step's statements, fixed --------------------------------------

SEND = {"t-to_state": "sent", "t-note": ""}
HIRE = {
    "p-start_date": "2030-01-02",
    "p-employment_type": "full_time",
    "p-wage_type": "monthly",
    "p-wage_amount": "2500000",
    "p-weekly_hours": "40",
    "p-note": "",
}


WRITTEN = re.compile(r'(?:INTO|UPDATE) "(\w+)"')


def statements(captured) -> list[str]:
    """Each query as its verb and table ("SELECT seekers_seeker", "INSERT matching_referral", "BEGIN"), without the
    signed-in request's own reads; a CTE as "WITH" and the table it writes last."""
    from tests.queries import SIGNED_IN_TABLES, main_table

    found = []
    for query in captured.captured_queries:
        sql = query["sql"]
        verb = sql.split(None, 1)[0].upper()
        if verb == "SELECT":
            table = main_table(sql)
            if table not in SIGNED_IN_TABLES:
                found.append(f"SELECT {table}")
        elif verb in ("INSERT", "UPDATE", "DELETE", "WITH"):
            found.append(f"{verb} {WRITTEN.findall(sql)[-1]}")
        else:
            found.append(verb)
    return found


def test_referral_create_send_hire__each_post_makes_a_fixed_set_of_statements(world, settings):
    """The load journey "referral create -> send -> hire" (bench/load/locustfile.py Referral): the referral, seeker and
    vacancy are each read once per step, the state change and its log row are one statement. Counted with the
    notices to the seeker (e-mail and text) and the employer (its account's address and the contact address)."""
    from employers.validators import minimum_hourly_wage
    from matching.models import Placement, Referral, ReferralTransition
    from matching.scoring import schedule_seeker
    from tests.matching.factories import give_consent

    seeker, vacancy = world.seeker_a, world.vacancy_a
    seeker.email = "hana@example.kr"
    seeker.save()
    world.company_a.contact_email = "hr@ganada.example"
    world.company_a.save()
    give_consent(seeker)
    schedule_seeker(seeker.pk)  # known to the scorer, as every seeker once scored (else a first profile)
    client = world.client_for("counselor_x")
    client.get(reverse("worklist"))  # warm-up: the signed-in user's caches, code tables
    minimum_hourly_wage(2030)  # the minimum wage table, kept by each process (read once every few minutes)

    with CaptureQueriesContext(connection) as creating:
        created = client.post(reverse("matching:referral_new"), {"seeker": seeker.pk, "vacancy": vacancy.pk})
    assert created.status_code == 302, created.content.decode()[-2000:]
    referral = Referral.objects.get()
    with CaptureQueriesContext(connection) as sending:
        sent = client.post(reverse("matching:referral_transition", args=[referral.pk]), SEND)
    assert sent.status_code == 302
    with CaptureQueriesContext(connection) as hiring:
        hired = client.post(reverse("matching:referral_hire", args=[referral.pk]), HIRE)
    assert hired.status_code == 302

    referral.refresh_from_db()
    assert referral.state == "hired"
    assert list(referral.transitions.values_list("from_state", "to_state")) == [
        ("", "proposed"),
        ("proposed", "sent"),
        ("sent", "hired"),
    ]
    assert ReferralTransition.objects.filter(referral=referral, by=world.users["counselor_x"]).count() == 3
    assert Placement.objects.get(referral=referral).follow_ups.count() == 3
    # (The test's own transaction makes each step's BEGIN and COMMIT a SAVEPOINT and its RELEASE.)
    begin, commit = "SAVEPOINT", "RELEASE"
    notice = ["SAVEPOINT", "INSERT jobcenter_notification", "RELEASE"]  # one per address (jobcenter.notifications)
    assert statements(creating) == [
        "SELECT seekers_seeker",  # the seeker of the counselor's centre, with whether they hold the sharing consent
        "SELECT employers_vacancy",  # the vacancy, with its status and openings
        begin,
        "WITH matching_referraltransition",  # the referral and its first log row, one statement
        commit,
    ]
    assert statements(sending) == [
        "SELECT matching_referral",  # the counselor's centre's, with its seeker, vacancy, company, consent, accounts
        begin,
        "WITH matching_referraltransition",  # the referral's state and its log row, one statement
        "SELECT jobcenter_noticetemplateoverride",  # the notices' wording (cached)
        *notice * 2,  # the employer: its account, its contact address
        *notice * 2,  # the seeker: e-mail and text
        commit,
    ]
    assert statements(hiring) == [
        "SELECT matching_referral",
        begin,
        "WITH matching_referraltransition",
        "UPDATE employers_vacancy",  # one opening filled
        "WITH matching_followup",  # the placement and its follow-ups, one statement
        "UPDATE seekers_seeker",  # placed
        "INSERT seekers_seekerhistory",
        "UPDATE matching_seekermatchprofile",  # no longer matched
        *notice * 2,  # the seeker: e-mail and text
        commit,
    ]


def without_tokens(html: str) -> str:
    """The page but for its CSRF tokens, masked anew on every response."""
    html = re.sub(r'"X-CSRFToken": "[^"]+"', "TOKEN", html)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "TOKEN", html)


def test_public_pages__a_visitors_kept_page_is_the_page_rendered__a_seeker_still_gets_their_own(
    world, client, settings
):
    from django.core.cache import cache

    board = reverse("employers:board") + "?q=생산직"
    job = reverse("employers:job", args=[world.vacancy_a.pk])
    settings.PUBLIC_BOARD_CACHE_SECONDS = 0
    rendered = {url: client.get(url).content.decode() for url in (board, job)}
    settings.PUBLIC_BOARD_CACHE_SECONDS = 30
    cache.clear()
    try:
        for url in (board, job):
            client.get(url)  # kept
            again, html = queries_to_render(client, url)
            assert again == 0
            assert without_tokens(html) == without_tokens(rendered[url])
        seeker = world.client_for("seeker_a")
        assert reverse("alerts:new") in seeker.get(board).content.decode()  # "get new vacancies of this search"
        assert reverse("alerts:new") not in client.get(board).content.decode()
    finally:
        cache.clear()
