"""Writes to events. Every state change writes an EventLogEntry; allowed transitions live in one table each.

Concurrency: sign-ups and cancellations of one event are serialised by `select_for_update` on the event
row (capacity and the waiting list), bookings of one slot by `select_for_update` on the slot row (its
`booked` counter). The database has the last word through the check and exclusion constraints in
events/models.py; their violations come back here as ValidationError.
"""

import datetime
import secrets
from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.db.models import Count, Max, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from employers.models import Company, Vacancy
from events import referrals
from events.links import absolute_url
from events.models import (
    Attendance,
    Event,
    EventKind,
    EventLogEntry,
    EventSeries,
    EventSession,
    Interview,
    InterviewSlot,
    Participation,
    Registration,
    RoomRequest,
    RoomRequestLogEntry,
)
from events.scheduling import series_dates, weekly_dates
from events.selectors import live_registration
from jobcenter.models import Booth, Centre, ClosedDay, User
from jobcenter.notifications import notify
from seekers.models import Seeker

State = Event.State
EVENT_TRANSITIONS: dict[str, set[str]] = {
    State.PLANNED: {State.OPEN, State.CANCELLED},
    State.OPEN: {State.CLOSED, State.HELD, State.CANCELLED},
    State.CLOSED: {State.OPEN, State.HELD, State.CANCELLED},
    State.HELD: set(),
    State.CANCELLED: set(),
}

PStatus = Participation.Status
PARTICIPATION_TRANSITIONS: dict[str, set[str]] = {
    PStatus.APPLIED: {PStatus.CONFIRMED, PStatus.DECLINED, PStatus.WITHDRAWN},
    PStatus.CONFIRMED: {PStatus.WITHDRAWN},
    PStatus.DECLINED: set(),
    PStatus.WITHDRAWN: set(),
}

Outcome = Interview.Outcome
OUTCOME_TRANSITIONS: dict[str, set[str]] = {
    Outcome.SCHEDULED: {Outcome.NO_SHOW, Outcome.INTERVIEWED, Outcome.PASSED_FIRST, Outcome.HIRED, Outcome.CANCELLED},
    # Corrections on the day: a no-show who turns up late, a result entered on the wrong line.
    Outcome.NO_SHOW: {Outcome.INTERVIEWED, Outcome.PASSED_FIRST, Outcome.HIRED},
    Outcome.INTERVIEWED: {Outcome.PASSED_FIRST, Outcome.HIRED},
    Outcome.PASSED_FIRST: {Outcome.HIRED},
    Outcome.HIRED: set(),
    Outcome.CANCELLED: set(),
}

# States in which the event still takes sign-ups from counselors (seekers only while OPEN and in the window).
LIVE_STATES = (State.PLANNED, State.OPEN, State.CLOSED)
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud at a door


def _log(*, event: Event, action: str, by: User | None, from_value: str = "", to_value: str = "", **targets) -> None:
    EventLogEntry.objects.create(event=event, action=action, by=by, from_value=from_value, to_value=to_value, **targets)


def _new_code() -> str:
    while True:
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(8))
        if not Registration.objects.filter(code=code).exists():
            return code


# --- Events and series -----------------------------------------------------------------------------


def _check_event_fields(*, mode: str, venue: str, video_link: str, starts_at, ends_at) -> None:
    errors = {}
    if ends_at <= starts_at:
        errors["ends_at"] = _("The event must end after it starts.")
    if mode != "in_person" and not video_link:
        errors["video_link"] = _("A video event needs a video link.")
    if mode != "video" and not venue:
        errors["venue"] = _("An in-person event needs a venue.")
    if errors:
        raise ValidationError(errors)


def _session_times(
    *, kind: str, starts_at: datetime.datetime, ends_at: datetime.datetime, session_weekdays: Sequence[int]
) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """A training cohort meets on its weekdays from the first to the last day; any other event meets once."""
    if kind != EventKind.TRAINING or not session_weekdays:
        return [(starts_at, ends_at)]
    local_start, local_end = timezone.localtime(starts_at), timezone.localtime(ends_at)
    zone = local_start.tzinfo
    times = []
    for day in weekly_dates(weekdays=session_weekdays, first=local_start.date(), last=local_end.date()):
        begin = datetime.datetime.combine(day, local_start.time(), tzinfo=zone)
        end = datetime.datetime.combine(day, local_end.time(), tzinfo=zone)
        if end > begin:
            times.append((begin, end))
    return times or [(starts_at, ends_at)]


