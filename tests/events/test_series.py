import datetime

import pytest

from events import services
from events.models import Event, EventKind, EventSeries
from events.scheduling import monthly_dates, weekly_dates
from tests.factories import UserFactory


def test_every_friday__skips_korean_public_holidays():
    # 2026-09-25 (Fri) is Chuseok.
    days = weekly_dates(weekdays=[4], first=datetime.date(2026, 9, 1), last=datetime.date(2026, 9, 30))
    assert days == [datetime.date(2026, 9, 4), datetime.date(2026, 9, 11), datetime.date(2026, 9, 18)]


def test_second_and_fourth_thursday__of_each_month():
    days = monthly_dates(
        weekday=3, weeks_of_month=[2, 4], first=datetime.date(2026, 4, 1), last=datetime.date(2026, 5, 31)
    )
    assert days == [
        datetime.date(2026, 4, 9),
        datetime.date(2026, 4, 23),
        datetime.date(2026, 5, 14),
        datetime.date(2026, 5, 28),
    ]


def test_monthly__skips_a_holiday_on_the_chosen_day():
    # The second Friday of October 2026 is Hangul Day (10-09).
    days = monthly_dates(
        weekday=4, weeks_of_month=[2], first=datetime.date(2026, 10, 1), last=datetime.date(2026, 10, 31)
    )
    assert days == []


@pytest.mark.django_db
def test_series_create__makes_one_open_event_per_date(world):
    counselor = world.users["counselor_x"]
    series = services.series_create(
        by=counselor,
        centre=world.centre_x,
        title="금요채용마당",
        kind=EventKind.INTERVIEW_DAY,
        rule=EventSeries.Rule.WEEKLY,
        weekday=4,
        first_date=datetime.date(2026, 9, 1),
        last_date=datetime.date(2026, 9, 30),
        start_time=datetime.time(14),
        end_time=datetime.time(16),
        venue="인천서부고용복지+센터 2층",
        co_hosts="인천서부고용복지+센터",
    )
    events = list(series.events.order_by("starts_at"))
    assert len(events) == 3
    assert all(e.state == Event.State.OPEN and e.sessions.count() == 1 for e in events)
    assert events[0].starts_at.hour in (14, 5)  # 14:00 in Seoul


@pytest.mark.django_db
def test_training_cohort__has_a_session_per_class_day_without_holidays():
    tz = datetime.timezone(datetime.timedelta(hours=9))
    event = services.event_create(
        by=UserFactory(counselor=True),
        centre=UserFactory(counselor=True).centre,
        kind=EventKind.TRAINING,
        title="청년 뉴딜 6주 과정",
        venue="시청 취업교육장",
        starts_at=datetime.datetime(2026, 9, 7, 10, tzinfo=tz),
        ends_at=datetime.datetime(2026, 10, 16, 13, tzinfo=tz),
        session_weekdays=[0, 2, 4],
    )
    # 6 weeks × 3 days = 18, less Chuseok 9/24–9/26 (Thu–Sat: the Friday), 10/5 and 10/9: 15
    assert event.sessions.count() == 15
