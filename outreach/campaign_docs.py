"""A campaign's mail-merge letters (PDF, one page per company) and its contact list (Excel).

The contact list holds company contacts only, not seekers' personal data, so its downloads are not
recorded in the seekers' access log.
"""

import io
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from employers.models import Company
from jobcenter.formatting import business_number_text, date_text
from outreach.models import Campaign


def merge_letter(letter: str, company: Company, centre=None) -> str:
    """The letter for one company: {company} and {contact} replaced, and {centre_phone} with the sending centre's
    telephone from its record (the one the letter's foot shows); any other braces are left as typed."""
    contact = company.contact_name or _("the person in charge of hiring")
    merged = letter.replace("{company}", company.name).replace("{contact}", contact)
    if centre is not None:
        merged = merged.replace("{centre_phone}", centre.phone or "")
    return merged


def letters_pdf(*, campaign: Campaign, companies: list[Company]) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Spacer

    from jobcenter.pdf import centre_contact, page_footer, register_korean_fonts

    regular, bold = register_korean_fonts()
    address_style = ParagraphStyle("address", fontName=regular, fontSize=10, leading=14)
    title_style = ParagraphStyle("title", fontName=bold, fontSize=15, leading=20, spaceBefore=12, spaceAfter=12)
    body_style = ParagraphStyle("body", fontName=regular, fontSize=11, leading=17, spaceAfter=8)
    sign_style = ParagraphStyle("sign", fontName=bold, fontSize=11, leading=16, spaceBefore=18)

    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        initialFontName=regular,  # else reportlab names Helvetica, a font it does not embed
        pagesize=A4,
        leftMargin=22 * mm,
        rightMargin=22 * mm,
        topMargin=22 * mm,
        bottomMargin=22 * mm,
        title=campaign.name,
        author=campaign.centre.name,
    )
    story = []
    for number, company in enumerate(companies):
        if number:
            story.append(PageBreak())
        recipient = [
            company.name,
            company.address,
            company.contact_name and _("Attn. %(name)s") % {"name": company.contact_name},
        ]
        for line in filter(None, recipient):
            story.append(Paragraph(escape(line), address_style))
        story.append(Paragraph(escape(campaign.name), title_style))
        for paragraph in merge_letter(campaign.letter, company, campaign.centre).split("\n\n"):
            story.append(Paragraph(escape(paragraph.strip()).replace("\n", "<br/>"), body_style))
        story.append(Spacer(1, 6 * mm))
        story.append(Paragraph(escape(date_text(campaign.sent_on)), body_style))
        story.append(Paragraph(escape(_("Head of %(centre)s") % {"centre": campaign.centre.name}), sign_style))
        story.append(Paragraph(escape(centre_contact(campaign.centre)), address_style))
    footer = page_footer(text=centre_contact(campaign.centre), font=regular)
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return buffer.getvalue()


CONTACT_COLUMNS = [
    ("name", lambda c: c.name),
    ("business_number", lambda c: business_number_text(c.business_number)),
    ("industry", lambda c: c.industry.name if c.industry_id else ""),
    ("employee_count", lambda c: c.employee_count),
    ("address", lambda c: c.address),
    ("contact_name", lambda c: c.contact_name),
    ("contact_phone", lambda c: c.contact_phone),
    ("contact_email", lambda c: c.contact_email),
]


def contacts_xlsx(*, campaign: Campaign, companies: list[Company]) -> bytes:
    from openpyxl.styles import Font

    from jobcenter.security.exports import SafeWorkbook

    headings = {
        "name": _("Company"),
        "business_number": _("Business registration number"),
        "industry": _("Industry"),
        "employee_count": _("Employees"),
        "address": _("Address"),
        "contact_name": _("Contact person"),
        "contact_phone": _("Contact phone"),
        "contact_email": _("Contact e-mail"),
    }
    book = SafeWorkbook()  # every download through the one writer (formula cells neutralised)
    sheet = book.active
    sheet.title = _("Contacts")[:31]
    sheet.append([headings[key] for key, _value in CONTACT_COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for company in companies:
        sheet.append([value(company) for _key, value in CONTACT_COLUMNS])
    for column, width in zip("ABCDEFGH", (30, 16, 20, 10, 40, 14, 16, 28), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
