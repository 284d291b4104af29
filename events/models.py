"""Events: what a centre schedules for many people at once (job fairs, interview days, the interview room,
lectures, training cohorts), the employers taking part, their interview slots, and the seekers signed up.

The database holds the rules it can see: a slot never over its capacity (check constraint on a counter
kept by `events.services`), a seeker never in two overlapping interviews (exclusion constraint on a
tstzrange, btree_gist), one live registration per seeker and event, one live participation per company.
"""

from django.conf import settings
from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import ArrayField, DateTimeRangeField, RangeOperators
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from jobcenter.fields import URLField
from jobcenter.models import Centre, TargetGroup


class EventKind(models.TextChoices):
    JOB_FAIR = "job_fair", _("Job fair")
    INTERVIEW_DAY = "interview_day", _("Interview day")
    INTERVIEW_ROOM = "interview_room", _("Permanent interview room")
    LECTURE = "lecture", _("Job lecture")
    TRAINING = "training", _("Training cohort")

    @classmethod
    def with_employers(cls) -> list[str]:
        """Kinds where employers take part with vacancies, booths and interview slots."""
        return [cls.JOB_FAIR, cls.INTERVIEW_DAY, cls.INTERVIEW_ROOM]

    @classmethod
    def with_attendance(cls) -> list[str]:
        """Kinds whose sessions record attendance and may end in a certificate of completion."""
        return [cls.LECTURE, cls.TRAINING]


class EventMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VIDEO = "video", _("By video")
    BOTH = "both", _("In person and by video")


