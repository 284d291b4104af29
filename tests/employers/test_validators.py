import datetime

import pytest
from django.core.exceptions import ValidationError

from employers.validators import (
    business_number_is_valid,
    find_age_limit,
    validate_business_number,
    validate_minimum_wage,
    validate_no_age_limit,
)
from jobcenter.models import WageType
from tests.employers.factories import business_number


@pytest.mark.parametrize("number", ["1048118233", "104-81-18233", "2208162517", "1138114599"])
def test_business_number__with_a_correct_check_digit__is_accepted(number):
    validate_business_number(number)


def test_business_number__factory_numbers__are_all_valid():
    assert all(business_number_is_valid(business_number(n)) for n in range(200))


def test_business_number__with_a_wrong_check_digit__is_refused_with_a_clear_message():
    with pytest.raises(ValidationError) as error:
        validate_business_number("1048118234")
    assert "check digit" in error.value.messages[0]


@pytest.mark.parametrize("number", ["12345", "abcdefghij", "10481182330", ""])
def test_business_number__not_ten_digits__is_refused(number):
    with pytest.raises(ValidationError) as error:
        validate_business_number(number)
    assert "10 digits" in error.value.messages[0]


@pytest.mark.parametrize(
    "text",
    [
        "만 35세 이하",
        "40세 미만 지원 가능",
        "나이 제한 있음",
        "연령제한: 45세",
        "20~35세",
        "30대 우대",
        "1990년생 이후",
        "Age limit: 35",
        "applicants aged under 40",
        "35 years old or younger",
    ],
)
def test_age_limit_phrases__are_found(text):
    assert find_age_limit(text)
    with pytest.raises(ValidationError) as error:
        validate_no_age_limit(text)
    assert "age" in error.value.messages[0]


@pytest.mark.parametrize(
    "text",
    [
        "지게차 운전기능사 우대",
        "나이 제한 없음",
        "연령 무관",
        "10세 이하 아동 돌봄 보조",
        "경력 3년 이상",
        "주 40시간",
        "",
    ],
)
def test_texts_without_an_age_limit__pass(text):
    assert find_age_limit(text) is None


@pytest.mark.django_db
def test_monthly_wage__below_209_hours_of_the_minimum__is_refused():
    on = datetime.date(2026, 3, 1)
    validate_minimum_wage(wage_type=WageType.MONTHLY, amount=10320 * 209, on=on)
    with pytest.raises(ValidationError) as error:
        validate_minimum_wage(wage_type=WageType.MONTHLY, amount=10320 * 209 - 1, on=on)
    assert "2,156,880" in error.value.messages[0]


@pytest.mark.django_db
def test_hourly_wage__below_the_minimum_of_its_year__is_refused():
    validate_minimum_wage(wage_type=WageType.HOURLY, amount=10030, on=datetime.date(2025, 6, 1))
    with pytest.raises(ValidationError):
        validate_minimum_wage(wage_type=WageType.HOURLY, amount=10030, on=datetime.date(2026, 6, 1))


@pytest.mark.django_db
def test_part_time_monthly_wage__is_compared_pro_rata():
    on = datetime.date(2026, 3, 1)
    validate_minimum_wage(wage_type=WageType.MONTHLY, amount=1_100_000, on=on, weekly_hours=20)
    with pytest.raises(ValidationError):
        validate_minimum_wage(wage_type=WageType.MONTHLY, amount=1_000_000, on=on, weekly_hours=20)


@pytest.mark.django_db
def test_minimum_wage__is_read_once__and_again_when_a_row_is_saved_or_deleted(django_assert_num_queries):
    from employers.validators import minimum_hourly_wage, minimum_wages_forget
    from jobcenter.models import MinimumWage

    minimum_wages_forget()
    with django_assert_num_queries(1):  # the table once, then from this process's copy
        assert minimum_hourly_wage(2026) == 10320
        assert minimum_hourly_wage(2099) == minimum_hourly_wage(2099)

    row = MinimumWage.objects.create(year=2099, hourly=99_999)  # an administrator adds a year: seen at once
    assert minimum_hourly_wage(2099) == 99_999
    row.delete()
    assert minimum_hourly_wage(2099) != 99_999
