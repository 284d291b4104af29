"""Writes of résumés, their comments, and online applications (입사지원).

An application is a referral: `application_create` writes the referral (already "sent to employer", source
"online application") with its first log row, and the Application row beside it with the résumé as sent and the
consent. From there on the referral state machine (matching.services) moves it, as any referral.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from employers.models import Vacancy, contact_emails, member_emails
from jobcenter.models import EducationLevel, User
from jobcenter.notifications import notify
from matching.models import Referral, ReferralSource, ReferralState, ReferralTransition
from resumes.models import INTRODUCTION_HEADINGS, MAX_RESUMES_PER_SEEKER, Application, Resume, ResumeComment
from seekers.models import Seeker

MAX_MESSAGE_LENGTH = 1000


# --- Résumé -----------------------------------------------------------------------------------


def resume_facts(seeker: Seeker) -> dict:
    """What a résumé takes from the registration: education, career history, certificates, desired jobs."""
    return {
        "education": str(EducationLevel(seeker.education_level).label) if seeker.education_level else "",
        "major": seeker.major,
        "careers": [
            {
                "company": career.company,
                "occupation": career.occupation.name if career.occupation_id else "",
                "started_on": career.started_on.isoformat(),
                "ended_on": career.ended_on.isoformat() if career.ended_on else "",
                "duties": career.duties,
            }
            for career in seeker.careers.select_related("occupation").order_by("-started_on")
        ],
        "certificates": [
            {
                "name": certificate.name,
                "acquired_on": certificate.acquired_on.isoformat() if certificate.acquired_on else "",
            }
            for certificate in seeker.certificates.order_by("kind", "name")
        ],
        "desired_occupations": [occupation.name for occupation in seeker.desired_occupations.all()],
    }


def default_introduction() -> list[dict]:
    return [{"heading": str(heading), "body": ""} for heading in INTRODUCTION_HEADINGS]


def _clean_introduction(introduction: list[dict]) -> list[dict]:
    """Sections with a heading or a text, in order; a text without a heading is kept under "Self-introduction"."""
    sections = []
    for section in introduction:
        heading, body = (section.get("heading") or "").strip(), (section.get("body") or "").strip()
        if heading or body:
            sections.append({"heading": heading or _("Self-introduction"), "body": body})
    return sections


@transaction.atomic
def resume_create(*, seeker: Seeker, title: str, introduction: list[dict]) -> Resume:
    """A new version, with the registration's facts as they are now. At most MAX_RESUMES_PER_SEEKER."""
    # Locks the seeker's row: two quick clicks cannot both pass the count.
    Seeker.objects.select_for_update().filter(pk=seeker.pk).first()
    if Resume.objects.filter(seeker=seeker).count() >= MAX_RESUMES_PER_SEEKER:
        raise ValidationError(
            _("You can keep at most %(count)d résumés. Delete one you no longer use first.")
            % {"count": MAX_RESUMES_PER_SEEKER},
            code="too_many",
        )
    return Resume.objects.create(
        seeker=seeker,
        title=title.strip(),
        facts=resume_facts(seeker),
        introduction=_clean_introduction(introduction),
    )


def resume_update(*, resume: Resume, title: str, introduction: list[dict], refresh: bool = False) -> Resume:
    resume.title = title.strip()
    resume.introduction = _clean_introduction(introduction)
    fields = ["title", "introduction", "updated_at"]
    if refresh:
        resume.facts = resume_facts(resume.seeker)
        fields.append("facts")
    resume.save(update_fields=fields)
    return resume


def resume_delete(*, resume: Resume) -> None:
    """Applications already sent keep their copy of it (Application.document)."""
    resume.delete()


def resume_comment_add(*, resume: Resume, by: User, body: str) -> ResumeComment:
    body = body.strip()
    if not body:
        raise ValidationError(_("Write the comment."), code="empty")
    comment = ResumeComment.objects.create(resume=resume, author=by, body=body)
    seeker = resume.seeker
    notify(
        template="resumes_seeker_comment",
        context={"seeker": seeker, "resume": resume},
        email=seeker.email,
        phone=seeker.phone,
        key=f"resume-comment:{comment.pk}",
    )
    return comment


def resume_document(resume: Resume) -> dict:
    """Everything the résumé shows, as plain data: the page, the PDF and the copy an application keeps."""
    seeker = resume.seeker
    return {
        "title": resume.title,
        "name": seeker.name,
        "phone": seeker.phone,
        "email": seeker.email,
        **resume.facts,
        "introduction": resume.introduction,
    }


# --- Online application -----------------------------------------------------------------------


def consent_wording(vacancy: Vacancy) -> str:
    """What the seeker agrees to by applying; shown before sending and kept word for word with the application."""
    return _(
        "By applying, you give the résumé you choose — your name, phone number, e-mail address, education, career "
        "history, certificates and self-introduction — to %(company)s, for this vacancy only. No other employer sees "
        "it. The job centre keeps a record of the application and your counselor can see it. The company uses the "
        "résumé only to decide on this application."
    ) % {"company": vacancy.company.name}


