"""The centre going out: field visits to companies, mobile counseling desks, partners, local-hire agreements.

Field visits (찾아가는 일자리 발굴단): a team plans visits on set weekdays, logs each visit (difficulties,
follow-ups, vacancies discovered). Mobile desks (찾아가는 취업상담실) hold sessions whose consultations and
registrations are the seekers app's own records, linked here. Partners (유관기관), local-hire agreements
(1사 1구민 채용) and letter campaigns complete the picture.
"""

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from jobcenter.models import Centre


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class DifficultyCategory(models.TextChoices):
    """애로사항: the fixed list a visit log records."""

    HIRING = "hiring", _("Hiring")
    WAGES_SUBSIDIES = "wages_subsidies", _("Wages and subsidies")
    TRAINING = "training", _("Training")
    WORKING_ENVIRONMENT = "working_environment", _("Working environment")
    FUNDING = "funding", _("Funding")
    REGULATION = "regulation", _("Regulation")
    OTHER = "other", _("Other")


class OutreachTeam(models.Model):
    """발굴단: usually two people (two counselors, or an official and a counselor)."""

    centre = models.ForeignKey(
        Centre, verbose_name=_("job centre"), on_delete=models.PROTECT, related_name="outreach_teams"
    )
    name = models.CharField(_("name"), max_length=100)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), related_name="outreach_teams", blank=True
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["centre", "name"]
        verbose_name = _("outreach team")
        verbose_name_plural = _("outreach teams")
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "name"],
                name="outreach_team_name_unique_in_centre",
                violation_error_message=_("This centre already has a team of that name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class VisitPlan(models.Model):
    """A series of visit days: on `weekdays` from `starts_on` to `ends_on`, public holidays skipped."""

    centre = models.ForeignKey(Centre, verbose_name=_("job centre"), on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(OutreachTeam, verbose_name=_("team"), on_delete=models.PROTECT, related_name="plans")
    title = models.CharField(_("title"), max_length=120)
    weekdays = ArrayField(
        models.PositiveSmallIntegerField(choices=Weekday.choices),
        verbose_name=_("visit days"),
        help_text=_("The weekdays the team goes out."),
    )
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = _("visit plan")
        verbose_name_plural = _("visit plans")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="visit_plan_ends_after_start",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
            models.CheckConstraint(
                condition=models.Q(weekdays__len__gt=0),
                name="visit_plan_has_weekdays",
                violation_error_message=_("Choose at least one weekday."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class VisitPlanTarget(models.Model):
    """A company the plan means to visit, on one of the plan's days, in route order."""

    plan = models.ForeignKey(VisitPlan, verbose_name=_("visit plan"), on_delete=models.CASCADE, related_name="targets")
    company = models.ForeignKey(
        "employers.Company", verbose_name=_("company"), on_delete=models.CASCADE, related_name="+"
    )
    scheduled_on = models.DateField(_("scheduled on"))
    position = models.PositiveSmallIntegerField(_("order in the day's route"), default=0)

    class Meta:
        ordering = ["scheduled_on", "position", "pk"]
        verbose_name = _("planned visit")
        verbose_name_plural = _("planned visits")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "company"],
                name="visit_plan_target_unique",
                violation_error_message=_("This company is already in the plan."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scheduled_on} {self.company}"


class Visit(models.Model):
    """One visit to one company, logged in the field; may be saved as a draft and finished later."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        COMPLETED = "completed", _("Completed")

    # Allowed status changes; `visit_complete` and `visit_reopen` refuse anything else.
    TRANSITIONS = {Status.DRAFT: {Status.COMPLETED}, Status.COMPLETED: {Status.DRAFT}}

    centre = models.ForeignKey(Centre, verbose_name=_("job centre"), on_delete=models.PROTECT, related_name="+")
    team = models.ForeignKey(
        OutreachTeam, verbose_name=_("team"), null=True, blank=True, on_delete=models.PROTECT, related_name="visits"
    )
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("visitors"), related_name="+")
    plan_target = models.OneToOneField(
        VisitPlanTarget,
        verbose_name=_("planned visit"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="visit",
    )
    company = models.ForeignKey(
        "employers.Company", verbose_name=_("company"), on_delete=models.PROTECT, related_name="outreach_visits"
    )
    visited_on = models.DateField(_("date of visit"))
    person_met = models.CharField(_("person met"), max_length=100, blank=True)
    person_met_role = models.CharField(_("their position"), max_length=50, blank=True)
    employee_count = models.PositiveIntegerField(_("number of employees"), null=True, blank=True)
    business_conditions = models.TextField(_("business conditions"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("logged by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        ordering = ["-visited_on", "-pk"]
        verbose_name = _("field visit")
        verbose_name_plural = _("field visits")
        indexes = [models.Index(fields=["centre", "visited_on"], name="outreach_visit_centre_date_idx")]

    def __str__(self) -> str:
        return f"{self.visited_on} {self.company}"


class VisitHistory(models.Model):
    """What happened to a visit and its follow-ups, and who did it."""

    class Action(models.TextChoices):
        CREATED = "created", _("Logged")
        UPDATED = "updated", _("Updated")
        COMPLETED = "completed", _("Completed")
        REOPENED = "reopened", _("Reopened")
        FOLLOW_UP_DONE = "follow_up_done", _("Follow-up done")

    visit = models.ForeignKey(Visit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="history")
    action = models.CharField(_("action"), max_length=16, choices=Action.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("visit history entry")
        verbose_name_plural = _("visit history")

    def __str__(self) -> str:
        return f"{self.visit} · {self.get_action_display()}"


class VisitDifficulty(models.Model):
    """애로사항: one category of difficulty the company told the team about."""

    visit = models.ForeignKey(Visit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="difficulties")
    category = models.CharField(_("category"), max_length=24, choices=DifficultyCategory.choices)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["visit", "category"]
        verbose_name = _("difficulty")
        verbose_name_plural = _("difficulties")
        constraints = [
            models.UniqueConstraint(
                fields=["visit", "category"],
                name="visit_difficulty_unique",
                violation_error_message=_("This difficulty is already recorded for the visit."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_category_display()


class FollowUpAction(models.Model):
    """Something promised on a visit; it sits on its owner's worklist until done."""

    visit = models.ForeignKey(Visit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="follow_ups")
    description = models.CharField(_("action"), max_length=300)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="outreach_follow_ups"
    )
    due_on = models.DateField(_("due date"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("done by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")
        indexes = [
            models.Index(
                fields=["owner", "due_on"], name="outreach_follow_up_open_idx", condition=models.Q(done_at__isnull=True)
            )
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def is_done(self) -> bool:
        return self.done_at is not None


class DiscoveredVacancy(models.Model):
    """A vacancy found on a visit: the draft vacancy made for the company, linked to the visit."""

    visit = models.ForeignKey(
        Visit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="discovered_vacancies"
    )
    vacancy = models.OneToOneField(
        "employers.Vacancy", verbose_name=_("vacancy"), on_delete=models.CASCADE, related_name="found_on_visit"
    )

    class Meta:
        verbose_name = _("discovered vacancy")
        verbose_name_plural = _("discovered vacancies")

    def __str__(self) -> str:
        return str(self.vacancy)


class MobileDesk(models.Model):
    """찾아가는 취업상담실: a desk at a library, community centre or station on set days of the month."""

    centre = models.ForeignKey(Centre, verbose_name=_("job centre"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    place = models.CharField(_("place"), max_length=100, help_text=_("For example 반포도서관 1층 로비."))
    address = models.CharField(_("address"), max_length=200, blank=True)
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    weeks_of_month = ArrayField(
        models.PositiveSmallIntegerField(),
        verbose_name=_("weeks of the month"),
        blank=True,
        default=list,
        help_text=_("For example 2 and 4 for the 2nd and 4th Thursday; none for every week."),
    )
    starts_at = models.TimeField(_("opens at"), null=True, blank=True)
    ends_at = models.TimeField(_("closes at"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["centre", "name"]
        verbose_name = _("mobile counseling desk")
        verbose_name_plural = _("mobile counseling desks")
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "name"],
                name="mobile_desk_name_unique_in_centre",
                violation_error_message=_("This centre already has a desk of that name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class DeskSession(models.Model):
    """One day the desk was open, with the staff present. Its counts come from the linked records."""

    desk = models.ForeignKey(MobileDesk, verbose_name=_("desk"), on_delete=models.PROTECT, related_name="sessions")
    held_on = models.DateField(_("date"))
    staff = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("staff present"), related_name="+")
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("desk session")
        verbose_name_plural = _("desk sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["desk", "held_on"],
                name="desk_session_unique_per_day",
                violation_error_message=_("This desk already has a session on that day."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.desk} {self.held_on}"


class PartnerInstitution(models.Model):
    """유관기관."""

    class Kind(models.TextChoices):
        EMPLOYMENT_WELFARE_CENTRE = "employment_welfare", _("Employment-welfare centre")
        COLLEGE = "college", _("College")
        NGO = "ngo", _("Non-profit organisation")
        WELFARE_OFFICE = "welfare_office", _("Welfare office")
        TRAINING_PROVIDER = "training_provider", _("Training provider")

    centre = models.ForeignKey(Centre, verbose_name=_("job centre"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    services = models.TextField(_("services"), blank=True, help_text=_("What the institution offers our seekers."))

    class Meta:
        ordering = ["name"]
        verbose_name = _("partner institution")
        verbose_name_plural = _("partner institutions")
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "name"],
                name="partner_name_unique_in_centre",
                violation_error_message=_("This centre already has a partner of that name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PartnerLinkage(models.Model):
    """A seeker sent to a partner for a service, with the seeker's consent, and what came of it."""

    class Outcome(models.TextChoices):
        PENDING = "pending", _("Pending")
        RECEIVED = "received", _("Service received")
        DECLINED = "declined", _("Declined by the seeker")
        NOT_ELIGIBLE = "not_eligible", _("Not eligible")

    class ConsentChannel(models.TextChoices):
        IN_PERSON = "in_person", _("In person, signed")
        PHONE = "phone", _("By phone")

    partner = models.ForeignKey(
        PartnerInstitution, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="linkages"
    )
    seeker = models.ForeignKey(
        "seekers.Seeker", verbose_name=_("job seeker"), on_delete=models.CASCADE, related_name="partner_linkages"
    )
    service = models.CharField(_("service"), max_length=200)
    # Allowed outcome changes; `partner_linkage_record_outcome` refuses anything else.
    TRANSITIONS = {
        Outcome.PENDING: {Outcome.RECEIVED, Outcome.DECLINED, Outcome.NOT_ELIGIBLE},
        Outcome.RECEIVED: set(),
        Outcome.DECLINED: set(),
        Outcome.NOT_ELIGIBLE: set(),
    }

    consent_channel = models.CharField(_("consent given"), max_length=12, choices=ConsentChannel.choices)
    consent_at = models.DateTimeField(_("consent recorded at"))
    consent_taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("consent taken by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, default=Outcome.PENDING)
    outcome_notes = models.TextField(_("outcome notes"), blank=True)
    outcome_recorded_at = models.DateTimeField(_("outcome recorded at"), null=True, blank=True)
    outcome_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("outcome recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("linked by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("partner linkage")
        verbose_name_plural = _("partner linkages")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome="pending", outcome_recorded_at__isnull=True)
                | (~models.Q(outcome="pending") & models.Q(outcome_recorded_at__isnull=False)),
                name="partner_linkage_outcome_has_time",
                violation_error_message=_("An outcome other than pending needs the time it was recorded."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seeker} → {self.partner}"


class LocalHireAgreement(models.Model):
    """지역주민 우선채용 MOU / 1사 1구민 채용: a company or institution agrees to hire residents first."""

    centre = models.ForeignKey(Centre, verbose_name=_("job centre"), on_delete=models.PROTECT, related_name="+")
    company = models.ForeignKey(
        "employers.Company",
        verbose_name=_("company"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="local_hire_agreements",
    )
    party_name = models.CharField(
        _("company or institution"), max_length=100, help_text=_("As named in the agreement.")
    )
    signed_on = models.DateField(_("signed on"))
    job_types = models.CharField(_("job types covered"), max_length=300)
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["-signed_on"]
        verbose_name = _("local-hire agreement")
        verbose_name_plural = _("local-hire agreements")

    def __str__(self) -> str:
        return self.party_name


class Campaign(models.Model):
    """A letter to a chosen set of companies; its effect is the vacancies they register afterwards."""

    centre = models.ForeignKey(Centre, verbose_name=_("job centre"), on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=120)
    letter = models.TextField(
        _("letter"), help_text=_("{company} and {contact} are replaced with each company's name and contact person.")
    )
    sent_on = models.DateField(_("sent on"))
    # The filter the companies were chosen with, kept to show how the list was made.
    criteria = models.JSONField(_("selection criteria"), default=dict, blank=True)
    companies = models.ManyToManyField("employers.Company", verbose_name=_("companies"), related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_on", "-pk"]
        verbose_name = _("campaign")
        verbose_name_plural = _("campaigns")

    def __str__(self) -> str:
        return self.name


class DeskSessionRegistration(models.Model):
    """A seeker registered at a desk session (the seekers app's own registration, tagged with the session)."""

    session = models.ForeignKey(
        DeskSession, verbose_name=_("desk session"), on_delete=models.CASCADE, related_name="registration_links"
    )
    seeker = models.OneToOneField(
        "seekers.Seeker", verbose_name=_("job seeker"), on_delete=models.CASCADE, related_name="desk_registration"
    )

    class Meta:
        verbose_name = _("registration at a desk session")
        verbose_name_plural = _("registrations at desk sessions")

    def __str__(self) -> str:
        return f"{self.session}: {self.seeker}"


class DeskSessionConsultation(models.Model):
    """A consultation taken at a desk session (the seekers app's own record, tagged with the session)."""

    session = models.ForeignKey(
        DeskSession, verbose_name=_("desk session"), on_delete=models.CASCADE, related_name="consultation_links"
    )
    consultation = models.OneToOneField(
        "seekers.Consultation", verbose_name=_("consultation"), on_delete=models.CASCADE, related_name="desk_link"
    )

    class Meta:
        verbose_name = _("consultation at a desk session")
        verbose_name_plural = _("consultations at desk sessions")

    def __str__(self) -> str:
        return f"{self.session}: {self.consultation_id}"


class AgreementHire(models.Model):
    """A hire (placement) made under a local-hire agreement."""

    agreement = models.ForeignKey(
        LocalHireAgreement, verbose_name=_("agreement"), on_delete=models.CASCADE, related_name="hires"
    )
    placement = models.OneToOneField(
        "matching.Placement", verbose_name=_("placement"), on_delete=models.CASCADE, related_name="local_hire"
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("linked by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    linked_at = models.DateTimeField(_("linked at"), auto_now_add=True)

    class Meta:
        ordering = ["-linked_at"]
        verbose_name = _("hire under an agreement")
        verbose_name_plural = _("hires under agreements")

    def __str__(self) -> str:
        return f"{self.agreement}: {self.placement_id}"
