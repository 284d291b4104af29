"""월간 실적보고: the monthly performance report, the dashboard's tables as Excel (one sheet per table) and PDF.

Both files are built from the same `ReportContent`, read from the rollup tables like the dashboard.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.translation import gettext as _

from jobcenter.formatting import datetime_text, month_text
from jobcenter.models import Centre
from jobcenter.statistics import selectors


@dataclass
class Table:
    title: str
    headers: list[str]
    rows: list[list] = field(default_factory=list)
    note: str = ""


@dataclass
class ReportContent:
    title: str
    subtitle: str
    tables: list[Table]
    centre: Centre | None = None


def _number(value: Decimal | None):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def report_content(*, month: datetime.date, centre: Centre | None) -> ReportContent:
    scope = selectors.Scope(centre=centre, label=centre.name if centre else _("All centres"))
    board = selectors.dashboard(scope, month)
    tables = []
    rates = Table(
        _("Rates"),
        [
            _("Rate"),
            _("This month (%)"),
            _("Numerator"),
            _("Denominator"),
            _("Divides"),
            _("Last month (%)"),
            _("Same month last year (%)"),
        ],
        note=_("Every rate states what it divides by."),
    )
    for figure in board.rates:
        rates.rows.append(
            [
                figure.label,
                _number(figure.value),
                _number(figure.numerator),
                _number(figure.denominator),
                figure.divides,
                _number(figure.last_month),
                _number(figure.last_year),
            ]
        )
    tables.append(rates)
    for section, figures in board.sections:
        table = Table(
            str(section), [_("Figure"), _("This month"), _("Last month"), _("Same month last year"), _("Definition")]
        )
        for figure in figures:
            table.rows.append(
                [
                    figure.label,
                    _number(figure.value),
                    _number(figure.last_month),
                    _number(figure.last_year),
                    figure.definition,
                ]
            )
        tables.append(table)
    for breakdown in selectors.breakdowns(scope, month):
        headers = [breakdown.label, *[str(m.label) for m in breakdown.measures]]
        if breakdown.has_rate:
            headers.append(_("Placement rate (placements ÷ seekers served, %)"))
        table = Table(
            _("By %(label)s") % {"label": breakdown.label},
            headers,
            note=_("A seeker may belong to several target groups, so these rows add up to more than the total.")
            if breakdown.overlapping
            else "",
        )
        for row in breakdown.rows:
            cells = [row.label, *[_number(value) for value, _url in row.cells]]
            if breakdown.has_rate:
                cells.append(_number(row.rate))
            table.rows.append(cells)
        tables.append(table)
    trend = Table(_("The last 24 months"), [_("Month"), *[str(label) for label, _values in board.trend.values()]])
    for trend_month, values in board.trend_rows:
        trend.rows.append([f"{trend_month:%Y-%m}", *[_number(v) for v in values]])
    tables.append(trend)
    status = board.status
    if status is None:
        state = _("not computed")
    elif status.status == status.Status.OFFICIAL:
        state = _("official figures")
    else:
        state = _("running month, figures so far")
    return ReportContent(
        title=_("Monthly performance report %(month)s") % {"month": month_text(month)},
        subtitle=" · ".join(
            [scope.label, str(state), _("Created %(when)s") % {"when": datetime_text(timezone.localtime())}]
        ),
        centre=centre,
        tables=tables,
    )


def _sheet_title(title: str, used: set[str]) -> str:
    name = "".join(c for c in title if c not in "[]:*?/\\")[:28] or "Sheet"
    candidate, n = name, 2
    while candidate in used:
        candidate, n = f"{name[:26]} {n}", n + 1
    used.add(candidate)
    return candidate


def report_xlsx(content: ReportContent) -> bytes:
    """One sheet per table, with the report's title above each."""
    from openpyxl.styles import Alignment, Font

    from jobcenter.security.exports import SafeWorkbook

    book = SafeWorkbook()  # every download through the one writer (formula cells neutralised)
    book.remove(book.active)
    used: set[str] = set()
    for table in content.tables:
        sheet = book.create_sheet(_sheet_title(table.title, used))
        sheet.append([content.title])
        sheet["A1"].font = Font(bold=True, size=14)
        sheet.append([content.subtitle])
        sheet.append([table.title])
        sheet["A3"].font = Font(bold=True)
        if table.note:
            sheet.append([table.note])
        sheet.append([])
        sheet.append(table.headers)
        for cell in sheet[sheet.max_row]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        for row in table.rows:
            sheet.append(row)
        sheet.column_dimensions["A"].width = 34
        for column in "BCDEFGH":
            sheet.column_dimensions[column].width = 18
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cell(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        return f"{value:,.1f}"
    return str(value)


def report_pdf(content: ReportContent) -> bytes:
    """The same tables as the workbook, on A4 landscape pages."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, TableStyle
    from reportlab.platypus import Table as PdfTable

    from jobcenter.pdf import centre_contact, heading_with_approval_box, page_footer, register_korean_fonts

    regular, bold = register_korean_fonts()
    title_style = ParagraphStyle("title", fontName=bold, fontSize=16, leading=20, spaceAfter=4)
    heading = ParagraphStyle("heading", fontName=bold, fontSize=12, leading=16, spaceBefore=10, spaceAfter=4)
    body = ParagraphStyle("body", fontName=regular, fontSize=8, leading=10)
    head = ParagraphStyle("head", fontName=bold, fontSize=8, leading=10)
    buffer = BytesIO()
    document = SimpleDocTemplate(
        buffer,
        initialFontName=regular,  # else reportlab names Helvetica, a font it does not embed
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=content.title,
    )
    heading_block = heading_with_approval_box(
        [Paragraph(escape(content.title), title_style), Paragraph(escape(content.subtitle), body)],
        width=document.width,
        font=regular,
        bold=bold,
    )
    story = [heading_block, Spacer(1, 4 * mm)]
    for table in content.tables:
        story.append(Paragraph(escape(table.title), heading))
        if table.note:
            story.append(Paragraph(escape(table.note), body))
        data = [[Paragraph(escape(str(h)), head) for h in table.headers]]
        data += [[Paragraph(escape(_cell(value)), body) for value in row] for row in table.rows]
        width = document.width
        first = width * 0.28
        others = (width - first) / max(len(table.headers) - 1, 1)
        pdf_table = PdfTable(data, colWidths=[first] + [others] * (len(table.headers) - 1), repeatRows=1, hAlign="LEFT")
        pdf_table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), regular, 8),
                    ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f6")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(pdf_table)
    foot = centre_contact(content.centre) if content.centre else content.title
    footer = page_footer(text=foot, font=regular)
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
