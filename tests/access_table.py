"""Who may open every URL of the project: the one table the access test walks.

Every named URL must have a row here (tests/jobcenter/test_access.py fails on a missing one). A row says
which principals (see tests/conftest.py) get through; for everyone else the expectation follows from
the project's rule: anonymous -> login page, `hidden` -> 404 (the object is not theirs to know of),
anyone else -> 403. A refused POST must change no row.
"""

from collections.abc import Callable
from dataclasses import dataclass

from tests.administration import access as administration_access
from tests.alerts import access as alerts_access
from tests.conftest import PRINCIPALS
from tests.employers import access as employers_access
from tests.events import access as events_access
from tests.matching import access as matching_access
from tests.outreach import access as outreach_access
from tests.resumes import access as resumes_access
from tests.statistics import access as statistics_access

ALL = frozenset(PRINCIPALS)
LOGGED_IN = ALL - {"anonymous"}
SEEKERS = frozenset({"seeker_a", "seeker_b"})
EMPLOYERS = frozenset({"employer_a", "employer_b"})
COUNSELORS = frozenset({"counselor_x", "counselor_y"})
STAFF = frozenset({"counselor_x", "counselor_y", "manager_x", "admin"})
COUNSELING = frozenset({"counselor_x", "counselor_y", "manager_x"})
MANAGERS = frozenset({"manager_x", "admin"})


def no_kwargs(world) -> dict:
    return {}


def no_data(world) -> dict:
    return {}


def confirmed(world) -> dict:
    """An action that asks first (jobcenter/confirm.py), sent as the confirmation sends it."""
    return {"confirm": "1"}


@dataclass(frozen=True)
class Route:
    name: str
    allow: frozenset[str]
    hidden: frozenset[str] = frozenset()
    kwargs: Callable = no_kwargs
    method: str = "get"
    data: Callable = no_data
    # Status codes that count as "got through" for allowed principals.
    ok: tuple[int, ...] = (200,)
    # The page is public: anonymous gets through instead of being sent to login.
    public: bool = False
    query: str = ""

    def expected(self, principal: str) -> str:
        if principal in self.allow or (self.public and principal == "anonymous"):
            return "ok"
        if principal == "anonymous":
            return "login"
        if principal in self.hidden:
            return "404"
        return "403"


# URL names not walked, with the reason.
EXEMPT = {
    "set_language": "Django's language switch: a POST anyone may make, tested in tests/jobcenter/test_i18n.py",
    "password_reset_confirm": "needs a token mailed to the user; tested in tests/jobcenter/test_auth.py",
}
EXEMPT_NAMESPACES = {"admin": "Django admin: only is_staff users (administrators) get in; tested in test_auth.py"}

# seekers: staff who may open seeker A's case (centre X, and the administrator); counselor Y may not know of it.
SEEKER_A_STAFF = frozenset({"counselor_x", "manager_x", "admin"})
HIDES_SEEKER_A = frozenset({"counselor_y"})


def seeker_a_pk(world) -> dict:
    return {"pk": world.seeker_a.pk}


def seeker_a_booking(world) -> dict:
    from tests.seekers.factories import BookingFactory

    return {"pk": BookingFactory(seeker=world.seeker_a).pk}


