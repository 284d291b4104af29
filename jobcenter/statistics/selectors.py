"""Reads of the statistics, scoped to the acting user. Figures come from the rollup tables only; the
drill-down (the records behind one figure) is the one read of raw records, limited to what the user may see."""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.http import Http404
from django.utils.translation import gettext as _

from jobcenter.models import Booth, Centre, Occupation, Region, Role, TargetGroup, User
from jobcenter.statistics.measures import (
    AGE_BANDS,
    DIMENSIONS,
    MEASURES,
    MEASURES_BY_KEY,
    NO_VACANCY,
    OTHER_CENTRE,
    RATES,
    UNASSIGNED,
    Measure,
    Rate,
)
from jobcenter.statistics.models import MonthlyFigure, PerformanceReport, StatisticsMonth
from jobcenter.statistics.rollup import NONE, add_months, month_params, records_sql

TREND_MONTHS = 24


def this_month() -> datetime.date:
    from django.utils import timezone

    return timezone.localdate().replace(day=1)


@dataclass(frozen=True)
class Scope:
    """Whose figures: a centre (None: the whole city), optionally one member of a breakdown (a counselor)."""

    centre: Centre | None
    dimension: str = ""
    member: str = ""
    label: str = ""

    @property
    def centre_id(self) -> int | None:
        return self.centre.pk if self.centre else None

    @property
    def is_counselor(self) -> bool:
        return self.dimension == "counselor"


def centres_for_user(user: User):
    if user.role == Role.ADMINISTRATOR:
        return Centre.objects.all()
    return Centre.objects.filter(pk=user.centre_id)


def scope_for_user(user: User, *, centre_id: int | None = None) -> Scope:
    """Counselors see their own figures, managers their centre's, administrators the city's or any centre's.

    A centre the user may not see is a 404 (its existence is not revealed)."""
    if user.role == Role.ADMINISTRATOR:
        if not centre_id:
            return Scope(centre=None, label=_("All centres"))
        centre = Centre.objects.filter(pk=centre_id).first()
        if centre is None:
            raise Http404
        return Scope(centre=centre, label=centre.name)
    if user.role in (Role.MANAGER, Role.COUNSELOR):
        if centre_id and int(centre_id) != user.centre_id:
            raise Http404
        centre = user.centre
        if user.role == Role.COUNSELOR:
            return Scope(centre=centre, dimension="counselor", member=str(user.pk), label=f"{centre.name} · {user}")
        return Scope(centre=centre, label=centre.name)
    raise Http404


def figures(scope: Scope, months: list[datetime.date]) -> dict[tuple[datetime.date, str], Decimal]:
    """{(month, measure): value} of the scope, in one query over the rollup table."""
    rows = MonthlyFigure.objects.filter(
        centre=scope.centre, dimension=scope.dimension, member=scope.member, month__in=months
    ).values_list("month", "measure", "value")
    return {(month, measure): value for month, measure, value in rows}