@transaction.atomic
def event_create(
    *,
    by: User,
    centre: Centre,
    kind: str,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    mode: str = "in_person",
    venue: str = "",
    video_link: str = "",
    description: str = "",
    capacity: int | None = None,
    target_groups: Sequence[str] = (),
    registration_opens_at: datetime.datetime | None = None,
    registration_closes_at: datetime.datetime | None = None,
    co_hosts: str = "",
    completion_percent: int = 80,
    session_weekdays: Sequence[int] = (),
    series: EventSeries | None = None,
    state: str = State.PLANNED,
) -> Event:
    """Create an event with its sessions (one, or one per class day of a training cohort)."""
    _check_event_fields(mode=mode, venue=venue, video_link=video_link, starts_at=starts_at, ends_at=ends_at)
    closed = ClosedDay.objects.filter(centre=centre, date=timezone.localdate(starts_at)).first()
    if closed is not None and mode != "video":  # a video event needs no open building
        raise ValidationError(
            _("The centre is closed on %(date)s (%(reason)s).")
            % {"date": f"{closed.date:%Y-%m-%d}", "reason": closed.reason}
        )
    event = Event.objects.create(
        centre=centre,
        series=series,
        kind=kind,
        mode=mode,
        title=title,
        description=description,
        venue=venue,
        video_link=video_link,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
        target_groups=list(target_groups),
        registration_opens_at=registration_opens_at,
        registration_closes_at=registration_closes_at,
        co_hosts=co_hosts,
        completion_percent=completion_percent,
        state=state,
        created_by=by,
    )
    EventSession.objects.bulk_create(
        EventSession(event=event, starts_at=begin, ends_at=end)
        for begin, end in _session_times(
            kind=kind, starts_at=starts_at, ends_at=ends_at, session_weekdays=session_weekdays
        )
    )
    _log(event=event, action="created", by=by, to_value=state)
    return event


@transaction.atomic
def event_update(*, event: Event, by: User, **fields) -> Event:
    """Change an event's details (not its state: see event_transition)."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.state in (State.HELD, State.CANCELLED):
        raise ValidationError(_("A held or cancelled event can no longer be changed."))
    for name, value in fields.items():
        setattr(event, name, value)
    _check_event_fields(
        mode=event.mode,
        venue=event.venue,
        video_link=event.video_link,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
    )
    event.save()
    if event.sessions.count() == 1:
        event.sessions.update(starts_at=event.starts_at, ends_at=event.ends_at)
    _log(event=event, action="updated", by=by)
    return event


@transaction.atomic
def event_transition(*, event: Event, to_state: str, by: User | None) -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    if to_state not in EVENT_TRANSITIONS[event.state]:
        raise ValidationError(
            _("An event that is %(from)s cannot become %(to)s.")
            % {"from": event.get_state_display(), "to": State(to_state).label}
        )
    from_state = event.state
    event.state = to_state
    event.save(update_fields=["state"])
    _log(event=event, action="state", by=by, from_value=from_state, to_value=to_state)
    if to_state == State.CANCELLED:
        for registration in event.registrations.exclude(status=Registration.Status.CANCELLED).select_related("seeker"):
            notify(
                template="events_cancelled",
                context={"event": event, "registration": registration},
                email=registration.seeker.email,
                phone=registration.seeker.phone,
                key=f"events-cancelled:{registration.pk}",
            )
    return event


@transaction.atomic
def series_create(
    *,
    by: User,
    centre: Centre,
    title: str,
    kind: str,
    rule: str,
    weekday: int,
    first_date: datetime.date,
    last_date: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time,
    weeks_of_month: Sequence[int] = (),
    mode: str = "in_person",
    venue: str = "",
    video_link: str = "",
    capacity: int | None = None,
    co_hosts: str = "",
    state: str = State.OPEN,
) -> EventSeries:
    """Define a recurring event once and create one event per date, Korean public holidays skipped."""
    if rule == EventSeries.Rule.MONTHLY and not weeks_of_month:
        raise ValidationError({"weeks_of_month": _("Say which weeks of the month the series meets.")})
    if last_date < first_date:
        raise ValidationError({"last_date": _("The last date must not be before the first date.")})
    if end_time <= start_time:
        raise ValidationError({"end_time": _("The end time must be after the start time.")})
    dates = series_dates(rule=rule, weekday=weekday, weeks_of_month=weeks_of_month, first=first_date, last=last_date)
    closed = set(ClosedDay.objects.filter(centre=centre, date__in=dates).values_list("date", flat=True))
    dates = [day for day in dates if day not in closed]  # the centre's own closed days, like public holidays
    if not dates:
        raise ValidationError(_("These rules produce no date between the first and the last date."))
    if len(dates) > 200:
        raise ValidationError(_("A series can produce at most 200 events; choose a shorter period."))
    series = EventSeries.objects.create(
        centre=centre,
        title=title,
        kind=kind,
        mode=mode,
        rule=rule,
        weekday=weekday,
        weeks_of_month=list(weeks_of_month),
        first_date=first_date,
        last_date=last_date,
        start_time=start_time,
        end_time=end_time,
        venue=venue,
        video_link=video_link,
        capacity=capacity,
        co_hosts=co_hosts,
        created_by=by,
    )
    zone = timezone.get_current_timezone()
    for day in dates:
        event_create(
            by=by,
            centre=centre,
            kind=kind,
            title=f"{title} ({day:%m/%d})",
            mode=mode,
            venue=venue,
            video_link=video_link,
            capacity=capacity,
            co_hosts=co_hosts,
            series=series,
            state=state,
            starts_at=datetime.datetime.combine(day, start_time, tzinfo=zone),
            ends_at=datetime.datetime.combine(day, end_time, tzinfo=zone),
        )
    return series


# --- Registrations ---------------------------------------------------------------------------------


def sign_up_problem(event: Event, *, now: datetime.datetime | None = None) -> str:
    """Why a seeker cannot sign up online right now ('' when they can)."""
    now = now or timezone.now()
    if event.state != State.OPEN:
        return _("Sign-up is not open for this event.")
    if event.registration_opens_at and now < event.registration_opens_at:
        return _("Sign-up has not opened yet.")
    closes = event.registration_closes_at or event.starts_at
    if now >= closes:
        return _("Sign-up has closed.")
    return ""


def _confirmed_count(event: Event) -> int:
    return event.registrations.filter(status=Registration.Status.CONFIRMED).count()


def registration_page_url(registration: Registration) -> str:
    """The seeker's own page of a registration, with its QR code (they log in to see it)."""
    return absolute_url(reverse("events:my_registration", kwargs={"pk": registration.pk}))