ROUTES: list[Route] = [
    # --- jobcenter: organisation, login, dashboards ---------------------------------------------
    Route("home", allow=ALL, public=True, ok=(302,)),
    Route("front", allow=ALL, public=True),  # the residents' front page
    Route("healthz", allow=ALL, public=True),
    Route("login", allow=ALL, public=True, ok=(200, 302)),
    Route("logout", allow=ALL, public=True, method="post", ok=(302,)),
    Route("password_change", allow=LOGGED_IN),
    Route("password_change_done", allow=LOGGED_IN),
    Route("password_reset", allow=ALL, public=True),
    Route("password_reset_done", allow=ALL, public=True),
    Route("password_reset_complete", allow=ALL, public=True),
    Route("worklist", allow=COUNSELING),
    Route("dashboard", allow=STAFF),  # counselors see their own figures (statistics)
    Route("data_check", allow=MANAGERS),  # the records that break a rule (jobcenter/datacheck.py)
    Route("administration", allow=frozenset({"admin"})),
    # --- statistics -------------------------------------------------------------------------------
    Route("statistics:records", allow=STAFF, query=statistics_access.records_query()),
    Route("statistics:reports", allow=MANAGERS),
    Route("statistics:report_request", allow=MANAGERS, method="post", data=statistics_access.report_data, ok=(302,)),
    Route("statistics:report_download", allow=MANAGERS, kwargs=statistics_access.report_x),
    Route("statistics:recompute", allow=MANAGERS),
    # --- performance baselines (jobcenter/baseline_views.py, measured by bench/load) ---------------
    # Outside the load-test settings they are a 404 for everyone (tests/hardening/test_baselines.py).
    Route("baseline_json", allow=ALL, public=True, ok=(404,)),
    Route("baseline_query", allow=ALL, public=True, query="?pk=1", ok=(404,)),
    # --- seekers ----------------------------------------------------------------------------------
    Route("seekers:home", allow=SEEKERS),
    Route("seekers:register_self", allow=SEEKERS, ok=(200, 302)),  # seeker_a/b are registered: sent home
    Route("seekers:my_profile", allow=SEEKERS),
    Route("seekers:consents", allow=SEEKERS),
    Route("seekers:book", allow=SEEKERS),
    Route("seekers:signup", allow=ALL, public=True, ok=(200, 302)),
    Route("seekers:claim", allow=ALL, public=True, ok=(200, 302)),
    Route("seekers:list", allow=STAFF),
    Route("seekers:export", allow=STAFF),
    Route("seekers:import", allow=frozenset({"counselor_x", "counselor_y", "admin"})),
    Route("seekers:access_records", allow=MANAGERS),
    Route("seekers:register", allow=STAFF),
    Route("seekers:day", allow=STAFF),
    Route("seekers:case", allow=SEEKER_A_STAFF, hidden=HIDES_SEEKER_A, kwargs=seeker_a_pk),
    Route("seekers:edit", allow=SEEKER_A_STAFF, hidden=HIDES_SEEKER_A, kwargs=seeker_a_pk),
    Route("seekers:consultation_new", allow=SEEKER_A_STAFF, hidden=HIDES_SEEKER_A, kwargs=seeker_a_pk),
    Route("seekers:booking_new", allow=SEEKER_A_STAFF, hidden=HIDES_SEEKER_A, kwargs=seeker_a_pk),
    Route(
        "seekers:status",
        allow=SEEKER_A_STAFF,
        hidden=HIDES_SEEKER_A,
        kwargs=seeker_a_pk,
        method="post",
        data=lambda w: {"status": "on_hold"},
        ok=(302,),
    ),
    Route(
        "seekers:assign",
        allow=SEEKER_A_STAFF,
        hidden=HIDES_SEEKER_A,
        kwargs=seeker_a_pk,
        method="post",
        data=lambda w: {"counselor": w.users["counselor_x"].pk},
        ok=(302,),
    ),
    Route("seekers:renew", allow=SEEKER_A_STAFF, hidden=HIDES_SEEKER_A, kwargs=seeker_a_pk, method="post", ok=(302,)),
    Route(
        "seekers:claim_code", allow=SEEKER_A_STAFF, hidden=HIDES_SEEKER_A, kwargs=seeker_a_pk, method="post", ok=(302,)
    ),
    Route(
        "seekers:booking_cancel",
        allow=SEEKER_A_STAFF | {"seeker_a"},
        hidden=HIDES_SEEKER_A | {"seeker_b"},
        kwargs=seeker_a_booking,
        method="post",
        data=confirmed,
        ok=(302,),
    ),
    Route(
        "seekers:booking_reschedule",
        allow=SEEKER_A_STAFF | {"seeker_a"},
        hidden=HIDES_SEEKER_A | {"seeker_b"},
        kwargs=seeker_a_booking,
    ),
    Route(
        "seekers:booking_outcome",
        allow=frozenset({"counselor_x", "manager_x"}),
        hidden=HIDES_SEEKER_A,
        kwargs=seeker_a_booking,
        method="post",
        data=lambda w: {"status": "attended"},
        ok=(302,),
    ),
    # --- employers --------------------------------------------------------------------------------
    Route("employers:board", allow=ALL, public=True),
    Route("employers:job", allow=ALL, public=True, kwargs=employers_access.vacancy_a),
    Route("employers:interest", allow=SEEKERS, kwargs=employers_access.vacancy_a, method="post", ok=(302,)),
    Route("employers:signup", allow=ALL, public=True, ok=(200, 302)),
    Route("employers:invitation_accept", allow=ALL, public=True, kwargs=employers_access.invitation),
    Route("employers:portal", allow=EMPLOYERS),
    Route("employers:portal_invite", allow=EMPLOYERS, method="post", data=employers_access.invite_data, ok=(302,)),
    Route("employers:portal_company", allow=EMPLOYERS),
    # --- talent search (employers/talent.py) ----------------------------------------------------------
    Route("employers:talent", allow=EMPLOYERS),
    Route("employers:talent_profile", allow=EMPLOYERS, kwargs=alerts_access.talent_a),
    Route(
        "employers:talent_request",
        allow=EMPLOYERS,
        kwargs=alerts_access.talent_a,
        method="post",
        data=alerts_access.talent_request_data,
        ok=(302,),
    ),
    # --- job alerts (alerts/) -------------------------------------------------------------------------
    Route("alerts:list", allow=SEEKERS),
    Route("alerts:new", allow=SEEKERS),
    Route(
        "alerts:stop",
        allow=frozenset({"seeker_a"}),
        hidden=frozenset({"seeker_b"}),
        kwargs=alerts_access.alert_a,
        method="post",
        ok=(302,),
    ),
    Route("alerts:unsubscribe", allow=ALL, public=True, kwargs=alerts_access.unsubscribe_a),
    Route("employers:portal_vacancy_new", allow=EMPLOYERS),
    Route(
        "employers:portal_vacancy",
        allow=frozenset({"employer_a"}),
        hidden=frozenset({"employer_b"}),
        kwargs=employers_access.vacancy_a,
    ),
    Route(
        "employers:portal_vacancy_edit",
        allow=frozenset({"employer_a"}),
        hidden=frozenset({"employer_b"}),
        kwargs=employers_access.draft_a,
    ),
    *[
        Route(
            f"employers:portal_vacancy_{action}",
            allow=frozenset({"employer_a"}),
            hidden=frozenset({"employer_b"}),
            kwargs=employers_access.draft_a,
            method="post",
            data=confirmed,
            ok=(302,),
        )
        for action in ("submit", "copy", "close")
    ],
    Route("employers:companies", allow=STAFF),
    Route("employers:company_new", allow=COUNSELING),
    Route(
        "employers:company",
        allow=frozenset({"counselor_x", "manager_x", "admin"}),
        hidden=frozenset({"counselor_y"}),
        kwargs=employers_access.company_a,
    ),
    Route(
        "employers:company_edit",
        allow=frozenset({"counselor_x", "manager_x"}),
        hidden=frozenset({"counselor_y"}),
        kwargs=employers_access.company_a,
    ),
    Route(
        "employers:company_vacancy_new",
        allow=frozenset({"counselor_x", "manager_x"}),
        hidden=frozenset({"counselor_y"}),
        kwargs=employers_access.company_a,
    ),
    Route(
        "employers:company_verify",
        allow=frozenset({"counselor_x", "manager_x"}),
        hidden=frozenset({"counselor_y"}),
        kwargs=employers_access.company_a,
        method="post",
        ok=(302,),
    ),
    Route(
        "employers:company_invite",
        allow=frozenset({"counselor_x", "manager_x"}),
        hidden=frozenset({"counselor_y"}),
        kwargs=employers_access.company_a,
        method="post",
        data=employers_access.invite_data,
        ok=(302,),
    ),
    Route("employers:vacancies", allow=STAFF),
    Route(
        "employers:vacancy",
        allow=frozenset({"counselor_x", "manager_x", "admin"}),
        hidden=frozenset({"counselor_y"}),
        kwargs=employers_access.vacancy_a,
    ),
    Route(
        "employers:vacancy_edit",
        allow=frozenset({"counselor_x", "manager_x"}),
        hidden=frozenset({"counselor_y"}),
        kwargs=employers_access.vacancy_a,
    ),
    *[
        Route(
            f"employers:vacancy_{action}",
            allow=frozenset({"counselor_x", "manager_x"}),
            hidden=frozenset({"counselor_y"}),
            kwargs=employers_access.submitted_a,
            method="post",
            data=lambda world: {**employers_access.return_data(world), "confirm": "1"},
            ok=(302,),
        )
        for action in ("publish", "return", "close")
    ],
    Route("employers:api_vacancies", allow=ALL, public=True),
    Route("employers:api_vacancy", allow=ALL, public=True, kwargs=employers_access.vacancy_a),
    Route("employers:api_schema", allow=ALL, public=True),
    Route("employers:bulletins", allow=STAFF),
    Route("employers:bulletin_generate", allow=COUNSELING, method="post", ok=(302,)),
    Route(
        "employers:bulletin_download",
        allow=frozenset({"counselor_x", "manager_x", "admin"}),
        hidden=frozenset({"counselor_y"}),
        kwargs=employers_access.bulletin_x,
    ),
    Route("employers:import_new", allow=COUNSELING),
    Route(
        "employers:import_preview",
        allow=frozenset({"counselor_x", "manager_x"}),
        hidden=frozenset({"counselor_y"}),
        kwargs=employers_access.import_x,
    ),
    Route(
        "employers:interest_handle",
        allow=frozenset({"counselor_x"}),
        hidden=frozenset({"counselor_y", "manager_x"}),
        kwargs=employers_access.interest_a,
        method="post",
        ok=(302,),
    ),
    # --- matching ---------------------------------------------------------------------------------
    # referrals, placements, follow-ups
    Route("matching:referral_new", allow=COUNSELING),
    Route(
        "matching:referral",
        allow=frozenset({"counselor_x", "manager_x", "employer_a"}),
        hidden=frozenset({"counselor_y", "employer_b"}),
        kwargs=matching_access.referral_a,
    ),
    Route(
        "matching:referral_transition",
        allow=frozenset({"counselor_x", "manager_x", "employer_a"}),
        hidden=frozenset({"counselor_y", "employer_b"}),
        kwargs=matching_access.referral_a,
        method="post",
        data=matching_access.not_hired,
        ok=(302,),
    ),
    Route(
        "matching:referral_interview",
        allow=frozenset({"counselor_x", "manager_x", "employer_a"}),
        hidden=frozenset({"counselor_y", "employer_b"}),
        kwargs=matching_access.referral_a,
        method="post",
        data=matching_access.interview,
        ok=(302,),
    ),
    Route(
        "matching:referral_hire",
        allow=frozenset({"counselor_x", "manager_x", "employer_a"}),
        hidden=frozenset({"counselor_y", "employer_b"}),
        kwargs=matching_access.referral_a,
        method="post",
        data=matching_access.hire,
        ok=(302,),
    ),
    Route(
        "matching:referral_correct",
        allow=frozenset({"counselor_x", "manager_x"}),
        hidden=frozenset({"counselor_y"}),
        kwargs=matching_access.hired_referral_a,
        method="post",
        data=lambda world: {**matching_access.correction(world), "confirm": "1"},
        ok=(302,),
    ),
    Route(
        "matching:referral_chase",
        allow=frozenset({"counselor_x", "manager_x"}),
        hidden=frozenset({"counselor_y"}),
        kwargs=matching_access.referral_a,
        method="post",
        ok=(302,),
    ),
    Route(
        "matching:referral_history",
        allow=frozenset({"counselor_x", "manager_x"}),
        hidden=frozenset({"counselor_y"}),
        kwargs=matching_access.referral_a,
    ),
    Route(
        "matching:seeker",
        allow=frozenset({"counselor_x", "manager_x"}),
        hidden=frozenset({"counselor_y"}),
        kwargs=matching_access.seeker_a,
    ),
    Route(
        "matching:placement_new",
        allow=frozenset({"counselor_x", "manager_x"}),
        hidden=frozenset({"counselor_y"}),
        kwargs=matching_access.seeker_a,
    ),
    Route(
        "matching:follow_up",
        allow=frozenset({"counselor_x", "manager_x"}),
        hidden=frozenset({"counselor_y"}),
        kwargs=matching_access.follow_up_a,
        method="post",
        data=matching_access.still_employed,
        ok=(302,),
    ),
    Route("matching:calendar", allow=COUNSELING),
    Route("matching:retention", allow=COUNSELING),
    Route("matching:portal_referrals", allow=EMPLOYERS),
    Route("matching:my_referrals", allow=SEEKERS),
    # scorer
    Route(
        "matching:vacancy_candidates",
        allow=frozenset({"counselor_x", "manager_x"}),
        hidden=frozenset({"counselor_y"}),
        kwargs=lambda w: {"pk": w.vacancy_a.pk},
    ),
    Route(
        "matching:seeker_vacancies",
        allow=frozenset({"counselor_x", "manager_x"}),
        hidden=frozenset({"counselor_y"}),
        kwargs=lambda w: {"pk": w.seeker_a.pk},
    ),
    Route("matching:match_weights", allow=MANAGERS),
    # --- events -----------------------------------------------------------------------------------
    Route("events:calendar", allow=ALL, public=True),
    Route("events:public_detail", allow=ALL, public=True, kwargs=events_access.event_x),
    Route("events:sign_up", allow=SEEKERS, kwargs=events_access.event_x, method="post", ok=(302,)),
    Route("events:my_registrations", allow=SEEKERS),
    Route(
        "events:my_registration",
        allow=frozenset({"seeker_a"}),
        hidden=frozenset({"seeker_b"}),
        kwargs=events_access.registration_a,
    ),
    Route(
        "events:my_registration_cancel",
        allow=frozenset({"seeker_a"}),
        hidden=frozenset({"seeker_b"}),
        kwargs=events_access.registration_a,
        method="post",
        data=lambda world: {"confirm": "1"},
        ok=(302,),
    ),
    Route(
        "events:certificate",
        allow=frozenset({"seeker_a"}) | events_access.CENTRE_X_COUNSELING,
        hidden=frozenset({"seeker_b"}) | events_access.HIDES_CENTRE_X,
        kwargs=events_access.completed_registration_a,
    ),
    Route("events:employer_events", allow=EMPLOYERS),
    Route("events:employer_apply", allow=EMPLOYERS, kwargs=events_access.event_x),
    Route(
        "events:employer_participation",
        allow=frozenset({"employer_a"}),
        hidden=frozenset({"employer_b"}),
        kwargs=events_access.participation_a_pk,
    ),
    Route(
        "events:interview_outcome",
        allow=frozenset({"employer_a"}) | events_access.CENTRE_X_COUNSELING,
        hidden=frozenset({"employer_b"}) | events_access.HIDES_CENTRE_X,
        kwargs=events_access.interview_a,
        method="post",
        data=lambda world: {"outcome": "interviewed"},
        ok=(302,),
    ),
    Route(
        "events:interview_correct",
        allow=events_access.CENTRE_X_COUNSELING,
        hidden=events_access.HIDES_CENTRE_X,
        kwargs=events_access.interview_a,
    ),
    Route("events:manage_list", allow=events_access.EVENT_STAFF),
    Route("events:manage_create", allow=events_access.EVENT_STAFF),
    Route("events:manage_series_create", allow=events_access.EVENT_STAFF),
    Route(
        "events:manage_series_edit",
        allow=events_access.CENTRE_X_COUNSELING,
        hidden=events_access.HIDES_CENTRE_X,
        kwargs=events_access.series_x,
    ),
    Route(
        "events:manage_series_cancel",
        allow=events_access.CENTRE_X_COUNSELING,
        hidden=events_access.HIDES_CENTRE_X,
        kwargs=events_access.series_x,
        method="post",
        data=confirmed,
        ok=(302,),
    ),
    Route(
        "events:manage_walk_in",
        allow=events_access.CENTRE_X_COUNSELING,
        hidden=events_access.HIDES_CENTRE_X,
        kwargs=events_access.event_x,
    ),
    Route(
        "events:on_the_spot",
        allow=frozenset({"employer_a"}) | events_access.CENTRE_X_COUNSELING,
        hidden=frozenset({"employer_b"}) | events_access.HIDES_CENTRE_X,
        kwargs=events_access.participation_a_pk,
    ),
    Route("events:employer_room_request_create", allow=EMPLOYERS),
    Route(
        "events:employer_room_request",
        allow=frozenset({"employer_a"}),
        hidden=frozenset({"employer_b"}),
        kwargs=events_access.room_request_a,
    ),
    Route(
        "events:employer_room_request_withdraw",
        allow=frozenset({"employer_a"}),
        hidden=frozenset({"employer_b"}),
        kwargs=events_access.room_request_a,
        method="post",
        data=confirmed,
        ok=(302,),
    ),
    Route("events:manage_room_requests", allow=events_access.EVENT_STAFF),
    Route(
        "events:manage_room_request",
        allow=events_access.CENTRE_X_COUNSELING,
        hidden=events_access.HIDES_CENTRE_X,
        kwargs=events_access.room_request_a,
    ),
    Route(
        "events:manage_room_request_accept",
        allow=events_access.CENTRE_X_COUNSELING,
        hidden=events_access.HIDES_CENTRE_X,
        kwargs=events_access.room_request_a,
        method="post",
        data=events_access.room_accept_data,
        ok=(302,),
    ),
    Route(
        "events:manage_room_request_decline",
        allow=events_access.CENTRE_X_COUNSELING,
        hidden=events_access.HIDES_CENTRE_X,
        kwargs=events_access.room_request_a,
        method="post",
        data=lambda world: {"decline-comment": "그 주에는 면접장이 찼습니다."},
        ok=(302,),
    ),
    *[
        Route(
            f"events:{name}",
            allow=events_access.CENTRE_X_COUNSELING,
            hidden=events_access.HIDES_CENTRE_X,
            kwargs=events_access.event_x,
        )
        for name in (
            "manage_detail",
            "manage_edit",
            "manage_participation_add",
            "manage_prematching",
            "manage_checkin",
            "manage_report",
            "manage_report_xlsx",
            "manage_report_pdf",
        )
    ],
    Route(
        "events:manage_transition",
        allow=events_access.CENTRE_X_COUNSELING,
        hidden=events_access.HIDES_CENTRE_X,
        kwargs=events_access.event_x,
        method="post",
        data=lambda world: {"to_state": "closed"},
        ok=(302,),
    ),
    Route(
        "events:manage_register",
        allow=events_access.CENTRE_X_COUNSELING,
        hidden=events_access.HIDES_CENTRE_X,
        kwargs=events_access.event_x,
        method="post",
        data=events_access.seeker_a_data,
        ok=(302,),
    ),
    Route(
        "events:manage_schedule",
        allow=events_access.CENTRE_X_COUNSELING,
        hidden=events_access.HIDES_CENTRE_X,
        kwargs=events_access.event_x_with_slot,
        method="post",
        data=events_access.schedule_data,
        ok=(302,),
    ),
    Route(
        "events:manage_registration_cancel",
        allow=events_access.CENTRE_X_COUNSELING,
        hidden=events_access.HIDES_CENTRE_X,
        kwargs=events_access.registration_a,
        method="post",
        data=lambda world: {"confirm": "1"},
        ok=(302,),
    ),
    Route(
        "events:manage_participation",
        allow=events_access.CENTRE_X_COUNSELING,
        hidden=events_access.HIDES_CENTRE_X,
        kwargs=events_access.participation_a_pk,
    ),
    Route(
        "events:manage_participation_transition",
        allow=events_access.CENTRE_X_COUNSELING,
        hidden=events_access.HIDES_CENTRE_X,
        kwargs=events_access.participation_a_pk,
        method="post",
        data=lambda world: {"to_status": "withdrawn"},
        ok=(302,),
    ),
    Route(
        "events:manage_slots_generate",
        allow=events_access.CENTRE_X_COUNSELING,
        hidden=events_access.HIDES_CENTRE_X,
        kwargs=events_access.participation_a_pk,
        method="post",
        data=events_access.slots_data,
        ok=(302,),
    ),
    Route(
        "events:manage_attendance",
        allow=events_access.CENTRE_X_COUNSELING,
        hidden=events_access.HIDES_CENTRE_X,
        kwargs=events_access.session_x,
    ),
    # --- outreach ---------------------------------------------------------------------------------
    Route("outreach:index", allow=COUNSELING),
    Route("outreach:team_create", allow=COUNSELING),
    Route("outreach:plan_list", allow=COUNSELING),
    Route("outreach:plan_create", allow=COUNSELING),
    Route(
        "outreach:plan_detail",
        allow=outreach_access.CENTRE_X_COUNSELING,
        hidden=outreach_access.HIDES_CENTRE_X,
        kwargs=outreach_access.plan_x,
    ),
    Route(
        "outreach:plan_day",
        allow=outreach_access.CENTRE_X_COUNSELING,
        hidden=outreach_access.HIDES_CENTRE_X,
        kwargs=outreach_access.plan_day_x,
    ),
    Route("outreach:visit_list", allow=COUNSELING),
    Route("outreach:visit_create", allow=COUNSELING),
    Route("outreach:business_number_check", allow=COUNSELING, query="?new_business_number=1048118233"),
    Route(
        "outreach:visit_detail",
        allow=outreach_access.CENTRE_X_COUNSELING,
        hidden=outreach_access.HIDES_CENTRE_X,
        kwargs=outreach_access.visit_x,
    ),
    Route(
        "outreach:visit_edit",
        allow=outreach_access.CENTRE_X_COUNSELING,
        hidden=outreach_access.HIDES_CENTRE_X,
        kwargs=outreach_access.visit_x,
    ),
    Route(
        "outreach:visit_reopen",
        allow=outreach_access.CENTRE_X_COUNSELING,
        hidden=outreach_access.HIDES_CENTRE_X,
        kwargs=outreach_access.completed_visit_x,
        method="post",
        ok=(302,),
    ),
    Route(
        "outreach:follow_up_done",
        allow=outreach_access.CENTRE_X_COUNSELING,
        hidden=outreach_access.HIDES_CENTRE_X,
        kwargs=outreach_access.follow_up_x,
        method="post",
        ok=(302,),
    ),
    Route("outreach:report", allow=STAFF, query=outreach_access.report_query()),
    Route("outreach:desk_list", allow=COUNSELING),
    Route("outreach:desk_create", allow=COUNSELING),
    Route(
        "outreach:desk_detail",
        allow=outreach_access.CENTRE_X_COUNSELING,
        hidden=outreach_access.HIDES_CENTRE_X,
        kwargs=outreach_access.desk_x,
    ),
    Route(
        "outreach:session_detail",
        allow=outreach_access.CENTRE_X_COUNSELING,
        hidden=outreach_access.HIDES_CENTRE_X,
        kwargs=outreach_access.session_x,
    ),
    Route(
        "outreach:session_consultation",
        allow=outreach_access.CENTRE_X_COUNSELING,
        hidden=outreach_access.HIDES_CENTRE_X,
        kwargs=outreach_access.session_x,
        method="post",
        data=outreach_access.consultation_data,
        ok=(302,),
    ),
    Route(
        "outreach:session_registration",
        allow=outreach_access.CENTRE_X_COUNSELING,
        hidden=outreach_access.HIDES_CENTRE_X,
        kwargs=outreach_access.session_x,
        method="post",
        data=outreach_access.registration_data,
        ok=(302,),
    ),
    # outreach: partners, local-hire agreements, campaigns (counselors change, managers read)
    Route("outreach:partner_list", allow=COUNSELING),
    Route("outreach:partner_create", allow=COUNSELORS),
    Route(
        "outreach:partner_detail",
        allow=outreach_access.CENTRE_X_COUNSELING,
        hidden=outreach_access.HIDES_CENTRE_X,
        kwargs=outreach_access.partner_x,
    ),
    Route(
        "outreach:partner_edit",
        allow=outreach_access.CENTRE_X_COUNSELOR,
        hidden=outreach_access.HIDES_CENTRE_X,
        kwargs=outreach_access.partner_x,
    ),
    Route(
        "outreach:linkage_create",
        allow=outreach_access.CENTRE_X_COUNSELOR,
        hidden=outreach_access.HIDES_CENTRE_X,
        kwargs=outreach_access.seeker_a,
    ),
    Route(
        "outreach:linkage_outcome",
        allow=outreach_access.CENTRE_X_COUNSELOR,
        hidden=outreach_access.HIDES_CENTRE_X,
        kwargs=outreach_access.linkage_x,
    ),
    Route("outreach:agreement_list", allow=COUNSELING),
    Route("outreach:agreement_create", allow=COUNSELORS),
    Route(
        "outreach:agreement_detail",
        allow=outreach_access.CENTRE_X_COUNSELING,
        hidden=outreach_access.HIDES_CENTRE_X,
        kwargs=outreach_access.agreement_x,
    ),
    Route(
        "outreach:agreement_edit",
        allow=outreach_access.CENTRE_X_COUNSELOR,
        hidden=outreach_access.HIDES_CENTRE_X,
        kwargs=outreach_access.agreement_x,
    ),
    Route(
        "outreach:agreement_hire_add",
        allow=outreach_access.CENTRE_X_COUNSELOR,
        hidden=outreach_access.HIDES_CENTRE_X,
        kwargs=outreach_access.agreement_x,
        method="post",
        data=outreach_access.waiting_placement,
        ok=(302,),
    ),
    Route(
        "outreach:agreement_hire_remove",
        allow=outreach_access.CENTRE_X_COUNSELOR,
        hidden=outreach_access.HIDES_CENTRE_X,
        kwargs=outreach_access.agreement_hire_x,
        method="post",
        data=confirmed,
        ok=(302,),
    ),
    Route("outreach:campaign_list", allow=COUNSELING),
    Route("outreach:campaign_create", allow=COUNSELORS),
    Route(
        "outreach:campaign_detail",
        allow=outreach_access.CENTRE_X_COUNSELING,
        hidden=outreach_access.HIDES_CENTRE_X,
        kwargs=outreach_access.campaign_x,
    ),
    Route(
        "outreach:campaign_letters",
        allow=outreach_access.CENTRE_X_COUNSELING,
        hidden=outreach_access.HIDES_CENTRE_X,
        kwargs=outreach_access.campaign_x,
    ),
    Route(
        "outreach:campaign_contacts",
        allow=outreach_access.CENTRE_X_COUNSELING,
        hidden=outreach_access.HIDES_CENTRE_X,
        kwargs=outreach_access.campaign_x,
    ),
]

