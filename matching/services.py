"""Writes of the referral workflow: referrals, interviews, placements, follow-ups, reminders.

Every state change goes through `_transition`, which checks the TRANSITIONS table and writes the log row.
"""

import datetime
import functools
import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from employers.models import Vacancy, contact_emails, member_emails, vacancy_member_emails
from employers.services import vacancy_record_placement, vacancy_release_placement
from employers.validators import work_terms_errors
from jobcenter.models import User, WageType
from jobcenter.notifications import notify
from jobcenter.queries import annotation_sql, insert_together, scoped_get
from matching.models import (
    NON_HIRE_ENDINGS,
    OPEN_STATES,
    WAITING_ON_EMPLOYER,
    EndingReason,
    FollowUp,
    Interview,
    Placement,
    Referral,
    ReferralSource,
    ReferralState,
    ReferralTransition,
)
from seekers.models import ConsentText, Seeker, holds_consent

logger = logging.getLogger(__name__)

S = ReferralState
STAFF = "staff"
EMPLOYER = "employer"
BOTH = frozenset({STAFF, EMPLOYER})
ONLY_STAFF = frozenset({STAFF})

# The referral state machine: (from, to) -> who may make the move. Nothing outside this table happens.
TRANSITIONS: dict[tuple[str, str], frozenset[str]] = {
    (S.PROPOSED, S.SENT): ONLY_STAFF,
    (S.PROPOSED, S.DECLINED): ONLY_STAFF,
    (S.PROPOSED, S.WITHDRAWN): ONLY_STAFF,
    (S.SENT, S.INTERVIEW_SCHEDULED): BOTH,
    (S.SENT, S.HIRED): BOTH,
    (S.SENT, S.NOT_HIRED): BOTH,
    (S.SENT, S.DECLINED): ONLY_STAFF,
    (S.SENT, S.WITHDRAWN): ONLY_STAFF,
    (S.INTERVIEW_SCHEDULED, S.INTERVIEW_SCHEDULED): BOTH,  # rescheduled
    (S.INTERVIEW_SCHEDULED, S.INTERVIEWED): BOTH,
    (S.INTERVIEW_SCHEDULED, S.NO_SHOW): BOTH,
    (S.INTERVIEW_SCHEDULED, S.HIRED): BOTH,
    (S.INTERVIEW_SCHEDULED, S.NOT_HIRED): BOTH,
    (S.INTERVIEW_SCHEDULED, S.DECLINED): ONLY_STAFF,
    (S.INTERVIEW_SCHEDULED, S.WITHDRAWN): ONLY_STAFF,
    (S.INTERVIEWED, S.HIRED): BOTH,
    (S.INTERVIEWED, S.NOT_HIRED): BOTH,
    (S.INTERVIEWED, S.DECLINED): ONLY_STAFF,
    (S.INTERVIEWED, S.WITHDRAWN): ONLY_STAFF,
}
# Moves that need more than a note: an interview (time, place) or a placement (start date, wage, hours).
SPECIAL_TARGETS = {S.INTERVIEW_SCHEDULED: "referral_schedule_interview", S.HIRED: "placement_record"}
# When no reason is given for these endings, this one is meant.
DEFAULT_REASONS = {S.DECLINED: EndingReason.SEEKER_DECLINED, S.NO_SHOW: EndingReason.SEEKER_DECLINED}


def actor_of(user: User) -> str:
    return EMPLOYER if user.is_employer else STAFF


def allowed_targets(referral: Referral, user: User) -> list[str]:
    """The states `user` may move `referral` to, in the order of ReferralState."""
    actor = actor_of(user)
    return [
        state
        for state in S.values
        if actor in TRANSITIONS.get((referral.state, state), frozenset()) and state != referral.state
    ]


