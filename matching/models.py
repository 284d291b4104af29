"""Referrals (취업알선), their interviews, placements (취업) and post-placement follow-ups (사후관리).

The matching scorer (a later issue) lives beside these; this module holds the referral workflow only.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jobcenter.fields import URLField
from jobcenter.models import EmploymentType, WageType


class ReferralState(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    SENT = "sent", _("Sent to employer")
    INTERVIEW_SCHEDULED = "interview_scheduled", _("Interview scheduled")
    INTERVIEWED = "interviewed", _("Interviewed")
    HIRED = "hired", _("Hired")
    NOT_HIRED = "not_hired", _("Not hired")
    DECLINED = "declined", _("Declined by seeker")
    NO_SHOW = "no_show", _("Did not attend")
    WITHDRAWN = "withdrawn", pgettext_lazy("referral", "Withdrawn")  # 알선 취소, not an event's withdrawal


OPEN_STATES = (
    ReferralState.PROPOSED,
    ReferralState.SENT,
    ReferralState.INTERVIEW_SCHEDULED,
    ReferralState.INTERVIEWED,
)
# Endings other than a hire carry a reason, because the centre reports on mismatches (미스매치).
NON_HIRE_ENDINGS = (
    ReferralState.NOT_HIRED,
    ReferralState.DECLINED,
    ReferralState.NO_SHOW,
    ReferralState.WITHDRAWN,
)
# States in which the employer owes an answer (schedule or decline; record the result).
WAITING_ON_EMPLOYER = (ReferralState.SENT, ReferralState.INTERVIEWED)


class EndingReason(models.TextChoices):
    WAGE = "wage", _("Wage")
    DISTANCE = "distance", _("Distance")
    HOURS = "hours", _("Working hours")
    QUALIFICATIONS = "qualifications", _("Qualifications")
    SEEKER_DECLINED = "seeker_declined", _("Seeker declined")
    EMPLOYER_NO_ANSWER = "employer_no_answer", _("Employer did not answer")
    OTHER = "other", _("Other")


class ReferralSource(models.TextChoices):
    COUNSELOR = "counselor", _("Counselor's proposal")
    INTEREST = "interest", _("Seeker's interest request")
    EVENT = "event", _("Event interview")
    APPLICATION = "application", _("Online application")  # the seeker applied (resumes.Application)
    EMPLOYER = "employer", _("Employer's request from the talent search")


class ReferralQuerySet(models.QuerySet):
    def open(self) -> "ReferralQuerySet":
        return self.filter(state__in=OPEN_STATES)

    def with_list_data(self, *, seeker: bool = True) -> "ReferralQuerySet":
        """Everything a referral list shows, in a fixed number of queries. `seeker=False` for one seeker's own
        referrals (`seeker.referrals`): the related manager sets each row's seeker, so joining it again is waste."""
        related = ("vacancy", "vacancy__company", "interview", "created_by")
        return self.select_related(*(("seeker", *related) if seeker else related))


