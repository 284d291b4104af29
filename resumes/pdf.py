"""A résumé (이력서) and its self-introduction (자기소개서) as an A4 PDF, in the project's embedded Korean font."""

import datetime
from io import BytesIO
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from jobcenter.formatting import date_text


def _day(value: str) -> str:
    return date_text(datetime.date.fromisoformat(value)) if value else ""


def period(career: dict) -> str:
    """근무 기간: `2021. 3. 2. ~ 2024. 2. 29.`, or `~ 현재` while still working there."""
    end = _day(career.get("ended_on", "")) or pgettext("employment period", "now")
    return f"{_day(career.get('started_on', ''))} ~ {end}"


def resume_pdf(document: dict) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    from jobcenter.pdf import page_footer, register_korean_fonts

    regular, bold = register_korean_fonts()
    title_style = ParagraphStyle("title", fontName=bold, fontSize=18, leading=24, spaceAfter=6)
    body = ParagraphStyle("body", fontName=regular, fontSize=9.5, leading=14)
    head = ParagraphStyle("head", parent=body, fontName=bold)
    heading = ParagraphStyle("heading", fontName=bold, fontSize=12, leading=16, spaceBefore=10, spaceAfter=4)
    buffer = BytesIO()
    pdf = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        initialFontName=regular,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=16 * mm,
        bottomMargin=16 * mm,
        title=f"{_('Résumé')} {document.get('name', '')}",
        author=document.get("name", ""),
    )

    def paragraph(text, style=body):
        return Paragraph(escape(str(text)).replace("\n", "<br/>"), style)

    def table(rows, widths):
        grid = Table(rows, colWidths=widths, repeatRows=1)
        grid.setStyle(
            TableStyle(
                [
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#8a949e")),
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f1f3f5")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        return grid

    width = pdf.width
    story = [paragraph(_("Résumé"), title_style)]
    facts = [
        (_("Name"), document.get("name", "")),
        (_("Mobile phone"), document.get("phone", "")),
        (_("E-mail"), document.get("email", "")),
        (_("Education"), " · ".join(part for part in (document.get("education"), document.get("major")) if part)),
        (_("Desired occupations"), ", ".join(document.get("desired_occupations", []))),
    ]
    story.append(
        table([[paragraph(label, head), paragraph(value or "-")] for label, value in facts], [35 * mm, width - 35 * mm])
    )
    story.append(paragraph(_("Career history"), heading))
    careers = document.get("careers", [])
    if careers:
        rows = [
            [paragraph(text, head) for text in (_("Employment period"), _("Company"), _("Occupation"), _("Duties"))]
        ]
        rows += [
            [
                paragraph(period(c)),
                paragraph(c["company"]),
                paragraph(c.get("occupation", "")),
                paragraph(c.get("duties", "")),
            ]
            for c in careers
        ]
        story.append(table(rows, [46 * mm, 40 * mm, 34 * mm, width - 120 * mm]))
    else:
        story.append(paragraph(_("No career history")))
    story.append(paragraph(_("Certificates and licences"), heading))
    certificates = document.get("certificates", [])
    if certificates:
        rows = [[paragraph(_("Name"), head), paragraph(_("Acquired on"), head)]]
        rows += [[paragraph(c["name"]), paragraph(_day(c.get("acquired_on", "")) or "-")] for c in certificates]
        story.append(table(rows, [width - 45 * mm, 45 * mm]))
    else:
        story.append(paragraph(_("None")))
    introduction = document.get("introduction", [])
    if introduction:
        story.append(Spacer(1, 6 * mm))
        story.append(paragraph(_("Self-introduction"), title_style))
        for section in introduction:
            story.append(paragraph(section["heading"], heading))
            story.append(paragraph(section["body"] or "-"))
    footer = page_footer(text=f"{document.get('name', '')} · {_('Résumé')}", font=regular)
    pdf.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()
