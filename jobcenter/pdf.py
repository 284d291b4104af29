"""One place that makes Korean text render in the project's PDFs (reportlab).

NanumGothic (and its bold face) is embedded when the system has it (fonts-nanum); otherwise reportlab's
built-in CID font HYGothic-Medium is used and the PDF reader supplies the glyphs.
"""

from pathlib import Path

from reportlab.pdfbase import pdfmetrics

NANUM_DIR = Path("/usr/share/fonts/truetype/nanum")
FALLBACK_FONT = "HYGothic-Medium"


def register_korean_fonts(nanum_dir: Path = NANUM_DIR) -> tuple[str, str]:
    """Register and return (regular, bold) font names that render Hangul.

    Each face is registered only when missing, so whichever PDF a process makes first, the others find both.
    """
    regular, bold = nanum_dir / "NanumGothic.ttf", nanum_dir / "NanumGothicBold.ttf"
    if regular.exists():
        from reportlab.pdfbase.ttfonts import TTFont

        registered = pdfmetrics.getRegisteredFontNames()
        if "NanumGothic" not in registered:
            pdfmetrics.registerFont(TTFont("NanumGothic", str(regular)))
        if "NanumGothicBold" not in registered:
            pdfmetrics.registerFont(TTFont("NanumGothicBold", str(bold if bold.exists() else regular)))
        return "NanumGothic", "NanumGothicBold"
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont

    if FALLBACK_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(FALLBACK_FONT))
    return FALLBACK_FONT, FALLBACK_FONT
