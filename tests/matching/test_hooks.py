from django.template.loader import render_to_string
from django.test import RequestFactory

from matching import hooks
from tests.matching.factories import FollowUpFactory, InterviewFactory, PlacementFactory, ReferralFactory


def render(panels, user) -> str:
    request = RequestFactory().get("/")
    request.user = user
    return render_to_string("panels.html", {"panels": panels, "user": user}, request=request)


def test_hooks__render_on_the_case_vacancy_portal_and_home_pages(world):
    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, scheduled=True)
    InterviewFactory(referral=referral, place="본사 면접실")
    FollowUpFactory(placement=PlacementFactory(seeker=world.seeker_a, employer_name="서구물산(주)"))
    counselor, employer, seeker = (world.users[name] for name in ("counselor_x", "employer_a", "seeker_a"))

    case = render(hooks.seeker_case_panels(world.seeker_a, counselor), counselor)
    assert "A사 생산직" in case and "서구물산(주)" in case
    assert "김하나" in render(hooks.vacancy_panels(world.vacancy_a, counselor), counselor)
    assert "김하나" in render(hooks.employer_vacancy_panels(world.vacancy_a, employer), employer)
    assert "김하나" in render(hooks.employer_portal_panels(world.company_a, employer), employer)
    assert "본사 면접실" in render(hooks.seeker_home_panels(world.seeker_a, seeker), seeker)
    titles = [entry.title for entry in hooks.seeker_timeline(world.seeker_a)]
    assert any("A사 생산직" in title for title in titles)


def test_hooks__give_nothing_to_people_outside_the_referral(world):
    ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, sent=True)
    assert hooks.employer_vacancy_panels(world.vacancy_a, world.users["employer_b"])[0].context["referrals"] == []
    assert hooks.seeker_case_panels(world.seeker_a, world.users["employer_a"]) == []


def test_case_page__shows_open_referrals_first_and_twenty_in_all__the_referrals_page_shows_every_one(world):
    from django.urls import reverse

    ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, sent=True)  # open, and the oldest
    for _ in range(hooks.CASE_PAGE_REFERRALS + 1):
        ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, not_hired=True)
    client = world.client_for("counselor_x")
    case = client.get(reverse("seekers:case", args=[world.seeker_a.pk])).content.decode()
    assert case.count('class="referral-item"') == hooks.CASE_PAGE_REFERRALS
    assert "state-sent" in case
    assert reverse("matching:seeker", args=[world.seeker_a.pk]) in case
    everything = client.get(reverse("matching:seeker", args=[world.seeker_a.pk])).content.decode()
    assert everything.count('class="referral-item"') == hooks.CASE_PAGE_REFERRALS + 2


def test_case_page__shows_the_ten_newest_placements_with_their_count__the_referrals_page_shows_every_one(world):
    import datetime

    from django.urls import reverse

    start = datetime.date(2025, 1, 1)
    for day in range(hooks.CASE_PAGE_PLACEMENTS + 2):
        day_start = start + datetime.timedelta(days=day)
        PlacementFactory(seeker=world.seeker_a, start_date=day_start, employer_name=f"회사{day}")
    client = world.client_for("counselor_x")
    case = client.get(reverse("seekers:case", args=[world.seeker_a.pk])).content.decode()
    assert case.count('class="placement-item"') == hooks.CASE_PAGE_PLACEMENTS
    panel = hooks.seeker_case_panels(world.seeker_a, world.users["counselor_x"])[1]
    assert [placement.employer_name for placement in panel.context["placements"]] == [
        f"회사{day}" for day in range(hooks.CASE_PAGE_PLACEMENTS + 1, 1, -1)
    ]  # the newest ten
    assert panel.count == hooks.CASE_PAGE_PLACEMENTS + 2
    everything = client.get(reverse("matching:seeker", args=[world.seeker_a.pk])).content.decode()
    assert everything.count('class="placement-item"') == hooks.CASE_PAGE_PLACEMENTS + 2


def test_case_page__loads_a_referrals_history_when_it_is_opened__with_its_notes_for_the_centre_only(world):
    from django.urls import reverse

    from seekers.models import AccessRecord

    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, sent=True)
    referral.transitions.update(note="면접 전 이력서 보완 요청")
    client = world.client_for("counselor_x")
    case = client.get(reverse("seekers:case", args=[world.seeker_a.pk])).content.decode()
    history_url = reverse("matching:referral_history", args=[referral.pk])
    assert f'hx-get="{history_url}"' in case
    panel = case[case.index('class="referral-item"') :]
    panel = panel[: panel.index("</article>")]
    assert "<table" not in panel  # the history is not rendered with the page: it is loaded when opened
    records = AccessRecord.objects.filter(seeker=world.seeker_a).count()

    history = client.get(history_url, headers={"HX-Request": "true"})
    assert history.status_code == 200
    assert "<table" in history.content.decode() and "면접 전 이력서 보완 요청" in history.content.decode()
    assert "<html" not in history.content.decode()  # the table alone, for the panel
    assert AccessRecord.objects.filter(seeker=world.seeker_a).count() == records + 1
    assert world.client_for("counselor_y").get(history_url).status_code == 404  # another centre's referral
