"""The registry of measures: what is counted, from which records, placed in which month, broken down how.

A new measure is one `Measure(...)` in MEASURES (and a new rate one `Rate(...)` in RATES): the rollup, the
dashboard, the drill-down to records and the monthly report all read this registry.

SQL fragments use the aliases of their `Source`; `%(start)s`/`%(end)s` are the month's first day and the
next month's first day (dates), `%(start_ts)s`/`%(end_ts)s` the same instants in Korean time.
"""

from dataclasses import dataclass, field

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from events.definitions import EVENT_OPENINGS_SQL
from jobcenter.models import TargetGroup


@dataclass(frozen=True)
class Dimension:
    key: str
    label: Promise
    # Several values per record (a seeker in two target groups): members overlap and do not sum to the total.
    multi: bool = False
    # Nested in a centre (a booth belongs to one centre): broken down per centre only, never city-wide.
    within_centre: bool = False


DIMENSIONS: dict[str, Dimension] = {
    d.key: d
    for d in [
        Dimension("booth", pgettext_lazy("centre desk", "Booth"), within_centre=True),
        Dimension("counselor", _("Counselor"), within_centre=True),
        Dimension("target_group", _("Target group"), multi=True),
        Dimension("age_band", _("Age band")),
        Dimension("occupation", _("Occupation (major group)")),
        Dimension("region", _("Region (시군구)")),
        Dimension("channel", _("Channel")),
        Dimension("reason", _("Reason")),
    ]
}

AGE_BANDS = {
    "15-29": _("Under 30"),
    "30-39": _("30–39"),
    "40-49": _("40–49"),
    "50-64": _("50–64"),
    "65+": _("65 and over"),
}


def _age_band(birth_date: str) -> str:
    """Age on the month's first day, in the bands of AGE_BANDS."""
    age = f"date_part('year', age(%(start)s::date, {birth_date}))"
    return (
        f"CASE WHEN {birth_date} IS NULL THEN NULL WHEN {age} < 30 THEN '15-29' WHEN {age} < 40 THEN '30-39' "
        f"WHEN {age} < 50 THEN '40-49' WHEN {age} < 65 THEN '50-64' ELSE '65+' END"
    )


# Breakdown members that say why a record has no value of the dimension (labels in statistics.selectors).
OTHER_CENTRE = "other_centre"
UNASSIGNED = "unassigned"
NO_VACANCY = "no_vacancy"


def _seeker_dims(centre: str = "s.centre_id") -> dict[str, str]:
    """Breakdowns of a record reached through its seeker (alias `s`). Booth and counselor are the seeker's home
    booth and assigned counselor (the caseload), kept only when the record counts in the seeker's own centre."""
    same = f"s.centre_id = {centre}"
    # Members that are not a missing value ("기록 없음" is only for a value the record lacks): a record counted in
    # another centre than its seeker's has no booth or counselor there; a seeker may have no counselor assigned.
    return {
        "booth": f"CASE WHEN {same} THEN s.booth_id::text ELSE '{OTHER_CENTRE}' END",
        "counselor": f"CASE WHEN {same} THEN coalesce(s.counselor_id::text, '{UNASSIGNED}') ELSE '{OTHER_CENTRE}' END",
        "target_group": "s.target_groups",
        "age_band": _age_band("s.birth_date"),
        "region": "left(s.region_id, 5)",
    }


@dataclass(frozen=True)
class Source:
    """Where records come from: the FROM clause, the record's centre and how each breakdown is reached."""

    key: str
    model: str  # app_label.Model of the records the drill-down lists
    from_sql: str
    pk: str  # the record's primary key, for the drill-down
    centre: str
    dims: dict[str, str] = field(default_factory=dict)


