"""The organisation (centres, booths, users and roles) and the public code tables every app uses."""

from django.contrib.auth.models import AbstractUser
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _


class TargetGroup(models.TextChoices):
    """취업취약계층: the groups a centre serves with particular care (domain.md)."""

    YOUTH = "youth", _("Youth")
    AGE_4050 = "4050", _("Ages 40–50s")
    AGE_5060 = "5060", _("Ages 50–60s (신중년)")
    CAREER_BREAK_WOMEN = "career_break_women", _("Career-break women")
    DISABLED = "disabled", pgettext_lazy("target group", "Disabled")  # not an account's "disabled"
    ELDERLY = "elderly", _("Elderly")
    LOW_INCOME = "low_income", _("Low income")


class EmploymentType(models.TextChoices):
    FULL_TIME = "full_time", _("Full-time, permanent")
    CONTRACT = "contract", _("Fixed-term contract")
    PART_TIME = "part_time", _("Part-time")
    TEMPORARY = "temporary", _("Temporary or daily")


class WageType(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    HOURLY = "hourly", _("Hourly")


class EducationLevel(models.TextChoices):
    """Ordered from least to most, so requirements compare by position."""

    NONE = "none", _("No requirement / none")
    MIDDLE = "middle", _("Middle school")
    HIGH = "high", _("High school")
    COLLEGE = "college", _("Junior college (2–3 years)")
    UNIVERSITY = "university", _("University")
    GRADUATE = "graduate", _("Graduate school")

    @classmethod
    def rank(cls, value: str) -> int:
        return list(cls.values).index(value) if value in cls.values else 0


class Role(models.TextChoices):
    SEEKER = "seeker", _("Job seeker")
    EMPLOYER = "employer", _("Employer")
    COUNSELOR = "counselor", _("Counselor")
    MANAGER = "manager", _("Manager")
    ADMINISTRATOR = "administrator", _("Administrator")


STAFF_ROLES = (Role.COUNSELOR, Role.MANAGER, Role.ADMINISTRATOR)


class NamedCode(models.Model):
    """A row of a public code table, named in Korean and English."""

    code = models.CharField(_("code"), max_length=16, primary_key=True)
    name_ko = models.CharField(_("Korean name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)

    class Meta:
        abstract = True
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.name_en if get_language() == "en" and self.name_en else self.name_ko


class Region(NamedCode):
    """행정구역: 시도 (2 digits) > 시군구 (5 digits) > 읍면동 (8 or 10 digits)."""

    class Level(models.TextChoices):
        SIDO = "sido", _("Province or metropolitan city (시도)")
        SIGUNGU = "sigungu", _("City, county or district (시군구)")
        EUPMYEONDONG = "eupmyeondong", _("Town or neighbourhood (읍면동)")

    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent region"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    # Centroid, for distances between a seeker's home and a workplace (matching).
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)

    class Meta(NamedCode.Meta):
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    @property
    def full_name(self) -> str:
        names, region = [], self
        while region is not None:
            names.append(region.name)
            region = region.parent
        return " ".join(reversed(names))


class Occupation(NamedCode):
    """한국고용직업분류 (KECO 2018): major (1 digit), middle (2), minor (3) and detailed (4) groups."""

    class Level(models.TextChoices):
        MAJOR = "major", _("Major group")
        MIDDLE = "middle", _("Middle group")
        MINOR = "minor", _("Minor group")
        DETAILED = "detailed", _("Detailed group")

    level = models.CharField(_("level"), max_length=16, choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    class Meta(NamedCode.Meta):
        verbose_name = _("occupation")
        verbose_name_plural = _("occupations")

    @property
    def major_code(self) -> str:
        return self.code[:1]

    @property
    def middle_code(self) -> str:
        return self.code[:2]


class Industry(NamedCode):
    """한국표준산업분류 (KSIC, 10th revision) sections A–U."""

    class Meta(NamedCode.Meta):
        verbose_name = _("industry")
        verbose_name_plural = _("industries")


class Qualification(NamedCode):
    """자격증 and 면허: national technical and professional qualifications, driving licences, common private ones
    and completed courses (jobcenter/data/certificates.csv; load a fuller list with `load_codes --certificates`).

    Seekers' certificates and vacancies' required ones are free text, mapped to a row here through its names
    (`QualificationName`, normalised by jobcenter.codes.certificate_key); the scorer compares the rows, and a
    held one counts for every one it covers (1종 대형 covers 1종 보통 covers 2종 보통; within a field, a higher
    level covers a lower one: 기사 covers 산업기사 covers 기능사)."""

    class Kind(models.TextChoices):
        DRIVING = "driving", _("Driving licence")
        TECHNICAL = "technical", _("National technical qualification")
        PROFESSIONAL = "professional", _("National professional qualification")
        PRIVATE = "private", _("Private qualification")
        COURSE = "course", _("Completed course")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    field = models.CharField(
        _("field"), max_length=50, blank=True, help_text=_("Rows of one field cover lower levels.")
    )
    level = models.PositiveSmallIntegerField(_("level"), null=True, blank=True)
    aliases = ArrayField(models.CharField(max_length=100), verbose_name=_("other names"), default=list, blank=True)
    covers = ArrayField(
        models.CharField(max_length=16), verbose_name=_("covers"), default=list, blank=True, help_text=_("Codes.")
    )
    # Every code this one covers, directly or through others (computed by the loader).
    covered = ArrayField(models.CharField(max_length=16), verbose_name=_("covers in all"), default=list, blank=True)

    class Meta(NamedCode.Meta):
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")

    @classmethod
    def for_name(cls, text: str) -> "Qualification | None":
        """The qualification this free text names (official name or alias, however spaced), or None."""
        from jobcenter.codes import certificate_key

        return cls.objects.filter(names__key=certificate_key(text)).first()


class QualificationName(models.Model):
    """One normalised name (official or alias) of a qualification: the lookup of free text."""

    key = models.CharField(_("normalised name"), max_length=100, primary_key=True)
    qualification = models.ForeignKey(
        Qualification, verbose_name=_("qualification"), on_delete=models.CASCADE, related_name="names"
    )

    class Meta:
        verbose_name = _("qualification name")
        verbose_name_plural = _("qualification names")

    def __str__(self) -> str:
        return self.key


class MinimumWage(models.Model):
    """최저임금 by year. Monthly wages compare against hourly × 209 legal hours."""

    LEGAL_MONTHLY_HOURS = 209

    year = models.PositiveSmallIntegerField(_("year"), primary_key=True)
    hourly = models.PositiveIntegerField(_("hourly minimum wage (KRW)"))

    class Meta:
        ordering = ["-year"]
        verbose_name = _("minimum wage")
        verbose_name_plural = _("minimum wages")

    def __str__(self) -> str:
        return f"{self.year}: {self.hourly:,}"

    @property
    def monthly(self) -> int:
        return self.hourly * self.LEGAL_MONTHLY_HOURS


class Centre(models.Model):
    """일자리센터: a city runs one or several."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.PROTECT, related_name="+")
    address = models.CharField(_("address"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("job centre")
        verbose_name_plural = _("job centres")

    def __str__(self) -> str:
        return self.name


class Booth(models.Model):
    """상담창구/부스: a counselor's place, in the centre or out in a community centre, library or station."""

    class Speciality(models.TextChoices):
        YOUTH = "youth", _("Youth")
        MIDDLE_AGED = "middle_aged", _("Middle-aged")
        WOMEN = "women", _("Women")
        DISABLED = "disabled", pgettext_lazy("target group", "Disabled")  # not an account's "disabled"
        ELDERLY = "elderly", _("Elderly")
        ENTERPRISE = "enterprise", _("Enterprise")

    centre = models.ForeignKey(Centre, verbose_name=_("job centre"), on_delete=models.PROTECT, related_name="booths")
    name = models.CharField(_("name"), max_length=100)
    location = models.CharField(_("location"), max_length=200, help_text=_("Floor and room, or the outside place."))
    target_groups = ArrayField(
        models.CharField(max_length=16, choices=Speciality.choices),
        verbose_name=_("target groups"),
        default=list,
        blank=True,
        help_text=_("The people this booth serves with particular care; none for a general booth."),
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["centre", "name"]
        verbose_name = _("booth")
        verbose_name_plural = _("booths")
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "name"],
                name="booth_name_unique_in_centre",
                violation_error_message=_("This centre already has a booth of that name."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.centre} · {self.name}"

    @property
    def target_group_labels(self) -> list[str]:
        return [str(Booth.Speciality(group).label) for group in self.target_groups if group in Booth.Speciality.values]


class User(AbstractUser):
    """Everyone who logs in. Counselors and managers belong to a centre; seekers and employers never do."""

    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.SEEKER)
    centre = models.ForeignKey(
        Centre, verbose_name=_("job centre"), null=True, blank=True, on_delete=models.PROTECT, related_name="staff"
    )
    booth = models.ForeignKey(
        Booth, verbose_name=_("usual booth"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    other_booths = models.ManyToManyField(
        Booth,
        verbose_name=_("also serves at"),
        blank=True,
        related_name="visiting_staff",
        help_text=_("Other booths of the same centre the person serves at, such as a mobile desk on Tuesdays."),
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(role__in=["counselor", "manager"]) | models.Q(centre__isnull=False),
                name="staff_user_has_centre",
                violation_error_message=_("Counselors and managers must belong to a centre."),
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_full_name(self) -> str:
        # Korean order: family name first, no space. Accounts made in the product keep the whole name (성명) in
        # last_name and leave first_name empty (jobcenter/administration/forms.py).
        return f"{self.last_name}{self.first_name}".strip()

    def get_short_name(self) -> str:
        # Django greets with the short name (the admin's "환영합니다, 리자"): a Korean is greeted by the whole name.
        return self.get_full_name() or self.username

    @property
    def is_seeker(self) -> bool:
        return self.role == Role.SEEKER

    @property
    def is_employer(self) -> bool:
        return self.role == Role.EMPLOYER

    @property
    def is_counselor(self) -> bool:
        return self.role == Role.COUNSELOR

    @property
    def is_manager(self) -> bool:
        return self.role == Role.MANAGER

    @property
    def is_administrator(self) -> bool:
        return self.role == Role.ADMINISTRATOR

    @property
    def is_centre_staff(self) -> bool:
        """Counselors, managers and administrators: the people who work in a centre."""
        return self.role in STAFF_ROLES


class ClosedDay(models.Model):
    """A day one centre is closed on top of the public holidays (창립기념일, 시설 점검): no visit slots, no event
    series date, no interview day (seekers.services.is_closed, events.services)."""

    centre = models.ForeignKey(
        Centre, verbose_name=_("job centre"), on_delete=models.CASCADE, related_name="closed_days"
    )
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=100, help_text=_("For example 창립기념일 or 시설 점검."))
    created_by = models.ForeignKey(
        "User", verbose_name=_("added by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("added at"), auto_now_add=True)

    class Meta:
        ordering = ["date", "centre"]
        verbose_name = _("closed day")
        verbose_name_plural = _("closed days")
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "date"],
                name="closed_day_once_per_centre",
                violation_error_message=_("This centre is already closed on that day."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.centre} {self.date:%Y-%m-%d} {self.reason}"


class LegalNotice(models.Model):
    """The footer's legal notices, written by the administrator: 개인정보 처리방침 and 이용약관 (one row each)."""

    class Kind(models.TextChoices):
        PRIVACY = "privacy", _("Privacy policy")
        TERMS = "terms", _("Terms of use")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, unique=True)
    text = models.TextField(_("text"), help_text=_("Plain text; an empty line starts a new paragraph."))
    effective_from = models.DateField(_("effective from"))
    updated_by = models.ForeignKey(
        "User", verbose_name=_("updated by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["kind"]
        verbose_name = _("legal notice")
        verbose_name_plural = _("legal notices")

    def __str__(self) -> str:
        return self.get_kind_display()


class NoticeTemplateOverride(models.Model):
    """The administrator's own subject and text for one notice template (jobcenter/notice_templates.py); without
    a row the notice is the file templates/emails/<template>.txt. Only `{{ variable }}` substitution, checked."""

    template = models.CharField(_("notice template"), max_length=64, unique=True)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    updated_by = models.ForeignKey(
        "User", verbose_name=_("updated by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        ordering = ["template"]
        verbose_name = _("notice template")
        verbose_name_plural = _("notice templates")

    def __str__(self) -> str:
        return self.template


class Notification(models.Model):
    """An outbox row: one message to one person over one channel.

    Written in the same transaction as the change that causes it, sent by a Celery task after commit.
    A row that is still pending (the broker was down, a worker died) is picked up again by the sweeper
    beat task, and `sent_at` guards against sending it twice.
    """

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        SMS = "sms", _("Text message")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    channel = models.CharField(_("channel"), max_length=8, choices=Channel.choices)
    recipient = models.CharField(_("recipient"), max_length=254, help_text=_("E-mail address or phone number."))
    subject = models.CharField(_("subject"), max_length=200, blank=True)
    body = models.TextField(_("body"))
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.PENDING)
    # Same key, same message: queuing it again does nothing (reminders from beat tasks run daily).
    key = models.CharField(_("deduplication key"), max_length=200, null=True, blank=True, unique=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [
            models.Index(fields=["created_at"], name="notification_pending_idx", condition=models.Q(status="pending")),
        ]

    def __str__(self) -> str:
        return f"{self.get_channel_display()} → {self.recipient}: {self.subject}"


class RecordCheckRun(models.Model):
    """One run of the data check (jobcenter/datacheck.py) over every centre: how many records broke a rule."""

    ran_at = models.DateTimeField(_("ran at"))
    total = models.PositiveIntegerField(_("records found"))
    # {rule key: count} and {centre id ("" for records of no centre): count}, written once by record_check_run.
    by_rule = models.JSONField(_("by rule"), default=dict)
    by_centre = models.JSONField(_("by centre"), default=dict)

    class Meta:
        ordering = ["-ran_at"]
        verbose_name = _("data check run")
        verbose_name_plural = _("data check runs")

    def __str__(self) -> str:
        return f"{self.ran_at:%Y-%m-%d %H:%M}: {self.total}"


from jobcenter.statistics.models import *  # noqa: E402,F403