def _send_registration_notice(registration: Registration, template: str) -> None:
    seeker = registration.seeker
    notify(
        template=template,
        context={
            "registration": registration,
            "event": registration.event,
            "seeker": seeker,
            "page_url": registration_page_url(registration),
        },
        email=seeker.email,
        phone=seeker.phone,
        key=f"{template}:{registration.pk}:{registration.status}:{registration.waitlisted_at or ''}",
    )


@transaction.atomic
def registration_create(
    *,
    event: Event,
    seeker: Seeker,
    by: User | None,
    source: str = Registration.Source.SELF,
    notify_seeker: bool = True,
) -> Registration:
    """Sign a seeker up: confirmed while seats remain, else on the waiting list. Walk-ins always get in.
    `notify_seeker=False` when the caller's own message carries the check-in code (an interview invitation)."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if source == Registration.Source.SELF:
        problem = sign_up_problem(event)
        if problem:
            raise ValidationError(problem)
    elif event.state not in LIVE_STATES:
        raise ValidationError(_("This event is %(state)s.") % {"state": event.get_state_display()})
    existing = live_registration(event, seeker)
    if existing:
        if source == Registration.Source.WALK_IN:
            return existing
        raise ValidationError(_("This seeker is already signed up for this event."))
    full = (
        event.capacity is not None
        and source != Registration.Source.WALK_IN
        and _confirmed_count(event) >= event.capacity
    )
    now = timezone.now()
    registration = Registration.objects.create(
        event=event,
        seeker=seeker,
        source=source,
        status=Registration.Status.WAITLISTED if full else Registration.Status.CONFIRMED,
        waitlisted_at=now if full else None,
        code=_new_code(),
        created_by=by,
    )
    _log(event=event, action="registered", by=by, to_value=registration.status, registration=registration)
    if source != Registration.Source.WALK_IN and notify_seeker:
        _send_registration_notice(registration, "events_waitlisted" if full else "events_confirmation")
    return registration


@transaction.atomic
def registration_cancel(*, registration: Registration, by: User | None) -> Registration:
    """Cancel a sign-up, cancel its interviews, and move the first person on the waiting list up."""
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.Status.CANCELLED:
        return registration
    if registration.checked_in_at:
        raise ValidationError(_("A checked-in registration cannot be cancelled."))
    was = registration.status
    registration.status = Registration.Status.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    _log(event=event, action="status", by=by, from_value=was, to_value=registration.status, registration=registration)
    for interview in registration.interviews.filter(outcome=Outcome.SCHEDULED):
        interview_cancel(interview=interview, by=by)
    if was == Registration.Status.CONFIRMED:
        waitlist_promote(event=event, by=by)
    return registration


def waitlist_promote(*, event: Event, by: User | None) -> list[Registration]:
    """Confirm people from the waiting list, oldest first, while seats are free. Caller holds the event lock."""
    promoted = []
    free = None if event.capacity is None else event.capacity - _confirmed_count(event)
    waiting = event.registrations.filter(status=Registration.Status.WAITLISTED).order_by("waitlisted_at", "pk")
    for registration in waiting.select_related("seeker", "event"):
        if free is not None and free <= 0:
            break
        registration.status = Registration.Status.CONFIRMED
        registration.save(update_fields=["status"])
        _log(
            event=event,
            action="status",
            by=by,
            from_value=Registration.Status.WAITLISTED,
            to_value=Registration.Status.CONFIRMED,
            registration=registration,
        )
        _send_registration_notice(registration, "events_promoted")
        promoted.append(registration)
        if free is not None:
            free -= 1
    return promoted


@transaction.atomic
def registration_check_in(*, registration: Registration, by: User) -> Registration:
    registration = Registration.objects.select_for_update().select_related("event").get(pk=registration.pk)
    if registration.status != Registration.Status.CONFIRMED:
        raise ValidationError(
            _("This registration is %(status)s and cannot be checked in.")
            % {"status": registration.get_status_display()}
        )
    if registration.event.state == State.CANCELLED:
        raise ValidationError(_("This event was cancelled."))
    first_day, last_day = (
        timezone.localdate(registration.event.starts_at),
        timezone.localdate(registration.event.ends_at),
    )
    if not first_day <= timezone.localdate() <= last_day:
        raise ValidationError(
            _("Check-in is possible only on the day of the event (%(days)s).")
            % {"days": f"{first_day:%Y-%m-%d}" + (f"–{last_day:%Y-%m-%d}" if last_day != first_day else "")},
            code="not_event_day",
        )
    if registration.checked_in_at is None:
        registration.checked_in_at = timezone.now()
        registration.checked_in_by = by
        registration.save(update_fields=["checked_in_at", "checked_in_by"])
        _log(event=registration.event, action="checked_in", by=by, registration=registration)
    return registration


@transaction.atomic
def walk_in_register(*, event: Event, seeker: Seeker, by: User) -> Registration:
    """Someone who came without signing up: registered and checked in on the spot, capacity aside."""
    registration = registration_create(event=event, seeker=seeker, by=by, source=Registration.Source.WALK_IN)
    if registration.status == Registration.Status.WAITLISTED:
        registration.status = Registration.Status.CONFIRMED
        registration.save(update_fields=["status"])
        _log(
            event=event,
            action="status",
            by=by,
            from_value=Registration.Status.WAITLISTED,
            to_value=Registration.Status.CONFIRMED,
            registration=registration,
        )
    return registration_check_in(registration=registration, by=by)


# --- Employers, slots and interviews -----------------------------------------------------------------


@transaction.atomic
def participation_create(
    *,
    event: Event,
    company: Company,
    vacancies: Iterable[Vacancy],
    by: User,
    booth: str = "",
    note: str = "",
    status: str = PStatus.APPLIED,
) -> Participation:
    """An employer takes part (APPLIED from the portal, CONFIRMED when a counselor adds it)."""
    if not event.has_employers:
        raise ValidationError(_("Employers do not take part in this kind of event."))
    if event.state not in LIVE_STATES:
        raise ValidationError(_("This event is %(state)s.") % {"state": event.get_state_display()})
    vacancies = list(vacancies)
    if not vacancies:
        raise ValidationError({"vacancies": _("Choose at least one vacancy.")})
    if any(vacancy.company_id != company.pk for vacancy in vacancies):
        raise ValidationError({"vacancies": _("Choose vacancies of this company only.")})
    try:
        with transaction.atomic():
            participation = Participation.objects.create(
                event=event, company=company, booth=booth, note=note, status=status, created_by=by
            )
    except IntegrityError as error:
        if "booth" in str(error):
            raise ValidationError({"booth": _("Another company already has this booth.")}) from error
        raise ValidationError(_("This company already takes part in this event.")) from error
    participation.vacancies.set(vacancies)
    _log(event=event, action="participation", by=by, to_value=status, participation=participation)
    return participation


@transaction.atomic
def participation_transition(*, participation: Participation, to_status: str, by: User) -> Participation:
    participation = Participation.objects.select_for_update().select_related("event").get(pk=participation.pk)
    if to_status not in PARTICIPATION_TRANSITIONS[participation.status]:
        raise ValidationError(
            _("A participation that is %(from)s cannot become %(to)s.")
            % {"from": participation.get_status_display(), "to": PStatus(to_status).label}
        )
    was = participation.status
    participation.status = to_status
    participation.save(update_fields=["status"])
    _log(
        event=participation.event,
        action="participation",
        by=by,
        from_value=was,
        to_value=to_status,
        participation=participation,
    )
    if to_status in (PStatus.WITHDRAWN, PStatus.DECLINED):
        for interview in participation.interviews.filter(outcome=Outcome.SCHEDULED):
            interview_cancel(interview=interview, by=by)
    return participation


@transaction.atomic
def participation_set_booth(*, participation: Participation, booth: str, by: User) -> Participation:
    participation.booth = booth
    try:
        with transaction.atomic():
            participation.save(update_fields=["booth"])
    except IntegrityError as error:
        raise ValidationError({"booth": _("Another company already has this booth.")}) from error
    return participation


@transaction.atomic
def slots_generate(
    *,
    participation: Participation,
    first_start: datetime.datetime,
    last_end: datetime.datetime,
    minutes: int,
    interviewers: int,
    by: User,
) -> list[InterviewSlot]:
    """Cut the booth's interview time into slots of `minutes`, each taking `interviewers` seekers at once."""
    if minutes < 5 or minutes > 240:
        raise ValidationError({"minutes": _("A slot lasts between 5 and 240 minutes.")})
    if interviewers < 1 or interviewers > 50:
        raise ValidationError({"interviewers": _("Between 1 and 50 interviewers can work in parallel.")})
    if last_end <= first_start:
        raise ValidationError({"last_end": _("The interviews must end after they start.")})
    existing = set(participation.slots.values_list("starts_at", flat=True))
    length = datetime.timedelta(minutes=minutes)
    slots, begin = [], first_start
    while begin + length <= last_end:
        if begin not in existing:
            slots.append(
                InterviewSlot(
                    participation=participation, starts_at=begin, ends_at=begin + length, capacity=interviewers
                )
            )
        begin += length
    if not slots:
        raise ValidationError(_("No new slot fits between these times."))
    created = InterviewSlot.objects.bulk_create(slots)
    _log(event=participation.event, action="slots", by=by, to_value=str(len(created)), participation=participation)
    return created