SEEKER = Source("seeker", "seekers.Seeker", "seekers_seeker s", "s.id", "s.centre_id", _seeker_dims())
SERVED = Source(
    "served",
    "seekers.Seeker",
    # Every contact that counts as serving a seeker; a seeker counts once however many contacts they had.
    "(SELECT seeker_id, started_at AS at FROM seekers_consultation"
    " UNION ALL SELECT seeker_id, created_at FROM matching_referral"
    " UNION ALL SELECT seeker_id, starts_at FROM seekers_booking WHERE status IN ('booked', 'attended', 'no_show')"
    ") a JOIN seekers_seeker s ON s.id = a.seeker_id",
    "s.id",
    "s.centre_id",
    _seeker_dims(),
)
CONSULTATION = Source(
    "consultation",
    "seekers.Consultation",
    "seekers_consultation c JOIN seekers_seeker s ON s.id = c.seeker_id",
    "c.id",
    "s.centre_id",
    {**_seeker_dims(), "channel": "c.channel"},
)
BOOKING = Source(
    "booking",
    "seekers.Booking",
    "seekers_booking b JOIN seekers_seeker s ON s.id = b.seeker_id",
    "b.id",
    "s.centre_id",
    _seeker_dims(),
)
REFERRAL = Source(
    "referral",
    "matching.Referral",
    "matching_referral r JOIN seekers_seeker s ON s.id = r.seeker_id JOIN employers_vacancy v ON v.id = r.vacancy_id",
    "r.id",
    "r.centre_id",
    {**_seeker_dims("r.centre_id"), "occupation": "left(v.occupation_id, 1)", "reason": "nullif(r.ending_reason, '')"},
)
INTERVIEW = Source(
    "interview",
    "matching.Interview",
    "matching_interview i JOIN matching_referral r ON r.id = i.referral_id"
    " JOIN seekers_seeker s ON s.id = r.seeker_id JOIN employers_vacancy v ON v.id = r.vacancy_id",
    "i.id",
    "r.centre_id",
    {**_seeker_dims("r.centre_id"), "occupation": "left(v.occupation_id, 1)"},
)
PLACEMENT = Source(
    "placement",
    "matching.Placement",
    "matching_placement p JOIN seekers_seeker s ON s.id = p.seeker_id"
    " LEFT JOIN employers_vacancy v ON v.id = p.vacancy_id",
    "p.id",
    "p.centre_id",
    # A self-reported placement has no vacancy, so no occupation code: not a missing value.
    {
        **_seeker_dims("p.centre_id"),
        "occupation": f"CASE WHEN p.vacancy_id IS NULL THEN '{NO_VACANCY}' ELSE left(v.occupation_id, 1) END",
    },
)
COMPANY = Source(
    "company",
    "employers.Company",
    "employers_company co",
    "co.id",
    "co.centre_id",
    {"region": "left(co.region_id, 5)"},
)
VACANCY = Source(
    "vacancy",
    "employers.Vacancy",
    "employers_vacancy v",
    "v.id",
    "v.centre_id",
    {"occupation": "left(v.occupation_id, 1)", "region": "left(v.region_id, 5)"},
)
EVENT = Source("event", "events.Event", "events_event e", "e.id", "e.centre_id")
EVENT_REGISTRATION = Source(
    "event_registration",
    "events.Registration",
    "events_registration er JOIN events_event e ON e.id = er.event_id",
    "er.id",
    "e.centre_id",
)
EVENT_INTERVIEW = Source(
    "event_interview",
    "events.Interview",
    "events_interview ei JOIN events_event e ON e.id = ei.event_id",
    "ei.id",
    "e.centre_id",
)
EVENT_OPENING = Source(
    "event_opening",
    "events.Participation",
    # the event report's own definition: each vacancy of the confirmed employers once per event
    f"({EVENT_OPENINGS_SQL}) eo JOIN events_event e ON e.id = eo.event_id"
    " JOIN employers_vacancy v ON v.id = eo.vacancy_id",
    "eo.participation_id",
    "e.centre_id",
)
VISIT = Source(
    "visit",
    "outreach.Visit",
    "outreach_visit ov JOIN employers_company co ON co.id = ov.company_id",
    "ov.id",
    "ov.centre_id",
    {"region": "left(co.region_id, 5)"},
)
DISCOVERED = Source(
    "discovered",
    "employers.Vacancy",
    "outreach_discoveredvacancy dv JOIN outreach_visit ov ON ov.id = dv.visit_id"
    " JOIN employers_vacancy v ON v.id = dv.vacancy_id",
    "v.id",
    "ov.centre_id",
    {"occupation": "left(v.occupation_id, 1)"},
)
DESK_SESSION = Source(
    "desk_session",
    "outreach.DeskSession",
    "outreach_desksession ds JOIN outreach_mobiledesk md ON md.id = ds.desk_id",
    "ds.id",
    "md.centre_id",
)
DESK_CONSULTATION = Source(
    "desk_consultation",
    "seekers.Consultation",
    "outreach_desksessionconsultation dc JOIN outreach_desksession ds ON ds.id = dc.session_id"
    " JOIN outreach_mobiledesk md ON md.id = ds.desk_id",
    "dc.consultation_id",
    "md.centre_id",
)
DESK_REGISTRATION = Source(
    "desk_registration",
    "seekers.Seeker",
    "outreach_desksessionregistration dr JOIN outreach_desksession ds ON ds.id = dr.session_id"
    " JOIN outreach_mobiledesk md ON md.id = ds.desk_id",
    "dr.seeker_id",
    "md.centre_id",
)