def rate_value(numerator: Decimal | None, denominator: Decimal | None) -> Decimal | None:
    """A percentage with one decimal, or None when there is nothing to divide by."""
    if not denominator:
        return None
    return (Decimal(numerator or 0) * 100 / Decimal(denominator)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class Figure:
    """One measure or rate for the chosen month with the same figure a month and a year before."""

    key: str
    label: str
    definition: str
    value: Decimal | None
    last_month: Decimal | None
    last_year: Decimal | None
    is_rate: bool = False
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    divides: str = ""
    section: str = ""
    numerator_key: str = ""
    denominator_key: str = ""
    url: str = ""
    numerator_url: str = ""
    denominator_url: str = ""

    @property
    def change_month(self) -> Decimal | None:
        return None if self.value is None or self.last_month is None else self.value - self.last_month

    @property
    def change_year(self) -> Decimal | None:
        return None if self.value is None or self.last_year is None else self.value - self.last_year


def can_drill(scope: Scope, measure: Measure, dimension: str = "") -> bool:
    """Whether the records behind a figure can be listed: the scope's breakdown (a counselor's own) and the one
    asked for must be among the measure's breakdowns, and a breakdown nested in a centre needs a centre."""
    if scope.is_counselor:
        dimension = scope.dimension
    if dimension and dimension not in measure.dims:
        return False
    return not (scope.centre is None and dimension and DIMENSIONS[dimension].within_centre)


def records_url(scope: Scope, month: datetime.date, measure: str, dimension: str = "", member: str = "") -> str:
    """The drill-down page of one figure, or "" when it has none (the figure is then shown without a link)."""
    from urllib.parse import urlencode

    from django.urls import reverse

    if not can_drill(scope, MEASURES_BY_KEY[measure], dimension):
        return ""
    query = {"measure": measure, "month": f"{month:%Y-%m}"}
    if scope.centre_id:
        query["centre"] = scope.centre_id
    if dimension and not scope.is_counselor:
        query |= {"dimension": dimension, "member": member}
    if not _records_path:
        _records_path.append(reverse("statistics:records"))  # hundreds of links per page: resolve once
    return f"{_records_path[0]}?{urlencode(query)}"


_records_path: list[str] = []


def _measure_value(values: dict, month: datetime.date, measure: Measure, computed: set) -> Decimal | None:
    if month not in computed:
        return None
    value = values.get((month, measure.key))
    if value is None and measure.aggregate != "median":
        return Decimal(0)
    return value


def computed_months(months: list[datetime.date]) -> set[datetime.date]:
    return set(StatisticsMonth.objects.filter(month__in=months).values_list("month", flat=True))


@dataclass
class Dashboard:
    scope: Scope
    month: datetime.date
    status: StatisticsMonth | None
    measures: list[Figure] = field(default_factory=list)
    rates: list[Figure] = field(default_factory=list)
    trend_months: list[datetime.date] = field(default_factory=list)
    trend: dict[str, list] = field(default_factory=dict)

    @property
    def headline(self) -> list[Figure]:
        return [f for f in self.measures if MEASURES_BY_KEY[f.key].headline]

    @property
    def headline_rates(self) -> list[Figure]:
        return [f for f in self.rates if f.key in {r.key for r in RATES if r.headline}]

    @property
    def sections(self) -> list[tuple[str, list[Figure]]]:
        grouped: dict[str, list[Figure]] = {}
        for figure in self.measures:
            grouped.setdefault(figure.section, []).append(figure)
        return list(grouped.items())

    @property
    def trend_rows(self) -> list[tuple[datetime.date, list]]:
        series = [values for _label, values in self.trend.values()]
        return [(month, [values[i] for values in series]) for i, month in enumerate(self.trend_months)]

    def chart_data(self) -> dict:
        """What static/js/statistics.js draws: labels and series, with their names."""
        return {
            "labels": [f"{m:%Y-%m}" for m in self.trend_months],
            "series": [
                {"key": key, "label": str(label), "values": [float(v) if v is not None else None for v in values]}
                for key, (label, values) in self.trend.items()
            ],
        }


TREND_SERIES = ("seekers_served", "placements", "referrals", "consultations")


def running_month_refresh_minutes() -> int | None:
    """How often the beat recomputes the running month, in minutes; None where no broker (so no beat) is set up:
    there the figures change only when a month is computed again."""
    if not settings.REDIS_URL:
        return None
    return max(1, round(settings.STATISTICS_REFRESH_SECONDS / 60))


def _board_months(month: datetime.date) -> tuple[list[datetime.date], list[datetime.date]]:
    """(the 24 trend months, every month the board reads: those and the same month last year)."""
    trend_months = [add_months(month, -offset) for offset in range(TREND_MONTHS - 1, -1, -1)]
    return trend_months, sorted({*trend_months, add_months(month, -12)})


@dataclass
class DashboardRows:
    """What the dashboard shows, as read from the rollup tables (the page's cache key: jobcenter/views.py)."""

    values: dict[tuple[datetime.date, str], Decimal]
    statuses: dict[datetime.date, StatisticsMonth]
    breakdown_data: dict[str, dict[str, dict[str, Decimal]]] | None  # None: a counselor's (no breakdowns)


def dashboard_rows(scope: Scope, month: datetime.date) -> DashboardRows:
    """The scope's figures of the board's months and the month's breakdown rows in one query over the rollup table
    (the city's by-centre rows in a second), the months' statuses in another."""
    from django.db.models import Q

    _trend, months = _board_months(month)
    own = Q(dimension=scope.dimension, member=scope.member, month__in=months)
    wanted = [*BREAKDOWN_MEASURES, "referral_mismatches"]
    if not scope.is_counselor:
        own |= Q(month=month, measure__in=wanted) & ~Q(dimension="")
    values: dict[tuple[datetime.date, str], Decimal] = {}
    data: dict[str, dict[str, dict[str, Decimal]]] = {}
    rows = MonthlyFigure.objects.filter(Q(centre=scope.centre) & own)
    for row_month, dimension, member, measure, value in rows.values_list(
        "month", "dimension", "member", "measure", "value"
    ):
        if dimension == scope.dimension and member == scope.member:
            values[(row_month, measure)] = value
        if dimension and not scope.is_counselor and row_month == month and measure in wanted:
            data.setdefault(dimension, {}).setdefault(member, {})[measure] = value
    statuses = {s.month: s for s in StatisticsMonth.objects.filter(month__in=months)}
    if scope.is_counselor:
        return DashboardRows(values, statuses, None)
    if scope.centre is None:
        keys = list(BREAKDOWN_MEASURES)
        by_centre = MonthlyFigure.objects.filter(month=month, centre__isnull=False, dimension="", measure__in=keys)
        for centre_id, measure, value in by_centre.values_list("centre_id", "measure", "value"):
            data.setdefault("centre", {}).setdefault(str(centre_id), {})[measure] = value
    return DashboardRows(values, statuses, data)


def dashboard(scope: Scope, month: datetime.date, *, rows: DashboardRows | None = None) -> Dashboard:
    """Every figure of the month with last month and last year, and the 24-month trends: two queries (none with
    the `rows` of `dashboard_rows`)."""
    last_month, last_year = add_months(month, -1), add_months(month, -12)
    trend_months, months = _board_months(month)
    if rows is None:
        values = figures(scope, months)
        statuses = {s.month: s for s in StatisticsMonth.objects.filter(month__in=months)}
    else:
        values, statuses = rows.values, rows.statuses
    computed = set(statuses)
    board = Dashboard(scope=scope, month=month, status=statuses.get(month), trend_months=trend_months)
    for measure in MEASURES:
        board.measures.append(
            Figure(
                key=measure.key,
                label=str(measure.label),
                definition=str(measure.definition),
                section=str(measure.section),
                value=_measure_value(values, month, measure, computed),
                last_month=_measure_value(values, last_month, measure, computed),
                last_year=_measure_value(values, last_year, measure, computed),
                url=records_url(scope, month, measure.key),
            )
        )
    for rate in RATES:
        figure = _rate_figure(rate, values, month, last_month, last_year, computed)
        figure.numerator_url = records_url(scope, month, rate.numerator)
        figure.denominator_url = records_url(scope, month, rate.denominator)
        board.rates.append(figure)
    for key in TREND_SERIES:
        measure = MEASURES_BY_KEY[key]
        board.trend[key] = (measure.label, [_measure_value(values, m, measure, computed) for m in trend_months])
    rate = RATES[0]
    board.trend[rate.key] = (
        _("%(rate)s (%%)") % {"rate": rate.label},
        [
            rate_value(
                _measure_value(values, m, MEASURES_BY_KEY[rate.numerator], computed),
                _measure_value(values, m, MEASURES_BY_KEY[rate.denominator], computed),
            )
            for m in trend_months
        ],
    )
    return board


def _rate_figure(rate: Rate, values, month, last_month, last_year, computed) -> Figure:
    numerator, denominator = MEASURES_BY_KEY[rate.numerator], MEASURES_BY_KEY[rate.denominator]

    def at(m: datetime.date) -> Decimal | None:
        return rate_value(
            _measure_value(values, m, numerator, computed), _measure_value(values, m, denominator, computed)
        )

    return Figure(
        key=rate.key,
        label=str(rate.label),
        definition=str(rate.definition),
        value=at(month),
        last_month=at(last_month),
        last_year=at(last_year),
        is_rate=True,
        numerator=_measure_value(values, month, numerator, computed),
        denominator=_measure_value(values, month, denominator, computed),
        divides=rate.divides,
        numerator_key=rate.numerator,
        denominator_key=rate.denominator,
    )


# --- breakdowns -------------------------------------------------------------------------------

BREAKDOWN_MEASURES = ("seekers_served", "consultations", "referrals", "placements")


@dataclass
class BreakdownRow:
    member: str
    label: str
    values: dict[str, Decimal]
    rate: Decimal | None
    urls: dict[str, str] = field(default_factory=dict)

    @property
    def cells(self) -> list[tuple[Decimal, str]]:
        return [(value, self.urls.get(key, "")) for key, value in self.values.items()]


@dataclass
class Breakdown:
    dimension: str
    label: str
    measures: list[Measure]
    rows: list[BreakdownRow]
    overlapping: bool = False

    @property
    def has_rate(self) -> bool:
        return any(measure.key == "placements" for measure in self.measures)


def member_labels(dimension: str, members: set[str]) -> dict[str, str]:
    """Readable names of breakdown members: booths, counselors, groups, bands, occupations, regions."""
    ids = [m for m in members if m != NONE]
    labels: dict[str, str] = {
        # "기록 없음" only where the record lacks the value; a seeker in no target group is not missing one
        NONE: _("None of these") if dimension == "target_group" else _("None recorded"),
        OTHER_CENTRE: _("Seekers of another centre"),
        UNASSIGNED: _("No counselor assigned"),
        NO_VACANCY: _("Self-reported (no vacancy)"),
    }
    if dimension == "booth":
        labels |= {str(b.pk): b.name for b in Booth.objects.filter(pk__in=[int(i) for i in ids if i.isdigit()])}
    elif dimension == "counselor":
        labels |= {str(u.pk): str(u) for u in User.objects.filter(pk__in=[int(i) for i in ids if i.isdigit()])}
    elif dimension == "centre":
        labels |= {str(c.pk): c.name for c in Centre.objects.filter(pk__in=[int(i) for i in ids if i.isdigit()])}
    elif dimension == "target_group":
        labels |= {key: str(label) for key, label in TargetGroup.choices}
    elif dimension == "age_band":
        labels |= {key: str(label) for key, label in AGE_BANDS.items()}
    elif dimension == "occupation":
        labels |= {o.code: o.name for o in Occupation.objects.filter(code__in=ids)}
    elif dimension == "region":
        labels |= {r.code: r.full_name for r in Region.objects.filter(code__in=ids).select_related("parent")}
    elif dimension == "channel":
        from seekers.models import Consultation

        labels |= {key: str(label) for key, label in Consultation.Channel.choices}
    elif dimension == "reason":
        from matching.models import EndingReason

        labels |= {key: str(label) for key, label in EndingReason.choices}
    return {member: labels.get(member, member) for member in members}


BREAKDOWN_ORDER = [
    "centre",
    "booth",
    "counselor",
    "target_group",
    "age_band",
    "occupation",
    "region",
    "channel",
    "reason",
]


def breakdown_labels(data: dict[str, dict[str, dict[str, Decimal]]]) -> dict[str, dict[str, str]]:
    """{dimension: {member: its name}} of the breakdowns read (a query per breakdown of named records)."""
    return {dimension: member_labels(dimension, set(members)) for dimension, members in data.items() if members}


def breakdowns(
    scope: Scope, month: datetime.date, *, data: dict | None = None, labels: dict | None = None
) -> list[Breakdown]:
    """The month's figures by centre (city), booth, counselor, target group, age band, occupation, region,
    consultation channel and referral ending reason. One query for all of them (none with the `data` of
    `dashboard_rows` and its `breakdown_labels`); none for a counselor."""
    if scope.is_counselor:
        return []
    keys = list(BREAKDOWN_MEASURES)
    special = {"channel": ["consultations"], "reason": ["referral_mismatches"]}
    if data is None:
        rows = MonthlyFigure.objects.filter(month=month, centre=scope.centre).exclude(dimension="")
        wanted = {*keys, "referral_mismatches"}
        data = {}
        for dimension, member, measure, value in rows.filter(measure__in=wanted).values_list(
            "dimension", "member", "measure", "value"
        ):
            data.setdefault(dimension, {}).setdefault(member, {})[measure] = value
        if scope.centre is None:
            by_centre = MonthlyFigure.objects.filter(month=month, centre__isnull=False, dimension="", measure__in=keys)
            for centre_id, measure, value in by_centre.values_list("centre_id", "measure", "value"):
                data.setdefault("centre", {}).setdefault(str(centre_id), {})[measure] = value
    if labels is None:
        labels = breakdown_labels(data)
    result = []
    for dimension in BREAKDOWN_ORDER:
        members = data.get(dimension)
        if not members:
            continue
        measure_keys = special.get(dimension, keys)
        table_rows = []
        for member, values in members.items():
            if dimension == "centre":
                centre_scope = Scope(centre=Centre(pk=int(member)))
                urls = {key: records_url(centre_scope, month, key) for key in measure_keys}
            else:
                urls = {key: records_url(scope, month, key, dimension, member) for key in measure_keys}
            table_rows.append(
                BreakdownRow(
                    member=member,
                    label=labels[dimension][member],
                    values={key: values.get(key, Decimal(0)) for key in measure_keys},
                    rate=rate_value(values.get("placements"), values.get("seekers_served")),
                    urls=urls,
                )
            )
        if dimension == "age_band":  # bands in age order, not in the order of their labels
            band_order = {key: index for index, key in enumerate(AGE_BANDS)}
            table_rows.sort(key=lambda row: (row.member == NONE, band_order.get(row.member, len(band_order))))
        else:
            table_rows.sort(key=lambda row: (row.member == NONE, row.label))
        result.append(
            Breakdown(
                dimension=dimension,
                label=_("Centre") if dimension == "centre" else str(DIMENSIONS[dimension].label),
                measures=[MEASURES_BY_KEY[key] for key in measure_keys],
                rows=table_rows,
                overlapping=dimension == "target_group",
            )
        )
    return result


# --- drill-down -------------------------------------------------------------------------------

RECORD_LIMIT = 200


@dataclass
class Records:
    measure: Measure
    total: int
    objects: list
    limit: int = RECORD_LIMIT


def records(scope: Scope, measure: Measure, month: datetime.date, *, dimension: str = "", member: str = "") -> Records:
    """The records behind one figure of the scope (at most RECORD_LIMIT, newest first), and how many there are.

    A counselor's scope always keeps its own breakdown; a breakdown the measure does not have is a 404."""
    if scope.is_counselor:
        dimension, member = scope.dimension, scope.member
    if not can_drill(scope, measure, dimension):
        raise Http404
    pks_sql, count_sql = records_sql(measure, centre_id=scope.centre_id, dimension=dimension, member=member)
    params = {**month_params(month), "centre_id": scope.centre_id, "member": member, "limit": RECORD_LIMIT}
    with connection.cursor() as cursor:
        cursor.execute(count_sql, params)
        total = cursor.fetchone()[0]
        cursor.execute(pks_sql, params)
        pks = [row[0] for row in cursor.fetchall()]
    model = apps.get_model(measure.source.model)
    related = {
        "seekers.Seeker": ["centre", "booth", "counselor"],
        "seekers.Consultation": ["seeker", "counselor", "booth"],
        "seekers.Booking": ["seeker", "booth"],
        "matching.Referral": ["seeker", "vacancy", "vacancy__company", "created_by"],
        "matching.Interview": ["referral", "referral__seeker", "referral__vacancy__company"],
        "matching.Placement": ["seeker", "vacancy"],
        "employers.Vacancy": ["company"],
        "events.Registration": ["seeker", "event"],
        "events.Interview": ["seeker", "event", "participation__company"],
        "events.Participation": ["company", "event"],
        "outreach.Visit": ["company"],
        "outreach.DeskSession": ["desk"],
    }.get(measure.source.model, [])
    objects = {obj.pk: obj for obj in model.objects.filter(pk__in=pks).select_related(*related)}
    return Records(measure=measure, total=total, objects=[objects[pk] for pk in pks if pk in objects])


def reports_for_user(user: User):
    """Performance reports a manager (their centre's) or an administrator (all) may download."""
    reports = PerformanceReport.objects.select_related("centre", "requested_by")
    if user.role == Role.ADMINISTRATOR:
        return reports
    if user.role == Role.MANAGER:
        return reports.filter(centre_id=user.centre_id)
    return reports.none()


def get_report_for_user(user: User, pk: int) -> PerformanceReport:
    """The report `pk` if `user` may see it; Http404 otherwise."""
    report = reports_for_user(user).filter(pk=pk).first()
    if report is None:
        raise Http404
    return report


@dataclass
class RecordRow:
    when: object
    person: str
    what: str
    where: str
    url: str | None


def mask_name(name: str) -> str:
    """김*나: what managers see of a seeker's name in a drill-down."""
    if len(name) <= 1:
        return "*"
    if len(name) == 2:
        return f"{name[0]}*"
    return f"{name[0]}{'*' * (len(name) - 2)}{name[-1]}"


def record_rows(result: Records, *, reveal_names: bool) -> list[RecordRow]:
    """One line per record: when, whose (a seeker's name masked unless `reveal_names`), what and where."""
    from django.urls import reverse

    def person(seeker) -> str:
        if seeker is None:
            return ""
        return seeker.name if reveal_names else mask_name(seeker.name)

    def case(seeker) -> str | None:
        return reverse("seekers:case", kwargs={"pk": seeker.pk}) if seeker is not None else None

    rows = []
    for obj in result.objects:
        label = obj._meta.label
        if label == "seekers.Seeker":
            row = RecordRow(obj.registered_at, person(obj), obj.get_status_display(), obj.booth.name, case(obj))
        elif label == "seekers.Consultation":
            where = obj.booth.name if obj.booth else ""
            row = RecordRow(obj.started_at, person(obj.seeker), obj.get_channel_display(), where, case(obj.seeker))
        elif label == "seekers.Booking":
            row = RecordRow(
                obj.starts_at, person(obj.seeker), obj.get_status_display(), obj.booth.name, case(obj.seeker)
            )
        elif label == "matching.Referral":
            row = RecordRow(
                obj.created_at,
                person(obj.seeker),
                f"{obj.get_state_display()} · {obj.vacancy.title}",
                obj.vacancy.company.name,
                reverse("matching:referral", kwargs={"pk": obj.pk}),
            )
        elif label == "matching.Interview":
            referral = obj.referral
            row = RecordRow(
                obj.starts_at,
                person(referral.seeker),
                referral.get_state_display(),
                referral.vacancy.company.name,
                reverse("matching:referral", kwargs={"pk": referral.pk}),
            )
        elif label == "matching.Placement":
            row = RecordRow(
                obj.start_date,
                person(obj.seeker),
                f"{obj.get_source_display()} · {obj.job_title}".strip(" ·"),
                obj.employer_name,
                case(obj.seeker),
            )
        elif label == "employers.Vacancy":
            row = RecordRow(
                obj.published_at or obj.created_at,
                "",
                f"{obj.title} ({obj.openings_filled}/{obj.openings})",
                obj.company.name,
                reverse("employers:vacancy", kwargs={"pk": obj.pk}),
            )
        elif label == "employers.Company":
            row = RecordRow(
                obj.created_at,
                "",
                obj.get_source_display(),
                obj.name,
                reverse("employers:company", kwargs={"pk": obj.pk}),
            )
        elif label == "events.Event":
            row = RecordRow(
                obj.starts_at,
                "",
                obj.get_kind_display(),
                obj.title,
                reverse("events:manage_detail", kwargs={"pk": obj.pk}),
            )
        elif label == "events.Registration":
            row = RecordRow(obj.event.starts_at, person(obj.seeker), obj.get_source_display(), obj.event.title, None)
        elif label == "events.Interview":
            row = RecordRow(
                obj.event.starts_at,
                person(obj.seeker),
                obj.get_outcome_display(),
                f"{obj.participation.company.name} · {obj.event.title}",
                None,
            )
        elif label == "events.Participation":
            row = RecordRow(
                obj.event.starts_at, "", obj.get_status_display(), f"{obj.company.name} · {obj.event}", None
            )
        elif label == "outreach.Visit":
            row = RecordRow(
                obj.visited_on,
                "",
                obj.get_status_display(),
                obj.company.name,
                reverse("outreach:visit_detail", kwargs={"pk": obj.pk}),
            )
        elif label == "outreach.DeskSession":
            row = RecordRow(
                obj.held_on,
                "",
                obj.desk.place,
                obj.desk.name,
                reverse("outreach:session_detail", kwargs={"pk": obj.pk}),
            )
        else:
            row = RecordRow(None, "", str(obj), "", None)
        rows.append(row)
    return rows