class Referral(models.Model):
    """취업알선: a seeker proposed to a vacancy, tracked to an outcome."""

    seeker = models.ForeignKey(
        "seekers.Seeker", verbose_name=_("job seeker"), on_delete=models.PROTECT, related_name="referrals"
    )
    vacancy = models.ForeignKey(
        "employers.Vacancy", verbose_name=_("vacancy"), on_delete=models.PROTECT, related_name="referrals"
    )
    # The seeker's centre at the time of referral: the counselors of that centre work on it.
    centre = models.ForeignKey(
        "jobcenter.Centre", verbose_name=_("job centre"), on_delete=models.PROTECT, related_name="referrals"
    )
    state = models.CharField(_("state"), max_length=24, choices=ReferralState.choices, default=ReferralState.PROPOSED)
    source = models.CharField(
        _("origin"),
        max_length=16,
        choices=ReferralSource.choices,
        null=True,
        blank=True,
        default=ReferralSource.COUNSELOR,
        help_text=_("Who started the referral: a counselor, a seeker's interest request or an event."),
    )
    interest_id = models.PositiveBigIntegerField(
        _("interest request"), null=True, blank=True, help_text=_("The seeker's interest request it answers.")
    )
    ending_reason = models.CharField(
        _("ending reason"), max_length=24, choices=EndingReason.choices, blank=True, default=""
    )
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referred by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Set by the transition service on every state change.
    state_changed_at = models.DateTimeField(_("state changed at"), auto_now_add=True)
    # Since when the employer owes an answer; set by the transition service on entering a waiting state
    # and moved forward when a counselor chases the employer (referral_chase).
    waiting_since = models.DateTimeField(_("waiting on the employer since"), null=True, blank=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        constraints = [
            models.UniqueConstraint(
                fields=["seeker", "vacancy"],
                condition=models.Q(state__in=OPEN_STATES),
                name="referral_one_open_per_seeker_vacancy",
                violation_error_message=_("This seeker already has an open referral to this vacancy."),
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(state__in=NON_HIRE_ENDINGS, ending_reason__gt="")
                    | (~models.Q(state__in=NON_HIRE_ENDINGS) & models.Q(ending_reason=""))
                ),
                name="referral_ending_reason_only_on_non_hire_endings",
                violation_error_message=_("An ending other than a hire needs a reason, and only such an ending."),
            ),
        ]
        indexes = [
            models.Index(fields=["centre", "state"], name="referral_centre_state_idx"),
            models.Index(
                fields=["waiting_since"],
                name="referral_waiting_idx",
                condition=models.Q(state__in=WAITING_ON_EMPLOYER),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seeker} → {self.vacancy}"

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES


class ReferralTransition(models.Model):
    """One state change of a referral: who, when, from where to where, and why."""

    referral = models.ForeignKey(
        Referral, verbose_name=_("referral"), on_delete=models.CASCADE, related_name="transitions"
    )
    from_state = models.CharField(_("from"), max_length=24, choices=ReferralState.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=24, choices=ReferralState.choices)
    reason = models.CharField(_("reason"), max_length=24, choices=EndingReason.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("referral transition")
        verbose_name_plural = _("referral transitions")

    def __str__(self) -> str:
        return f"{self.referral_id}: {self.from_state} → {self.to_state}"


class Interview(models.Model):
    """The interview of a referral; scheduling again replaces the time and place."""

    referral = models.OneToOneField(
        Referral, verbose_name=_("referral"), on_delete=models.CASCADE, related_name="interview"
    )
    starts_at = models.DateTimeField(_("date and time"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_link = URLField(_("video link"), blank=True)
    accompanied = models.BooleanField(
        _("accompanied interview"),
        default=False,
        help_text=_("A counselor goes to the interview with the seeker (동행면접)."),
    )
    accompanied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accompanying counselor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accompanied_interviews",
    )
    # Set by referral_schedule_interview when the time is on a public holiday or outside 07:00–22:00.
    override_reason = models.CharField(
        _("reason for the exception"),
        max_length=200,
        blank=True,
        help_text=_("Why the interview is on a public holiday or outside 07:00–22:00."),
    )
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("scheduled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(place="", video_link=""),
                name="interview_has_place_or_link",
                violation_error_message=_("Give the place of the interview or a video link."),
            ),
        ]
        indexes = [
            models.Index(fields=["starts_at"], name="interview_accompanied_idx", condition=models.Q(accompanied=True))
        ]

    def __str__(self) -> str:
        return f"{self.referral} @ {self.starts_at:%Y-%m-%d %H:%M}"


class Placement(models.Model):
    """취업: a seeker started work, through a referral or on their own (self-reported)."""

    class Source(models.TextChoices):
        REFERRAL = "referral", _("Through a referral")
        SELF_REPORTED = "self_reported", _("Self-reported, without a referral")

    seeker = models.ForeignKey(
        "seekers.Seeker", verbose_name=_("job seeker"), on_delete=models.PROTECT, related_name="placements"
    )
    # The seeker's centre when placed, which counts the placement in its statistics.
    centre = models.ForeignKey(
        "jobcenter.Centre", verbose_name=_("job centre"), on_delete=models.PROTECT, related_name="placements"
    )
    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.REFERRAL)
    referral = models.OneToOneField(
        Referral,
        verbose_name=_("referral"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="placement",
    )
    vacancy = models.ForeignKey(
        "employers.Vacancy",
        verbose_name=_("vacancy"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="placements",
    )
    employer_name = models.CharField(
        _("employer"), max_length=100, help_text=_("The company's name, also when it is not registered here.")
    )
    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    start_date = models.DateField(_("start date"))
    employment_type = models.CharField(_("employment type"), max_length=16, choices=EmploymentType.choices)
    wage_type = models.CharField(_("wage type"), max_length=8, choices=WageType.choices, default=WageType.MONTHLY)
    wage_amount = models.PositiveIntegerField(_("wage (KRW)"))
    weekly_hours = models.PositiveSmallIntegerField(_("hours per week"))
    note = models.TextField(_("note"), blank=True)
    # Set by followup_record when a follow-up finds the seeker has left; no further follow-ups after it.
    left_on = models.DateField(_("left on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "-pk"]
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(source="referral", referral__isnull=False)
                    | models.Q(source="self_reported", referral__isnull=True)
                ),
                name="placement_source_matches_referral",
                violation_error_message=_("A placement through a referral names it; a self-reported one does not."),
            ),
            models.CheckConstraint(
                condition=models.Q(weekly_hours__lte=168),
                name="placement_weekly_hours_possible",
                violation_error_message=_("A week has at most 168 hours."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seeker} @ {self.employer_name} ({self.start_date})"


class FollowUp(models.Model):
    """사후관리: a contact due some months after a placement, and what it found."""

    class Outcome(models.TextChoices):
        EMPLOYED = "employed", _("Still employed")
        LEFT = "left", _("Left the job")
        UNREACHABLE = "unreachable", _("Could not be reached")

    placement = models.ForeignKey(
        Placement, verbose_name=_("placement"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    months = models.PositiveSmallIntegerField(_("months after start"))
    due_date = models.DateField(_("due date"))
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    left_reason = models.CharField(_("reason for leaving"), max_length=200, blank=True)
    note = models.TextField(_("note"), blank=True)
    contacted_at = models.DateTimeField(_("contacted at"), null=True, blank=True)
    contacted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contacted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["placement", "months"],
                name="follow_up_once_per_placement_and_month",
                violation_error_message=_("This follow-up already exists."),
            ),
            models.CheckConstraint(
                condition=models.Q(outcome="") | models.Q(contacted_at__isnull=False),
                name="follow_up_outcome_has_contact_time",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="left", left_reason=""),
                name="follow_up_left_has_reason",
                violation_error_message=_("Say why the seeker left the job."),
            ),
        ]
        indexes = [models.Index(fields=["due_date"], name="follow_up_open_idx", condition=models.Q(outcome=""))]

    def __str__(self) -> str:
        return f"{self.placement} · {self.months}"

    @property
    def is_done(self) -> bool:
        return bool(self.outcome)


from matching.scoring_models import *  # noqa: E402,F403  (the scorer's tables: matching/scoring_models.py)
