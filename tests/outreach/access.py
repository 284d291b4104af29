"""Objects the access table (tests/access_table.py) needs for the outreach URLs: all at centre X."""

import datetime

from tests.outreach.factories import FollowUpActionFactory, VisitFactory, VisitPlanFactory, VisitPlanTargetFactory

# Counselor X and manager X work at centre X; counselor Y must not learn its outreach exists.
CENTRE_X_COUNSELING = frozenset({"counselor_x", "manager_x"})
HIDES_CENTRE_X = frozenset({"counselor_y"})


def plan_x(world) -> dict:
    return {"pk": VisitPlanFactory(team__centre=world.centre_x).pk}


def plan_day_x(world) -> dict:
    target = VisitPlanTargetFactory(plan__team__centre=world.centre_x, company=world.company_a)
    return {"pk": target.plan_id, "day": target.scheduled_on.isoformat()}


def visit_x(world) -> dict:
    return {"pk": VisitFactory(centre=world.centre_x, company=world.company_a).pk}


def completed_visit_x(world) -> dict:
    return {"pk": VisitFactory(centre=world.centre_x, company=world.company_a, completed=True).pk}


def follow_up_x(world) -> dict:
    follow_up = FollowUpActionFactory(
        visit__centre=world.centre_x, visit__company=world.company_a, owner=world.users["counselor_x"]
    )
    return {"pk": follow_up.pk}


def report_query() -> str:
    return f"?year={datetime.date.today().year}"


def desk_x(world) -> dict:
    from tests.outreach.factories import MobileDeskFactory

    return {"pk": MobileDeskFactory(centre=world.centre_x).pk}


def session_x(world) -> dict:
    from tests.outreach.factories import DeskSessionFactory

    return {"pk": DeskSessionFactory(desk__centre=world.centre_x).pk}


def consultation_data(world) -> dict:
    return {"seeker": world.seeker_a.pk, "notes": "상담"}


def registration_data(world) -> dict:
    return {"name": "정다은", "birth_date": "1975-04-02", "consent_collection": "on"}


# Partners, agreements and campaigns: counselors of the centre change them, managers read them.
CENTRE_X_COUNSELOR = frozenset({"counselor_x"})


def partner_x(world) -> dict:
    from tests.outreach.factories import PartnerInstitutionFactory

    return {"pk": PartnerInstitutionFactory(centre=world.centre_x).pk}


def seeker_a(world) -> dict:
    return {"seeker_pk": world.seeker_a.pk}


def linkage_x(world) -> dict:
    from tests.outreach.factories import PartnerLinkageFactory

    return {"pk": PartnerLinkageFactory(partner__centre=world.centre_x, seeker=world.seeker_a).pk}


def agreement_x(world) -> dict:
    """An agreement with company A, and a placement with company A waiting to be counted under it."""
    from tests.matching.factories import PlacementFactory
    from tests.outreach.factories import LocalHireAgreementFactory

    PlacementFactory(seeker=world.seeker_a, employer_name=world.company_a.name)
    return {"pk": LocalHireAgreementFactory(centre=world.centre_x, company=world.company_a).pk}


def waiting_placement(world) -> dict:
    from matching.models import Placement

    placement = Placement.objects.filter(employer_name=world.company_a.name, local_hire__isnull=True).first()
    return {"placement": placement.pk}


def agreement_hire_x(world) -> dict:
    from tests.outreach.factories import AgreementHireFactory

    return {"pk": AgreementHireFactory(agreement__centre=world.centre_x, placement__seeker=world.seeker_a).pk}


def campaign_x(world) -> dict:
    from tests.outreach.factories import CampaignFactory

    return {"pk": CampaignFactory(centre=world.centre_x, companies=[world.company_a]).pk}
