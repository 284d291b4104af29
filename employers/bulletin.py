"""취업정보지: a printable A4 PDF of a centre's current vacancies, a dense list grouped by occupation.

Each vacancy appears once, under its occupation, in the project's embedded Korean font (jobcenter.pdf), with the
centre's name and contact at the head and foot of every page, so it can go on the centre's notice board as is.
"""

import io
from itertools import groupby
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
from jobcenter.formatting import date_text, money
from jobcenter.models import Centre
from jobcenter.pdf import centre_contact, page_footer, register_korean_fonts


def _wage(vacancy: Vacancy) -> str:
    if vacancy.wage_amount is None:
        return _("Negotiable")
    return money(vacancy.wage_amount, wage_type=vacancy.wage_type)


def _hours(vacancy: Vacancy) -> str:
    return " ".join(part for part in (vacancy.working_days, vacancy.working_hours) if part)


def bulletin_pdf(*, centre: Centre, vacancies: list[Vacancy]) -> bytes:
    regular, bold = register_korean_fonts()
    title_style = ParagraphStyle("title", fontName=bold, fontSize=18, leading=24, alignment=TA_CENTER)
    sub_style = ParagraphStyle("sub", fontName=regular, fontSize=9, leading=12, alignment=TA_CENTER)
    group_style = ParagraphStyle("group", fontName=bold, fontSize=10.5, leading=14, spaceBefore=6, spaceAfter=2)
    cell = ParagraphStyle("cell", fontName=regular, fontSize=8, leading=10)
    strong = ParagraphStyle("strong", parent=cell, fontName=bold)
    head = ParagraphStyle("head", fontName=bold, fontSize=8, leading=10, alignment=TA_CENTER)
    note_style = ParagraphStyle("note", fontName=regular, fontSize=8, leading=11, spaceBefore=6)

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        initialFontName=regular,  # else reportlab names Helvetica, a font it does not embed
        pagesize=A4,
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=14 * mm,
        title=f"{centre.name} {_('Job bulletin')}",
        author=centre.name,
    )
    today = timezone.localdate()
    story = [
        Paragraph(escape(f"{centre.name} {_('Job bulletin')}"), title_style),
        Paragraph(
            escape(
                _("Issued %(date)s · %(count)s vacancies · %(phone)s")
                % {"date": date_text(today, weekday=True), "count": len(vacancies), "phone": centre.phone or ""}
            ),
            sub_style,
        ),
        Spacer(1, 4 * mm),
    ]
    headers = [_("Vacancy · company"), _("Workplace"), _("Wage"), _("Working hours"), _("Openings"), _("Deadline")]
    widths = [62 * mm, 24 * mm, 30 * mm, 32 * mm, 12 * mm, 26 * mm]

    def group_key(vacancy: Vacancy) -> str:
        occupation = vacancy.occupation
        return occupation.name_ko if occupation else _("Other occupations")

    for name, group in groupby(vacancies, key=group_key):
        rows = [[Paragraph(escape(text), head) for text in headers]]
        for vacancy in group:
            rows.append(
                [
                    [Paragraph(escape(vacancy.title), strong), Paragraph(escape(vacancy.company.name), cell)],
                    Paragraph(escape(vacancy.region.name_ko if vacancy.region else ""), cell),
                    Paragraph(escape(_wage(vacancy)), cell),
                    Paragraph(escape(_hours(vacancy)), cell),
                    Paragraph(escape(_("%(count)s people") % {"count": vacancy.openings_free}), cell),
                    Paragraph(escape(date_text(vacancy.deadline) if vacancy.deadline else _("Until filled")), cell),
                ]
            )
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(
            TableStyle(
                [
                    ("FONT", (0, 0), (-1, -1), regular, 8),
                    ("LINEABOVE", (0, 0), (-1, 0), 0.8, colors.black),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.grey),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eef2f7")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("TOPPADDING", (0, 0), (-1, -1), 2),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ]
            )
        )
        story += [Paragraph(escape(f"■ {name}"), group_style), table]
    if not vacancies:
        story.append(Paragraph(escape(_("No open vacancies at the moment.")), cell))
    story.append(
        Paragraph(
            escape(
                _("※ To apply or to be referred, visit or call the centre: %(contact)s")
                % {"contact": centre_contact(centre)}
            ),
            note_style,
        )
    )
    footer = page_footer(text=centre_contact(centre), font=regular)
    document.build(story, onFirstPage=footer, onLaterPages=footer)
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