# --- security (jobcenter/security): second factor and the access review -----------------------------
ROUTES += [
    # World.client_for has passed the second factor already: both pages send staff on (302).
    Route("security:otp_setup", allow=STAFF, ok=(200, 302)),
    Route("security:otp_verify", allow=STAFF, ok=(200, 302)),
    Route("security:access_review", allow=MANAGERS),
]

# --- résumés and online applications (resumes) ------------------------------------------------------------------
ROUTES += [
    Route("resumes:list", allow=SEEKERS),
    Route("resumes:new", allow=SEEKERS),
    Route(
        "resumes:detail",
        allow=resumes_access.RESUME_A_READERS,
        hidden=resumes_access.HIDES_RESUME_A,
        kwargs=resumes_access.resume_a,
    ),
    Route(
        "resumes:pdf",
        allow=resumes_access.RESUME_A_READERS,
        hidden=resumes_access.HIDES_RESUME_A,
        kwargs=resumes_access.resume_a,
    ),
    Route(
        "resumes:edit", allow=frozenset({"seeker_a"}), hidden=frozenset({"seeker_b"}), kwargs=resumes_access.resume_a
    ),
    Route(
        "resumes:delete",
        allow=frozenset({"seeker_a"}),
        hidden=frozenset({"seeker_b"}),
        kwargs=resumes_access.resume_a,
        method="post",
        data=confirmed,
        ok=(302,),
    ),
    Route(
        "resumes:comment",
        allow=frozenset({"counselor_x", "manager_x"}),
        hidden=frozenset({"counselor_y"}),
        kwargs=resumes_access.resume_a,
        method="post",
        data=resumes_access.comment,
        ok=(302,),
    ),
    Route("resumes:apply", allow=SEEKERS, kwargs=resumes_access.online_vacancy_a),
    Route(
        "resumes:application",
        allow=resumes_access.APPLICATION_A_READERS,
        hidden=resumes_access.HIDES_APPLICATION_A,
        kwargs=resumes_access.application_a,
    ),
    Route(
        "resumes:application_pdf",
        allow=resumes_access.APPLICATION_A_READERS,
        hidden=resumes_access.HIDES_APPLICATION_A,
        kwargs=resumes_access.application_a,
    ),
    Route(
        "resumes:application_opinion",
        allow=frozenset({"counselor_x", "manager_x"}),
        hidden=frozenset({"counselor_y"}),
        kwargs=resumes_access.application_a,
        method="post",
        data=resumes_access.support,
        ok=(302,),
    ),
]