@transaction.atomic
def interview_schedule(
    *,
    slot: InterviewSlot | None,
    seeker: Seeker,
    by: User,
    participation: Participation | None = None,
    vacancy: Vacancy | None = None,
) -> Interview:
    """Book a seeker into a slot (or an on-the-spot interview without one) and record it as a referral.

    The slot row is locked while its counter moves; the check constraint stops any overbooking and the
    exclusion constraint any overlap with the seeker's other interviews.
    """
    if slot is not None:
        slot = InterviewSlot.objects.select_for_update().select_related("participation__event").get(pk=slot.pk)
        participation = slot.participation
        if slot.booked >= slot.capacity:
            raise ValidationError(_("This interview slot is full."))
    if participation is None:
        raise ValidationError(_("Choose an employer or a slot."))
    event = participation.event
    if participation.status != PStatus.CONFIRMED:
        raise ValidationError(_("This employer's participation is not confirmed."))
    if event.state in (State.CANCELLED,):
        raise ValidationError(_("This event was cancelled."))
    vacancies = list(participation.vacancies.all())
    if vacancy is None and len(vacancies) == 1:
        vacancy = vacancies[0]
    if vacancy is not None and vacancy.pk not in {v.pk for v in vacancies}:
        raise ValidationError({"vacancy": _("This vacancy is not offered at this booth.")})
    registration = live_registration(event, seeker)
    if registration is None:
        # A pre-matching invite is one message: the interview invitation below carries the check-in code.
        registration = registration_create(
            event=event, seeker=seeker, by=by, source=Registration.Source.INVITED, notify_seeker=slot is None
        )
    period = DateTimeTZRange(slot.starts_at, slot.ends_at, "[)") if slot else None
    try:
        with transaction.atomic():
            interview = Interview.objects.create(
                event=event,
                participation=participation,
                vacancy=vacancy,
                slot=slot,
                seeker=seeker,
                registration=registration,
                period=period,
                created_by=by,
            )
            if slot is not None:
                slot.booked += 1
                slot.save(update_fields=["booked"])
    except IntegrityError as error:
        if "interview_no_double_booking" in str(error):
            raise ValidationError(_("This seeker already has an interview at that time.")) from error
        if "interview_slot_not_overbooked" in str(error):
            raise ValidationError(_("This interview slot is full.")) from error
        raise
    if vacancy is not None:
        interview.referral_id = referrals.referral_for_interview(
            by=by,
            seeker=seeker,
            vacancy=vacancy,
            starts_at=slot.starts_at if slot else None,
            place=event.venue,
            video_link=event.video_link if event.has_video else "",
        )
        if interview.referral_id:
            interview.save(update_fields=["referral_id"])
    _log(event=event, action="interview", by=by, to_value=interview.outcome, interview=interview)
    if slot is not None:
        _send_interview_invitation(interview=interview, registration=registration)
    return interview


