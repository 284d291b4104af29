"""Korean by default, English on request; the foundation's own strings are translated; Korean dates."""

import datetime
import shutil

import polib
import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from scripts.untranslated import untranslated

FOUNDATION_PATHS = ("jobcenter/", "templates/base.html", "templates/registration/", "templates/jobcenter/")


@pytest.fixture(autouse=True)
def compiled_catalogs(settings, tmp_path):
    """Compile the checked-in .po files afresh (the .mo files are not in git) and load them."""
    source = settings.BASE_DIR / "locale"
    target = tmp_path / "locale"
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.mo"))
    for po_path in target.glob("*/LC_MESSAGES/*.po"):
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
    settings.LOCALE_PATHS = [target]  # setting_changed empties Django's translation caches


@pytest.fixture(autouse=True)
def korean_default(settings):
    """The product's own default (tests/conftest.py switches the other tests to English)."""
    settings.LANGUAGE_CODE = "ko"


def test_login_page__by_default__is_korean(client, db):
    page = client.get(reverse("login")).content.decode()
    assert '<html lang="ko">' in page
    assert "<h1>로그인</h1>" in page
    assert "비밀번호를 잊으셨나요?" in page
    assert "본문 바로가기" in page


def test_language_switcher__posting_english__shows_the_next_page_in_english(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("login")
    page = response.content.decode()
    assert '<html lang="en">' in page
    assert "<h1>Log in</h1>" in page
    assert "Forgot your password?" in page
    # And back to Korean.
    response = client.post(reverse("set_language"), {"language": "ko", "next": reverse("login")}, follow=True)
    assert "<h1>로그인</h1>" in response.content.decode()


def test_language_switcher__refuses_a_next_url_on_another_site(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


@pytest.mark.parametrize(
    ("language", "heading", "nav"), [("ko", "업무 목록", "채용정보"), ("en", "Worklist", "Job board")]
)
def test_worklist__speaks_the_chosen_language(world, language, heading, nav):
    client = world.client_for("counselor_x")
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    page = client.get(reverse("worklist")).content.decode()
    assert f"<h1>{heading}</h1>" in page
    assert nav in page


def test_dates__in_korean__are_written_the_korean_way_in_seoul_time(settings):
    # 16:30 UTC on 4 March is already 5 March in Seoul.
    moment = datetime.datetime(2026, 3, 4, 16, 30, tzinfo=datetime.UTC)
    template = Template("{{ moment|date }} {{ moment|time }}|{{ moment|date:'SHORT_DATE_FORMAT' }}")
    with translation.override("ko"):
        assert template.render(Context({"moment": moment})) == "2026. 3. 5. 오전 1:30|2026-03-05"
    with translation.override("en"):
        assert template.render(Context({"moment": moment})).startswith("March 5, 2026")


def test_role_names__are_korean_in_korean_and_english_in_english():
    from jobcenter.models import Role

    with translation.override("ko"):
        assert str(Role.COUNSELOR.label) == "직업상담사"
    with translation.override("en"):
        assert str(Role.COUNSELOR.label) == "Counselor"


def test_every_string_of_the_foundation_has_a_korean_translation():
    left = untranslated("ko", FOUNDATION_PATHS)
    assert [entry.msgid for entry in left] == []


def test_every_string_of_every_app_has_a_korean_translation():
    """Korean is the default language: a new string without its Korean wording fails here.

    After adding strings: `manage.py makemessages -l ko -l en --ignore '.venv/*' --ignore 'tests/*'
    --ignore 'bench/*'`, translate what `python3 scripts/untranslated.py` lists, then compile_translations.
    """
    left = untranslated("ko")
    assert [entry.msgid for entry in left] == []


def test_case_page_and_board__render_in_korean_by_default(world):
    response = world.client_for("counselor_x").get(reverse("seekers:case", kwargs={"pk": world.seeker_a.pk}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "상담 카드" in page or "구직등록" in page
    board = world.client_for("anonymous").get(reverse("employers:board")).content.decode()
    assert "검색" in board
