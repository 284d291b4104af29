"""Residents looking for work (구직자), what they consented to, and what the centre did with them.

Core models laid down with the foundation so that referrals, events and outreach can build on them;
the seekers capability owns and extends them.
"""

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, DateTimeRangeField, RangeOperators
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.models.functions import Right
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jobcenter.models import (
    Booth,
    Centre,
    EducationLevel,
    EmploymentType,
    Occupation,
    Region,
    TargetGroup,
    WageType,
)


class SeekerQuerySet(models.QuerySet):
    def with_active_consent(self, kind: str) -> "SeekerQuerySet":
        """Seekers holding an unwithdrawn consent of `kind` (a ConsentText.Kind value)."""
        return self.filter(consents__kind=kind, consents__withdrawn_at__isnull=True)


class Seeker(models.Model):
    """구직등록: one registration of one resident with one centre."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        PLACED = "placed", _("Placed")
        ON_HOLD = "on_hold", _("On hold")
        CLOSED = "closed", _("Closed")

    class Shift(models.TextChoices):
        DAY = "day", pgettext_lazy("shift", "Day")
        EVENING = "evening", pgettext_lazy("shift", "Evening")
        NIGHT = "night", pgettext_lazy("shift", "Night")
        WEEKEND = "weekend", pgettext_lazy("shift", "Weekends")
        ROTATING = "rotating", pgettext_lazy("shift", "Rotating shifts")

    class Source(models.TextChoices):
        WEB = "web", _("Registered on the web")
        BOOTH = "booth", _("Registered at a booth")
        IMPORT = "import", _("Imported")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="seeker",
    )
    centre = models.ForeignKey(Centre, verbose_name=_("job centre"), on_delete=models.PROTECT, related_name="seekers")
    # The centre is always the home booth's centre; seeker services set both together.
    booth = models.ForeignKey(Booth, verbose_name=_("home booth"), on_delete=models.PROTECT, related_name="seekers")
    counselor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned counselor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_seekers",
    )
    name = models.CharField(_("name"), max_length=50)
    birth_date = models.DateField(_("birth date"))
    phone = models.CharField(_("mobile phone"), max_length=13, blank=True, help_text=_("For example 010-1234-5678."))
    email = models.EmailField(_("e-mail"), blank=True)
    region = models.ForeignKey(
        Region, verbose_name=_("home region"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    address_detail = models.CharField(_("street address"), max_length=200, blank=True)
    education_level = models.CharField(
        _("education"), max_length=16, choices=EducationLevel.choices, default=EducationLevel.HIGH
    )
    major = models.CharField(_("major"), max_length=100, blank=True)
    desired_occupations = models.ManyToManyField(
        Occupation,
        verbose_name=_("desired occupations"),
        blank=True,
        related_name="+",
        help_text=_("Up to three."),
    )
    desired_regions = models.ManyToManyField(Region, verbose_name=_("desired regions"), blank=True, related_name="+")
    desired_wage_type = models.CharField(
        _("desired wage type"), max_length=8, choices=WageType.choices, default=WageType.MONTHLY
    )
    desired_wage = models.PositiveIntegerField(_("desired wage (KRW)"), null=True, blank=True)
    employment_types = ArrayField(
        models.CharField(max_length=16, choices=EmploymentType.choices),
        verbose_name=_("employment types"),
        default=list,
        blank=True,
    )
    earliest_start = models.DateField(_("earliest start date"), null=True, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(
        _("desired hours per week"), null=True, blank=True, help_text=_("Leave empty if any.")
    )
    shifts = ArrayField(
        models.CharField(max_length=16, choices=Shift.choices),
        verbose_name=_("shifts the seeker can work"),
        default=list,
        blank=True,
    )
    target_groups = ArrayField(
        models.CharField(max_length=24, choices=TargetGroup.choices),
        verbose_name=_("target groups"),
        default=list,
        blank=True,
    )
    status = models.CharField(_("status"), max_length=8, choices=Status.choices, default=Status.ACTIVE)
    external_ref = models.CharField(
        _("external reference"),
        max_length=64,
        null=True,
        blank=True,
        help_text=_("The id this record had in the spreadsheet or system it was imported from."),
    )
    source = models.CharField(_("registered through"), max_length=8, choices=Source.choices, default=Source.BOOTH)
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    # Moved forward by every consultation, booking, referral or profile change (seeker services).
    last_activity_at = models.DateTimeField(_("last activity"), auto_now_add=True)
    # Set by the daily expiry task when last_activity_at is older than REGISTRATION_EXPIRY_MONTHS;
    # cleared again by seeker_touch / seeker_renew. Kept true only by those services.
    expired_at = models.DateTimeField(_("expired at"), null=True, blank=True)
    # One-time code a booth-registered resident uses to claim an account (SHA-256 of the code).
    claim_code_hash = models.CharField(_("claim code (hashed)"), max_length=64, blank=True)
    claim_code_expires_at = models.DateTimeField(_("claim code expires at"), null=True, blank=True)
    # Set when the base consent was withdrawn and personal fields were wiped (seeker_anonymise).
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    objects = SeekerQuerySet.as_manager()

    class Meta:
        ordering = ["-registered_at"]
        verbose_name = _("job seeker")
        verbose_name_plural = _("job seekers")
        indexes = [
            # Partial Hangul names of three syllables or more: LIKE '%...%' through pg_trgm.
            GinIndex(OpClass("name", name="gin_trgm_ops"), name="seeker_name_trgm"),
            # Two-syllable searches (김민, 이서) have no trigram: an index of the name's syllable pairs.
            GinIndex(
                models.Func(
                    models.F("name"), function="seekers_name_bigrams", output_field=ArrayField(models.TextField())
                ),
                name="seeker_name_bigrams",
            ),
            models.Index(Right("phone", 4), name="seeker_phone_tail"),
            models.Index(fields=["centre", "birth_date"], name="seeker_centre_birth"),
            models.Index(fields=["centre", "status", "-registered_at"], name="seeker_centre_status"),
            models.Index(
                fields=["last_activity_at"], name="seeker_active_activity", condition=models.Q(status="active")
            ),
            # The seeker list: a centre's newest registrations first (any status), 20 a page.
            models.Index(
                models.F("centre"),
                models.F("registered_at").desc(),
                models.F("id").desc(),
                name="seeker_centre_newest",
            ),
            # The worklist's registrations to renew (seekers_expiring): a counselor's active seekers by last activity,
            # and those already expired; PostgreSQL ORs the two instead of reading all the counselor's seekers.
            models.Index(
                fields=["counselor", "last_activity_at"],
                name="seeker_counselor_activity",
                condition=models.Q(status="active"),
            ),
            models.Index(
                fields=["centre", "counselor"],
                name="seeker_awaiting_renewal",
                condition=models.Q(status="active", expired_at__isnull=False),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "external_ref"],
                name="seeker_external_ref_unique_in_centre",
                condition=models.Q(external_ref__isnull=False),
                violation_error_message=_("Another seeker of this centre has that external reference."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def has_active_consent(self, kind: str) -> bool:
        """Whether the seeker holds an unwithdrawn consent of `kind` (e.g. ConsentText.Kind.SHARING)."""
        return self.consents.held(kind).exists()

    @property
    def is_expired(self) -> bool:
        """An active registration past its validity: marked by the nightly task, or overdue before it has run."""
        if self.status != self.Status.ACTIVE:
            return False
        if self.expired_at is not None:
            return True
        from seekers.selectors import expiry_cutoff

        return self.last_activity_at is not None and self.last_activity_at < expiry_cutoff()

    @property
    def status_label(self) -> str:
        """The status as people read it: an expired active registration is not "active"."""
        if self.is_expired:
            return str(pgettext_lazy("registration status", "Expired"))
        return self.get_status_display()

    @property
    def masked_phone(self) -> str:
        """010-****-1234: what lists show."""
        digits = "".join(c for c in self.phone if c.isdigit())
        if len(digits) < 8:
            return "*" * len(self.phone)
        return f"{digits[:3]}-****-{digits[-4:]}"

    @property
    def masked_birth_date(self) -> str:
        """1985-**-**: what lists show."""
        return f"{self.birth_date.year}-**-**"

    @property
    def age(self) -> int:
        from django.utils import timezone

        today = timezone.localdate()
        born = self.birth_date
        return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


class Career(models.Model):
    """One row of the career history on the registration form."""

    seeker = models.ForeignKey(Seeker, verbose_name=_("job seeker"), on_delete=models.CASCADE, related_name="careers")
    company = models.CharField(_("company"), max_length=100)
    occupation = models.ForeignKey(
        Occupation, verbose_name=_("occupation"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    started_on = models.DateField(pgettext_lazy("employment period", "from"))
    ended_on = models.DateField(
        pgettext_lazy("employment period", "to"),
        null=True,
        blank=True,
        help_text=_("Leave empty if still working there."),
    )
    duties = models.CharField(_("duties"), max_length=300, blank=True)

    class Meta:
        ordering = ["-started_on"]
        verbose_name = _("career entry")
        verbose_name_plural = _("career history")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ended_on__isnull=True) | models.Q(ended_on__gte=models.F("started_on")),
                name="career_ends_after_start",
                violation_error_message=_("A job cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.company


class Certificate(models.Model):
    """자격증 and 운전면허."""

    class Kind(models.TextChoices):
        CERTIFICATE = "certificate", _("Certificate or licence")
        DRIVING = "driving", _("Driving licence")

    seeker = models.ForeignKey(
        Seeker, verbose_name=_("job seeker"), on_delete=models.CASCADE, related_name="certificates"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.CERTIFICATE)
    name = models.CharField(_("name"), max_length=100, help_text=_("For example 지게차운전기능사 or 1종 보통."))
    acquired_on = models.DateField(_("acquired on"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self) -> str:
        return self.name


class SeekerHistory(models.Model):
    """What happened to a registration: status changes, reassignments, renewals, consent withdrawals."""

    class Kind(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        STATUS = "status", _("Status changed")
        ASSIGNED = "assigned", _("Counselor assigned")
        EXPIRED = "expired", _("Registration expired")
        RENEWED = "renewed", _("Registration renewed")
        CONSENT = "consent", _("Consent changed")
        CLAIMED = "claimed", _("Account claimed")
        ANONYMISED = "anonymised", _("Personal data erased")

    seeker = models.ForeignKey(Seeker, verbose_name=_("job seeker"), on_delete=models.CASCADE, related_name="history")
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    from_value = models.CharField(_("from"), max_length=100, blank=True)
    to_value = models.CharField(_("to"), max_length=100, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
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
        ordering = ["-at"]
        verbose_name = _("seeker history entry")
        verbose_name_plural = _("seeker history")

    def __str__(self) -> str:
        return f"{self.seeker_id} {self.kind} {self.at:%Y-%m-%d}"


class Consultation(models.Model):
    """취업상담: one logged conversation between a counselor and a seeker."""

    class Channel(models.TextChoices):
        VISIT = "visit", _("Visit")
        PHONE = "phone", _("Phone")
        ONLINE = "online", _("Online or video")
        MOBILE_DESK = "mobile_desk", _("Mobile counseling desk")
        FIELD = "field", _("Field")

    class Topic(models.TextChoices):
        JOB_SEARCH = "job_search", _("Job search")
        RESUME = "resume", _("Resume and cover-letter clinic")
        INTERVIEW = "interview", _("Interview coaching")
        TRAINING = "training", _("Training information")
        WELFARE = "welfare", _("Welfare linkage to a partner institution")

    seeker = models.ForeignKey(
        Seeker, verbose_name=_("job seeker"), on_delete=models.CASCADE, related_name="consultations"
    )
    counselor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("counselor"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="consultations",
    )
    booth = models.ForeignKey(
        Booth, verbose_name=_("booth"), null=True, blank=True, on_delete=models.PROTECT, related_name="consultations"
    )
    channel = models.CharField(
        pgettext_lazy("consultation", "channel"), max_length=16, choices=Channel.choices, default=Channel.VISIT
    )
    started_at = models.DateTimeField(_("time"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=30)
    topics = ArrayField(
        models.CharField(max_length=16, choices=Topic.choices), verbose_name=_("topics"), default=list, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    next_action = models.CharField(_("next action"), max_length=200, blank=True)
    next_action_due = models.DateField(_("next action due"), null=True, blank=True)
    created_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        indexes = [
            models.Index(fields=["seeker", "-started_at"], name="consultation_seeker_time"),
            # The worklist's "next actions due" (seekers/hooks.py): a counselor's seekers are probed here, and most
            # consultations agree no next action, so each probe of a seeker without one ends at once.
            models.Index(
                fields=["seeker", "-started_at"],
                condition=models.Q(next_action__gt=""),
                name="consultation_next_action",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_minutes__gte=1) & models.Q(duration_minutes__lte=480),
                name="consultation_duration_range",
                violation_error_message=_("A consultation lasts between 1 and 480 minutes."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seeker} · {self.get_channel_display()} · {self.started_at:%Y-%m-%d}"


class OpeningHours(models.Model):
    """When a booth takes visit bookings on one weekday, and how long a slot is."""

    booth = models.ForeignKey(Booth, verbose_name=_("booth"), on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(
        _("weekday"),
        choices=[
            (i, day)
            for i, day in enumerate(
                [_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday")]
            )
        ],
    )
    opens_at = models.TimeField(_("opens at"))
    closes_at = models.TimeField(_("closes at"))
    slot_minutes = models.PositiveSmallIntegerField(_("slot length (minutes)"), default=30)

    class Meta:
        ordering = ["booth", "weekday", "opens_at"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="opening_hours_close_after_open",
                violation_error_message=_("Closing time must be after opening time."),
            ),
            models.CheckConstraint(
                condition=models.Q(slot_minutes__gte=10) & models.Q(slot_minutes__lte=240),
                name="opening_hours_slot_range",
                violation_error_message=_("A slot lasts between 10 and 240 minutes."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.booth} {self.get_weekday_display()} {self.opens_at:%H:%M}–{self.closes_at:%H:%M}"


class Booking(models.Model):
    """방문상담 예약: one seeker in one booth slot. The database refuses two live bookings that overlap."""

    class Status(models.TextChoices):
        BOOKED = "booked", _("Booked")
        CANCELLED = "cancelled", _("Cancelled")
        RESCHEDULED = "rescheduled", _("Moved to another time")
        ATTENDED = "attended", _("Attended")
        NO_SHOW = "no_show", _("Did not come")

    class Channel(models.TextChoices):
        WEB = "web", _("On the web")
        PHONE = "phone", _("By phone")
        BOOTH = "booth", _("At a booth")

    seeker = models.ForeignKey(Seeker, verbose_name=_("job seeker"), on_delete=models.CASCADE, related_name="bookings")
    booth = models.ForeignKey(Booth, verbose_name=_("booth"), on_delete=models.PROTECT, related_name="bookings")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.BOOKED)
    channel = models.CharField(_("booked through"), max_length=8, choices=Channel.choices, default=Channel.WEB)
    topic = models.CharField(_("what the visit is about"), max_length=200, blank=True)
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    rescheduled_to = models.OneToOneField(
        "self",
        verbose_name=_("moved to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="rescheduled_from",
    )
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("visit booking")
        verbose_name_plural = _("visit bookings")
        indexes = [models.Index(fields=["booth", "starts_at"], name="booking_booth_start")]
        constraints = [
            ExclusionConstraint(
                name="booking_no_double_booking",
                expressions=[
                    ("booth", RangeOperators.EQUAL),
                    (
                        models.Func(
                            models.F("starts_at"),
                            models.F("ends_at"),
                            function="tstzrange",
                            output_field=DateTimeRangeField(),
                        ),
                        RangeOperators.OVERLAPS,
                    ),
                ],
                condition=models.Q(status="booked"),
                violation_error_message=_("This time has just been booked by someone else. Please choose another."),
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="booking_ends_after_start",
                violation_error_message=_("A booking must end after it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seeker} · {self.booth} · {self.starts_at:%Y-%m-%d %H:%M}"


class AccessRecord(models.Model):
    """Who looked at or exported whose personal data, when and from where (개인정보 접속기록).

    Kept at least two years; nothing in the product deletes them.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("Opened the case page")
        EXPORT = "export", _("Exported personal data")
        EDIT = "edit", _("Changed personal data")
        IMPORT = "import", _("Imported personal data")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    seeker = models.ForeignKey(
        Seeker, verbose_name=_("whose data"), null=True, on_delete=models.SET_NULL, related_name="access_records"
    )
    # The centre of the seeker at the time, so managers keep seeing their records after a seeker moves.
    centre = models.ForeignKey(
        Centre, verbose_name=_("job centre"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(_("what"), max_length=16, choices=Action.choices)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    ip_address = models.GenericIPAddressField(_("from where (IP address)"), null=True, blank=True)
    path = models.CharField(_("page"), max_length=300, blank=True)
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("access record")
        verbose_name_plural = _("access records")
        indexes = [models.Index(fields=["centre", "-at"], name="access_record_centre_at")]

    def __str__(self) -> str:
        return f"{self.user} {self.action} {self.seeker_id} {self.at:%Y-%m-%d %H:%M}"


class CaseChange(models.Model):
    """One row per row written that a cached page shows, inserted by database triggers. Two kinds:

    - a seeker's (`seeker_id`; migration 0007: every table a seeker's case page reads for them), counted by the case
      page (seekers/case_page.py);
    - a centre's (`centre_id`; migration 0009: every table a panel of the worklist reads, with the centre the row
      belongs to), counted by the worklist (jobcenter/worklist.py).

    A page's cached rendering is keyed on how many there are (a seeker's since the day began; a centre's with those
    already counted into its `CaseChangeTotal`): a change committed after a rendering gives another count, so a stale
    rendering is never served. The count only rises: a seeker's rows accumulate during a day and
    seekers.tasks.case_changes_prune deletes those older than two days; a centre's are moved into its total, in one
    statement, as they pile up. Inserts only: a write never waits on another's row."""

    # No foreign keys: a seeker's deletion leaves them behind.
    seeker_id = models.BigIntegerField(_("job seeker"), null=True)
    centre_id = models.BigIntegerField(_("job centre"), null=True)
    # A centre's: the table written, so that each app's worklist panels are rendered again only when a table they
    # read changed (jobcenter/worklist.py). Empty for a seeker's.
    table_name = models.CharField(_("table"), max_length=63, blank=True, db_default="")
    at = models.DateTimeField(_("when"))

    class Meta:
        verbose_name = _("case page change")
        verbose_name_plural = _("case page changes")
        indexes = [
            models.Index(fields=["seeker_id", "at"], name="case_change_seeker_at"),
            models.Index(
                fields=["centre_id", "at"], name="case_change_centre_at", condition=models.Q(centre_id__isnull=False)
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seeker_id or ''}/{self.centre_id or ''} {self.at:%Y-%m-%d %H:%M}"


class CaseChangeTotal(models.Model):
    """A centre's `CaseChange` rows of one table counted and deleted (jobcenter/worklist.py `centre_changes`): the key
    of an app's worklist panels is the sum of these totals over the tables they read plus the rows not yet counted,
    which a count reads in a moment however busy the centre's day."""

    centre_id = models.BigIntegerField(_("job centre"))
    table_name = models.CharField(_("table"), max_length=63)
    total = models.BigIntegerField(_("changes counted"), default=0)

    class Meta:
        verbose_name = _("worklist change total")
        verbose_name_plural = _("worklist change totals")
        constraints = [
            models.UniqueConstraint(fields=["centre_id", "table_name"], name="case_change_total_centre_table")
        ]

    def __str__(self) -> str:
        return f"{self.centre_id} {self.table_name}: {self.total}"


class ConsentText(models.Model):
    """A published version of one consent wording. Consents point at the version the seeker saw."""

    class Kind(models.TextChoices):
        COLLECTION = "collection", _("Collection and use of personal data (required)")
        SENSITIVE = "sensitive", _("Sensitive data: disability, welfare status (optional)")
        SHARING = "sharing", _("Sharing the profile with employers I am referred to (optional)")
        JOB_NEWS = "job_news", _("Receiving job news (optional)")
        TALENT = "talent", _("Being found by employers in the talent search (optional)")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    version = models.PositiveSmallIntegerField(_("version"))
    text = models.TextField(_("text"))
    purpose = models.CharField(_("purpose"), max_length=300)
    items = models.CharField(_("items collected"), max_length=300)
    retention = models.CharField(_("retention"), max_length=100)
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    effective_on = models.DateField(
        _("effective from"),
        null=True,
        blank=True,
        help_text=_("The day this wording applies from (시행일); new consents are given to the version in effect."),
    )
    # One key per item of `items`, in its order (seekers.consent_texts.SHARING_ITEM_KEYS; "" for an item the product
    # does not show): for the sharing consent, exactly what an employer sees of a referred seeker.
    item_keys = ArrayField(
        models.CharField(max_length=32, blank=True), verbose_name=_("item keys"), default=list, blank=True
    )

    class Meta:
        ordering = ["kind", "-version"]
        verbose_name = _("consent text")
        verbose_name_plural = _("consent texts")
        constraints = [models.UniqueConstraint(fields=["kind", "version"], name="consent_text_version_unique")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} v{self.version}"


class ConsentQuerySet(models.QuerySet):
    def held(self, kind: str) -> "ConsentQuerySet":
        """The consents of `kind` (a ConsentText.Kind value) not withdrawn."""
        return self.filter(kind=kind, withdrawn_at__isnull=True)


class Consent(models.Model):
    """One consent given by one seeker, until withdrawn."""

    class Channel(models.TextChoices):
        WEB = "web", _("On the web")
        BOOTH = "booth", _("At a booth")
        PHONE = "phone", _("By phone")

    seeker = models.ForeignKey(Seeker, verbose_name=_("job seeker"), on_delete=models.CASCADE, related_name="consents")
    text = models.ForeignKey(ConsentText, verbose_name=_("consent text"), on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=16, choices=ConsentText.Kind.choices)  # = text.kind
    channel = models.CharField(pgettext_lazy("consent", "channel"), max_length=8, choices=Channel.choices)
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("taken by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    given_at = models.DateTimeField(_("given at"), auto_now_add=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(
                fields=["seeker", "kind"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_active_consent_per_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seeker} · {self.get_kind_display()}"


def holds_consent(kind: str, seeker) -> models.Exists:
    """An expression for annotations: whether `seeker` holds an unwithdrawn consent of `kind` (a ConsentText.Kind
    value). `seeker` is the outer row's seeker (`OuterRef("seeker")`) or a seeker's id. Read with the row it
    annotates: no query of its own."""
    return models.Exists(Consent.objects.held(kind).filter(seeker=seeker))
