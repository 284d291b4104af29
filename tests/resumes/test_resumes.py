"""The résumé builder (이력서), its PDF in Korean, and the counselors' comments (이력서 클리닉)."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from resumes import services
from resumes.models import MAX_RESUMES_PER_SEEKER, Resume
from resumes.pdf import resume_pdf
from seekers.models import AccessRecord, Career, Certificate
from tests.resumes.factories import ResumeFactory


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def registered(world):
    seeker = world.seeker_a
    Career.objects.create(
        seeker=seeker, company="한빛산업", started_on=datetime.date(2019, 3, 2), ended_on=datetime.date(2023, 2, 28)
    )
    Certificate.objects.create(seeker=seeker, name="지게차운전기능사", acquired_on=datetime.date(2020, 5, 1))
    return seeker


def test_new_resume__takes_career_and_certificates_from_the_registration_and_keeps_the_sections(world, registered):
    client = world.client_for("seeker_a")
    form = client.get(reverse("resumes:new")).content.decode()
    assert "한빛산업" in form and "Why this job" in form  # the registration's facts, the usual sections
    response = client.post(
        reverse("resumes:new"),
        {
            "title": "생산직 지원용",
            "heading_0": "지원 동기",
            "body_0": "꼼꼼한 성격입니다.",
            "heading_1": "",
            "body_1": "",
        },
    )
    resume = Resume.objects.get()
    assert response["Location"] == reverse("resumes:detail", args=[resume.pk])
    assert resume.introduction == [{"heading": "지원 동기", "body": "꼼꼼한 성격입니다."}]
    preview = client.get(response["Location"]).content.decode()
    assert "한빛산업" in preview and "지게차운전기능사" in preview and "꼼꼼한 성격입니다." in preview


def test_resume__keeps_its_facts_until_refreshed_from_the_registration(world, registered):
    resume = services.resume_create(seeker=registered, title="A", introduction=[])
    Certificate.objects.create(seeker=registered, name="1종 보통")
    assert [c["name"] for c in Resume.objects.get().facts["certificates"]] == ["지게차운전기능사"]
    client = world.client_for("seeker_a")
    client.post(reverse("resumes:edit", args=[resume.pk]), {"title": "A", "refresh": "1"})
    assert {c["name"] for c in Resume.objects.get().facts["certificates"]} == {"지게차운전기능사", "1종 보통"}


def test_several_versions__up_to_the_limit(world, registered):
    for number in range(MAX_RESUMES_PER_SEEKER):
        services.resume_create(seeker=registered, title=f"버전 {number}", introduction=[])
    with pytest.raises(ValidationError, match="at most 10 résumés"):
        services.resume_create(seeker=registered, title="하나 더", introduction=[])
    assert Resume.objects.count() == MAX_RESUMES_PER_SEEKER


def test_pdf__is_in_korean_with_the_embedded_font(world, registered):
    resume = services.resume_create(
        seeker=registered, title="A", introduction=[{"heading": "입사 후 포부", "body": "현장 안전을 지키겠습니다."}]
    )
    with translation.override("ko"):
        content = resume_pdf(services.resume_document(resume))
        response = world.client_for("seeker_a").get(reverse("resumes:pdf", args=[resume.pk]))
    text = pdf_text(content)
    for expected in (
        "이력서",
        "김하나",
        "한빛산업",
        "2019. 3. 2. ~ 2023. 2. 28.",
        "지게차운전기능사",
        "자기소개서",
        "현장 안전",
    ):
        assert expected in text
    assert b"PretendardGOV" in content
    assert response["Content-Type"] == "application/pdf" and "filename" in response["Content-Disposition"]
    assert not AccessRecord.objects.exists()  # the seeker reading their own résumé is no access to log


def test_counselor__comments_and_the_seeker_sees_the_comment(world):
    resume = ResumeFactory(seeker=world.seeker_a)
    counselor = world.client_for("counselor_x")
    assert "Comment for the job seeker" in counselor.get(reverse("resumes:detail", args=[resume.pk])).content.decode()
    assert AccessRecord.objects.filter(user=world.users["counselor_x"], seeker=world.seeker_a, action="view").exists()
    counselor.post(reverse("resumes:comment", args=[resume.pk]), {"body": "담당 업무를 구체적으로 쓰세요."})
    page = world.client_for("seeker_a").get(reverse("resumes:detail", args=[resume.pk])).content.decode()
    assert "담당 업무를 구체적으로 쓰세요." in page and "Comment for the job seeker" not in page
    # The case page lists the seeker's résumés for the counselor.
    case = counselor.get(reverse("seekers:case", args=[world.seeker_a.pk])).content.decode()
    assert reverse("resumes:detail", args=[resume.pk]) in case


def test_counselor_of_another_centre__cannot_read_or_comment(world):
    resume = ResumeFactory(seeker=world.seeker_a)
    client = world.client_for("counselor_y")
    assert client.get(reverse("resumes:detail", args=[resume.pk])).status_code == 404
    assert client.post(reverse("resumes:comment", args=[resume.pk]), {"body": "x"}).status_code == 404
    assert not resume.comments.exists()


def test_deleting_a_resume__keeps_the_copy_an_application_sent(world):
    from tests.resumes.factories import ApplicationFactory

    application = ApplicationFactory(referral__seeker=world.seeker_a, referral__vacancy=world.vacancy_a)
    world.client_for("seeker_a").post(reverse("resumes:delete", args=[application.resume.pk]), {"confirm": "1"})
    application.refresh_from_db()
    assert application.resume is None and application.document["name"] == "김하나"


def test_deleting_a_resume__without_confirmation__asks_in_korean_and_deletes_nothing(world, settings):
    settings.LANGUAGE_CODE = "ko"
    resume = ResumeFactory(seeker=world.seeker_a, title="생산직 지원용")
    url = reverse("resumes:delete", args=[resume.pk])
    asked = world.client_for("seeker_a").post(url)
    page = asked.content.decode()
    assert asked.status_code == 200
    assert "이력서를 삭제할까요?" in page and "“생산직 지원용”" in page
    assert "이미 보낸 지원에는 기업이 받은 사본이 남습니다." in page
    assert f'action="{url}"' in page and 'name="confirm" value="1"' in page
    assert f'href="{reverse("resumes:detail", args=[resume.pk])}"' in page  # "no, go back"
    assert Resume.objects.filter(pk=resume.pk).exists()


def test_deleting_a_resume__with_confirmation__deletes_it(world):
    resume = ResumeFactory(seeker=world.seeker_a)
    response = world.client_for("seeker_a").post(reverse("resumes:delete", args=[resume.pk]), {"confirm": "1"})
    assert response.status_code == 302 and response["Location"] == reverse("resumes:list")
    assert not Resume.objects.filter(pk=resume.pk).exists()


@pytest.mark.parametrize("confirm", [{}, {"confirm": "1"}])
def test_deleting_a_resume__of_another_seeker__is_not_found_and_deletes_nothing(world, confirm):
    resume = ResumeFactory(seeker=world.seeker_a)
    response = world.client_for("seeker_b").post(reverse("resumes:delete", args=[resume.pk]), confirm)
    assert response.status_code == 404
    assert Resume.objects.filter(pk=resume.pk).exists()


def test_resume_page__delete_button_opens_the_question_in_a_modal(world, settings):
    settings.LANGUAGE_CODE = "ko"
    resume = ResumeFactory(seeker=world.seeker_a, title="생산직 지원용")
    page = world.client_for("seeker_a").get(reverse("resumes:detail", args=[resume.pk])).content.decode()
    assert 'data-confirm="confirm-delete-resume"' in page and '<dialog id="confirm-delete-resume"' in page
    assert "이력서를 삭제할까요?" in page and "“생산직 지원용”" in page
    # Only the owner is offered the button; the counselor reading it is not.
    counselor_page = world.client_for("counselor_x").get(reverse("resumes:detail", args=[resume.pk])).content.decode()
    assert "confirm-delete-resume" not in counselor_page
