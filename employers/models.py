"""Companies (구인업체), the people who use the portal for them, and their vacancies (구인표).

Core models laid down with the foundation; the employers capability owns and extends them.
"""

import secrets

from django.conf import settings
from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models.functions import Cast, Concat, Upper
from django.utils.translation import gettext_lazy as _

from jobcenter.models import (
    Centre,
    EducationLevel,
    EmploymentType,
    Industry,
    Occupation,
    Region,
    TargetGroup,
    WageType,
)


class Company(models.Model):
    class Size(models.TextChoices):
        MICRO = "1-4", _("1–4 employees")
        SMALL = "5-49", _("5–49 employees")
        MEDIUM = "50-299", _("50–299 employees")
        LARGE = "300+", _("300 or more employees")

    class Source(models.TextChoices):
        PORTAL = "portal", _("Signed up on the portal")
        COUNSELOR = "counselor", _("Recorded by a counselor")
        FIELD_VISIT = "field_visit", _("Met on a field visit")
        IMPORT = "import", _("Imported")

    # The centre that serves the company (the one of its region); counselors see their centre's companies.
    centre = models.ForeignKey(Centre, verbose_name=_("job centre"), on_delete=models.PROTECT, related_name="companies")
    name = models.CharField(_("company name"), max_length=100)
    business_number = models.CharField(
        _("business registration number"),
        max_length=10,
        unique=True,
        help_text=_("사업자등록번호: 10 digits."),
        error_messages={"unique": _("A company with this business registration number is already registered.")},
    )
    representative = models.CharField(_("representative"), max_length=50, blank=True)
    industry = models.ForeignKey(
        Industry, verbose_name=_("industry"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    size = models.CharField(_("size"), max_length=8, choices=Size.choices, blank=True)
    employee_count = models.PositiveIntegerField(_("number of employees"), null=True, blank=True)
    region = models.ForeignKey(
        Region, verbose_name=_("region"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=50, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.PORTAL)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    external_ref = models.CharField(_("external reference"), max_length=64, null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("company")
        verbose_name_plural = _("companies")
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "external_ref"],
                name="company_external_ref_unique_in_centre",
                condition=models.Q(external_ref__isnull=False),
                violation_error_message=_("Another company of this centre has that external reference."),
            ),
            models.CheckConstraint(
                condition=models.Q(business_number__regex=r"^[0-9]{10}$"),
                name="company_business_number_ten_digits",
                violation_error_message=_("A business registration number has 10 digits."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.verified_at is not None


class CompanyMember(models.Model):
    """An employer account acting for a company; several can share one company."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, verbose_name=_("account"), on_delete=models.CASCADE, related_name="company_membership"
    )
    company = models.ForeignKey(Company, verbose_name=_("company"), on_delete=models.CASCADE, related_name="members")
    joined_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        verbose_name = _("company member")
        verbose_name_plural = _("company members")

    def __str__(self) -> str:
        return f"{self.user} @ {self.company}"


def member_emails(company) -> ArraySubquery:
    """An expression for annotations: the e-mail addresses of `company`'s accounts, oldest account first. `company` is
    the outer row's company (`OuterRef("vacancy__company")`) or a company's id. Read with the row it annotates."""
    return _emails(CompanyMember.objects.filter(company=company))


def vacancy_member_emails(vacancy) -> ArraySubquery:
    """`member_emails` of the company of `vacancy`, the outer row's vacancy (`OuterRef("vacancy")`): it refers to a
    column of the outer row's own table only, as jobcenter.queries.annotation_sql needs."""
    return _emails(CompanyMember.objects.filter(company__vacancies=vacancy))


def _emails(members) -> ArraySubquery:
    return ArraySubquery(members.order_by("pk").values("user__email"))


def contact_emails(contact_email: str, member_emails) -> list[str]:
    """Where a company is told: its accounts' addresses, then its contact address, each once and none empty."""
    return list(dict.fromkeys(email for email in [*member_emails, contact_email] if email))


class ApplicationMethod(models.TextChoices):
    """How a vacancy takes candidates: the centre's referrals always; online applications when the employer wants."""

    CENTRE = "centre", _("Through the job centre only")
    ONLINE = "online", _("Online applications")
    BOTH = "both", _("Online applications and through the job centre")


class Vacancy(models.Model):
    """구인표: one job order of one company."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        PUBLISHED = "published", _("Published")
        FILLED = "filled", _("Filled")
        CLOSED = "closed", _("Closed")
        EXPIRED = "expired", _("Expired")

    class Source(models.TextChoices):
        PORTAL = "portal", _("Employer portal")
        COUNSELOR = "counselor", _("Counselor")
        FIELD_VISIT = "field_visit", _("Field visit")
        JOB_FAIR = "job_fair", _("Job fair")
        INTERVIEW_ROOM = "interview_room", _("Permanent interview room")
        IMPORT = "import", _("Imported")

    company = models.ForeignKey(Company, verbose_name=_("company"), on_delete=models.CASCADE, related_name="vacancies")
    # Always the company's centre; vacancy services set it.
    centre = models.ForeignKey(Centre, verbose_name=_("job centre"), on_delete=models.PROTECT, related_name="vacancies")
    title = models.CharField(_("title"), max_length=120)
    # Drafts (a field visit, a phone call) may be incomplete; submit and publish check completeness.
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("occupation"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    duties = models.TextField(_("duties"), blank=True, default="")
    openings = models.PositiveSmallIntegerField(_("number of openings"), default=1)
    # Kept equal to the number of placements recorded against the vacancy by the placement services.
    openings_filled = models.PositiveSmallIntegerField(_("openings filled"), default=0)
    employment_type = models.CharField(
        _("employment type"), max_length=16, choices=EmploymentType.choices, default=EmploymentType.FULL_TIME
    )
    wage_type = models.CharField(_("wage type"), max_length=8, choices=WageType.choices, default=WageType.MONTHLY)
    wage_amount = models.PositiveIntegerField(_("wage (KRW)"), null=True, blank=True)
    working_days = models.CharField(_("working days"), max_length=100, blank=True, help_text=_("For example Mon–Fri."))
    working_hours = models.CharField(
        _("working hours"), max_length=100, blank=True, help_text=_("For example 09:00–18:00.")
    )
    weekly_hours = models.PositiveSmallIntegerField(_("hours per week"), null=True, blank=True)
    shifts = models.CharField(
        _("shifts"), max_length=100, blank=True, help_text=_("For example day shift only, or two shifts in rotation.")
    )
    region = models.ForeignKey(
        Region, verbose_name=_("workplace region"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    address = models.CharField(_("workplace address"), max_length=200, blank=True)
    education_required = models.CharField(
        _("education required"), max_length=16, choices=EducationLevel.choices, default=EducationLevel.NONE
    )
    experience_years = models.PositiveSmallIntegerField(_("years of experience required"), default=0)
    certificates_required = models.CharField(_("certificates required"), max_length=200, blank=True)
    suitable_for = ArrayField(
        models.CharField(max_length=24, choices=TargetGroup.choices),
        verbose_name=_("suitable for"),
        default=list,
        blank=True,
    )
    benefits = models.TextField(_("benefits"), blank=True)
    deadline = models.DateField(_("application deadline"), null=True, blank=True)
    contact = models.CharField(_("contact"), max_length=200, blank=True)
    hiring_steps = models.CharField(_("hiring steps"), max_length=200, blank=True)
    accepts_accompanied_interview = models.BooleanField(_("accepts accompanied interviews"), default=True)
    application_method = models.CharField(
        _("how to apply"),
        max_length=8,
        choices=ApplicationMethod.choices,
        default=ApplicationMethod.CENTRE,
        help_text=_("Whether job seekers may apply online with their résumé, only through the job centre, or both."),
    )
    source = models.CharField(_("source"), max_length=16, choices=Source.choices, default=Source.PORTAL)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.DRAFT)
    review_comment = models.TextField(_("review comment"), blank=True)
    external_ref = models.CharField(_("external reference"), max_length=64, null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    # The text the job board searches (upper-cased for case-free matching); PostgreSQL keeps it current.
    search_text = models.GeneratedField(
        expression=Upper(
            Concat(
                "title",
                models.Value(" "),
                "duties",
                models.Value(" "),
                "certificates_required",
                output_field=models.TextField(),
            )
        ),
        output_field=models.TextField(),
        db_persist=True,
    )

    # The wage as a monthly amount (hourly × 209), for the board's wage filter and sort; PostgreSQL keeps it.
    monthly_wage = models.GeneratedField(
        expression=models.Case(
            models.When(wage_type="hourly", then=models.F("wage_amount") * 209),
            default=models.F("wage_amount"),
            output_field=models.BigIntegerField(),
        ),
        output_field=models.BigIntegerField(),
        db_persist=True,
    )

    # What the job pays in a month, like with like for the board's wage filter: a monthly wage as it is; an hourly
    # wage × 209 hours (a 40-hour week with its paid weekly rest), pro rata for a shorter week as the minimum-wage
    # check does (employers/validators.py). A part-time hourly job is not counted as if it were full time.
    monthly_pay = models.GeneratedField(
        expression=models.Case(
            models.When(
                wage_type="hourly",
                weekly_hours__gt=0,
                weekly_hours__lt=40,
                then=Cast("wage_amount", models.BigIntegerField()) * models.F("weekly_hours") * 209 / 40,
            ),
            models.When(wage_type="hourly", then=Cast("wage_amount", models.BigIntegerField()) * 209),
            default=Cast("wage_amount", models.BigIntegerField()),
            output_field=models.BigIntegerField(),
        ),
        output_field=models.BigIntegerField(),
        db_persist=True,
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("vacancy")
        verbose_name_plural = _("vacancies")
        indexes = [
            GinIndex(OpClass("search_text", name="gin_trgm_ops"), name="vacancy_search_trgm"),
            # Two-syllable Korean keywords (조리, 물류, 경비) have no trigram, so the index above cannot serve them:
            # the text's syllable pairs (seekers' name function) can. Published vacancies only, like the board.
            GinIndex(
                models.Func(
                    models.F("search_text"),
                    function="seekers_name_bigrams",
                    output_field=ArrayField(models.TextField()),
                ),
                name="vacancy_search_bigrams",
                condition=models.Q(status="published"),
            ),
            # The board's three sorts, over published vacancies only.
            models.Index(
                models.F("published_at").desc(),
                models.F("id").desc(),
                name="vacancy_published_idx",
                condition=models.Q(status="published"),
            ),
            models.Index(
                models.F("deadline").asc(nulls_last=True),
                models.F("id").desc(),
                name="vacancy_board_deadline_idx",
                condition=models.Q(status="published"),
            ),
            models.Index(
                models.F("monthly_wage").desc(nulls_last=True),
                models.F("id").desc(),
                name="vacancy_board_wage_idx",
                condition=models.Q(status="published"),
            ),
            models.Index(fields=["status", "deadline"], name="vacancy_status_deadline_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(openings__gte=1),
                name="vacancy_has_openings",
                violation_error_message=_("A vacancy has at least one opening."),
            ),
            models.CheckConstraint(
                condition=models.Q(openings_filled__lte=models.F("openings")),
                name="vacancy_not_overfilled",
                violation_error_message=_("All openings of this vacancy are filled."),
            ),
            models.UniqueConstraint(
                fields=["centre", "external_ref"],
                name="vacancy_external_ref_unique_in_centre",
                condition=models.Q(external_ref__isnull=False),
                violation_error_message=_("Another vacancy of this centre has that external reference."),
            ),
            models.CheckConstraint(
                condition=~models.Q(status="published") | models.Q(wage_amount__isnull=False),
                name="vacancy_published_has_wage",
                violation_error_message=_("A published vacancy states its wage."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.company})"

    @property
    def accepts_online_applications(self) -> bool:
        return self.application_method in (ApplicationMethod.ONLINE, ApplicationMethod.BOTH)

    @property
    def accepts_centre_referral_requests(self) -> bool:
        return self.application_method in (ApplicationMethod.CENTRE, ApplicationMethod.BOTH)

    @property
    def openings_free(self) -> int:
        return self.openings - self.openings_filled

    @property
    def suitable_for_labels(self) -> list[str]:
        """The target groups' names. An ArrayField with choices has no get_..._display: templates that called one
        printed an empty "적합 대상"."""
        return [str(TargetGroup(value).label) for value in self.suitable_for if value in TargetGroup.values]

    @property
    def workplace(self) -> str:
        """The workplace once: the region's full name, then what the address adds to it. Addresses are often typed
        with the region in front ("인천광역시 서구 ...", "인천 서구 ...", or only "인천광역시 서구"); those leading
        words are dropped when they name (or shorten) a level of the region: the page never prints the place twice."""
        region = self.region.full_name if self.region_id else ""
        words = self.address.split()
        names, level = [], self.region if self.region_id else None
        while level is not None:  # the addresses are Korean whatever the page's language
            names += [*level.name_ko.split(), *level.name_en.split()]
            level = level.parent
        while words and any(name.startswith(words[0]) and len(words[0]) >= 2 for name in names):
            words.pop(0)
        return " ".join(part for part in (region, " ".join(words)) if part)

    def days_left(self, today=None) -> int | None:
        """Days until the application deadline (0 on the day itself); None without a deadline."""
        if self.deadline is None:
            return None
        from django.utils import timezone

        return (self.deadline - (today or timezone.localdate())).days


class VacancyEvent(models.Model):
    """The history of a vacancy: one row per state change, written by the vacancy services."""

    vacancy = models.ForeignKey(Vacancy, verbose_name=_("vacancy"), on_delete=models.CASCADE, related_name="events")
    from_status = models.CharField(_("from"), max_length=12, choices=Vacancy.Status.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=12, choices=Vacancy.Status.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    comment = models.TextField(_("comment"), blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("vacancy event")
        verbose_name_plural = _("vacancy events")

    def __str__(self) -> str:
        return f"{self.vacancy_id}: {self.from_status} → {self.to_status}"


class Interest(models.Model):
    """A seeker marked interest in a published vacancy on the board: a referral request for their counselor."""

    seeker = models.ForeignKey(
        "seekers.Seeker", verbose_name=_("job seeker"), on_delete=models.CASCADE, related_name="vacancy_interests"
    )
    vacancy = models.ForeignKey(Vacancy, verbose_name=_("vacancy"), on_delete=models.CASCADE, related_name="interests")
    created_at = models.DateTimeField(_("marked at"), auto_now_add=True)
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("interest in a vacancy")
        verbose_name_plural = _("interests in vacancies")
        constraints = [
            models.UniqueConstraint(
                fields=["seeker", "vacancy"],
                name="interest_once_per_seeker_and_vacancy",
                violation_error_message=_("You have already marked interest in this vacancy."),
            ),
        ]
        indexes = [
            models.Index(fields=["seeker"], name="interest_open_idx", condition=models.Q(handled_at__isnull=True))
        ]

    def __str__(self) -> str:
        return f"{self.seeker} → {self.vacancy}"


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


class CompanyInvitation(models.Model):
    """An invitation to act for a company on the portal: for a company a counselor recorded, or a colleague."""

    company = models.ForeignKey(
        Company, verbose_name=_("company"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mail"))
    token = models.CharField(_("token"), max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("invited by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("company invitation")
        verbose_name_plural = _("company invitations")

    def __str__(self) -> str:
        return f"{self.email} → {self.company}"


class Bulletin(models.Model):
    """취업정보지: one printable issue of a centre's current vacancies."""

    centre = models.ForeignKey(Centre, verbose_name=_("job centre"), on_delete=models.CASCADE, related_name="bulletins")
    issue_date = models.DateField(_("issue date"))
    pdf = models.BinaryField(_("PDF"))
    vacancy_count = models.PositiveIntegerField(_("number of vacancies"), default=0)
    created_at = models.DateTimeField(_("created at"), auto_now=True)

    class Meta:
        ordering = ["-issue_date"]
        verbose_name = _("job bulletin")
        verbose_name_plural = _("job bulletins")
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "issue_date"],
                name="bulletin_one_issue_per_centre_and_day",
                violation_error_message=_("This centre already has a bulletin of that day."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.centre} {self.issue_date}"


class ImportBatch(models.Model):
    """An uploaded CSV or Excel file of companies or vacancies, kept between its preview and its import."""

    class Kind(models.TextChoices):
        COMPANIES = "companies", _("Companies")
        VACANCIES = "vacancies", _("Vacancies")

    centre = models.ForeignKey(Centre, verbose_name=_("job centre"), on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    filename = models.CharField(_("file name"), max_length=200)
    content = models.BinaryField(_("content"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    applied_at = models.DateTimeField(_("imported at"), null=True, blank=True)
    created_count = models.PositiveIntegerField(_("records created"), default=0)
    unchanged_count = models.PositiveIntegerField(_("records already present"), default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return self.filename
