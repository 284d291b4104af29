"""The event report: companies, openings, registrations, check-ins, interviews, round-one passes and hires,
per employer and in total. The hire rate divides hires by openings (seed 002: 63 ÷ 152 = 41.4%)."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from events.models import Event, Interview, Participation, Registration

HELD = [o.value for o in Interview.HELD_OUTCOMES]
PASSED = [Interview.Outcome.PASSED_FIRST.value, Interview.Outcome.HIRED.value]


def hire_rate(hires: int, openings: int) -> Decimal | None:
    """Hires ÷ openings as a percentage with one decimal; None when there is no opening to divide by."""
    if not openings:
        return None
    return (Decimal(hires * 100) / Decimal(openings)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class ReportRow:
    company: str
    booth: str
    openings: int
    scheduled: int
    interviews: int
    passed_first: int
    hires: int
    # Interviews held without a slot (on the spot at a job fair booth), included in `interviews`.
    on_the_spot: int = 0

    @property
    def hire_rate(self) -> Decimal | None:
        return hire_rate(self.hires, self.openings)


@dataclass
class EventReport:
    event: Event
    rows: list[ReportRow] = field(default_factory=list)
    registrations: int = 0
    waitlisted: int = 0
    checked_in: int = 0
    walk_ins: int = 0
    completed: int = 0
    # Lectures and training cohorts: their sessions, those held so far, and the attendance rate
    # (present marks ÷ confirmed registrations × sessions held).
    sessions: int = 0
    sessions_held: int = 0
    attendance_rate: Decimal | None = None

    @property
    def companies(self) -> int:
        return len(self.rows)

    def _sum(self, name: str) -> int:
        return sum(getattr(row, name) for row in self.rows)

    @property
    def openings(self) -> int:
        return self._sum("openings")

    @property
    def interviews(self) -> int:
        return self._sum("interviews")

    @property
    def on_the_spot(self) -> int:
        return self._sum("on_the_spot")

    @property
    def passed_first(self) -> int:
        return self._sum("passed_first")

    @property
    def hires(self) -> int:
        return self._sum("hires")

    @property
    def hire_rate(self) -> Decimal | None:
        return hire_rate(self.hires, self.openings)


def event_report(event: Event) -> EventReport:
    """Three queries whatever the size of the event."""
    regs = event.registrations.aggregate(
        confirmed=Count("pk", filter=Q(status=Registration.Status.CONFIRMED)),
        waitlisted=Count("pk", filter=Q(status=Registration.Status.WAITLISTED)),
        checked_in=Count("pk", filter=Q(checked_in_at__isnull=False)),
        walk_ins=Count("pk", filter=Q(source=Registration.Source.WALK_IN) & ~Q(status="cancelled")),
        completed=Count("pk", filter=Q(completed_at__isnull=False, status=Registration.Status.CONFIRMED)),
    )
    participations = (
        event.participations.filter(status=Participation.Status.CONFIRMED)
        .select_related("company")
        .annotate(openings=Sum("vacancies__openings"))
        .order_by("booth", "company__name")
    )
    counts = {
        row["participation"]: row
        for row in event.interviews.values("participation").annotate(
            scheduled=Count("pk", filter=~Q(outcome=Interview.Outcome.CANCELLED)),
            held=Count("pk", filter=Q(outcome__in=HELD)),
            passed=Count("pk", filter=Q(outcome__in=PASSED)),
            hires=Count("pk", filter=Q(outcome=Interview.Outcome.HIRED)),
            on_the_spot=Count("pk", filter=Q(outcome__in=HELD, slot__isnull=True)),
        )
    }
    report = EventReport(
        event=event,
        registrations=regs["confirmed"],
        waitlisted=regs["waitlisted"],
        checked_in=regs["checked_in"],
        walk_ins=regs["walk_ins"],
        completed=regs["completed"],
    )
    if event.has_attendance:
        from django.utils import timezone

        from events.models import Attendance

        sessions = event.sessions.aggregate(
            total=Count("pk"), held=Count("pk", filter=Q(starts_at__lte=timezone.now()))
        )
        report.sessions, report.sessions_held = sessions["total"], sessions["held"]
        present = Attendance.objects.filter(
            session__event=event, present=True, registration__status=Registration.Status.CONFIRMED
        ).count()
        report.attendance_rate = hire_rate(present, report.registrations * report.sessions_held)
        return report  # a cohort has no employers' columns
    for participation in participations:
        row = counts.get(participation.pk, {})
        report.rows.append(
            ReportRow(
                company=participation.company.name,
                booth=participation.booth,
                openings=participation.openings or 0,
                scheduled=row.get("scheduled", 0),
                interviews=row.get("held", 0),
                passed_first=row.get("passed", 0),
                hires=row.get("hires", 0),
                on_the_spot=row.get("on_the_spot", 0),
            )
        )
    return report


def event_report_xlsx(report: EventReport) -> bytes:
    """The report as an Excel workbook: one sheet, one row per employer and a total row."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Report")[:31]
    sheet.append([report.event.title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_("Registrations"), report.registrations, _("Checked in"), report.checked_in])
    sheet.append([])
    headers = [
        _("Company"),
        _("Booth"),
        _("Openings"),
        _("Interviews scheduled"),
        _("Interviews held"),
        _("Passed round one"),
        _("Hires"),
        _("Hire rate (hires ÷ openings, %)"),
    ]
    sheet.append(headers)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    for row in report.rows:
        sheet.append(
            [
                row.company,
                row.booth,
                row.openings,
                row.scheduled,
                row.interviews,
                row.passed_first,
                row.hires,
                float(row.hire_rate) if row.hire_rate is not None else None,
            ]
        )
    sheet.append(
        [
            _("Total (%(count)s companies)") % {"count": report.companies},
            "",
            report.openings,
            sum(r.scheduled for r in report.rows),
            report.interviews,
            report.passed_first,
            report.hires,
            float(report.hire_rate) if report.hire_rate is not None else None,
        ]
    )
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    sheet.column_dimensions["A"].width = 32
    for column in "BCDEFGH":
        sheet.column_dimensions[column].width = 16
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