class EventSeries(models.Model):
    """A recurring event defined once (every Friday; every 2nd and 4th Thursday) that produces its dates."""

    class Rule(models.TextChoices):
        WEEKLY = "weekly", _("Every week on the weekday")
        MONTHLY = "monthly", _("On given weeks of each month")

    centre = models.ForeignKey(
        Centre, verbose_name=_("job centre"), on_delete=models.PROTECT, related_name="event_series"
    )
    title = models.CharField(_("title"), max_length=150)
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    mode = models.CharField(_("mode"), max_length=16, choices=EventMode.choices, default=EventMode.IN_PERSON)
    rule = models.CharField(_("repeats"), max_length=8, choices=Rule.choices, default=Rule.WEEKLY)
    weekday = models.PositiveSmallIntegerField(_("weekday"), help_text=_("0 is Monday, 4 is Friday, 6 is Sunday."))
    weeks_of_month = ArrayField(
        models.PositiveSmallIntegerField(),
        verbose_name=_("weeks of the month"),
        default=list,
        blank=True,
        help_text=_("For monthly series: 1 for the first such weekday of the month, 2 for the second, and so on."),
    )
    first_date = models.DateField(_("first date"))
    last_date = models.DateField(_("last date"))
    start_time = models.TimeField(_("start time"))
    end_time = models.TimeField(_("end time"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    video_link = URLField(_("video link"), blank=True)
    capacity = models.PositiveIntegerField(_("capacity"), null=True, blank=True)
    co_hosts = models.CharField(_("co-hosts"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Set by events.services.series_cancel together with cancelling the series' future events.
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        ordering = ["-first_date"]
        verbose_name = _("event series")
        verbose_name_plural = _("event series")
        constraints = [
            models.CheckConstraint(
                condition=Q(weekday__lte=6),
                name="event_series_weekday_valid",
                violation_error_message=_("The weekday must be between Monday and Sunday."),
            ),
            models.CheckConstraint(
                condition=Q(last_date__gte=F("first_date")),
                name="event_series_dates_ordered",
                violation_error_message=_("The last date must not be before the first date."),
            ),
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")),
                name="event_series_times_ordered",
                violation_error_message=_("The end time must be after the start time."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Event(models.Model):
    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        OPEN = "open", _("Open for sign-up")
        CLOSED = "closed", _("Sign-up closed")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    centre = models.ForeignKey(Centre, verbose_name=_("job centre"), on_delete=models.PROTECT, related_name="events")
    series = models.ForeignKey(
        EventSeries, verbose_name=_("series"), null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    mode = models.CharField(_("mode"), max_length=16, choices=EventMode.choices, default=EventMode.IN_PERSON)
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True, help_text=_("Address and room."))
    video_link = URLField(
        _("video link"), blank=True, help_text=_("Sent to confirmed participants; never shown publicly.")
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Seats for seekers; leave empty for no limit.")
    )
    target_groups = ArrayField(
        models.CharField(max_length=24, choices=TargetGroup.choices),
        verbose_name=_("target groups"),
        default=list,
        blank=True,
    )
    registration_opens_at = models.DateTimeField(
        _("sign-up opens"), null=True, blank=True, help_text=_("Leave empty to open sign-up at once.")
    )
    registration_closes_at = models.DateTimeField(
        _("sign-up closes"), null=True, blank=True, help_text=_("Leave empty to take sign-ups until the start.")
    )
    co_hosts = models.CharField(
        _("co-hosts"), max_length=300, blank=True, help_text=_("Partner institutions and cities, comma separated.")
    )
    completion_percent = models.PositiveSmallIntegerField(
        _("attendance needed for completion (%)"), default=80, help_text=_("For lectures and training cohorts.")
    )
    state = models.CharField(_("state"), max_length=12, choices=State.choices, default=State.PLANNED)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        indexes = [
            models.Index(fields=["centre", "starts_at"], name="event_centre_start_idx"),
            models.Index(
                fields=["starts_at"], name="event_upcoming_idx", condition=Q(state__in=["planned", "open", "closed"])
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=_("The event must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(mode="in_person") | ~Q(video_link=""),
                name="event_video_has_link",
                violation_error_message=_("A video event needs a video link."),
            ),
            models.CheckConstraint(
                condition=Q(mode="video") | ~Q(venue=""),
                name="event_in_person_has_venue",
                violation_error_message=_("An in-person event needs a venue."),
            ),
            models.CheckConstraint(
                condition=Q(registration_opens_at__isnull=True)
                | Q(registration_closes_at__isnull=True)
                | Q(registration_closes_at__gt=F("registration_opens_at")),
                name="event_registration_window_ordered",
                violation_error_message=_("Sign-up must close after it opens."),
            ),
            models.CheckConstraint(
                condition=Q(completion_percent__gte=1, completion_percent__lte=100),
                name="event_completion_percent_range",
                violation_error_message=_("The attendance rule is a percentage between 1 and 100."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def has_employers(self) -> bool:
        return self.kind in EventKind.with_employers()

    @property
    def has_attendance(self) -> bool:
        return self.kind in EventKind.with_attendance()

    @property
    def has_video(self) -> bool:
        return self.mode in (EventMode.VIDEO, EventMode.BOTH)

    @property
    def target_group_labels(self) -> list[str]:
        return [TargetGroup(group).label for group in self.target_groups if group in TargetGroup.values]


class EventSession(models.Model):
    """One meeting of an event: a lecture has one, a six-week cohort has one per class day."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="event_session_ends_after_start",
                violation_error_message=_("A session must end after it starts."),
            ),
            models.UniqueConstraint(fields=["event", "starts_at"], name="event_session_unique_start"),
        ]

    def __str__(self) -> str:
        return f"{self.event} · {self.starts_at:%Y-%m-%d %H:%M}"


class Registration(models.Model):
    """A seeker signed up for an event: confirmed, on the waiting list, or cancelled."""

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITLISTED = "waitlisted", _("On the waiting list")
        CANCELLED = "cancelled", _("Cancelled")

    class Source(models.TextChoices):
        SELF = "self", _("Signed up online")
        COUNSELOR = "counselor", _("Signed up by a counselor")
        INVITED = "invited", _("Invited after pre-matching")
        WALK_IN = "walk_in", _("Walk-in on the day")

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="registrations")
    seeker = models.ForeignKey(
        "seekers.Seeker", verbose_name=_("job seeker"), on_delete=models.CASCADE, related_name="event_registrations"
    )
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.CONFIRMED)
    source = models.CharField(_("source"), max_length=12, choices=Source.choices, default=Source.SELF)
    code = models.CharField(
        _("check-in code"), max_length=8, unique=True, help_text=_("Shown as a QR code; typed or scanned at the door.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("signed up at"), auto_now_add=True)
    # The waiting list is served oldest first by this time; set again when someone rejoins it.
    waitlisted_at = models.DateTimeField(_("waiting since"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "seeker"],
                condition=~Q(status="cancelled"),
                name="registration_one_live_per_seeker",
                violation_error_message=_("This seeker is already signed up for this event."),
            ),
            models.CheckConstraint(
                condition=~Q(status="waitlisted") | Q(waitlisted_at__isnull=False),
                name="registration_waitlist_has_time",
            ),
            models.CheckConstraint(
                condition=Q(checked_in_at__isnull=True) | Q(status="confirmed"),
                name="registration_checked_in_is_confirmed",
                violation_error_message=_("Only a confirmed registration can be checked in."),
            ),
        ]
        indexes = [
            models.Index(
                fields=["event", "waitlisted_at"], name="registration_waitlist_idx", condition=Q(status="waitlisted")
            ),
        ]

    def __str__(self) -> str:
        return f"{self.seeker} · {self.event}"

    @property
    def is_live(self) -> bool:
        return self.status != self.Status.CANCELLED


class Participation(models.Model):
    """An employer taking part in an event with one or more vacancies and a booth."""

    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        CONFIRMED = "confirmed", _("Confirmed")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="participations")
    company = models.ForeignKey(
        "employers.Company", verbose_name=_("company"), on_delete=models.CASCADE, related_name="event_participations"
    )
    vacancies = models.ManyToManyField(
        "employers.Vacancy", verbose_name=_("vacancies"), related_name="event_participations"
    )
    booth = models.CharField(_("booth"), max_length=30, blank=True, help_text=_("For example A-07."))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.APPLIED)
    note = models.TextField(_("note"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["booth", "company__name"]
        verbose_name = _("employer participation")
        verbose_name_plural = _("employer participations")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "company"],
                condition=Q(status__in=["applied", "confirmed"]),
                name="participation_one_live_per_company",
                violation_error_message=_("This company already takes part in this event."),
            ),
            models.UniqueConstraint(
                fields=["event", "booth"],
                condition=~Q(booth="") & Q(status__in=["applied", "confirmed"]),
                name="participation_booth_unique_in_event",
                violation_error_message=_("Another company already has this booth."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} @ {self.event}"


class InterviewSlot(models.Model):
    """A time at one employer's booth; `capacity` is the number of parallel interviewers."""

    participation = models.ForeignKey(
        Participation, verbose_name=_("participation"), on_delete=models.CASCADE, related_name="slots"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveSmallIntegerField(_("parallel interviewers"), default=1)
    # Live (not cancelled) interviews in this slot. Kept by events.services under select_for_update of the
    # slot row; the check constraint below is the last word if anything else ever writes it.
    booked = models.PositiveSmallIntegerField(_("booked"), default=0)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("interview slot")
        verbose_name_plural = _("interview slots")
        constraints = [
            models.CheckConstraint(
                condition=Q(booked__lte=F("capacity")),
                name="interview_slot_not_overbooked",
                violation_error_message=_("This interview slot is full."),
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1),
                name="interview_slot_has_capacity",
                violation_error_message=_("A slot needs at least one interviewer."),
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="interview_slot_ends_after_start",
                violation_error_message=_("A slot must end after it starts."),
            ),
            models.UniqueConstraint(fields=["participation", "starts_at"], name="interview_slot_unique_start"),
        ]

    def __str__(self) -> str:
        return f"{self.participation.company} {self.starts_at:%H:%M}"

    @property
    def free(self) -> int:
        return self.capacity - self.booked


class Interview(models.Model):
    """One seeker's interview with one employer at an event; a referral too, so placements count once."""

    class Outcome(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        NO_SHOW = "no_show", _("No-show")
        INTERVIEWED = "interviewed", _("Interviewed")
        PASSED_FIRST = "passed_first", _("Passed round one")
        HIRED = "hired", _("Hired")
        CANCELLED = "cancelled", _("Cancelled")

    # Outcomes that mean the interview took place (the report's "interviews").
    HELD_OUTCOMES = (Outcome.INTERVIEWED, Outcome.PASSED_FIRST, Outcome.HIRED)

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="interviews")
    participation = models.ForeignKey(
        Participation, verbose_name=_("participation"), on_delete=models.CASCADE, related_name="interviews"
    )
    vacancy = models.ForeignKey(
        "employers.Vacancy",
        verbose_name=_("vacancy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_interviews",
    )
    slot = models.ForeignKey(
        InterviewSlot,
        verbose_name=_("slot"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interviews",
        help_text=_("Empty for an on-the-spot interview at a job fair."),
    )
    seeker = models.ForeignKey(
        "seekers.Seeker", verbose_name=_("job seeker"), on_delete=models.CASCADE, related_name="event_interviews"
    )
    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interviews",
    )
    # The slot's time, copied by interview_schedule; slot times cannot change once a slot has bookings.
    period = DateTimeRangeField(_("time"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, default=Outcome.SCHEDULED)
    referral_id = models.BigIntegerField(
        _("referral"), null=True, blank=True, help_text=_("The referral (matching) this interview is recorded as.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    outcome_at = models.DateTimeField(_("outcome recorded at"), null=True, blank=True)

    class Meta:
        ordering = ["period", "created_at"]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")
        constraints = [
            ExclusionConstraint(
                name="interview_no_double_booking",
                expressions=[("seeker", RangeOperators.EQUAL), ("period", RangeOperators.OVERLAPS)],
                condition=Q(period__isnull=False) & ~Q(outcome="cancelled"),
                violation_error_message=_("This seeker already has an interview at that time."),
            ),
            models.CheckConstraint(
                condition=Q(slot__isnull=True) | Q(period__isnull=False), name="interview_slot_has_period"
            ),
        ]
        indexes = [models.Index(fields=["event", "outcome"], name="interview_event_outcome_idx")]

    def __str__(self) -> str:
        return f"{self.seeker} · {self.participation.company}"


class Attendance(models.Model):
    """Whether one registered seeker attended one session."""

    session = models.ForeignKey(
        EventSession, verbose_name=_("session"), on_delete=models.CASCADE, related_name="attendances"
    )
    registration = models.ForeignKey(
        Registration, verbose_name=_("registration"), on_delete=models.CASCADE, related_name="attendances"
    )
    present = models.BooleanField(_("present"), default=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "registration"], name="attendance_once_per_session"),
        ]

    def __str__(self) -> str:
        return f"{self.registration} · {self.session}"


class EventLogEntry(models.Model):
    """History: every state change of an event, registration, participation or interview writes one row."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="log")
    registration = models.ForeignKey(
        Registration,
        verbose_name=_("registration"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="log",
    )
    participation = models.ForeignKey(
        Participation,
        verbose_name=_("participation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="log",
    )
    interview = models.ForeignKey(
        Interview, verbose_name=_("interview"), null=True, blank=True, on_delete=models.CASCADE, related_name="log"
    )
    action = models.CharField(_("action"), max_length=40)
    from_value = models.CharField(_("from"), max_length=20, blank=True)
    to_value = models.CharField(_("to"), max_length=20, blank=True)
    note = models.TextField(_("reason"), blank=True, help_text=_("Why, for a correction."))
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
        ordering = ["at"]
        verbose_name = _("event log entry")
        verbose_name_plural = _("event log entries")

    def __str__(self) -> str:
        return f"{self.action}: {self.from_value} → {self.to_value}"


class RoomRequest(models.Model):
    """An employer asks for a date in the permanent interview room (상설채용관, 상설면접장).

    A counselor accepts it (an interview-room event on the chosen date, with the company taking part and
    its slots) or declines it with a comment. Allowed status changes: events.services.ROOM_TRANSITIONS.
    """

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    centre = models.ForeignKey(
        Centre, verbose_name=_("job centre"), on_delete=models.PROTECT, related_name="room_requests"
    )
    company = models.ForeignKey(
        "employers.Company", verbose_name=_("company"), on_delete=models.CASCADE, related_name="room_requests"
    )
    vacancies = models.ManyToManyField("employers.Vacancy", verbose_name=_("vacancies"), related_name="room_requests")
    preferred_dates = ArrayField(
        models.DateField(),
        verbose_name=_("preferred dates"),
        help_text=_("Up to three dates, the first one preferred."),
    )
    start_time = models.TimeField(_("interviews from"))
    end_time = models.TimeField(_("interviews until"))
    interviewers = models.PositiveSmallIntegerField(
        _("number of interviewers"), default=1, help_text=_("How many people interview in parallel.")
    )
    note = models.TextField(_("note for the centre"), blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.REQUESTED)
    comment = models.TextField(
        _("centre's comment"), blank=True, help_text=_("Why the request was declined, or what to bring.")
    )
    # Set together with status ACCEPTED by events.services.room_request_accept.
    event = models.OneToOneField(
        Event,
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="room_request",
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("interview room request")
        verbose_name_plural = _("interview room requests")
        indexes = [
            models.Index(
                fields=["centre", "created_at"], name="room_request_open_idx", condition=Q(status="requested")
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")),
                name="room_request_times_ordered",
                violation_error_message=_("The interviews must end after they start."),
            ),
            models.CheckConstraint(
                condition=Q(interviewers__gte=1, interviewers__lte=20),
                name="room_request_interviewers_range",
                violation_error_message=_("Between 1 and 20 interviewers."),
            ),
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(event__isnull=False),
                name="room_request_accepted_has_event",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.company} · {self.preferred_dates[0] if self.preferred_dates else ''}"


class RoomRequestLogEntry(models.Model):
    """History of a room request: every status change writes one row."""

    request = models.ForeignKey(RoomRequest, verbose_name=_("request"), on_delete=models.CASCADE, related_name="log")
    from_value = models.CharField(_("from"), max_length=12, blank=True)
    to_value = models.CharField(_("to"), max_length=12)
    comment = models.TextField(_("comment"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["at"]
        verbose_name = _("room request log entry")
        verbose_name_plural = _("room request log entries")

    def __str__(self) -> str:
        return f"{self.from_value} → {self.to_value}"

    @property
    def to_label(self) -> str:
        return RoomRequest.Status(self.to_value).label if self.to_value in RoomRequest.Status.values else self.to_value