def follow_up_months() -> list[int]:
    return sorted({int(months) for months in settings.FOLLOW_UP_MONTHS})


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it has no such day (31 Jan + 1 = 28/29 Feb)."""
    import calendar

    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1]))


# Interviews take place from 07:00 to 22:00 on days that are not public holidays, unless a reason is given.
INTERVIEW_HOURS = (datetime.time(7, 0), datetime.time(22, 0))
# An interview set for "now" at an event is not in the past: a few minutes pass between the form and the save.
INTERVIEW_PAST_GRACE = datetime.timedelta(minutes=10)


def interview_time_problems(starts_at: datetime.datetime) -> list[str]:
    """Why an interview time needs an exception: a Korean public holiday, or outside INTERVIEW_HOURS."""
    import holidays

    local = timezone.localtime(starts_at)
    problems = []
    holiday = holidays.country_holidays("KR", years=local.year, language="ko").get(local.date())
    if holiday:
        problems.append(_("%(date)s is a public holiday (%(name)s).") % {"date": f"{local:%Y-%m-%d}", "name": holiday})
    start, end = INTERVIEW_HOURS
    if not start <= local.time() <= end:
        problems.append(_("%(time)s is outside interview hours (07:00–22:00).") % {"time": f"{local:%H:%M}"})
    return problems


def _outcome_not_before_interview(referral: Referral, *, now: datetime.datetime | None = None) -> Interview | None:
    """An interview's result is recorded after the interview: "interviewed" or "hired" not before its time.
    Returns the interview (None when the referral has none: only a scheduled or interviewed referral has one)."""
    if referral.state not in (S.INTERVIEW_SCHEDULED, S.INTERVIEWED):
        return None
    interview = Interview.objects.filter(referral_id=referral.pk).only("starts_at").first()
    if interview is not None and interview.starts_at > (now or timezone.now()):
        raise ValidationError(
            _("The interview is on %(when)s; its result can be recorded only after it has taken place.")
            % {"when": f"{timezone.localtime(interview.starts_at):%Y-%m-%d %H:%M}"},
            code="before_interview",
        )
    return interview


# --- Referral ---------------------------------------------------------------------------------


@transaction.atomic
def referral_create(
    *,
    by: User | None,
    seeker: Seeker,
    vacancy: Vacancy,
    note: str = "",
    interest=None,
    source: str = ReferralSource.COUNSELOR,
    current: bool = False,
) -> Referral:
    """Propose `seeker` for `vacancy`. Refused (ValidationError, nothing saved) when the seeker has not
    consented to share their profile, the vacancy is not published or full, or an open referral exists.
    `current`: the caller read the vacancy's status and openings and the seeker's `shares_profile` (whether they
    hold the sharing consent) an instant ago, in this request (ReferralForm does): they are not read again."""
    if current:
        shares = seeker.shares_profile
    else:
        # One query for both checks: the seeker's consent, and the vacancy as it is now (the caller's copy may be
        # older).
        now = (
            Vacancy.objects.filter(pk=vacancy.pk)
            .annotate(seeker_shares=holds_consent(ConsentText.Kind.SHARING, seeker.pk))
            .values("seeker_shares", "status", "openings", "openings_filled")
            .get()
        )
        shares = now.pop("seeker_shares")
        for name, value in now.items():
            setattr(vacancy, name, value)
    if not shares:
        raise ValidationError(
            _("%(name)s has not consented to share their profile with employers; a referral needs that consent.")
            % {"name": seeker.name},
            code="no_consent",
        )
    if vacancy.status != Vacancy.Status.PUBLISHED:
        raise ValidationError(
            _("The vacancy “%(title)s” is not published (it is %(status)s); only published vacancies take referrals.")
            % {"title": vacancy.title, "status": vacancy.get_status_display()},
            code="vacancy_not_published",
        )
    if vacancy.openings_free <= 0:
        raise ValidationError(
            _("The vacancy “%(title)s” has no free openings left.") % {"title": vacancy.title},
            code="vacancy_full",
        )
    if interest is not None:
        source = ReferralSource.INTEREST
    try:
        # One open referral per seeker and vacancy: the partial unique constraint refuses a second, also when
        # two requests race (no check before the insert: it would cost a query and still let a race through).
        # No savepoint of its own: a refused insert is answered with the ValidationError below and no other query,
        # which leaves this function's atomic block and rolls its whole work back.
        referral = Referral(
            seeker=seeker,
            vacancy=vacancy,
            centre_id=seeker.centre_id,
            state=S.PROPOSED,
            source=source,
            interest_id=getattr(interest, "pk", None),
            note=note,
            created_by=by,
        )
        # The referral and its first log row in one statement (one round trip, no ORM INSERT to build).
        log = ReferralTransition(referral=referral, from_state="", to_state=S.PROPOSED, note=note, by=by)
        insert_together(referral, "referral", [log])
    except IntegrityError as error:
        if "referral_one_open_per_seeker_vacancy" in str(error):
            raise ValidationError(
                _("%(name)s already has an open referral to this vacancy.") % {"name": seeker.name}, code="duplicate"
            ) from error
        raise
    if interest is not None:
        _interest_handle(interest=interest, user=by)
    _seeker_touch(seeker)
    return referral


@transaction.atomic
def referral_request_by_employer(*, by: User, seeker: Seeker, vacancy: Vacancy, note: str = "") -> Referral:
    """An employer asks the centre to refer a seeker found in the talent search to one of its vacancies.

    It becomes a proposed referral (source "employer") on the seeker's counselor's worklist: the counselor asks the
    seeker and sends it, or declines it. The employer sees nothing of the seeker until it is sent (referrals in the
    proposed state are never shown to employers). Refused unless the seeker still holds the talent-search consent
    and the vacancy is the employer's own published one with a free opening; a second open request is refused."""
    if not vacancy.company.members.filter(user=by).exists():
        raise ValidationError(_("Choose one of your own vacancies."), code="not_your_vacancy")
    if not seeker.has_active_consent(ConsentText.Kind.TALENT):
        raise ValidationError(_("This job seeker is no longer in the talent search."), code="no_consent")
    if vacancy.status != Vacancy.Status.PUBLISHED or vacancy.openings_free <= 0:
        raise ValidationError(
            _("Only a published vacancy with a free opening can take a referral."), code="vacancy_not_open"
        )
    try:
        with transaction.atomic():
            referral = Referral.objects.create(
                seeker=seeker,
                vacancy=vacancy,
                centre_id=seeker.centre_id,
                state=S.PROPOSED,
                source=ReferralSource.EMPLOYER,
                note=note,
                created_by=by,
            )
    except IntegrityError as error:
        if "referral_one_open_per_seeker_vacancy" in str(error):
            raise ValidationError(
                _("The centre already has an open referral of this job seeker to this vacancy."), code="duplicate"
            ) from error
        raise
    ReferralTransition.objects.create(referral=referral, from_state="", to_state=S.PROPOSED, note=note, by=by)
    return referral


