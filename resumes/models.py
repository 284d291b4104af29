"""Résumés (이력서) a seeker builds from their registration, the counselors' comments on them (이력서 클리닉),
and online applications (입사지원): a referral started by the seeker, with the résumé they chose to send.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The sections a Korean self-introduction (자기소개서) usually has; the seeker may rename or leave any empty.
INTRODUCTION_HEADINGS = (
    _("Background"),  # 성장 과정
    _("Strengths and weaknesses"),  # 성격의 장단점
    _("Why this job"),  # 지원 동기
    _("Plans after joining"),  # 입사 후 포부
)
MAX_RESUMES_PER_SEEKER = 10


class Resume(models.Model):
    """One version of a seeker's résumé: a title, the registration's facts as of the last refresh, and a
    self-introduction in sections."""

    seeker = models.ForeignKey(
        "seekers.Seeker", verbose_name=_("job seeker"), on_delete=models.CASCADE, related_name="resumes"
    )
    title = models.CharField(
        _("title"), max_length=80, help_text=_("For your own use, for example “For production jobs”.")
    )
    # Education, career and certificates copied from the registration by resume_refresh (resumes.services): the
    # résumé keeps what it said even when the registration changes later, until the seeker refreshes it.
    facts = models.JSONField(_("facts from the registration"), default=dict, blank=True)
    # [{"heading": str, "body": str}, …] in the order shown.
    introduction = models.JSONField(_("self-introduction"), default=list, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["-updated_at", "-pk"]
        verbose_name = _("résumé")
        verbose_name_plural = _("résumés")

    def __str__(self) -> str:
        return self.title


class ResumeComment(models.Model):
    """이력서 클리닉: a counselor's advice on a résumé, shown to the seeker."""

    resume = models.ForeignKey(Resume, verbose_name=_("résumé"), on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("counselor"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    body = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("résumé comment")
        verbose_name_plural = _("résumé comments")

    def __str__(self) -> str:
        return f"{self.resume_id}: {self.body[:30]}"


class Application(models.Model):
    """입사지원: the seeker's own application to a vacancy. It IS a referral (source "online application") in the
    referral state machine; this row holds what only an application has: the résumé sent, the message, the consent."""

    class Opinion(models.TextChoices):
        SUPPORT = "support", _("Supports the application")
        ADVISE_AGAINST = "advise_against", _("Advises against it")

    referral = models.OneToOneField(
        "matching.Referral", verbose_name=_("referral"), on_delete=models.CASCADE, related_name="application"
    )
    resume = models.ForeignKey(
        Resume,
        verbose_name=_("résumé"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
        help_text=_("The version chosen; the employer sees the copy taken when the application was sent."),
    )
    # The résumé as sent (resumes.services.resume_document): the employer's copy does not change when the seeker
    # edits or deletes the résumé afterwards.
    document = models.JSONField(_("résumé as sent"), default=dict)
    message = models.TextField(_("message to the employer"), max_length=1000, blank=True)
    # The consent: the explanation shown before sending, word for word, and when the seeker agreed to it.
    consent_wording = models.TextField(_("consent shown"))
    consented_at = models.DateTimeField(_("consent given at"))
    counselor_opinion = models.CharField(
        _("counselor's opinion"), max_length=16, choices=Opinion.choices, blank=True, default=""
    )
    counselor_note = models.TextField(_("counselor's note"), max_length=1000, blank=True)
    opinion_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opinion by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opinion_at = models.DateTimeField(_("opinion given at"), null=True, blank=True)

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("online application")
        verbose_name_plural = _("online applications")

    def __str__(self) -> str:
        return f"{self.referral}"
