"""취업정보지: a printable A4 PDF of a centre's current vacancies, grouped by occupation.

Korean needs a font with Hangul: NanumGothic is embedded when the system has it (fonts-nanum);
otherwise reportlab's built-in CID font HYGothic-Medium is used (the PDF viewer supplies the glyphs).
"""

import io
from itertools import groupby
from pathlib import Path
from xml.sax.saxutils import escape

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from employers.models import Bulletin, Vacancy
from employers.selectors import published_vacancies
from jobcenter.models import Centre
from jobcenter.pdf import NANUM_DIR, register_korean_fonts


def korean_font(nanum_dir: Path = NANUM_DIR) -> tuple[str, str]:
    """Register and return (regular, bold) font names that render Hangul (the shared jobcenter.pdf helper)."""
    return register_korean_fonts(nanum_dir)


def _wage(vacancy: Vacancy) -> str:
    if vacancy.wage_amount is None:
        return ""
    return f"{vacancy.get_wage_type_display()} {vacancy.wage_amount:,}{_('won')}"


def bulletin_pdf(*, centre: Centre, vacancies: list[Vacancy], nanum_dir: Path = NANUM_DIR) -> bytes:
    regular, bold = korean_font(nanum_dir)
    title_style = ParagraphStyle("title", fontName=bold, fontSize=18, leading=24, alignment=TA_CENTER)
    sub_style = ParagraphStyle("sub", fontName=regular, fontSize=9.5, leading=13, alignment=TA_CENTER)
    group_style = ParagraphStyle("group", fontName=bold, fontSize=12, leading=16, spaceBefore=8, spaceAfter=4)
    cell = ParagraphStyle("cell", fontName=regular, fontSize=8.5, leading=11)
    head = ParagraphStyle("head", fontName=bold, fontSize=8.5, leading=11)

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=14 * mm,
        rightMargin=14 * mm,
        topMargin=14 * mm,
        bottomMargin=14 * mm,
        title=f"{centre.name} {_('Job bulletin')}",
        author=centre.name,
    )
    today = timezone.localdate()
    story = [
        Paragraph(escape(f"{centre.name} {_('Job bulletin')} (취업정보지)"), title_style),
        Paragraph(
            escape(
                _("Issued %(date)s · %(count)s vacancies · %(phone)s")
                % {"date": today.isoformat(), "count": len(vacancies), "phone": centre.phone or ""}
            ),
            sub_style,
        ),
        Spacer(1, 6 * mm),
    ]
    headers = [_("Vacancy"), _("Company"), _("Workplace"), _("Wage"), _("Hours"), _("Deadline")]
    widths = [48 * mm, 32 * mm, 26 * mm, 30 * mm, 24 * mm, 22 * mm]

    def group_key(vacancy: Vacancy) -> str:
        occupation = vacancy.occupation
        return f"{occupation.code} {occupation.name_ko}" if occupation else _("Other")

    for name, group in groupby(vacancies, key=group_key):
        rows = [[Paragraph(escape(text), head) for text in headers]]
        for vacancy in group:
            rows.append(
                [
                    Paragraph(escape(f"{vacancy.title} ({vacancy.openings_free}{_(' openings')})"), cell),
                    Paragraph(escape(vacancy.company.name), cell),
                    Paragraph(escape(vacancy.region.name_ko if vacancy.region else ""), cell),
                    Paragraph(escape(_wage(vacancy)), cell),
                    Paragraph(escape(vacancy.working_hours or ""), cell),
                    Paragraph(escape(vacancy.deadline.isoformat() if vacancy.deadline else _("Until filled")), cell),
                ]
            )
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story += [Paragraph(escape(name), group_style), table]
    if not vacancies:
        story.append(Paragraph(escape(_("No open vacancies at the moment.")), cell))
    document.build(story)
    return buffer.getvalue()


def bulletin_vacancies(centre: Centre) -> list[Vacancy]:
    return list(
        published_vacancies()
        .filter(centre=centre)
        .order_by("occupation_id", "-published_at", "pk")
        .select_related("company", "occupation", "region")
    )


@transaction.atomic
def bulletin_issue(*, centre_id: int) -> Bulletin:
    """Today's issue of the centre's bulletin; issuing it again the same day replaces it (idempotent)."""
    centre = Centre.objects.get(pk=centre_id)
    vacancies = bulletin_vacancies(centre)
    bulletin, _created = Bulletin.objects.update_or_create(
        centre=centre,
        issue_date=timezone.localdate(),
        defaults={"pdf": bulletin_pdf(centre=centre, vacancies=vacancies), "vacancy_count": len(vacancies)},
    )
    return bulletin