def _send_interview_invitation(*, interview: Interview, registration: Registration) -> None:
    """Tell the seeker the time and the employer of an interview a counselor booked (pre-matching)."""
    seeker = interview.seeker
    notify(
        template="events_interview_invitation",
        context={
            "interview": interview,
            "event": interview.event,
            "seeker": seeker,
            "company": interview.participation.company,
            "registration": registration,
            "page_url": registration_page_url(registration),
        },
        email=seeker.email,
        phone=seeker.phone,
        key=f"events-interview:{interview.pk}",
    )


@transaction.atomic
def interview_cancel(*, interview: Interview, by: User | None) -> Interview:
    interview = Interview.objects.select_for_update().get(pk=interview.pk)
    if interview.outcome != Outcome.SCHEDULED:
        raise ValidationError(_("Only a scheduled interview can be cancelled."))
    if interview.slot_id:
        slot = InterviewSlot.objects.select_for_update().get(pk=interview.slot_id)
        slot.booked -= 1
        slot.save(update_fields=["booked"])
    return _set_outcome(interview=interview, outcome=Outcome.CANCELLED, by=by)


def _set_outcome(*, interview: Interview, outcome: str, by: User | None) -> Interview:
    was = interview.outcome
    interview.outcome = outcome
    interview.outcome_at = timezone.now()
    interview.save(update_fields=["outcome", "outcome_at"])
    _log(event=interview.event, action="outcome", by=by, from_value=was, to_value=outcome, interview=interview)
    referrals.referral_follow_outcome(referral_id=interview.referral_id, outcome=outcome, by=by, event=interview.event)
    return interview


@transaction.atomic
def interview_record_outcome(*, interview: Interview, outcome: str, by: User) -> Interview:
    """Record how an interview went: no-show, interviewed, passed round one or hired."""
    interview = Interview.objects.select_for_update().select_related("event").get(pk=interview.pk)
    if outcome == interview.outcome:
        return interview
    if outcome == Outcome.CANCELLED:
        return interview_cancel(interview=interview, by=by)
    if outcome not in OUTCOME_TRANSITIONS[interview.outcome]:
        raise ValidationError(
            _("An interview that is %(from)s cannot become %(to)s.")
            % {"from": interview.get_outcome_display(), "to": Outcome(outcome).label}
        )
    _outcome_allowed(interview, outcome)
    return _set_outcome(interview=interview, outcome=outcome, by=by)


def _outcome_allowed(interview: Interview, outcome: str, *, now: datetime.datetime | None = None) -> None:
    """An outcome only once the event has started, and "interviewed" or "hired" only for someone who registered (or
    was added on the spot) and was checked in: a result for a person who was not there is not a result."""
    event = interview.event
    if event.starts_at > (now or timezone.now()):
        raise ValidationError(
            _("The event has not started yet; outcomes can be recorded from %(start)s.")
            % {"start": f"{timezone.localtime(event.starts_at):%Y-%m-%d %H:%M}"},
            code="event_not_started",
        )
    if outcome in Interview.HELD_OUTCOMES:
        registration = interview.registration or (
            event.registrations.filter(seeker_id=interview.seeker_id)
            .exclude(status=Registration.Status.CANCELLED)
            .first()
        )
        if registration is None or registration.status == Registration.Status.CANCELLED:
            raise ValidationError(
                _("%(name)s is not registered for this event; register them (or add them on the spot) first.")
                % {"name": interview.seeker.name},
                code="not_registered",
            )
        if registration.checked_in_at is None:
            raise ValidationError(
                _("%(name)s has not been checked in; check them in before recording the interview.")
                % {"name": interview.seeker.name},
                code="not_checked_in",
            )


