"""Field level: disability and welfare status never reach an employer, and reach staff only with the consent."""

import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import translation

from jobcenter.models import TargetGroup
from matching.models import Referral
from seekers.models import ConsentText, Seeker
from tests.access_table import ROUTES
from tests.matching.factories import ReferralFactory, give_consent
from tests.seekers.factories import SeekerFactory

SENSITIVE = [TargetGroup.DISABLED, TargetGroup.LOW_INCOME]


def sensitive_words() -> set[str]:
    words = {"low_income"}
    for language in ("ko", "en"):
        with translation.override(language):
            words |= {str(group.label) for group in SENSITIVE}
    return words


def text_of(response) -> str:
    """What a person could read in the answer: HTML, CSV, the cells of an Excel file, the text of a PDF."""
    content = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    kind = response.get("Content-Type", "")
    if content.startswith(b"PK"):  # xlsx and other Office files: the XML parts
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return " ".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())
    if content.startswith(b"%PDF"):
        from pypdf import PdfReader

        return " ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(content)).pages)
    assert "text" in kind or "json" in kind or not content, kind
    return content.decode("utf-8", "replace")


def make_sensitive(seeker: Seeker, *, consent: bool) -> Seeker:
    give_consent(seeker)  # sharing: the seeker may be referred
    if consent:
        give_consent(seeker, ConsentText.Kind.SENSITIVE)
    Seeker.objects.filter(pk=seeker.pk).update(target_groups=[*SENSITIVE, TargetGroup.YOUTH])
    seeker.refresh_from_db()
    return seeker


def test_every_employer_page_and_download__never_shows_a_referred_seekers_disability_or_welfare_status(world):
    """Each page is read twice: before and after seeker A's record holds disability and low income (with
    consent). The words may be on a page for other reasons (a vacancy's own "suitable for" choices); the
    seeker's data must add not one occurrence."""
    words = sensitive_words()
    client = world.client_for("employer_a")
    pages = [
        reverse(route.name, kwargs=route.kwargs(world)) + route.query
        for route in ROUTES
        if "employer_a" in route.allow and route.method == "get" and not route.public
    ]
    referral = Referral.objects.filter(seeker=world.seeker_a, vacancy=world.vacancy_a).first()
    referral = referral or ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, sent=True)
    pages.insert(0, reverse("matching:referral", kwargs={"pk": referral.pk}))
    assert len(pages) >= 10
    give_consent(world.seeker_a)
    before = {}
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        before[url] = text_of(response)
    make_sensitive(world.seeker_a, consent=True)
    shown = []
    for url in pages:
        text = text_of(client.get(url))
        shown += [f"{url}: {word}" for word in words if text.count(word) > before[url].count(word)]
    # The seeker's name is on the referral page: the check looks at a page that is about her.
    assert world.seeker_a.name in text_of(client.get(pages[0]))
    assert not shown, shown


@pytest.mark.parametrize("language", ["ko", "en"])
def test_case_page__shows_disability_and_welfare_status__only_with_the_sensitive_consent(world, language):
    with_consent = make_sensitive(world.seeker_a, consent=True)
    without = make_sensitive(SeekerFactory(booth=world.seeker_a.booth, name="박셋"), consent=False)
    client = world.client_for("counselor_x")
    client.cookies["django_language"] = language
    with translation.override(language):
        labels = [str(group.label) for group in SENSITIVE]
        youth = str(TargetGroup.YOUTH.label)
    page = client.get(reverse("seekers:case", kwargs={"pk": with_consent.pk})).content.decode()
    assert all(label in page for label in labels) and youth in page
    page = client.get(reverse("seekers:case", kwargs={"pk": without.pk})).content.decode()
    assert youth in page
    assert not [label for label in labels if label in page]


def test_staff_lists_and_the_export__never_show_disability_or_welfare_status(world):
    make_sensitive(world.seeker_a, consent=True)
    client = world.client_for("counselor_x")
    words = sensitive_words() - {"low_income"}  # the list's filter offers every group by name
    for url in [reverse("seekers:list"), reverse("seekers:day"), reverse("worklist")]:
        page = client.get(url).content.decode()
        assert not [word for word in words if word in page.split("<select", 1)[0]], url
    response = client.post(reverse("seekers:export"), {"purpose": "report"})
    assert world.seeker_a.name in text_of(response)
    assert not [word for word in sensitive_words() if word in text_of(response)]
