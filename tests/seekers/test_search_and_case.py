import datetime
import io

import pytest
from django.urls import reverse

from seekers.models import AccessRecord, Seeker
from seekers.selectors import SeekerSearch, seeker_search, seekers_for_user
from tests.seekers.factories import ConsultationFactory, SeekerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def names(world):
    booth = world.seeker_a.booth
    for name, phone, born in [
        ("김민준", "010-1111-2345", datetime.date(1985, 3, 1)),
        ("김민서", "010-2222-6789", datetime.date(1992, 7, 8)),
        ("이서연", "010-3333-2345", datetime.date(1985, 12, 31)),
        ("박준민", "010-4444-0000", datetime.date(1970, 1, 1)),
    ]:
        SeekerFactory(booth=booth, name=name, phone=phone, birth_date=born)


def found(world, **search) -> set[str]:
    queryset = seekers_for_user(world.users["counselor_x"])
    return set(seeker_search(queryset, SeekerSearch(**search)).values_list("name", flat=True))


def test_search__two_syllables__finds_them_anywhere_in_the_name(world, names):
    assert found(world, name="김민") == {"김민준", "김민서"}
    assert found(world, name="민준") == {"김민준"}
    assert found(world, name="서연") == {"이서연"}


def test_search__three_syllables_and_one(world, names):
    assert found(world, name="김민준") == {"김민준"}
    assert found(world, name="준") == {"김민준", "박준민"}


def test_search__phone_tail_birth_year_and_status(world, names):
    assert found(world, phone_tail="2345") == {"김민준", "이서연"}
    assert found(world, birth_year=1985) == {"김민준", "이서연"}
    assert found(world, status="closed") == set()


def test_search__a_whole_phone_number_pasted__searches_by_its_last_four_digits(world, names):
    client = world.client_for("counselor_x")
    page = client.get(reverse("seekers:list"), {"phone_tail": "010-1111-2345"}).content.decode()
    assert "김민준" in page and "이서연" in page and "김민서" not in page
    refused = client.get(reverse("seekers:list"), {"phone_tail": "=2345"}).content.decode()
    assert "김민준" not in refused


def test_search__target_group_and_desired_occupation(world):
    from jobcenter.models import Occupation

    seeker = SeekerFactory(booth=world.seeker_a.booth, name="최청년", target_groups=["youth"])
    seeker.desired_occupations.add(Occupation.objects.get(code="81"))
    assert found(world, target_group="youth") == {"최청년"}
    assert found(world, occupation="8") == {"최청년"}
    assert found(world, occupation="81") == {"최청년"}


def test_search__never_reaches_another_centre(world):
    assert found(world, name="이두") == set()
    assert "이두리" not in world.client_for("counselor_x").get(reverse("seekers:list")).content.decode()


def test_list__masks_phone_and_birth_date_and_counts_queries(world, names, django_assert_max_num_queries):
    client = world.client_for("counselor_x")
    with django_assert_max_num_queries(12):
        page = client.get(reverse("seekers:list")).content.decode()
    assert "010-****-2345" in page and "1985-**-**" in page
    assert "010-1111-2345" not in page and "1985-03-01" not in page