# Outcomes staff may correct with a reason: the interview goes back to "scheduled" and its referral (and a hire's
# placement) is undone through matching's correction, so that the right outcome can be recorded again.
CORRECTABLE_OUTCOMES = (Outcome.NO_SHOW, *Interview.HELD_OUTCOMES)


@transaction.atomic
def interview_correct_outcome(*, interview: Interview, by: User, reason: str) -> Interview:
    """Undo a recorded interview outcome, with the reason, written to the event's log with who and when."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the outcome is corrected.")})
    if not by.is_centre_staff:
        raise ValidationError(_("Only the centre's staff can correct a recorded outcome."))
    interview = Interview.objects.select_for_update().select_related("event").get(pk=interview.pk)
    if interview.outcome not in CORRECTABLE_OUTCOMES:
        raise ValidationError(_("Only a recorded outcome can be corrected."))
    referrals.referral_correct(referral_id=interview.referral_id, by=by, reason=reason)
    was = interview.outcome
    interview.outcome = Outcome.SCHEDULED
    interview.outcome_at = None
    interview.save(update_fields=["outcome", "outcome_at"])
    _log(
        event=interview.event,
        action="outcome_corrected",
        by=by,
        from_value=was,
        to_value=Outcome.SCHEDULED,
        interview=interview,
        note=reason,
    )
    return interview


# --- Attendance and completion -------------------------------------------------------------------------


@transaction.atomic
def attendance_record(*, session: EventSession, present_ids: Iterable[int], by: User) -> int:
    """Record who attended a session (everyone confirmed, present or not); returns the number present.
    Only for a session that has begun: nobody attends a session that has not taken place."""
    if session.starts_at > timezone.now():
        raise ValidationError(
            _("This session has not taken place yet (%(start)s); attendance can be recorded once it has begun.")
            % {"start": f"{timezone.localtime(session.starts_at):%Y-%m-%d %H:%M}"},
            code="session_not_held",
        )
    present = set(present_ids)
    registrations = list(session.event.registrations.filter(status=Registration.Status.CONFIRMED))
    for registration in registrations:
        Attendance.objects.update_or_create(
            session=session,
            registration=registration,
            defaults={"present": registration.pk in present, "recorded_by": by},
        )
    _log(event=session.event, action="attendance", by=by, to_value=str(len(present)))
    completion_update(event=session.event)
    return sum(1 for r in registrations if r.pk in present)


def completion_update(*, event: Event) -> int:
    """Mark completed whoever attended at least the event's attendance rule of its sessions (80% by default), once
    the last session is over: completion (수료) and its certificate come after the whole course."""
    sessions = event.sessions.aggregate(total=Count("pk"), last_end=Max("ends_at"))
    total = sessions["total"]
    if not total:
        return 0
    if sessions["last_end"] > timezone.now():
        event.registrations.filter(completed_at__isnull=False).update(completed_at=None)
        return 0
    completed = 0
    regs = event.registrations.filter(status=Registration.Status.CONFIRMED).annotate(
        attended=Count("attendances", filter=Q(attendances__present=True))
    )
    now = timezone.now()
    for registration in regs:
        done = registration.attended * 100 >= event.completion_percent * total
        if done and registration.completed_at is None:
            registration.completed_at = now
            registration.save(update_fields=["completed_at"])
        elif not done and registration.completed_at is not None:
            registration.completed_at = None
            registration.save(update_fields=["completed_at"])
        completed += int(done)
    return completed


# --- Notices ----------------------------------------------------------------------------------------------


@transaction.atomic
def reminders_queue(*, today: datetime.date | None = None) -> int:
    """Queue the day-before reminder for every confirmed participant of tomorrow's events (once each)."""
    today = today or timezone.localdate()
    tomorrow = today + datetime.timedelta(days=1)
    registrations = (
        Registration.objects.filter(
            status=Registration.Status.CONFIRMED,
            event__state__in=[State.OPEN, State.CLOSED, State.PLANNED],
            event__sessions__starts_at__date=tomorrow,
        )
        .select_related("event", "seeker")
        .distinct()
    )
    queued = 0
    for registration in registrations:
        seeker = registration.seeker
        sent = notify(
            template="events_reminder",
            context={
                "registration": registration,
                "event": registration.event,
                "seeker": seeker,
                "page_url": registration_page_url(registration),
            },
            email=seeker.email,
            phone=seeker.phone,
            key=f"events-reminder:{registration.pk}:{tomorrow.isoformat()}",
        )
        queued += bool(sent)
    return queued


# --- Series as a whole -------------------------------------------------------------------------------------


def _future_live_events(series: EventSeries):
    return series.events.filter(state__in=LIVE_STATES, starts_at__gt=timezone.now()).order_by("starts_at")