# --- administration (jobcenter/administration, issue 27): the administrator changes, a manager reads their centre's
ADMIN = frozenset({"admin"})
ROUTES += [
    Route("administration:staff", allow=MANAGERS),
    Route("administration:staff_invite", allow=ADMIN),
    Route("administration:staff_detail", allow=MANAGERS, kwargs=administration_access.counselor_x),
    Route(
        "administration:staff_edit",
        allow=ADMIN,
        method="post",
        kwargs=administration_access.counselor_x,
        data=administration_access.edit_data,
        ok=(302,),
    ),
    *(
        Route(name, allow=ADMIN, method="post", kwargs=administration_access.counselor_x, ok=(302,))
        for name in (
            "administration:staff_deactivate",
            "administration:staff_reactivate",
            "administration:staff_second_factor_reset",
            "administration:staff_unlock",
            "administration:staff_invitation_resend",
        )
    ),
    # A manager moves their own centre's counselors' seekers (counselor X is of manager X's centre).
    Route("administration:staff_reassign", allow=MANAGERS, kwargs=administration_access.counselor_x),
    Route("administration:calendar", allow=MANAGERS),
    Route(
        "administration:closed_day_add",
        allow=ADMIN,
        method="post",
        data=administration_access.closed_day_data,
        ok=(302,),
    ),
    Route(
        "administration:closed_day_remove",
        allow=ADMIN,
        method="post",
        kwargs=administration_access.closed_day_x,
        ok=(302,),
    ),
    Route("administration:centre", allow=MANAGERS, kwargs=administration_access.centre_x),
    Route(
        "administration:centre_edit",
        allow=ADMIN,
        method="post",
        kwargs=administration_access.centre_x,
        data=administration_access.centre_data,
        ok=(302,),
    ),
    Route(
        "administration:booth_new",
        allow=ADMIN,
        method="post",
        kwargs=administration_access.centre_x,
        data=administration_access.booth_data,
        ok=(302,),
    ),
    Route("administration:booth_edit", allow=ADMIN, kwargs=administration_access.booth_x),
    # A manager reads their own centre's booth hours; counselor Y's centre's booth is not manager X's to know of.
    Route("administration:booth_hours", allow=MANAGERS, kwargs=administration_access.booth_x),
    Route(
        "administration:booth_hours_edit",
        allow=ADMIN,
        method="post",
        kwargs=administration_access.booth_x,
        data=administration_access.hours_data,
        ok=(302,),
    ),
    Route("administration:legal_notice_edit", allow=ADMIN, kwargs=administration_access.privacy),
    Route("legal_notice", allow=ALL, public=True, kwargs=administration_access.privacy),
    Route("administration:code_tables", allow=ADMIN),
    Route("administration:consents", allow=MANAGERS),
    Route("administration:consent_new", allow=ADMIN, kwargs=administration_access.sharing_kind),
    Route("administration:notice_templates", allow=MANAGERS),
    Route("administration:notice_template", allow=MANAGERS, kwargs=administration_access.booking_notice),
    Route(
        "administration:notice_template_edit",
        allow=ADMIN,
        method="post",
        kwargs=administration_access.booking_notice,
        data=administration_access.notice_data,
        ok=(302,),
    ),
    Route(
        "administration:notice_template_restore",
        allow=ADMIN,
        method="post",
        kwargs=administration_access.booking_notice,
        data=confirmed,
        ok=(302,),
    ),
]

ROUTES_BY_NAME = {route.name: route for route in ROUTES}
