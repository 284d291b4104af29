"""Two-character keywords (조리, 물류) on the job board are found exactly (through the syllable-pair index at scale:
bench/vacancy_search.py and docs/scaling.md)."""

from django.urls import reverse

from tests.employers.factories import VacancyFactory


def test_board__two_character_keyword__finds_the_vacancies_that_contain_it(world, client):
    VacancyFactory(company=world.company_a, published=True, title="단체급식 조리원")
    VacancyFactory(company=world.company_a, published=True, title="물류센터 상하차")
    VacancyFactory(company=world.company_a, title="조리 보조 (작성 중)")  # not published

    html = client.get(reverse("employers:board"), {"q": "조리"}).content.decode()

    assert "단체급식 조리원" in html
    assert "물류센터 상하차" not in html
    assert "조리 보조 (작성 중)" not in html


def test_board__two_character_words_with_a_longer_one__all_must_appear(world, client):
    VacancyFactory(company=world.company_a, published=True, title="지게차 물류 관리", duties="입출고")
    VacancyFactory(company=world.company_a, published=True, title="물류 사무", duties="전화 응대")

    html = client.get(reverse("employers:board"), {"q": "물류 지게차"}).content.decode()

    assert "지게차 물류 관리" in html
    assert "물류 사무" not in html
