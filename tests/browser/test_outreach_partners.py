import io

import pytest
from openpyxl import load_workbook

from matching.models import Placement
from outreach.models import AgreementHire, Campaign, PartnerInstitution, PartnerLinkage
from tests.browser.conftest import log_in, serious_accessibility_violations
from tests.employers.factories import CompanyFactory
from tests.matching.factories import PlacementFactory

pytestmark = pytest.mark.browser


def test_a_counselor_adds_a_partner_and_links_a_seeker_with_consent_then_records_the_outcome(page, world):
    log_in(page, "counselor_x")
    page.goto("/outreach/partners/new/")
    assert serious_accessibility_violations(page) == []
    page.fill("#id_name", "서구 행정복지센터 맞춤형복지팀")
    page.select_option("#id_kind", PartnerInstitution.Kind.WELFARE_OFFICE)
    page.fill("#id_phone", "032-560-1234")
    page.fill("#id_services", "긴급복지, 자활 연계")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/outreach/partners/*/")
    assert serious_accessibility_violations(page) == []

    # From the seeker's case page, with the seeker's consent.
    page.goto(f"/seekers/{world.seeker_a.pk}/")
    page.locator(f"#panel-partner-linkages a[href$='/seekers/{world.seeker_a.pk}/partner-linkage/']").click()
    page.wait_for_url("**/partner-linkage/")
    assert serious_accessibility_violations(page) == []
    page.select_option("#id_partner", label="서구 행정복지센터 맞춤형복지팀")
    page.fill("#id_service", "긴급복지 생계지원")
    page.select_option("#id_consent_channel", PartnerLinkage.ConsentChannel.IN_PERSON)
    page.click("main form button[type=submit]")  # without the consent box: refused
    page.locator("#id_consent_given_error").wait_for()
    assert PartnerLinkage.objects.count() == 0
    page.check("#id_consent_given")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/seekers/{world.seeker_a.pk}/")
    assert "긴급복지 생계지원" in page.locator("#panel-partner-linkages").inner_text()
    linkage = PartnerLinkage.objects.get()
    assert linkage.consent_taken_by == world.users["counselor_x"]

    page.goto(f"/outreach/partner-linkages/{linkage.pk}/outcome/")
    assert serious_accessibility_violations(page) == []
    page.select_option("#id_outcome", PartnerLinkage.Outcome.RECEIVED)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/outreach/partners/{linkage.partner_id}/")
    linkage.refresh_from_db()
    assert linkage.outcome == PartnerLinkage.Outcome.RECEIVED


def test_a_counselor_records_an_agreement_and_counts_a_hire_under_it(page, world):
    placement = PlacementFactory(seeker=world.seeker_a, employer_name=world.company_a.name, job_title="경비원")
    log_in(page, "counselor_x")
    page.goto("/outreach/agreements/new/")
    assert serious_accessibility_violations(page) == []
    page.select_option("#id_company", str(world.company_a.pk))
    page.fill("#id_signed_on", "2026-03-09")
    page.fill("#id_job_types", "경비, 청소")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/outreach/agreements/*/")
    page.select_option("#id_placement", str(placement.pk))
    page.click("main form[action$='/hires/'] button[type=submit]")
    page.wait_for_url("**/outreach/agreements/*/")
    assert world.seeker_a.name in page.locator("section:has(#hires-title) table").inner_text()
    assert AgreementHire.objects.get().placement == Placement.objects.get(pk=placement.pk)
    assert serious_accessibility_violations(page) == []
    page.goto("/outreach/agreements/")
    assert serious_accessibility_violations(page) == []


def test_a_counselor_runs_a_campaign_to_companies_of_50_employees_or_more(page, world):
    for number, count in enumerate((50, 80, 300)):
        CompanyFactory(centre=world.centre_x, name=f"대형기업{number}(주)", employee_count=count)
    CompanyFactory(centre=world.centre_x, name="소기업(주)", employee_count=9)
    log_in(page, "counselor_x")
    page.goto("/outreach/campaigns/new/")
    assert serious_accessibility_violations(page) == []
    page.fill("#id_min_employees", "50")
    page.locator("form.filters button").click()
    page.wait_for_url("**min_employees=50**")
    assert "소기업(주)" not in page.locator("main").inner_text()
    page.fill("#id_name", "50인 이상 기업 구인 안내")
    page.click("main form[method=post] button[type=submit]")
    page.wait_for_url("**/outreach/campaigns/*/")
    assert serious_accessibility_violations(page) == []
    campaign = Campaign.objects.get()
    assert campaign.companies.count() == 3

    with page.expect_download() as pdf:
        page.locator("a[href$='letters.pdf']").click()
    assert pdf.value.suggested_filename.endswith(".pdf")
    with page.expect_download() as xlsx:
        page.locator("a[href$='contacts.xlsx']").click()
    with open(xlsx.value.path(), "rb") as handle:
        rows = list(load_workbook(io.BytesIO(handle.read())).active.iter_rows(values_only=True))
    assert len(rows) == 4


@pytest.mark.parametrize("path", ["/outreach/partners/", "/outreach/agreements/", "/outreach/campaigns/"])
def test_outreach_partner_pages_have_no_serious_accessibility_violations_for_managers(page, world, path):
    log_in(page, "manager_x")
    page.goto(path)
    assert serious_accessibility_violations(page) == []