class Section:
    SEEKERS = _("Seekers")
    EMPLOYERS = _("Employers and vacancies")
    SERVICES = _("Consultations and bookings")
    REFERRALS = _("Referrals and placements")
    EVENTS = _("Events")
    OUTREACH = _("Outreach")


@dataclass(frozen=True)
class Measure:
    key: str
    label: Promise
    definition: Promise
    section: Promise
    source: Source
    date: str  # SQL placing a record in a month
    date_is_timestamp: bool = True  # a timestamptz column (compared in Korean time) or a date
    where: str = "TRUE"
    aggregate: str = "count"  # count, count_distinct, sum or median
    value: str = "1"  # what the aggregate reads
    # Counted as at the month's end (no lower bound on the date): a stock, not a flow.
    snapshot: bool = False
    dims: tuple[str, ...] = ()  # breakdowns, from the source's `dims`
    headline: bool = False

    @property
    def additive(self) -> bool:
        """Whether the figures of parts sum to the whole (a median does not; distinct companies may not)."""
        return self.aggregate in ("count", "sum") or (self.aggregate == "count_distinct" and self.source.pk == "s.id")

    @property
    def dimensions(self) -> list[Dimension]:
        return [DIMENSIONS[key] for key in self.dims]

    def aggregate_sql(self) -> str:
        return {
            "count": "count(*)",
            "count_distinct": "count(DISTINCT v_)",
            "sum": "coalesce(sum(v_), 0)",
            "median": "percentile_cont(0.5) WITHIN GROUP (ORDER BY v_)",
        }[self.aggregate]

    def period_sql(self) -> str:
        start, end = ("%(start_ts)s", "%(end_ts)s") if self.date_is_timestamp else ("%(start)s", "%(end)s")
        # A dated record counts once its day has come: a hire starting on the 28th is not the running month's
        # placement on the 5th (nor a 3-month mark due later in the month a retention yet).
        not_ahead = "" if self.date_is_timestamp else f" AND {self.date} <= %(today)s"
        if self.snapshot:
            return f"{self.date} < {end}{not_ahead}"
        return f"{self.date} >= {start} AND {self.date} < {end}{not_ahead}"


SEEKER_DIMS = ("booth", "counselor", "target_group", "age_band", "region")
WORK_DIMS = (*SEEKER_DIMS, "occupation")
HELD_STATES = "('interviewed', 'hired', 'not_hired')"
ENDINGS = "('hired', 'not_hired', 'declined', 'no_show', 'withdrawn')"


def _retention(months: int, labels: tuple[Promise, Promise, Promise, Promise]) -> tuple["Measure", "Measure"]:
    """The numerator and denominator of retention at `months`: placements whose `months` mark falls in the month."""
    employed = (
        f"EXISTS (SELECT 1 FROM matching_followup f WHERE f.placement_id = p.id AND f.months = {months}"
        " AND f.outcome = 'employed')"
    )
    left = (
        f"EXISTS (SELECT 1 FROM matching_followup f WHERE f.placement_id = p.id AND f.months <= {months}"
        " AND f.outcome = 'left')"
    )
    date = f"(p.start_date + interval '{months} months')::date"
    retained_label, retained_definition, known_label, known_definition = labels
    common = {"section": Section.REFERRALS, "source": PLACEMENT, "date": date, "date_is_timestamp": False}
    return (
        Measure(
            f"retained_{months}m", retained_label, retained_definition, where=f"{employed} AND NOT {left}",
            dims=WORK_DIMS, **common,
        ),
        Measure(
            f"retention_known_{months}m", known_label, known_definition,
            where=f"(({employed} AND NOT {left}) OR {left})", dims=WORK_DIMS, **common,
        ),
    )  # fmt: skip


