from io import StringIO

from django.core.management import call_command

from outreach.models import AgreementHire, Campaign, PartnerLinkage, Visit


def seed() -> None:
    call_command("seed_demo", stdout=StringIO())


def test_demo__has_visits_linkages_with_consent_agreement_hires_and_a_campaign_and_is_idempotent(db):
    seed()
    assert Visit.objects.filter(status=Visit.Status.COMPLETED).exists()
    assert PartnerLinkage.objects.filter(consent_taken_by__isnull=False).count() >= 2
    assert PartnerLinkage.objects.exclude(outcome="pending").exists()
    assert AgreementHire.objects.count() >= 1
    campaign = Campaign.objects.get()
    assert all(company.employee_count >= 50 for company in campaign.companies.all())
    counts = (PartnerLinkage.objects.count(), AgreementHire.objects.count(), Campaign.objects.count())
    seed()
    assert (PartnerLinkage.objects.count(), AgreementHire.objects.count(), Campaign.objects.count()) == counts
