"""The certificate of completion (수료증) of a training cohort or lecture, as an A4 PDF (reportlab).

Laid out like the certificates Korean public bodies issue: the number at the top, the title, the holder's
particulars, the statement, the date and the issuing centre, in the project's embedded Korean font.
"""

from io import BytesIO

from django.utils.translation import gettext as _

from events.models import Registration
from jobcenter.formatting import date_range, date_text
from jobcenter.pdf import centre_contact, register_korean_fonts


def certificate_pdf(registration: Registration) -> bytes:
    """The certificate is an official Korean document: entirely in Korean whatever language the page is in."""
    from django.utils import translation

    with translation.override("ko"):
        return _certificate_pdf(registration)


def _certificate_pdf(registration: Registration) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    regular, bold = register_korean_fonts()
    event, seeker = registration.event, registration.seeker
    buffer = BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4, initialFontName=regular)
    pdf.setTitle(_("Certificate of completion"))
    pdf.setAuthor(event.centre.name)
    width, height = A4
    pdf.setLineWidth(1.6)
    pdf.rect(14 * mm, 14 * mm, width - 28 * mm, height - 28 * mm)
    pdf.setLineWidth(0.5)
    pdf.rect(16 * mm, 16 * mm, width - 32 * mm, height - 32 * mm)

    pdf.setFont(regular, 11)
    pdf.drawString(28 * mm, height - 32 * mm, _("No. %(number)s") % {"number": f"{event.pk}-{registration.code}"})
    pdf.setFont(bold, 34)
    pdf.drawCentredString(width / 2, height - 70 * mm, _("Certificate of completion"))

    rows = [
        (_("Name"), seeker.name),
        (_("Date of birth"), date_text(seeker.birth_date)),
        (_("Course"), event.title),
        (_("Course period"), date_range(event.starts_at, event.ends_at)),
    ]
    y = height - 105 * mm
    for label, value in rows:
        pdf.setFont(bold, 14)
        pdf.drawString(40 * mm, y, label)
        pdf.setFont(regular, 14)
        pdf.drawString(75 * mm, y, f": {value}")
        y -= 12 * mm

    pdf.setFont(regular, 15)
    pdf.drawCentredString(
        width / 2, y - 20 * mm, _("This certifies that the person above has completed the programme.")
    )
    pdf.drawCentredString(width / 2, y - 50 * mm, date_text(registration.completed_at))
    pdf.setFont(bold, 22)
    pdf.drawCentredString(width / 2, y - 75 * mm, _("Head of %(centre)s") % {"centre": event.centre.name})
    pdf.setFont(regular, 9)
    pdf.drawCentredString(width / 2, 24 * mm, centre_contact(event.centre))
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
