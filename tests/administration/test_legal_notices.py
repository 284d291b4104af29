"""The footer's legal notices (issue 27): 개인정보 처리방침 and 이용약관, written by the administrator."""

import pytest
from django.urls import reverse

from jobcenter.models import LegalNotice

pytestmark = pytest.mark.django_db


def test_the_privacy_policy__written_by_the_administrator__is_what_every_footer_links_to(world):
    response = world.client_for("admin").post(
        reverse("administration:legal_notice_edit", args=["privacy"]),
        {
            "text": "1. 개인정보의 처리 목적\n\n센터는 취업 지원을 위해 개인정보를 처리합니다.",
            "effective_from": "2026-12-01",
        },
    )

    assert response.status_code == 302
    board = world.client_for("anonymous").get(reverse("employers:board")).content.decode()
    assert reverse("legal_notice", args=["privacy"]) in board and reverse("legal_notice", args=["terms"]) in board
    page = world.client_for("anonymous").get(reverse("legal_notice", args=["privacy"])).content.decode()
    assert "<p>센터는 취업 지원을 위해 개인정보를 처리합니다.</p>" in page


def test_a_notice_not_yet_written__says_so_instead_of_an_empty_page(world):
    page = world.client_for("anonymous").get(reverse("legal_notice", args=["terms"])).content.decode()

    assert "has not been published yet" in page


def test_an_empty_text__is_refused_and_the_published_one_stays(world):
    LegalNotice.objects.create(kind="terms", text="제1조(목적)", effective_from="2026-01-01")

    response = world.client_for("admin").post(
        reverse("administration:legal_notice_edit", args=["terms"]), {"text": "   ", "effective_from": "2026-12-01"}
    )

    assert response.status_code == 400 and LegalNotice.objects.get(kind="terms").text == "제1조(목적)"


@pytest.mark.parametrize("principal", ["manager_x", "counselor_x"])
def test_managers_and_counselors__cannot_change_a_legal_notice(world, principal):
    response = world.client_for(principal).post(
        reverse("administration:legal_notice_edit", args=["privacy"]), {"text": "x", "effective_from": "2026-12-01"}
    )

    assert response.status_code == 403 and not LegalNotice.objects.exists()