def application_problem(vacancy: Vacancy, *, today=None) -> str:
    """Why `vacancy` takes no online application now ("" when it does)."""
    today = today or timezone.localdate()
    if vacancy.status != Vacancy.Status.PUBLISHED:
        return _("This vacancy is not open for applications.")
    if not vacancy.accepts_online_applications:
        return _("This employer takes candidates only through the job centre. Ask your counselor for a referral.")
    if vacancy.deadline and vacancy.deadline < today:
        return _("The application deadline has passed.")
    if vacancy.openings_free <= 0:
        return _("All openings of this vacancy have been filled.")
    return ""


@transaction.atomic
def application_create(
    *, seeker: Seeker, vacancy: Vacancy, resume: Resume, message: str = "", consent: bool, by: User
) -> Application:
    """The seeker applies with `resume`: a referral sent to the employer at once, source "online application".
    Refused (nothing saved) without the consent, for a résumé not theirs, or a vacancy that takes none now."""
    if not consent:
        raise ValidationError(
            _("Agree to give your résumé to this employer; without it the application cannot be sent."),
            code="no_consent",
        )
    if seeker.status == Seeker.Status.CLOSED or seeker.anonymised_at is not None:
        raise ValidationError(
            _("Your job seeker registration is closed. Ask the job centre to open it again before applying."),
            code="registration_closed",
        )
    if resume.seeker_id != seeker.pk:
        raise ValidationError(_("Choose one of your own résumés."), code="not_your_resume")
    message = message.strip()
    if len(message) > MAX_MESSAGE_LENGTH:
        raise ValidationError(
            _("The message is too long (at most %(count)d characters).") % {"count": MAX_MESSAGE_LENGTH},
            code="too_long",
        )
    vacancy = (
        Vacancy.objects.select_for_update(of=("self",))
        .select_related("company")
        .annotate(member_emails=member_emails(OuterRef("company")))
        .get(pk=vacancy.pk)
    )
    problem = application_problem(vacancy)
    if problem:
        raise ValidationError(problem, code="closed")
    now = timezone.now()
    try:
        with transaction.atomic():  # a savepoint: the refused insert leaves this transaction usable
            referral = Referral.objects.create(
                seeker=seeker,
                vacancy=vacancy,
                centre_id=seeker.centre_id,
                state=ReferralState.SENT,
                source=ReferralSource.APPLICATION,
                note="",
                created_by=by,
                waiting_since=now,
            )
    except IntegrityError as error:
        if "referral_one_open_per_seeker_vacancy" in str(error):
            raise ValidationError(
                _("You have already applied to this vacancy (or your counselor has referred you to it)."),
                code="duplicate",
            ) from error
        raise
    ReferralTransition.objects.create(
        referral=referral,
        from_state="",
        to_state=ReferralState.SENT,
        note=_("Online application by the job seeker."),
        by=by,
    )
    application = Application.objects.create(
        referral=referral,
        resume=resume,
        document=resume_document(resume),
        message=message,
        consent_wording=consent_wording(vacancy),
        consented_at=now,
    )
    Seeker.objects.filter(pk=seeker.pk).update(last_activity_at=now)
    context = {"vacancy": vacancy, "company": vacancy.company, "seeker": seeker, "application": application}
    for email in contact_emails(vacancy.company.contact_email, vacancy.member_emails):
        notify(
            template="resumes_employer_new_application",
            context=context,
            email=email,
            key=f"application:{application.pk}:employer:{email}",
        )
    notify(
        template="resumes_seeker_application_sent",
        context=context,
        email=seeker.email,
        phone=seeker.phone,
        key=f"application:{application.pk}:sent",
    )
    return application


@transaction.atomic
def application_give_opinion(*, application: Application, by: User, opinion: str, note: str = "") -> Application:
    """The counselor supports the application or advises against it; the seeker is told. Giving it again replaces
    it. Kept on the application, not in the referral's log: the employer reads that log, and advice against an
    application is between the counselor and the seeker (the employer sees only a support)."""
    if opinion not in Application.Opinion.values:
        raise ValidationError(_("Choose whether you support the application or advise against it."), code="invalid")
    application = (
        Application.objects.select_for_update()
        .select_related("referral__seeker", "referral__vacancy__company")
        .get(pk=application.pk)
    )
    referral = application.referral
    if not referral.is_open:
        raise ValidationError(_("This application has already ended."), code="ended")
    note = note.strip()
    application.counselor_opinion = opinion
    application.counselor_note = note
    application.opinion_by = by
    application.opinion_at = timezone.now()
    application.save(update_fields=["counselor_opinion", "counselor_note", "opinion_by", "opinion_at"])
    seeker = referral.seeker
    notify(
        template="resumes_seeker_opinion",
        context={"seeker": seeker, "vacancy": referral.vacancy, "application": application},
        email=seeker.email,
        phone=seeker.phone,
        key=f"application:{application.pk}:opinion:{application.opinion_at.isoformat()}",
    )
    return application