MEASURES: list[Measure] = [
    # --- seekers
    Measure(
        "seekers_registered",
        _("Seekers newly registered"),
        _("Seeker registrations (구직등록) made in the month, on the web, at a booth or imported."),
        Section.SEEKERS,
        SEEKER,
        "s.registered_at",
        dims=SEEKER_DIMS,
        headline=True,
    ),
    Measure(
        "seekers_active",
        _("Active seekers"),
        _(
            "Registrations made by the end of the month that were active (not placed, on hold, closed or expired) "
            "when the month's figures were computed."
        ),
        Section.SEEKERS,
        SEEKER,
        "s.registered_at",
        where="s.status = 'active' AND s.expired_at IS NULL",
        snapshot=True,
        dims=SEEKER_DIMS,
    ),
    Measure(
        "seekers_served",
        _("Seekers served"),
        _(
            "Different seekers who had a consultation, a referral or a visit booking (not cancelled) in the month; "
            "each seeker counts once."
        ),
        Section.SEEKERS,
        SERVED,
        "a.at",
        aggregate="count_distinct",
        value="s.id",
        dims=SEEKER_DIMS,
        headline=True,
    ),
    # --- employers and vacancies
    Measure(
        "employers_registered",
        _("Employers newly registered"),
        _("Companies registered in the month, on the portal, by a counselor, on a field visit or imported."),
        Section.EMPLOYERS,
        COMPANY,
        "co.created_at",
        dims=("region",),
    ),
    Measure(
        "vacancies_posted",
        _("Vacancies newly posted"),
        _("Vacancies (구인표) published on the job board in the month."),
        Section.EMPLOYERS,
        VACANCY,
        "v.published_at",
        dims=("occupation", "region"),
    ),
    Measure(
        "openings_posted",
        _("Openings posted"),
        _("Openings of the vacancies published in the month (a vacancy may have several)."),
        Section.EMPLOYERS,
        VACANCY,
        "v.published_at",
        aggregate="sum",
        value="v.openings",
        dims=("occupation", "region"),
    ),
    Measure(
        "openings_filled",
        _("Openings filled"),
        _("Placements into a vacancy registered here that started work in the month; each fills one opening."),
        Section.EMPLOYERS,
        PLACEMENT,
        "p.start_date",
        date_is_timestamp=False,
        where="p.vacancy_id IS NOT NULL",
        dims=WORK_DIMS,
    ),
    # --- consultations and bookings
    Measure(
        "consultations",
        _("Consultations"),
        _("Consultations (취업상담) held in the month, by visit, phone, online, at a mobile desk or in the field."),
        Section.SERVICES,
        CONSULTATION,
        "c.started_at",
        dims=(*SEEKER_DIMS, "channel"),
        headline=True,
    ),
    Measure(
        "bookings_kept",
        _("Visit bookings kept"),
        _("Visit-consultation bookings for a time in the month that the seeker attended."),
        Section.SERVICES,
        BOOKING,
        "b.starts_at",
        where="b.status = 'attended'",
        dims=SEEKER_DIMS,
    ),
    Measure(
        "bookings_missed",
        _("Visit bookings missed"),
        _("Visit-consultation bookings for a time in the month that the seeker did not come to."),
        Section.SERVICES,
        BOOKING,
        "b.starts_at",
        where="b.status = 'no_show'",
        dims=SEEKER_DIMS,
    ),
    # --- referrals and placements
    Measure(
        "referrals",
        _("Referrals"),
        _("Referrals (취업알선) of a seeker to a vacancy made in the month, from every origin."),
        Section.REFERRALS,
        REFERRAL,
        "r.created_at",
        dims=WORK_DIMS,
        headline=True,
    ),
    Measure(
        "interviews",
        _("Interviews"),
        _("Interviews of referrals held in the month (the referral went on to an interview result)."),
        Section.REFERRALS,
        INTERVIEW,
        "i.starts_at",
        where=f"r.state IN {HELD_STATES}",
        dims=WORK_DIMS,
    ),
    Measure(
        "placements_referral",
        _("Placements through referral"),
        _("Seekers who started work in the month in a job they were referred to."),
        Section.REFERRALS,
        PLACEMENT,
        "p.start_date",
        date_is_timestamp=False,
        where="p.source = 'referral'",
        dims=WORK_DIMS,
    ),
    Measure(
        "placements_self",
        _("Placements reported by the seeker"),
        _("Seekers who started work in the month in a job they found on their own and reported (no referral)."),
        Section.REFERRALS,
        PLACEMENT,
        "p.start_date",
        date_is_timestamp=False,
        where="p.source = 'self_reported'",
        dims=WORK_DIMS,
    ),
    Measure(
        "placements",
        _("Placements"),
        _("Seekers who started work in the month: through a referral and self-reported together (취업)."),
        Section.REFERRALS,
        PLACEMENT,
        "p.start_date",
        date_is_timestamp=False,
        dims=WORK_DIMS,
        headline=True,
    ),
    Measure(
        "referrals_ended",
        _("Referrals with an ending"),
        _("Referrals that reached an ending in the month: hired, not hired, declined, did not attend or withdrawn."),
        Section.REFERRALS,
        REFERRAL,
        "r.state_changed_at",
        where=f"r.state IN {ENDINGS}",
        dims=WORK_DIMS,
    ),
    Measure(
        "referrals_hired",
        _("Referrals ended in a hire"),
        _("Referrals that ended in the month with the seeker hired (a placement through referral)."),
        Section.REFERRALS,
        REFERRAL,
        "r.state_changed_at",
        where="r.state = 'hired'",
        dims=WORK_DIMS,
    ),
    Measure(
        "referral_mismatches",
        _("Referrals ended without a hire"),
        _("Referrals that ended in the month without a hire, by the reason recorded (미스매치)."),
        Section.REFERRALS,
        REFERRAL,
        "r.state_changed_at",
        where="r.state IN ('not_hired', 'declined', 'no_show', 'withdrawn')",
        dims=(*WORK_DIMS, "reason"),
    ),
    *_retention(
        3,
        (
            _("Still employed at 3 months"),
            _(
                "Placements that started 3 months before the month whose 3-month follow-up found the seeker still "
                "in the job (and no earlier follow-up found they had left)."
            ),
            _("Placements with a known state at 3 months"),
            _(
                "Placements that started 3 months before the month whose follow-ups say whether the seeker was "
                "still employed at 3 months or had left (unreachable or not yet contacted ones are left out)."
            ),
        ),
    ),
    *_retention(
        6,
        (
            _("Still employed at 6 months"),
            _(
                "Placements that started 6 months before the month whose 6-month follow-up found the seeker still "
                "in the job (and no earlier follow-up found they had left)."
            ),
            _("Placements with a known state at 6 months"),
            _(
                "Placements that started 6 months before the month whose follow-ups say whether the seeker was "
                "still employed at 6 months or had left (unreachable or not yet contacted ones are left out)."
            ),
        ),
    ),
    Measure(
        "median_days_to_placement",
        _("Median days from registration to placement"),
        _(
            "For the placements of the month: the middle value of the days between registration and the start date; "
            "placements that started before the registration are left out."
        ),
        Section.REFERRALS,
        PLACEMENT,
        "p.start_date",
        date_is_timestamp=False,
        aggregate="median",
        value="(p.start_date - (s.registered_at AT TIME ZONE 'Asia/Seoul')::date)",
        # A seeker who registered after starting work (a self-reported job) has no days to placement, not negative ones.
        where="p.start_date >= (s.registered_at AT TIME ZONE 'Asia/Seoul')::date",
        dims=WORK_DIMS,
    ),
    # --- events
    Measure(
        "events_held",
        _("Events held"),
        _("Job fairs, interview days, lectures and training cohorts that started in the month and were held."),
        Section.EVENTS,
        EVENT,
        "e.starts_at",
        where="e.state = 'held'",
    ),
    Measure(
        "event_participants",
        _("Event participants"),
        _("Seekers checked in at the events of the month (walk-ins included)."),
        Section.EVENTS,
        EVENT_REGISTRATION,
        "e.starts_at",
        where="er.checked_in_at IS NOT NULL AND e.state <> 'cancelled'",
    ),
    Measure(
        "event_interviews",
        _("Event interviews"),
        _("Interviews that took place at the events held in the month (interviewed, passed round one or hired)."),
        Section.EVENTS,
        EVENT_INTERVIEW,
        "e.starts_at",
        # the events "Events held" counts: the hire rate divides within the same events as the event report
        where="ei.outcome IN ('interviewed', 'passed_first', 'hired') AND e.state = 'held'",
    ),
    Measure(
        "event_hires",
        _("Event hires"),
        _("Interviews at the events held in the month that ended in a hire."),
        Section.EVENTS,
        EVENT_INTERVIEW,
        "e.starts_at",
        where="ei.outcome = 'hired' AND e.state = 'held'",
    ),
    Measure(
        "event_openings",
        _("Event openings"),
        _("Openings of the vacancies that confirmed employers brought to the events held in the month."),
        Section.EVENTS,
        EVENT_OPENING,
        "e.starts_at",
        where="e.state = 'held'",
        aggregate="sum",
        value="v.openings",
    ),
    # --- outreach
    Measure(
        "outreach_visits",
        _("Field visits"),
        _("Completed visits of the field outreach team (찾아가는 일자리 발굴단) to companies in the month."),
        Section.OUTREACH,
        VISIT,
        "ov.visited_on",
        date_is_timestamp=False,
        where="ov.status = 'completed'",
        dims=("region",),
    ),
    Measure(
        "companies_visited",
        _("Companies visited"),
        _("Different companies visited in the month; a company visited twice counts once."),
        Section.OUTREACH,
        VISIT,
        "ov.visited_on",
        date_is_timestamp=False,
        where="ov.status = 'completed'",
        aggregate="count_distinct",
        value="ov.company_id",
    ),
    Measure(
        "openings_discovered",
        _("Openings discovered"),
        _("Openings of the vacancies found on the field visits of the month."),
        Section.OUTREACH,
        DISCOVERED,
        "ov.visited_on",
        date_is_timestamp=False,
        aggregate="sum",
        value="v.openings",
        dims=("occupation",),
    ),
    Measure(
        "openings_discovered_filled",
        _("Discovered openings later filled"),
        _("Of the openings found on the field visits of the month, those filled by a placement since."),
        Section.OUTREACH,
        DISCOVERED,
        "ov.visited_on",
        date_is_timestamp=False,
        aggregate="sum",
        value="v.openings_filled",
        dims=("occupation",),
    ),
    Measure(
        "desk_sessions",
        _("Mobile-desk sessions"),
        _("Days a mobile counseling desk (찾아가는 취업상담실) was open in the month."),
        Section.OUTREACH,
        DESK_SESSION,
        "ds.held_on",
        date_is_timestamp=False,
    ),
    Measure(
        "desk_consultations",
        _("Consultations at mobile desks"),
        _("Consultations taken at the mobile-desk sessions of the month."),
        Section.OUTREACH,
        DESK_CONSULTATION,
        "ds.held_on",
        date_is_timestamp=False,
    ),
    Measure(
        "desk_registrations",
        _("Registrations at mobile desks"),
        _("Seekers registered at the mobile-desk sessions of the month."),
        Section.OUTREACH,
        DESK_REGISTRATION,
        "ds.held_on",
        date_is_timestamp=False,
    ),
]