@transaction.atomic
def series_update(
    *,
    series: EventSeries,
    by: User,
    title: str,
    mode: str,
    start_time: datetime.time,
    end_time: datetime.time,
    venue: str = "",
    video_link: str = "",
    capacity: int | None = None,
    co_hosts: str = "",
) -> int:
    """Change a series and every one of its events still to come; held and past dates stay as they were.

    Returns the number of events changed.
    """
    series = EventSeries.objects.select_for_update().get(pk=series.pk)
    if series.cancelled_at is not None:
        raise ValidationError(_("This series was cancelled."))
    if end_time <= start_time:
        raise ValidationError({"end_time": _("The end time must be after the start time.")})
    _check_event_fields(
        mode=mode,
        venue=venue,
        video_link=video_link,
        starts_at=datetime.datetime.combine(series.first_date, start_time),
        ends_at=datetime.datetime.combine(series.first_date, end_time),
    )
    series.title, series.mode, series.venue, series.video_link = title, mode, venue, video_link
    series.start_time, series.end_time, series.capacity, series.co_hosts = start_time, end_time, capacity, co_hosts
    series.save()
    changed = 0
    for event in _future_live_events(series):
        day = timezone.localtime(event.starts_at).date()
        zone = timezone.get_current_timezone()
        event_update(
            event=event,
            by=by,
            title=f"{title} ({day:%m/%d})",
            mode=mode,
            venue=venue,
            video_link=video_link,
            capacity=capacity,
            co_hosts=co_hosts,
            starts_at=datetime.datetime.combine(day, start_time, tzinfo=zone),
            ends_at=datetime.datetime.combine(day, end_time, tzinfo=zone),
        )
        changed += 1
    return changed


@transaction.atomic
def series_cancel(*, series: EventSeries, by: User) -> int:
    """Cancel every future date of a series (participants are told); returns the number of events cancelled."""
    series = EventSeries.objects.select_for_update().get(pk=series.pk)
    if series.cancelled_at is not None:
        raise ValidationError(_("This series was already cancelled."))
    cancelled = 0
    for event in _future_live_events(series):
        event_transition(event=event, to_state=State.CANCELLED, by=by)
        cancelled += 1
    series.cancelled_at = timezone.now()
    series.save(update_fields=["cancelled_at"])
    return cancelled


# --- Walk-ins who are not registered yet ---------------------------------------------------------------


@transaction.atomic
def walk_in_register_new(*, event: Event, by: User, booth: Booth, data: dict, consents: Sequence[str]) -> Registration:
    """Someone at the door with no seeker registration: registered as a seeker (with the collection consent
    the staff member took), signed up and checked in, all or nothing."""
    from seekers.services import seeker_register

    if booth.centre_id != event.centre_id:
        raise ValidationError({"booth": _("Choose a booth of the event's centre.")})
    if event.state not in LIVE_STATES:
        raise ValidationError(_("This event is %(state)s.") % {"state": event.get_state_display()})
    seeker = seeker_register(
        by=by, booth=booth, data=data, consents=consents, consent_channel="booth", source=Seeker.Source.BOOTH
    )
    return walk_in_register(event=event, seeker=seeker, by=by)


# --- On-the-spot interviews ---------------------------------------------------------------------------------

ON_THE_SPOT_OUTCOMES = (Outcome.INTERVIEWED, Outcome.PASSED_FIRST, Outcome.HIRED)


@transaction.atomic
def interview_record_on_the_spot(
    *, participation: Participation, registration: Registration, outcome: str, by: User, vacancy: Vacancy | None = None
) -> Interview:
    """A checked-in seeker interviewed at a booth without a slot (job fairs), with how it went."""
    if registration.event_id != participation.event_id:
        raise ValidationError(_("This person is not registered for this event."))
    if registration.checked_in_at is None:
        raise ValidationError(_("Check this person in first; only people at the event can be interviewed."))
    if outcome not in ON_THE_SPOT_OUTCOMES:
        raise ValidationError({"outcome": _("Choose interviewed, passed round one or hired.")})
    interview = interview_schedule(
        slot=None, seeker=registration.seeker, by=by, participation=participation, vacancy=vacancy
    )
    return interview_record_outcome(interview=interview, outcome=outcome, by=by)


# --- The permanent interview room (상설채용관) ------------------------------------------------------------------

RStatus = RoomRequest.Status
ROOM_TRANSITIONS: dict[str, set[str]] = {
    RStatus.REQUESTED: {RStatus.ACCEPTED, RStatus.DECLINED, RStatus.WITHDRAWN},
    RStatus.ACCEPTED: set(),
    RStatus.DECLINED: set(),
    RStatus.WITHDRAWN: set(),
}
ROOM_VENUE = "상설면접장"


def _room_move(*, request: RoomRequest, to_status: str, by: User, comment: str = "") -> None:
    if to_status not in ROOM_TRANSITIONS[request.status]:
        raise ValidationError(
            _("A request that is %(from)s cannot become %(to)s.")
            % {"from": request.get_status_display(), "to": RStatus(to_status).label}
        )
    RoomRequestLogEntry.objects.create(
        request=request, from_value=request.status, to_value=to_status, comment=comment, by=by
    )
    request.status = to_status


