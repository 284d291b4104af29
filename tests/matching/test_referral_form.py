"""The referral form picks the seeker and the vacancy from search results, never from a list of every row."""

from django.urls import reverse

from matching.models import Referral
from tests.matching.factories import give_consent
from tests.seekers.factories import SeekerFactory

URL = reverse("matching:referral_new")
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_referral_new__lists_no_seeker_before_a_search(world, client_for):
    others = [SeekerFactory(booth=world.seeker_a.booth, name=f"박서준{n}") for n in range(3)]

    page = client_for("counselor_x").get(URL).content.decode()

    assert "Search for the job seeker, then choose one." in page
    assert all(other.name not in page for other in others)
    assert '<select name="seeker"' not in page


def test_referral_new__preselected_seeker_and_vacancy__are_checked(world, client_for):
    page = client_for("counselor_x").get(URL, {"seeker": world.seeker_a.pk, "vacancy": world.vacancy_a.pk})
    html = page.content.decode()

    assert f'value="{world.seeker_a.pk}" id="id_seeker_0" checked' in html.replace("required ", "")
    assert "김하나" in html
    assert "A사 생산직" in html


def test_seeker_search__as_you_type__answers_the_centres_seekers_matching_the_name(world, client_for):
    SeekerFactory(booth=world.seeker_a.booth, name="김하늘")
    SeekerFactory(booth=world.seeker_b.booth, name="김하람")  # centre Y: not counselor_x's

    response = client_for("counselor_x").get(URL, {"find": "seeker", "seeker_q": "김하"}, **HTMX)
    html = response.content.decode()

    assert response.status_code == 200
    assert html.lstrip().startswith('<div id="seeker-options"')  # the fragment only, not the page
    assert "김하나" in html and "김하늘" in html
    assert "김하람" not in html


def test_seeker_search__by_the_last_four_phone_digits__finds_the_seeker(world, client_for):
    world.seeker_a.phone = "010-5555-2468"
    world.seeker_a.save()

    html = client_for("counselor_x").get(URL, {"find": "seeker", "seeker_q": "2468"}, **HTMX).content.decode()

    assert "김하나" in html
    assert "010-****-2468" in html  # the list shows the masked number


def test_seeker_search__without_a_match__says_so(world, client_for):
    html = client_for("counselor_x").get(URL, {"find": "seeker", "seeker_q": "없는이름"}, **HTMX).content.decode()

    assert "No job seeker of your centre matches “없는이름”." in html


def test_vacancy_search__by_a_word_of_the_title__finds_it(world, client_for):
    from jobcenter.models import Occupation

    # The search also reads occupation names (생산직 names a whole group): B's vacancy is an office job.
    office = Occupation.objects.filter(name_ko__contains="사무").exclude(name_ko__contains="생산").first()
    type(world.vacancy_b).objects.filter(pk=world.vacancy_b.pk).update(occupation=office)
    html = client_for("counselor_x").get(URL, {"find": "vacancy", "vacancy_q": "생산직"}, **HTMX).content.decode()

    assert "A사 생산직" in html
    assert "B사 사무직" not in html


def test_search_without_javascript__renders_the_page_with_results_and_keeps_what_was_filled_in(world, client_for):
    response = client_for("counselor_x").get(
        URL, {"find": "seeker", "seeker_q": "김하나", "vacancy": world.vacancy_a.pk, "note": "성실함"}
    )
    html = response.content.decode()

    assert "<h1>" in html
    assert "김하나" in html
    assert f'value="{world.vacancy_a.pk}"' in html
    assert "성실함" in html


def test_referral_new__chosen_from_search_results__is_created(world, client_for):
    give_consent(world.seeker_a)

    response = client_for("counselor_x").post(
        URL, {"seeker_q": "김하나", "seeker": world.seeker_a.pk, "vacancy": world.vacancy_a.pk, "note": ""}
    )

    referral = Referral.objects.get()
    assert response.url == reverse("matching:referral", args=[referral.pk])
    assert (referral.seeker, referral.vacancy) == (world.seeker_a, world.vacancy_a)


def test_referral_new__without_a_seeker__asks_to_search_and_saves_nothing(world, client_for):
    response = client_for("counselor_x").post(URL, {"vacancy": world.vacancy_a.pk})

    assert response.status_code == 200
    assert "Search for the job seeker and choose one." in response.content.decode()
    assert not Referral.objects.exists()


def test_referral_new__with_an_id_of_another_centres_seeker__is_refused_and_not_shown(world, client_for):
    give_consent(world.seeker_b)

    response = client_for("counselor_x").post(URL, {"seeker": world.seeker_b.pk, "vacancy": world.vacancy_a.pk})
    html = response.content.decode()

    assert "Choose a job seeker of your centre." in html
    assert "이두리" not in html
    assert not Referral.objects.exists()


def test_referral_new__with_a_malformed_or_huge_id__answers_the_form_not_a_500(world, client_for):
    client = client_for("counselor_x")
    for value in ("abc", "9" * 30, "-1"):
        response = client.post(URL, {"seeker": value, "vacancy": value, "seeker_q": value, "vacancy_q": value})
        assert response.status_code == 200
        assert "Choose a job seeker of your centre." in response.content.decode()
    assert not Referral.objects.exists()


def test_referral_new__page_size_and_queries__do_not_grow_with_the_centres_seekers(world, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("counselor_x")
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        small = client.get(URL, {"seeker": world.seeker_a.pk}).content
    SeekerFactory.create_batch(30, booth=world.seeker_a.booth)
    with CaptureQueriesContext(connection) as many:
        large = client.get(URL, {"seeker": world.seeker_a.pk}).content

    assert len(many) == len(few)
    assert abs(len(large) - len(small)) < 100  # only the CSRF token differs