MEASURES_BY_KEY: dict[str, Measure] = {measure.key: measure for measure in MEASURES}


@dataclass(frozen=True)
class Rate:
    """A ratio of two measures; always shown with what it divides by."""

    key: str
    label: Promise
    definition: Promise
    numerator: str
    denominator: str
    headline: bool = False

    @property
    def divides(self) -> str:
        return f"{MEASURES_BY_KEY[self.numerator].label} ÷ {MEASURES_BY_KEY[self.denominator].label}"


RATES: list[Rate] = [
    Rate(
        "placement_rate",
        _("Placement rate"),
        _("Placements ÷ seekers served, in the month."),
        "placements",
        "seekers_served",
        headline=True,
    ),
    Rate(
        "referral_success",
        _("Referral success"),
        _("Referrals ended in a hire ÷ referrals with an ending, in the month."),
        "referrals_hired",
        "referrals_ended",
        headline=True,
    ),
    Rate(
        "retention_3m",
        _("Retention at 3 months"),
        _("Still employed at 3 months ÷ placements with a known state at 3 months (follow-ups, 사후관리)."),
        "retained_3m",
        "retention_known_3m",
    ),
    Rate(
        "retention_6m",
        _("Retention at 6 months"),
        _("Still employed at 6 months ÷ placements with a known state at 6 months (follow-ups, 사후관리)."),
        "retained_6m",
        "retention_known_6m",
    ),
    Rate(
        "event_hire_rate",
        _("Event hire rate"),
        _("Event hires ÷ event openings (the seeds' job fair: 63 ÷ 152 = 41.4%)."),
        "event_hires",
        "event_openings",
    ),
]

RATES_BY_KEY: dict[str, Rate] = {rate.key: rate for rate in RATES}
TARGET_GROUP_LABELS = dict(TargetGroup.choices)