def _room_notify(request: RoomRequest, template: str) -> None:
    company = request.company
    email = company.contact_email or (request.requested_by.email if request.requested_by else "")
    notify(
        template=template,
        context={
            "request": request,
            "company": company,
            "page_url": absolute_url(reverse("events:employer_room_request", kwargs={"pk": request.pk})),
        },
        email=email,
        key=f"{template}:{request.pk}",
    )


@transaction.atomic
def room_request_create(
    *,
    company: Company,
    by: User,
    vacancies: Iterable[Vacancy],
    preferred_dates: Sequence[datetime.date],
    start_time: datetime.time,
    end_time: datetime.time,
    interviewers: int = 1,
    note: str = "",
) -> RoomRequest:
    """An employer asks the company's centre for a date in the permanent interview room."""
    vacancies = list(vacancies)
    errors: dict[str, str] = {}
    if not vacancies:
        errors["vacancies"] = _("Choose at least one vacancy.")
    elif any(v.company_id != company.pk or v.status != Vacancy.Status.PUBLISHED for v in vacancies):
        errors["vacancies"] = _("Choose published vacancies of your own company.")
    dates = list(dict.fromkeys(d for d in preferred_dates if d))
    if not dates:
        errors["date_1"] = _("Give at least one date.")
    elif min(dates) <= timezone.localdate():
        errors["date_1"] = _("The dates must be in the future.")
    if end_time <= start_time:
        errors["end_time"] = _("The interviews must end after they start.")
    if not 1 <= interviewers <= 20:
        errors["interviewers"] = _("Between 1 and 20 interviewers.")
    if errors:
        raise ValidationError(errors)
    request = RoomRequest.objects.create(
        centre_id=company.centre_id,
        company=company,
        preferred_dates=dates,
        start_time=start_time,
        end_time=end_time,
        interviewers=interviewers,
        note=note,
        requested_by=by,
    )
    request.vacancies.set(vacancies)
    RoomRequestLogEntry.objects.create(request=request, to_value=request.status, by=by)
    return request


@transaction.atomic
def room_request_accept(
    *,
    request: RoomRequest,
    by: User,
    date: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time,
    slot_minutes: int = 30,
    venue: str = ROOM_VENUE,
    capacity: int | None = None,
    comment: str = "",
) -> RoomRequest:
    """Give the room: an interview-room event on `date`, the company confirmed in it with its vacancies,
    and slots of `slot_minutes` taking the requested number of interviewers in parallel."""
    request = RoomRequest.objects.select_for_update().select_related("company").get(pk=request.pk)
    if request.status != RStatus.REQUESTED:
        raise ValidationError(
            _("A request that is %(from)s cannot become %(to)s.")
            % {"from": request.get_status_display(), "to": RStatus.ACCEPTED.label}
        )
    if date <= timezone.localdate():
        raise ValidationError({"date": _("Choose a date in the future.")})
    if end_time <= start_time:
        raise ValidationError({"end_time": _("The interviews must end after they start.")})
    vacancies = list(request.vacancies.filter(status=Vacancy.Status.PUBLISHED))
    if not vacancies:
        raise ValidationError(_("None of the requested vacancies is published any more."))
    zone = timezone.get_current_timezone()
    starts_at = datetime.datetime.combine(date, start_time, tzinfo=zone)
    ends_at = datetime.datetime.combine(date, end_time, tzinfo=zone)
    event = event_create(
        by=by,
        centre=request.centre,
        kind=EventKind.INTERVIEW_ROOM,
        title=f"{ROOM_VENUE} · {request.company.name} ({date:%m/%d})",
        starts_at=starts_at,
        ends_at=ends_at,
        venue=venue,
        capacity=capacity,
        description=request.note,
        state=State.OPEN,
    )
    participation = participation_create(
        event=event,
        company=request.company,
        vacancies=vacancies,
        by=by,
        booth=ROOM_VENUE,
        status=PStatus.CONFIRMED,
    )
    slots_generate(
        participation=participation,
        first_start=starts_at,
        last_end=ends_at,
        minutes=slot_minutes,
        interviewers=request.interviewers,
        by=by,
    )
    _room_move(request=request, to_status=RStatus.ACCEPTED, by=by, comment=comment)
    request.event, request.comment = event, comment
    request.decided_by, request.decided_at = by, timezone.now()
    request.save(update_fields=["status", "event", "comment", "decided_by", "decided_at"])
    _room_notify(request, "events_room_accepted")
    return request


@transaction.atomic
def room_request_decline(*, request: RoomRequest, by: User, comment: str) -> RoomRequest:
    """Decline with a comment the employer reads (for example: the room is taken that week)."""
    request = RoomRequest.objects.select_for_update().select_related("company").get(pk=request.pk)
    if not comment.strip():
        raise ValidationError({"comment": _("Tell the employer why the request is declined.")})
    _room_move(request=request, to_status=RStatus.DECLINED, by=by, comment=comment)
    request.comment = comment.strip()
    request.decided_by, request.decided_at = by, timezone.now()
    request.save(update_fields=["status", "comment", "decided_by", "decided_at"])
    _room_notify(request, "events_room_declined")
    return request


@transaction.atomic
def room_request_withdraw(*, request: RoomRequest, by: User) -> RoomRequest:
    request = RoomRequest.objects.select_for_update().get(pk=request.pk)
    _room_move(request=request, to_status=RStatus.WITHDRAWN, by=by)
    request.save(update_fields=["status"])
    return request