def _seeker_touch(seeker: Seeker) -> None:
    """Move the seeker's last activity forward (the seekers capability's service when present)."""
    try:
        from seekers.services import seeker_touch
    except ImportError:
        Seeker.objects.filter(pk=seeker.pk).update(last_activity_at=timezone.now())
        return
    seeker_touch(seeker=seeker)


def _seeker_placed(seeker: Seeker, *, by: User | None) -> None:
    """Set the seeker to placed, through the seekers capability's status service (and its history) when present.
    `seeker` must have been read in the caller's transaction or an instant before it (its status is not read
    again)."""
    try:
        from seekers.services import STATUS_TRANSITIONS, seeker_set_status
    except ImportError:
        STATUS_TRANSITIONS, seeker_set_status = {}, None
    if seeker.status == Seeker.Status.PLACED:
        return
    if seeker_set_status is not None and Seeker.Status.PLACED in STATUS_TRANSITIONS.get(seeker.status, ()):
        seeker_set_status(seeker=seeker, status=Seeker.Status.PLACED, by=by, note=_("Placement recorded"))
        return
    # A seeker on hold or closed who still found work: the placement wins.
    Seeker.objects.filter(pk=seeker.pk).update(status=Seeker.Status.PLACED)
    seeker.status = Seeker.Status.PLACED


def _interest_handle(*, interest, user: User | None) -> None:
    try:
        from employers.services import interest_handle
    except ImportError:
        return
    interest_handle(interest=interest, user=user)


# What the services and their notices read of a locked referral's seeker, vacancy and company. Their whole rows
# (about a hundred columns) made the locked load the costliest query of a step under load; a field read that is not
# listed here costs a query of its own (tests/matching/test_referrals.py counts the queries of each step).
LOCKED_RELATED_FIELDS = (
    "seeker__name",
    "seeker__email",
    "seeker__phone",
    "seeker__status",
    "seeker__centre",
    "seeker__anonymised_at",
    "vacancy__title",
    "vacancy__company",
    "vacancy__company__name",
    "vacancy__company__contact_email",
)


def for_change(referrals: QuerySet[Referral], *, sending: bool = False) -> QuerySet[Referral]:
    """`referrals` with what the services read of a referral they change: its own fields and LOCKED_RELATED_FIELDS.
    `sending`: also what sending it reads, in the same query: whether the seeker holds a sharing consent
    (`seeker_shares`) and the addresses of the company's accounts (`member_emails`)."""
    referral_fields = [field.name for field in Referral._meta.concrete_fields]
    if sending:  # compiled once per process (jobcenter.queries): building them cost more than the query's work
        referrals = referrals.annotate(
            seeker_shares=annotation_sql(
                Referral, "seeker_shares", lambda: holds_consent(ConsentText.Kind.SHARING, OuterRef("seeker"))
            ),
            member_emails=annotation_sql(Referral, "member_emails", lambda: vacancy_member_emails(OuterRef("vacancy"))),
        )
    return referrals.select_related("seeker", "vacancy", "vacancy__company").only(
        *referral_fields, *LOCKED_RELATED_FIELDS
    )