def test_list__htmx_returns_only_the_results(world, names):
    response = world.client_for("counselor_x").get(reverse("seekers:list"), {"name": "김민"}, HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "김민준" in page and "<html" not in page


def test_case_page__shows_full_values_and_writes_an_access_record(world):
    world.seeker_a.phone = "010-5555-1234"
    world.seeker_a.save()
    client = world.client_for("counselor_x")
    page = client.get(reverse("seekers:case", args=[world.seeker_a.pk]), REMOTE_ADDR="10.1.2.3").content.decode()
    assert "010-5555-1234" in page
    record = AccessRecord.objects.get()
    assert (record.user, record.seeker, record.action, record.ip_address) == (
        world.users["counselor_x"],
        world.seeker_a,
        "view",
        "10.1.2.3",
    )
    records_page = world.client_for("manager_x").get(reverse("seekers:access_records")).content.decode()
    assert "counselor_x" in records_page and "10.1.2.3" in records_page


def test_access_records__of_another_centre__are_not_shown_to_a_manager(world):
    world.client_for("counselor_y").get(reverse("seekers:case", args=[world.seeker_b.pk]))
    page = world.client_for("manager_x").get(reverse("seekers:access_records")).content.decode()
    assert "counselor_y" not in page


def test_export__writes_one_access_record_per_seeker(world, names):
    response = world.client_for("counselor_x").post(
        reverse("seekers:export") + "?name=김민", {"purpose": "report"}  # exports ask for a reason
    )
    body = b"".join(response.streaming_content).decode()
    assert "010-1111-2345" in body and "김민서" in body
    assert AccessRecord.objects.filter(action="export").count() == 2


def test_timeline__merges_consultations_newest_first_and_loads_more_with_htmx(world):
    from django.utils import timezone

    for days in range(12):
        ConsultationFactory(
            seeker=world.seeker_a,
            counselor=world.users["counselor_x"],
            started_at=timezone.now() - datetime.timedelta(days=days),
            notes=f"상담메모{days}",
        )
    client = world.client_for("counselor_x")
    url = reverse("seekers:case", args=[world.seeker_a.pk])
    page = client.get(url).content.decode()
    assert page.index("상담메모0") < page.index("상담메모1")
    assert "상담메모11" not in page
    more = client.get(url, {"timeline": 2}, HTTP_HX_REQUEST="true").content.decode()
    assert "상담메모11" in more and "<html" not in more
    assert AccessRecord.objects.count() == 1  # loading more of the timeline is not another opening


def test_timeline__pages_a_long_history_newest_first_across_sources__each_source_read_only_to_the_page_end(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from outreach.models import PartnerLinkage
    from tests.outreach.factories import PartnerLinkageFactory

    now = timezone.now()
    for days in range(1, 26):
        ConsultationFactory(
            seeker=world.seeker_a,
            counselor=world.users["counselor_x"],
            started_at=now - datetime.timedelta(days=days),
            notes=f"상담메모{days}",
        )
    # More linkages than the first page reads: eleven made 30 to 40 days ago, still pending, and one made 400 days
    # ago (the oldest entry) whose outcome was recorded today (among the newest).
    for days in range(30, 41):
        pending = PartnerLinkageFactory(seeker=world.seeker_a, partner__centre=world.seeker_a.centre)
        PartnerLinkage.objects.filter(pk=pending.pk).update(created_at=now - datetime.timedelta(days=days))
    linkage = PartnerLinkageFactory(
        seeker=world.seeker_a,
        partner__centre=world.seeker_a.centre,
        service="주거급여 연계",
        received=True,
        outcome_notes="연계결과메모",
    )
    PartnerLinkage.objects.filter(pk=linkage.pk).update(created_at=now - datetime.timedelta(days=400))
    client = world.client_for("counselor_x")
    url = reverse("seekers:case", args=[world.seeker_a.pk])

    def timeline(page=None) -> str:
        html = client.get(url, {"timeline": page} if page else {}).content.decode()
        return html.split('id="timeline"')[1]

    with CaptureQueriesContext(connection) as captured:
        first = timeline()
    consultations = [
        query["sql"]
        for query in captured.captured_queries
        if '"seekers_consultation"' in query["sql"]
        # not the next-action panel's one row (the latest consultation's 다음 조치, seekers/hooks.py)
        and 'ORDER BY "seekers_consultation"."next_action_due"' not in query["sql"]
    ]
    assert consultations and all("LIMIT 11" in sql for sql in consultations)
    assert first.index("연계결과메모") < first.index("상담메모1<") < first.index("상담메모2<")
    assert "상담메모9<" in first and "상담메모10<" not in first and "주거급여 연계" not in first
    assert "?timeline=2" in first

    second = timeline(2)
    assert "상담메모10<" in second and "상담메모9<" not in second and "?timeline=3" in second
    assert timeline("abc") == first  # a bad number: the first page

    last = timeline(999)  # past the end: the last page, with the oldest entry and nothing older to show
    assert "주거급여 연계" in last and "연계결과메모" not in last
    assert "?timeline=" not in last


def test_case_page__shows_the_refer_link_only_when_referrals_exist(world):
    from django.urls import NoReverseMatch

    page = world.client_for("counselor_x").get(reverse("seekers:case", args=[world.seeker_a.pk])).content.decode()
    try:
        refer_url = reverse("matching:referral_new")
    except NoReverseMatch:
        assert "?seeker=" not in page
    else:
        assert f"{refer_url}?seeker={world.seeker_a.pk}" in page


def test_consultation__logged_through_the_page_appears_on_the_timeline(world):
    client = world.client_for("counselor_x")
    response = client.post(
        reverse("seekers:consultation_new", args=[world.seeker_a.pk]),
        {
            "channel": "mobile_desk",
            "started_at": "2025-03-04T10:00",
            "duration_minutes": "40",
            "topics": ["resume", "interview"],
            "notes": "이력서 첨삭",
            "next_action": "면접 동행",
            "next_action_due": "2025-03-10",
        },
    )
    assert response.status_code == 302
    consultation = world.seeker_a.consultations.get()
    assert consultation.channel == "mobile_desk" and consultation.counselor == world.users["counselor_x"]
    assert "이력서 첨삭" in client.get(reverse("seekers:case", args=[world.seeker_a.pk])).content.decode()


def test_consultation__due_date_without_next_action__is_refused(world):
    response = world.client_for("counselor_x").post(
        reverse("seekers:consultation_new", args=[world.seeker_a.pk]),
        {
            "channel": "visit",
            "started_at": "2025-03-04T10:00",
            "duration_minutes": "30",
            "next_action_due": "2025-03-10",
        },
    )
    assert response.status_code == 200 and not world.seeker_a.consultations.exists()


CSV_BAD = """external_ref,name,birth_date,phone,desired_occupations,target_groups
A-1,정하늘,1990-02-03,010-1234-0001,81,youth
A-2,X,1990-02-30,12,99,disabled
"""
CSV_GOOD = """external_ref,name,birth_date,phone,desired_occupations,target_groups,consent_sensitive
A-1,정하늘,1990-02-03,010-1234-0001,81,youth,
A-2,윤바다,1979-11-11,01012340002,53;62,disabled,Y
"""


def upload(client, world, content: str, name: str = "seekers.csv"):
    file = io.BytesIO(content.encode() if isinstance(content, str) else content)
    file.name = name
    return client.post(reverse("seekers:import"), {"file": file, "booth": world.seeker_a.booth_id})


def test_import__rows_with_errors__are_shown_and_nothing_is_saved(world):
    page = upload(world.client_for("counselor_x"), world, CSV_BAD).content.decode()
    assert "birth_date" in page and "phone" in page and "unknown codes 99" in page and "consent_sensitive" in page
    assert not Seeker.objects.filter(external_ref__in=["A-1", "A-2"]).exists()


def test_import__clean_file__is_saved_on_confirm_and_a_second_import_creates_nothing(world):
    client = world.client_for("counselor_x")
    preview = upload(client, world, CSV_GOOD)
    assert not Seeker.objects.filter(external_ref="A-1").exists()
    client.post(reverse("seekers:import"), {"action": "confirm", "token": preview.context["token"]})
    assert Seeker.objects.filter(centre=world.centre_x, external_ref__in=["A-1", "A-2"]).count() == 2
    seeker = Seeker.objects.get(external_ref="A-2")
    assert seeker.phone == "010-1234-0002" and seeker.has_active_consent("sensitive")
    assert sorted(seeker.desired_occupations.values_list("code", flat=True)) == ["53", "62"]
    again = upload(client, world, CSV_GOOD)
    assert again.context["new_count"] == 0
    client.post(reverse("seekers:import"), {"action": "confirm", "token": again.context["token"]})
    assert Seeker.objects.filter(external_ref__in=["A-1", "A-2"]).count() == 2


def test_import__reads_excel_files(world):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["external_ref", "name", "birth_date", "phone"])
    sheet.append(["X-9", "강엑셀", datetime.date(1980, 5, 5), "010-9999-0001"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client = world.client_for("counselor_x")
    preview = upload(client, world, buffer.getvalue(), name="old.xlsx")
    assert preview.context["clean"]
    client.post(reverse("seekers:import"), {"action": "confirm", "token": preview.context["token"]})
    assert Seeker.objects.get(external_ref="X-9").birth_date == datetime.date(1980, 5, 5)
