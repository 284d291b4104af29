"""One place for what every PDF of the project shares (reportlab): the Korean font and the official page furniture.

The font is Pretendard GOV (the Korean government design system's typeface, SIL Open Font License, licence in
jobcenter/fonts/), shipped with the project as TrueType and embedded (subset) in every PDF, so a print-out looks
the same on every machine and never depends on fonts installed there. `scripts/vendor_fonts.sh` re-vendors it.
"""

from pathlib import Path

from django.utils.translation import gettext as _
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD = "PretendardGOV", "PretendardGOV-Bold"
FACES = {REGULAR: "PretendardGOV-Regular.ttf", BOLD: "PretendardGOV-Bold.ttf"}


def register_korean_fonts() -> tuple[str, str]:
    """Register and return the (regular, bold) font names for Korean text.

    Each face is registered once per process, so whichever PDF a process makes first, the others find both.
    """
    registered = pdfmetrics.getRegisteredFontNames()
    for name, file_name in FACES.items():
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / file_name)))
    return REGULAR, BOLD


def centre_contact(centre) -> str:
    """The centre's name, address and telephone on one line, for the header or foot of a print-out."""
    parts = [centre.name, centre.address, centre.phone and _("Tel. %(phone)s") % {"phone": centre.phone}]
    return " · ".join(part for part in parts if part)


def approval_box(*, font: str, bold: str):
    """결재란: the box a printed report carries for the sign-offs of the officer, the team lead and the head."""
    from reportlab.lib import colors
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    roles = [_("Officer"), _("Team lead"), _("Centre head")]
    table = Table(
        [[_("Approval"), *roles], ["", "", "", ""]],
        colWidths=[9 * mm] + [20 * mm] * len(roles),
        rowHeights=[6 * mm, 15 * mm],
        hAlign="RIGHT",
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                ("SPAN", (0, 0), (0, 1)),
                ("FONT", (0, 0), (-1, -1), font, 8.5),
                ("FONT", (0, 0), (0, 0), bold, 8.5),
                ("ALIGN", (0, 0), (-1, -1), "CENTER"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f1f3f5")),
            ]
        )
    )
    return table


def heading_with_approval_box(heading: list, *, width: float, font: str, bold: str):
    """A report's heading (a list of flowables) on the left and the 결재란 on the right, across `width`."""
    from reportlab.lib.units import mm
    from reportlab.platypus import Table, TableStyle

    box = approval_box(font=font, bold=bold)
    table = Table([[heading, box]], colWidths=[width - 72 * mm, 72 * mm])
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), font),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
            ]
        )
    )
    return table


def page_footer(*, text: str, font: str):
    """An onPage callback that prints `text` and the page number at the foot of every page."""
    from reportlab.lib.units import mm

    def draw(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont(font, 7.5)
        canvas.drawString(document.leftMargin, 7 * mm, text)
        page = _("Page %(number)s") % {"number": canvas.getPageNumber()}
        canvas.drawRightString(document.pagesize[0] - document.rightMargin, 7 * mm, page)
        canvas.restoreState()

    return draw