def read_to_move(
    scope: Callable[[User], QuerySet[Referral]], user: User, pk: int, *, sending: bool = False
) -> Referral:
    """The referral `pk` of `scope(user)` (the acting user's referrals), read for a state change in this request: the
    services that move it (referral_transition, referral_schedule_interview, placement_record) do not read it again.
    Raises Referral.DoesNotExist.

    The query is built and compiled once per process for each scope, role and `sending` (jobcenter.queries
    .scoped_get: building it cost three times the rest of the read): `scope` may tell users apart only by their role,
    id and centre."""
    referral = scoped_get(
        ("referral_to_move", sending), scope, user, lambda referrals: for_change(referrals, sending=sending), pk
    )
    referral._read_to_move = True
    return referral


def _locked(referral: Referral, *, sending: bool = False) -> Referral:
    """The referral, locked for this transaction, with its own fields and LOCKED_RELATED_FIELDS (see for_change)."""
    return for_change(Referral.objects.select_for_update(of=("self",)), sending=sending).get(pk=referral.pk)


def _to_move(referral: Referral, *, sending: bool = False) -> Referral:
    """The referral a state change starts from. One read by `read_to_move` an instant ago (a view's scoped read) is
    used as it is, unlocked: `_transition` moves it only if its state is still the one read (compare and set), and
    that UPDATE holds the row's lock until the commit, so two changes of one referral still happen one after the
    other, the second refused. Any other copy is locked and read again."""
    if getattr(referral, "_read_to_move", False) and (not sending or hasattr(referral, "seeker_shares")):
        return referral
    return _locked(referral, sending=sending)


def _transition(
    referral: Referral, *, to_state: str, by: User | None, reason: str = "", note: str = "", actor: str | None = None
) -> ReferralTransition:
    """Move a locked referral to `to_state` if the table allows it for the actor; write the log row."""
    actor = actor or (actor_of(by) if by is not None else STAFF)
    allowed = TRANSITIONS.get((referral.state, to_state))
    if allowed is None:
        raise ValidationError(
            _("A referral that is “%(from)s” cannot become “%(to)s”.")
            % {"from": S(referral.state).label, "to": S(to_state).label},
            code="transition_not_allowed",
        )
    if actor not in allowed:
        raise ValidationError(
            _("Only the centre can mark a referral “%(to)s”.") % {"to": S(to_state).label}, code="not_your_move"
        )
    if to_state in NON_HIRE_ENDINGS:
        reason = reason or DEFAULT_REASONS.get(to_state, "")
        if not reason:
            raise ValidationError(_("Choose the reason why the referral ended without a hire."), code="reason_required")
        if reason not in EndingReason.values:
            raise ValidationError(_("Choose a reason from the list."), code="reason_invalid")
        referral.ending_reason = reason
    else:
        reason = ""
    from_state = referral.state
    now = timezone.now()
    referral.state = to_state
    referral.state_changed_at = now
    if to_state in WAITING_ON_EMPLOYER:
        referral.waiting_since = now
    log = ReferralTransition(
        referral=referral, from_state=from_state, to_state=to_state, reason=reason, note=note, by=by, at=now
    )
    if not _move_and_log(referral, log):
        raise ValidationError(
            _("The referral was changed meanwhile by someone else. Open it again and check its state."),
            code="changed_meanwhile",
        )
    return log


@functools.cache
def _move_and_log_sql() -> str:
    """_move_and_log's statement, written once per process."""
    quote = connection.ops.quote_name
    own, logged = Referral._meta, ReferralTransition._meta

    def columns(meta, *names: str) -> str:
        return ", ".join(quote(meta.get_field(name).column) for name in names)

    moved = ("state", "state_changed_at", "waiting_since", "ending_reason")
    written = ("referral", "from_state", "to_state", "reason", "note", "by", "at")
    return (
        f"WITH moved AS (UPDATE {quote(own.db_table)} SET ({columns(own, *moved)}) = (%s, %s, %s, %s) "
        f"WHERE {columns(own, 'id')} = %s AND {columns(own, 'state')} = %s RETURNING {columns(own, 'id')}) "
        f"INSERT INTO {quote(logged.db_table)} ({columns(logged, *written)}) "
        f"SELECT {columns(own, 'id')}, %s, %s, %s, %s, %s, %s FROM moved RETURNING {columns(logged, 'id')}"
    )


