"""Every page of tests/access_table.py, opened in Korean by every principal who may open it, reads as Korean.

The visible text (and the words a screen reader or a placeholder shows) may hold no English word and no raw
code such as `job_news`: Latin letters are allowed only for what is meant to be Latin (ALLOWED_LATIN), e-mail
addresses and web addresses. A failure lists each page with the words found and where they stood.
"""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from tests.access_table import ROUTES

# Latin that Korean pages write as is: abbreviations, units, key names and brand names a Korean reader sees in
# Latin, and "English", the language switcher's name for English in English.
ALLOWED_LATIN = {
    *[
        "CNC",
        "QR",
        "ID",
        "PDF",
        "CSV",
        "Excel",
        "xlsx",
        "OTP",
        "MOU",
        "API",
        "SMS",
        "URL",
        "KRW",
        "PC",
        "IT",
        "KECO",
        "TOTP",
        "HTML",
        "JSON",
        "YAML",
        "OpenAPI",
    ],
    *["UTF", "Ctrl", "English", "km", "kg"],
}
# Attributes whose text a person reads or hears.
READ_ATTRIBUTES = {"placeholder", "title", "aria-label", "alt"}
# Not read as wording: scripts, and what is shown to be typed as is (a file's column names, a key).
SKIPPED_ELEMENTS = {"script", "style", "template", "noscript", "code", "kbd", "samp"}
# E-mail and web addresses, file names, and the {placeholders} a letter's author types.
STRIP = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+|https?://\S+|\b[\w-]+\.(pdf|xlsx|csv|html?)\b|\{\w+\}", re.IGNORECASE)
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z_]*[A-Za-z]")


class VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED_ELEMENTS:
            self.skipping += 1
        attributes = dict(attrs)
        for name in READ_ATTRIBUTES & attributes.keys():
            self.parts.append(attributes[name] or "")
        if tag == "input" and attributes.get("type") in {"submit", "button"}:
            self.parts.append(attributes.get("value") or "")

    def handle_endtag(self, tag):
        if tag in SKIPPED_ELEMENTS and self.skipping:
            self.skipping -= 1

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = VisibleText()
    parser.feed(html)
    return " ".join(part.strip() for part in parser.parts if part.strip())


def latin_words(text: str, data: frozenset[str] = frozenset()) -> list[str]:
    """The Latin words of `text` that a Korean page should not show, each with a little of its context.

    `data` are values people typed that may be Latin (login IDs): they are not wording."""
    text = STRIP.sub(" ", text)
    found, context = [], []
    for match in LATIN_WORD.finditer(text):
        word = match.group()
        if word in ALLOWED_LATIN or word in data or word in found:
            continue
        found.append(word)
        context.append(f"{word!r} in …{text[max(match.start() - 30, 0) : match.end() + 30]}…")
    return context


PAGES = [route for route in ROUTES if route.method == "get"]


@pytest.fixture(autouse=True)
def korean(settings):
    settings.LANGUAGE_CODE = "ko"


def lived_in(world) -> None:
    """Seeker A's case as a few months of work leave it: the entries whose stored codes (booth, collection,
    sharing, job_news, a channel, a shift, a referral's states) a page must show by their Korean labels."""
    import datetime

    from matching.models import ReferralState
    from seekers.models import Career, Seeker, SeekerHistory
    from tests.employers.factories import VacancyFactory
    from tests.matching.factories import ReferralFactory
    from tests.seekers.factories import ConsultationFactory

    seeker = world.seeker_a
    Seeker.objects.filter(pk=seeker.pk).update(shifts=["day", "rotating"])
    history = [
        {"kind": "registered", "to_value": "booth"},
        *({"kind": "consent", "to_value": kind} for kind in ("collection", "sharing", "job_news")),
        {"kind": "consent", "from_value": "job_news"},
        {"kind": "status", "from_value": "active", "to_value": "on_hold"},
    ]
    for entry in history:
        SeekerHistory.objects.create(seeker=seeker, by=world.users["counselor_x"], **entry)
    Career.objects.create(seeker=seeker, company="청라정밀(주)", started_on=datetime.date(2020, 3, 2))
    ConsultationFactory(seeker=seeker, counselor=world.users["counselor_x"], channel="phone")
    vacancy = VacancyFactory(company=world.company_a, published=True, title="A사 용접공", wage_type="hourly")
    ReferralFactory(seeker=seeker, vacancy=vacancy, state=ReferralState.SENT)


@pytest.mark.parametrize("route", PAGES, ids=lambda route: route.name)
def test_every_page__in_korean__shows_no_english_words_or_raw_codes(route, world):
    lived_in(world)
    url = reverse(route.name, kwargs=route.kwargs(world)) + route.query
    login_ids = frozenset(user.username for user in world.users.values())
    failures = []
    for principal in sorted(route.allow | ({"anonymous"} if route.public else set())):
        response = world.client_for(principal).get(url, HTTP_ACCEPT_LANGUAGE="ko")
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        words = latin_words(visible_text(response.content.decode()), login_ids)
        if words:
            failures.append(f"{principal}: " + "; ".join(words))
    assert not failures, f"{route.name} {url}\n" + "\n".join(failures)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>상담 기록</p>", []),
        ("<p>채널: job_news</p>", ["job_news"]),
        ("<p>9:00 AM</p>", ["AM"]),
        ('<input placeholder="Search">', ["Search"]),
        ("<p>CNC 선반 · hong@example.kr · QR 코드</p>", []),
        ("<script>const x = 'English';</script><p>한국어</p>", []),
    ],
)
def test_latin_words__finds_english_and_codes_and_spares_the_allowlist(html, expected):
    assert [found.split(" in ")[0].strip("'") for found in latin_words(visible_text(html))] == expected
