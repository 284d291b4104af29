"""Every PDF the app makes embeds the project's own Korean font and prints the glossary's sample strings.

Read back with pypdf: each font a page uses carries its font file (no font left to the reader's machine),
the text comes out as written (Korean throughout, "·", "~" and "※" included), and every character printed
has a glyph in the shipped font (none falls back to the empty box).
"""

import datetime
import functools
import io

import pytest
from django.utils import timezone, translation
from pypdf import PdfReader
from reportlab.pdfbase.ttfonts import TTFont

from employers.bulletin import bulletin_pdf, bulletin_vacancies
from events.certificate import certificate_pdf
from jobcenter.pdf import FACES, FONTS_DIR
from jobcenter.statistics.reports import report_content, report_pdf
from outreach.campaign_docs import letters_pdf
from tests.employers.factories import CompanyFactory, VacancyFactory
from tests.events.factories import EventFactory, RegistrationFactory
from tests.outreach.factories import CampaignFactory

pytestmark = pytest.mark.django_db

# ../shared/glossary.md's samples of how dates, times and money are written, and the marks around them.
GLOSSARY_SAMPLES = ["2027. 1. 5.(화)", "오후 2:00~4:00", "시급 10,320원", "개인정보 수집·이용", "※"]


@pytest.fixture(autouse=True)
def korean(settings):
    settings.LANGUAGE_CODE = "ko"
    with translation.override("ko"):
        yield


@functools.cache
def shipped_characters() -> set[int]:
    characters = set()
    for file_name in FACES.values():
        characters |= set(TTFont("probe", str(FONTS_DIR / file_name)).face.charToGlyph)
    return characters


def fonts_of(reader: PdfReader) -> list[tuple[str, bool]]:
    """(name, has an embedded font file) of every font every page uses."""
    found = []
    for page in reader.pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for font in fonts.get_object().values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants.get_object()[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
            found.append((str(font["/BaseFont"]), embedded))
    return found


def read(content: bytes) -> tuple[str, list[tuple[str, bool]]]:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages), fonts_of(reader)


def assert_official(content: bytes, *expected: str) -> str:
    text, fonts = read(content)
    assert fonts, "the PDF prints no text"
    assert all(embedded for _name, embedded in fonts), f"fonts not embedded: {fonts}"
    assert all("PretendardGOV" in name for name, _embedded in fonts), fonts
    characters = shipped_characters()
    missing = {c for c in text if not c.isspace() and ord(c) not in characters}
    assert not missing, f"characters without a glyph in the shipped font: {missing}"
    for sample in expected:
        assert sample in text, f"{sample!r} not printed in:\n{text}"
    return text


def test_bulletin__embeds_the_font_and_prints_korean_samples(world):
    VacancyFactory(
        published=True,
        company=CompanyFactory(centre=world.centre_x, name="청라정밀(주)"),
        centre=world.centre_x,
        title="용접·제관 생산직",
        wage_type="hourly",
        wage_amount=10320,
        working_days="월~금",
        working_hours="오후 2:00~4:00",
        deadline=datetime.date(2027, 1, 5),
        openings=2,
    )
    content = bulletin_pdf(centre=world.centre_x, vacancies=bulletin_vacancies(world.centre_x))
    text = assert_official(content, "용접·제관 생산직", "시급 10,320원", "오후 2:00~4:00", "2027. 1. 5.", "※", "2명")
    assert world.centre_x.name in text
    assert "openings" not in text and "won" not in text


def test_monthly_report__embeds_the_font_and_carries_the_approval_box(world):
    content = report_pdf(report_content(month=datetime.date(2026, 11, 1), centre=world.centre_x))
    text = assert_official(content, "월간 실적 보고 2026년 11월", "결재", "담당", "팀장", "센터장", "작성")
    assert "generated" not in text


def test_certificate__embeds_the_font_and_is_korean_throughout(world):
    event = EventFactory(
        centre=world.centre_x,
        title="청년 뉴딜 6주 과정",
        starts_at=datetime.datetime(2027, 1, 5, 10, tzinfo=timezone.get_current_timezone()),
        ends_at=datetime.datetime(2027, 2, 12, 13, tzinfo=timezone.get_current_timezone()),
    )
    registration = RegistrationFactory(event=event, seeker=world.seeker_a, completed_at=timezone.now())
    text = assert_official(certificate_pdf(registration), "수료증", "생년월일", "2027. 1. 5.~2. 12.")
    assert f"{world.centre_x.name}장" in text
    assert "Date of birth" not in text


def test_campaign_letters__embed_the_font_and_print_the_samples(world):
    company = CompanyFactory(centre=world.centre_x, name="서구물산(주)", contact_name="김담당")
    campaign = CampaignFactory(
        centre=world.centre_x,
        companies=[company],
        letter="{contact}님께,\n\n" + "\n\n".join(GLOSSARY_SAMPLES),
        sent_on=datetime.date(2027, 1, 5),
    )
    assert_official(letters_pdf(campaign=campaign, companies=[company]), *GLOSSARY_SAMPLES, "김담당님께", "2027. 1. 5.")


def test_event_report__embeds_the_font_and_carries_the_approval_box(world):
    from django.urls import reverse

    event = EventFactory(centre=world.centre_x, title="서구 채용한마당")
    response = world.client_for("counselor_x").get(
        reverse("events:manage_report_pdf", kwargs={"pk": event.pk}), HTTP_ACCEPT_LANGUAGE="ko"
    )
    assert response["Content-Type"] == "application/pdf"
    assert "filename*=utf-8''" in response["Content-Disposition"]
    text = assert_official(b"".join(response.streaming_content), "서구 채용한마당", "결재", "팀장", "센터장")
    assert world.centre_x.name in text and "Total" not in text
