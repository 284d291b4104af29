"""The certificate of completion (수료증) of a training cohort or lecture, as PDF (reportlab).

Korean text needs a Korean font: NanumGothic when the system has it, else the CID font HYGothic-Medium
that every PDF reader ships.
"""

from io import BytesIO
from pathlib import Path

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from events.models import Registration

NANUM = Path("/usr/share/fonts/truetype/nanum/NanumGothic.ttf")


def _font() -> str:
    from jobcenter.pdf import register_korean_fonts

    return register_korean_fonts(NANUM.parent)[0]


def certificate_pdf(registration: Registration) -> bytes:
    """The certificate is an official Korean document: entirely in Korean whatever language the page is in."""
    from django.utils import translation

    with translation.override("ko"):
        return _certificate_pdf(registration)


def _certificate_pdf(registration: Registration) -> bytes:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    font = _font()
    event, seeker = registration.event, registration.seeker
    buffer = BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=A4)
    pdf.setTitle(_("Certificate of completion"))
    width, height = A4
    pdf.setFont(font, 30)
    pdf.drawCentredString(width / 2, height - 150, _("Certificate of completion"))
    pdf.setFont(font, 14)
    lines = [
        f"{_('Name')}: {seeker.name}",
        f"{_('Date of birth')}: {date_format(seeker.birth_date, 'DATE_FORMAT')}",
        f"{_('Programme')}: {event.title}",
        f"{_('Period')}: {date_format(timezone.localtime(event.starts_at), 'DATE_FORMAT')}"
        f" – {date_format(timezone.localtime(event.ends_at), 'DATE_FORMAT')}",
    ]
    y = height - 250
    for line in lines:
        pdf.drawString(90, y, line)
        y -= 30
    pdf.drawCentredString(width / 2, y - 60, _("This certifies that the person above has completed the programme."))
    pdf.drawCentredString(width / 2, y - 140, date_format(timezone.localtime(registration.completed_at), "DATE_FORMAT"))
    pdf.setFont(font, 20)
    pdf.drawCentredString(width / 2, y - 200, event.centre.name)
    pdf.setFont(font, 9)
    pdf.drawString(90, 60, f"{_('Certificate number')}: {event.pk}-{registration.code}")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
