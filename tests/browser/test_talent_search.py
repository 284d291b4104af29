"""An employer finds a consenting seeker in the talent search (never one who did not consent), asks the centre for a
referral, and the counselor sees the request on the worklist; on a desktop and on a phone."""

import pytest
from playwright.sync_api import expect

from matching.models import Referral
from seekers.models import Certificate
from seekers.services import consent_give
from tests.browser.test_employers_flow import logged_in
from tests.seekers.factories import SeekerFactory

pytestmark = pytest.mark.browser


def findable(world):
    found = SeekerFactory(booth=world.seeker_a.booth, name="박지게", counselor=world.users["counselor_x"])
    Certificate.objects.create(seeker=found, name="지게차운전기능사")
    consent_give(seeker=found, kind="talent", by=None)
    hidden = SeekerFactory(booth=world.seeker_a.booth, name="최숨김")
    Certificate.objects.create(seeker=hidden, name="지게차운전기능사")
    return found, hidden


@pytest.mark.parametrize("viewport", ["desktop", "phone"])
def test_employer_finds_a_consenting_seeker_asks_for_a_referral_and_the_counselor_sees_it(
    browser, live_server, world, transactional_db, viewport
):
    found, hidden = findable(world)
    size = {"width": 1366, "height": 900} if viewport == "desktop" else {"width": 390, "height": 844}
    context = browser.new_context(base_url=live_server.url, locale="en-US", bypass_csp=True, viewport=size)
    logged_in(context, live_server, "employer_a")
    page = context.new_page()
    page.set_default_timeout(10_000)

    page.goto("/employers/portal/talent/?certificate=지게차")
    results = page.locator(".talent-list")
    expect(results).to_contain_text("지게차운전기능사")
    expect(results.locator("li")).to_have_count(1)
    body = page.content()
    assert "박지게" not in body and "최숨김" not in body and found.phone not in body  # masked: no name, no contact
    results.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(str(found.pk))
    page.select_option("#id_vacancy", str(world.vacancy_a.pk))
    page.fill("#id_note", "지게차 경력자 면접 희망")
    page.get_by_role("button", name="Ask for a referral").click()
    expect(page.locator("body")).to_contain_text("Your request is with the job centre")
    page.screenshot(path=f"/tmp/talent_{viewport}.png", full_page=True)
    referral = Referral.objects.get(seeker=found)
    assert (referral.state, referral.source, referral.vacancy) == ("proposed", "employer", world.vacancy_a)
    assert not Referral.objects.filter(seeker=hidden).exists()

    # The non-consenting seeker's masked profile is refused by URL.
    response = page.goto(f"/employers/portal/talent/{hidden.pk}/")
    assert response.status == 404
    context.close()

    staff = browser.new_context(base_url=live_server.url, locale="en-US", bypass_csp=True, viewport=size)
    logged_in(staff, live_server, "counselor_x")
    worklist = staff.new_page()
    worklist.goto("/worklist/")
    expect(worklist.locator(f"#employer-request-{referral.pk}")).to_contain_text("박지게")
    expect(worklist.locator(f"#employer-request-{referral.pk}")).to_contain_text(world.vacancy_a.title)
    worklist.screenshot(path=f"/tmp/talent_worklist_{viewport}.png", full_page=True)
    staff.close()
