"""The event report: companies, openings, registrations, check-ins, interviews, round-one passes and hires,
per employer and in total. The hire rate divides hires by openings (seed 002: 63 ÷ 152 = 41.4%)."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO

from django.db.models import Count, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _

from events.definitions import PARTICIPATION_OPENINGS_SQL
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
        .annotate(openings=RawSQL(PARTICIPATION_OPENINGS_SQL, []))  # each vacancy once per event
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


def company_columns() -> list[str]:
    """The headings of the report's one row per employer, in the Excel workbook and the PDF alike."""
    return [
        _("Company"),
        _("Booth"),
        _("Openings"),
        _("Interviews scheduled"),
        _("Interviews held"),
        _("Passed round one"),
        _("Hires"),
        _("Hire rate (hires ÷ openings, %)"),
    ]


def event_report_xlsx(report: EventReport) -> bytes:
    """The report as an Excel workbook: one sheet, one row per employer and a total row."""
    from openpyxl.styles import Font

    from jobcenter.security.exports import SafeWorkbook

    book = SafeWorkbook()  # every download through the one writer (formula cells neutralised)
    sheet = book.active
    sheet.title = _("Report")[:31]
    sheet.append([report.event.title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_("Registrations"), report.registrations, _("Checked in"), report.checked_in])
    sheet.append([])
    headers = company_columns()
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


def event_report_pdf(report: EventReport) -> bytes:
    """The report as an A4 print-out for the centre's files: the event, its figures, one row per employer and the
    approval box (결재란), in the project's embedded Korean font with the centre's contact at the foot."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from jobcenter.formatting import datetime_text, time_range
    from jobcenter.pdf import centre_contact, heading_with_approval_box, page_footer, register_korean_fonts

    regular, bold = register_korean_fonts()
    event = report.event
    title_style = ParagraphStyle("title", fontName=bold, fontSize=16, leading=21, spaceAfter=3)
    body = ParagraphStyle("body", fontName=regular, fontSize=8.5, leading=11.5)
    head = ParagraphStyle("head", parent=body, fontName=bold)
    heading = ParagraphStyle("heading", fontName=bold, fontSize=11, leading=15, spaceBefore=8, spaceAfter=4)
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        initialFontName=regular,  # else reportlab names Helvetica, a font it does not embed
        leftMargin=14 * mm,
        rightMargin=14 * mm,
        topMargin=14 * mm,
        bottomMargin=16 * mm,
        title=f"{event.title} {_('Event report')}",
        author=event.centre.name,
    )

    def paragraph(text, style=body):
        return Paragraph(escape(str(text)), style)

    heading_block = heading_with_approval_box(
        [
            paragraph(f"{_('Event report')}: {event.title}", title_style),
            paragraph(f"{time_range(event.starts_at, event.ends_at, weekday=True)} · {event.venue}"),
            paragraph(_("Created %(when)s") % {"when": datetime_text(timezone.localtime())}),
        ],
        width=document.width,
        font=regular,
        bold=bold,
    )
    figures = [
        (_("Registrations"), report.registrations),
        (_("Checked in"), report.checked_in),
        (_("Openings"), report.openings),
        (_("Interviews held"), report.interviews),
        (_("Hires"), report.hires),
        (_("Hire rate (hires ÷ openings, %)"), report.hire_rate if report.hire_rate is not None else "—"),
    ]
    headers = company_columns()
    rows = [[paragraph(text, head) for text in headers]]
    for row in report.rows:
        rate = row.hire_rate if row.hire_rate is not None else "—"
        cells = [row.company, row.booth, row.openings, row.scheduled, row.interviews, row.passed_first, row.hires, rate]
        rows.append([paragraph(cell) for cell in cells])
    total = _("Total (%(count)s companies)") % {"count": report.companies}
    rate = report.hire_rate if report.hire_rate is not None else "—"
    totals = [total, "", report.openings, sum(r.scheduled for r in report.rows), report.interviews]
    rows.append([paragraph(cell, head) for cell in [*totals, report.passed_first, report.hires, rate]])
    style = TableStyle(
        [
            ("FONT", (0, 0), (-1, -1), regular, 8.5),
            ("GRID", (0, 0), (-1, -1), 0.3, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f7")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )
    summary = Table([[paragraph(label, head), paragraph(value)] for label, value in figures], hAlign="LEFT")
    summary.setStyle(style)
    employers = Table(rows, repeatRows=1, colWidths=[44 * mm, 26 * mm] + [(document.width - 70 * mm) / 6] * 6)
    employers.setStyle(style)
    story = [heading_block, Spacer(1, 4 * mm), summary, paragraph(_("Per employer"), heading), employers]
    footer = page_footer(text=centre_contact(event.centre), font=regular)
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
