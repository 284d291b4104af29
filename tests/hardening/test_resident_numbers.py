"""Resident registration numbers (주민등록번호) in free text: refused in every form with a message, nothing saved, and
found where they are already stored (jobcenter/security/resident_numbers.py)."""

import pytest
from django import forms
from django.urls import reverse

from jobcenter.security.resident_numbers import find_resident_numbers, records_with_resident_numbers
from seekers.models import Consultation

CONSULTATION = {
    "channel": "visit",
    "started_at": "2025-03-04T10:00",
    "duration_minutes": "30",
    "topics": ["resume"],
    "next_action_due": "2025-03-10",
}


@pytest.mark.parametrize(
    "text",
    [
        "950302-2345678",  # the probe's note: hyphenated, issued after 2020 (no check digit)
        "주민번호 950302 - 2345678 확인함",
        "8001011234560",  # bare 13 digits with a valid check digit
        "외국인 900101-5234563",
    ],
)
def test_find__sees_resident_numbers(text):
    assert find_resident_numbers(text)


@pytest.mark.parametrize(
    "text",
    [
        "8001011234567",  # bare 13 digits, check digit wrong: an account or parcel number
        "951302-2345678",  # month 13: no birth date
        "950302-9345678",  # 9 is no century and sex digit
        "010-1234-5678",
        "123-45-67890",
        "2025-03-04 상담, 다음 방문 2025-03-10",
    ],
)
def test_find__leaves_other_numbers_alone(text):
    assert not find_resident_numbers(text)


def test_a_consultation_note_with_a_resident_number__is_refused_with_a_message_and_not_saved(world):
    client = world.client_for("counselor_x")
    response = client.post(
        reverse("seekers:consultation_new", kwargs={"pk": world.seeker_a.pk}),
        {**CONSULTATION, "notes": "본인 확인: 950302-2345678"},
    )
    assert response.status_code in (200, 400)
    assert "resident registration number" in response.content.decode()
    assert not Consultation.objects.exists()


def test_the_message__is_korean_by_default(world, settings):
    settings.LANGUAGE_CODE = "ko"
    response = world.client_for("counselor_x").post(
        reverse("seekers:consultation_new", kwargs={"pk": world.seeker_a.pk}),
        {**CONSULTATION, "notes": "950302-2345678"},
    )
    assert "주민등록번호를 지우십시오" in response.content.decode()


def test_every_form_charfield__refuses_them_but_passwords_are_left_alone():
    class AnyForm(forms.Form):
        comment = forms.CharField(widget=forms.Textarea)
        password = forms.CharField(widget=forms.PasswordInput)

    form = AnyForm({"comment": "연락처 950302-2345678", "password": "950302-2345678"})
    assert not form.is_valid()
    assert list(form.errors) == ["comment"]


def test_the_finder__reports_stored_numbers_by_table_row_and_field(world):
    world.seeker_a.address_detail = "101동 950302-2345678"
    world.seeker_a.save(update_fields=["address_detail"])
    findings = list(records_with_resident_numbers())
    assert [(f.model, f.pk, f.field) for f in findings] == [("seekers.Seeker", world.seeker_a.pk, "address_detail")]


def test_seeker_import__a_resident_number_in_a_cell__is_flagged_and_nothing_imported(world):
    import io

    from seekers.models import Seeker

    client = world.client_for("counselor_x")
    rows = "external_ref,name,birth_date,phone,address\nR-1,김하늘,1995-03-02,010-1234-0001,950302-2345678\n"
    file = io.BytesIO(rows.encode())
    file.name = "seekers.csv"
    preview = client.post(
        reverse("seekers:import"), {"file": file, "booth": world.seeker_a.booth_id}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "address: remove the resident registration number" in preview.content.decode()
    assert not preview.context["clean"]
    client.post(reverse("seekers:import"), {"action": "confirm", "token": preview.context.get("token", "")})
    assert not Seeker.objects.filter(external_ref="R-1").exists()