def _move_and_log(referral: Referral, log: ReferralTransition) -> bool:
    """One statement for a state change and its log row: the referral's UPDATE, only from `log.from_state` (compare
    and set: a referral read unlocked, or changed since by another request, is not moved), and the INSERT of `log`
    when it moved. False when it did not (nothing written). Two statements cost a round trip to the database more."""
    sql = _move_and_log_sql()
    params = [
        referral.state,
        referral.state_changed_at,
        referral.waiting_since,
        referral.ending_reason,
        referral.pk,
        log.from_state,
        log.from_state,
        log.to_state,
        log.reason,
        log.note,
        log.by_id,
        log.at,
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    if row is None:
        return False
    log.pk = row[0]
    log._state.adding, log._state.db = False, connection.alias
    return True


@transaction.atomic
def referral_transition(
    *, referral: Referral, to_state: str, by: User, reason: str = "", note: str = "", notify_seeker: bool = True
) -> Referral:
    """A state change that needs only a note (and for non-hire endings a reason). `notify_seeker=False` when the
    caller sends the seeker one message that says everything (an event's interview invitation)."""
    if to_state in SPECIAL_TARGETS:
        raise ValidationError(_("Use the interview or hire form for this step."), code="needs_form")
    referral = _to_move(referral, sending=to_state == S.SENT)
    if to_state == S.SENT and not referral.seeker_shares:
        raise ValidationError(
            _("%(name)s has withdrawn the consent to share their profile; the referral cannot be sent.")
            % {"name": referral.seeker.name},
            code="no_consent",
        )
    if to_state == S.INTERVIEWED:
        _outcome_not_before_interview(referral)
    log = _transition(referral, to_state=to_state, by=by, reason=reason, note=note)
    if to_state == S.SENT:
        _notify_employer(referral, template="matching_employer_new_referral", key=f"referral:{referral.pk}:sent")
        if notify_seeker:
            _notify_seeker(referral, template="matching_seeker_referred", key=f"referral:{referral.pk}:sent")
    elif to_state in (S.NOT_HIRED,) and notify_seeker:
        _notify_seeker(referral, template="matching_seeker_result", key=f"referral:{referral.pk}:{log.pk}")
    elif notify_seeker and referral.source == ReferralSource.APPLICATION:
        # An online application: the seeker follows every step of it (interviewed, did not attend, withdrawn…).
        _notify_seeker(referral, template="matching_seeker_application_state", key=f"referral:{referral.pk}:{log.pk}")
    return referral


@transaction.atomic
def referral_schedule_interview(
    *,
    referral: Referral,
    by: User,
    starts_at: datetime.datetime,
    place: str = "",
    video_link: str = "",
    accompanied: bool = False,
    accompanied_by: User | None = None,
    note: str = "",
    override_reason: str = "",
    now: datetime.datetime | None = None,
    notify_seeker: bool = True,
) -> Interview:
    """Set (or move) the interview; the referral becomes 'interview scheduled'. Tells the seeker.

    Not in the past; on a public holiday or outside INTERVIEW_HOURS only with `override_reason`, which is kept on
    the interview and in the referral's log."""
    if not place and not video_link:
        raise ValidationError(_("Give the place of the interview or a video link."), code="no_place")
    override_reason = override_reason.strip()
    unusual = interview_time_problems(starts_at)
    if unusual and not override_reason:
        raise ValidationError(
            " ".join(unusual) + " " + _("If the interview really takes place then, give the reason for the exception."),
            code="unusual_time",
        )
    referral = _to_move(referral)
    if override_reason and unusual:
        note = (note + "\n" if note else "") + _("Exception: %(what)s Reason: %(reason)s") % {
            "what": " ".join(unusual),
            "reason": override_reason,
        }
    else:
        override_reason = ""
    _transition(referral, to_state=S.INTERVIEW_SCHEDULED, by=by, note=note)
    if starts_at < (now or timezone.now()) - INTERVIEW_PAST_GRACE:
        raise ValidationError(
            _("An interview cannot be scheduled in the past. Choose a later date and time."), code="past"
        )
    if accompanied and accompanied_by is None and by.is_centre_staff:
        accompanied_by = by
    interview, _created = Interview.objects.update_or_create(
        referral=referral,
        defaults={
            "starts_at": starts_at,
            "place": place,
            "video_link": video_link,
            "accompanied": accompanied,
            "accompanied_by": accompanied_by if accompanied else None,
            "scheduled_by": by,
            "override_reason": override_reason,
        },
    )
    referral.interview = interview
    if not notify_seeker:
        return interview
    _notify_seeker(
        referral,
        template="matching_seeker_interview",
        key=f"referral:{referral.pk}:interview:{starts_at.isoformat()}",
        extra={"interview": interview},
    )
    return interview


@transaction.atomic
def referral_chase(*, referral: Referral, by: User, note: str = "") -> Referral:
    """The counselor contacted the employer about a late answer: the waiting clock starts again."""
    referral = _locked(referral)
    if referral.state not in WAITING_ON_EMPLOYER:
        raise ValidationError(_("This referral is not waiting on the employer."), code="not_waiting")
    referral.waiting_since = timezone.now()
    referral.save(update_fields=["waiting_since"])
    ReferralTransition.objects.create(
        referral=referral,
        from_state=referral.state,
        to_state=referral.state,
        note=note or _("Employer contacted about the late answer."),
        by=by,
    )
    return referral


def referral_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """Remind employers of referrals unanswered for REFERRAL_REMINDER_DAYS. Once per waiting period."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.REFERRAL_REMINDER_DAYS)
    late = (
        Referral.objects.filter(state__in=WAITING_ON_EMPLOYER, waiting_since__lt=cutoff)
        .select_related("seeker", "vacancy", "vacancy__company")
        .annotate(member_emails=member_emails(OuterRef("vacancy__company")))
        .order_by("pk")
    )
    sent = 0
    for referral in late.iterator(chunk_size=500):
        with transaction.atomic():
            queued = _notify_employer(
                referral,
                template="matching_employer_reminder",
                key=f"referral:{referral.pk}:reminder:{referral.waiting_since:%Y%m%d%H%M%S}",
            )
        sent += bool(queued)
    return sent


# --- Placement --------------------------------------------------------------------------------


@transaction.atomic
def placement_record(
    *,
    by: User | None,
    seeker: Seeker | None = None,
    start_date: datetime.date,
    employment_type: str,
    wage_amount: int,
    weekly_hours: int,
    wage_type: str = WageType.MONTHLY,
    referral: Referral | None = None,
    vacancy: Vacancy | None = None,
    employer_name: str = "",
    job_title: str = "",
    note: str = "",
) -> Placement:
    """A hire. With `referral`: the referral becomes 'hired' and one opening of its vacancy is filled (`seeker`, when
    given, must be the referral's). Without: a self-reported placement (the seeker found work on their own).
    Either way the seeker is placed."""
    source = Placement.Source.REFERRAL if referral is not None else Placement.Source.SELF_REPORTED
    # The same law as the vacancy's: the minimum wage for the hours of the year work starts, at most 52 hours.
    terms = work_terms_errors(wage_type=wage_type, wage_amount=wage_amount, weekly_hours=weekly_hours, on=start_date)
    if terms:
        raise ValidationError(terms)
    if referral is not None:
        referral = _to_move(referral)
        interview = _outcome_not_before_interview(referral)
        if interview is not None and start_date < timezone.localdate(interview.starts_at):
            raise ValidationError(
                {
                    "start_date": _("Work cannot start before the interview (%(day)s).")
                    % {"day": f"{timezone.localdate(interview.starts_at):%Y-%m-%d}"}
                },
                code="start_before_interview",
            )
        if seeker is not None and referral.seeker_id != seeker.pk:
            raise ValidationError(_("The referral is for another seeker."), code="wrong_seeker")
        seeker = referral.seeker  # read with the referral (see _to_move): its status is not read again
        vacancy = referral.vacancy
        employer_name = vacancy.company.name
        job_title = job_title or vacancy.title
        _transition(referral, to_state=S.HIRED, by=by, note=note)
    else:
        if not employer_name and vacancy is None:
            raise ValidationError(_("Give the name of the employer."), code="no_employer")
        seeker.refresh_from_db(fields=["status"])  # the caller's copy may be older than this transaction
    if vacancy is not None:
        vacancy_record_placement(vacancy_id=vacancy.pk)
        if not employer_name:
            employer_name = vacancy.company.name
    placement = Placement(
        seeker=seeker,
        centre_id=seeker.centre_id,
        source=source,
        referral=referral,
        vacancy=vacancy,
        employer_name=employer_name,
        job_title=job_title,
        start_date=start_date,
        employment_type=employment_type,
        wage_type=wage_type,
        wage_amount=wage_amount,
        weekly_hours=weekly_hours,
        note=note,
        recorded_by=by,
    )
    # The follow-ups exist from the hire on, with their due dates: the case page lists them, the worklist when due.
    # Written with the placement, in one statement (one round trip, no ORM INSERT to build).
    follow_ups = [
        FollowUp(placement=placement, months=months, due_date=add_months(start_date, months))
        for months in follow_up_months()
    ]
    insert_together(placement, "placement", follow_ups, ignore_conflicts=True)
    _seeker_placed(seeker, by=by)
    if referral is not None:
        _notify_seeker(referral, template="matching_seeker_result", key=f"referral:{referral.pk}:hired")
    return placement


# --- Corrections ------------------------------------------------------------------------------

# Outcomes staff may correct (with a reason): the referral goes back to where it was before the outcome.
CORRECTABLE_OUTCOMES = (S.HIRED, S.NOT_HIRED, S.NO_SHOW, S.INTERVIEWED)


def outcome_month(referral: Referral) -> datetime.date:
    """The first day of the month the referral's outcome counts in: a hire's start date, else when it was recorded."""
    placement = Placement.objects.filter(referral_id=referral.pk).only("start_date").first()
    day = placement.start_date if placement is not None else timezone.localdate(referral.state_changed_at)
    return day.replace(day=1)


def correction_problem(referral: Referral, user: User, *, today: datetime.date | None = None) -> str:
    """Why `user` may not correct the referral's outcome now ("" when they may)."""
    if referral.state not in CORRECTABLE_OUTCOMES:
        return _("Only a recorded outcome (interviewed, hired, not hired, did not attend) can be corrected.")
    if not user.is_centre_staff:
        return _("Only the centre's staff can correct a recorded outcome.")
    today = today or timezone.localdate()
    if outcome_month(referral) != today.replace(day=1) and not (user.is_manager or user.is_administrator):
        return _(
            "The month this outcome counts in has passed; only a manager can correct it now (the month's "
            "figures have been reported)."
        )
    return ""


@transaction.atomic
def referral_correct_outcome(
    *, referral: Referral, by: User, reason: str, today: datetime.date | None = None
) -> Referral:
    """Undo a recorded outcome, with the reason: the referral goes back to its state before the outcome. A hire undone
    removes its placement and follow-ups, gives the vacancy its opening back and puts the seeker back to active
    (unless placed elsewhere). The referral's log keeps who, when and why, and what the placement was."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the outcome is corrected.")}, code="reason_required")
    referral = _locked(referral)
    problem = correction_problem(referral, by, today=today)
    if problem:
        raise ValidationError(problem, code="not_correctable")
    last = (
        referral.transitions.filter(to_state=referral.state)
        .exclude(from_state=referral.state)
        .order_by("-at", "-pk")
        .first()
    )
    back_to = last.from_state if last is not None and last.from_state in OPEN_STATES else S.SENT
    note = _("Outcome corrected: %(outcome)s undone. Reason: %(reason)s") % {
        "outcome": S(referral.state).label,
        "reason": reason,
    }
    if referral.state == S.HIRED:
        placement = Placement.objects.filter(referral_id=referral.pk).first()
        if placement is not None:
            note += " " + _(
                "(placement removed: %(employer)s, start %(start)s, %(wage)s won, %(hours)s hours a week)"
            ) % {
                "employer": placement.employer_name,
                "start": f"{placement.start_date:%Y-%m-%d}",
                "wage": f"{placement.wage_amount:,}",
                "hours": placement.weekly_hours,
            }
            vacancy_id = placement.vacancy_id
            placement.follow_ups.all().delete()
            placement.delete()
            if vacancy_id is not None:
                vacancy_release_placement(vacancy_id=vacancy_id, by=by)
            _seeker_unplaced(referral.seeker, by=by)
    from_state = referral.state
    referral.state = back_to
    referral.ending_reason = ""
    referral.state_changed_at = timezone.now()
    if back_to in WAITING_ON_EMPLOYER:
        referral.waiting_since = referral.state_changed_at
    referral.save(update_fields=["state", "state_changed_at", "waiting_since", "ending_reason"])
    ReferralTransition.objects.create(referral=referral, from_state=from_state, to_state=back_to, note=note, by=by)
    return referral


def _seeker_unplaced(seeker: Seeker, *, by: User | None) -> None:
    """The seeker is active again when the undone hire was their only current placement."""
    if seeker.status != Seeker.Status.PLACED or seeker.placements.filter(left_on__isnull=True).exists():
        return
    try:
        from seekers.services import STATUS_TRANSITIONS, seeker_set_status
    except ImportError:
        STATUS_TRANSITIONS, seeker_set_status = {}, None
    if seeker_set_status is not None and Seeker.Status.ACTIVE in STATUS_TRANSITIONS.get(seeker.status, ()):
        seeker_set_status(seeker=seeker, status=Seeker.Status.ACTIVE, by=by, note=_("Hire undone"))
        return
    Seeker.objects.filter(pk=seeker.pk).update(status=Seeker.Status.ACTIVE)
    seeker.status = Seeker.Status.ACTIVE


# --- Follow-up --------------------------------------------------------------------------------


def follow_ups_create_due(*, today: datetime.date | None = None) -> int:
    """Create the follow-ups that have come due (FOLLOW_UP_MONTHS after the start). Running it twice is harmless."""
    today = today or timezone.localdate()
    created = 0
    for months in follow_up_months():
        # Placements that started at least `months` ago, are not known to have left, and lack this follow-up.
        latest_start = add_months(today, -months)
        placements = (
            Placement.objects.filter(start_date__lte=latest_start, left_on__isnull=True)
            .exclude(Exists(FollowUp.objects.filter(placement=OuterRef("pk"), months=months)))
            .only("pk", "start_date")
        )
        batch = [
            FollowUp(placement_id=placement.pk, months=months, due_date=add_months(placement.start_date, months))
            for placement in placements.iterator(chunk_size=2000)
        ]
        created += len(FollowUp.objects.bulk_create(batch, ignore_conflicts=True, batch_size=2000))
    return created


@transaction.atomic
def followup_record(
    *,
    follow_up: FollowUp,
    by: User,
    outcome: str,
    left_reason: str = "",
    left_on: datetime.date | None = None,
    note: str = "",
) -> FollowUp:
    """Log the contact of a follow-up: still employed, left (with the reason) or unreachable."""
    follow_up = FollowUp.objects.select_for_update().select_related("placement").get(pk=follow_up.pk)
    if follow_up.outcome:
        raise ValidationError(_("This follow-up has already been recorded."), code="already_recorded")
    if outcome not in FollowUp.Outcome.values:
        raise ValidationError(_("Choose what the contact found."), code="outcome_invalid")
    if outcome == FollowUp.Outcome.LEFT and not left_reason.strip():
        raise ValidationError(_("Say why the seeker left the job."), code="left_reason_required")
    follow_up.outcome = outcome
    follow_up.left_reason = left_reason.strip() if outcome == FollowUp.Outcome.LEFT else ""
    follow_up.note = note
    follow_up.contacted_at = timezone.now()
    follow_up.contacted_by = by
    follow_up.save(update_fields=["outcome", "left_reason", "note", "contacted_at", "contacted_by"])
    if outcome == FollowUp.Outcome.LEFT:
        placement = follow_up.placement
        placement.left_on = left_on or timezone.localdate()
        placement.save(update_fields=["left_on"])
        # Someone who left is not followed up at this job any more: later open follow-ups are moot.
        placement.follow_ups.filter(outcome="", months__gt=follow_up.months).delete()
    return follow_up


# --- Notifications ----------------------------------------------------------------------------


def _notify_employer(referral: Referral, *, template: str, key: str) -> list:
    """Tell the employer's contacts; `referral` is annotated with `member_emails` (employers.models.member_emails)."""
    context = {
        "referral": referral,
        "vacancy": referral.vacancy,
        "company": referral.vacancy.company,
        "days": settings.REFERRAL_REMINDER_DAYS,
    }
    queued = []
    for email in contact_emails(referral.vacancy.company.contact_email, referral.member_emails):
        queued += notify(template=template, context=context, email=email, key=f"{key}:{email}")
    return queued


def _notify_seeker(referral: Referral, *, template: str, key: str, extra: dict | None = None) -> list:
    seeker = referral.seeker
    context = {"referral": referral, "seeker": seeker, "vacancy": referral.vacancy, **(extra or {})}
    return notify(template=template, context=context, email=seeker.email, phone=seeker.phone, key=key)


__all__ = [
    "OPEN_STATES",
    "TRANSITIONS",
    "allowed_targets",
    "follow_ups_create_due",
    "followup_record",
    "placement_record",
    "referral_chase",
    "referral_correct_outcome",
    "referral_create",
    "referral_reminders_send",
    "referral_schedule_interview",
    "referral_transition",
]
