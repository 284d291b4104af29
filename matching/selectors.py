"""Reads of the referral workflow, scoped to the acting user.

A counselor or manager sees the referrals of their centre, an employer the referrals sent to its own
vacancies (never those still only proposed), a seeker their own. Anything else is a 404.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, Count, Exists, Min, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from employers.models import Company, Vacancy
from jobcenter.models import EducationLevel, EmploymentType, Role, User
from matching.models import (
    OPEN_STATES,
    WAITING_ON_EMPLOYER,
    FollowUp,
    Interview,
    Placement,
    Referral,
    ReferralState,
    ReferralTransition,
)
from seekers.models import Consent, ConsentText, Seeker, holds_consent


def referrals_for_user(user: User) -> QuerySet[Referral]:
    """The referrals `user` may see."""
    referrals = Referral.objects.all()
    if user.role in (Role.COUNSELOR, Role.MANAGER):
        return referrals.filter(centre_id=user.centre_id)
    if user.role == Role.ADMINISTRATOR:
        return referrals
    if user.role == Role.EMPLOYER:
        return referrals.filter(vacancy__company__members__user=user).exclude(state=ReferralState.PROPOSED)
    if user.role == Role.SEEKER:
        return referrals.filter(seeker__user=user)
    return referrals.none()


def get_referral_for_user(user: User, pk: int, *, to_change: bool = False) -> Referral:
    """The referral `pk` if `user` may see it, else 404 (its existence is not revealed).

    `to_change`: the bare row, for a view that hands it to a service (the service locks and reloads it with
    what it needs; a page shown again on bad input loads the rest as it reads it)."""
    referrals = referrals_for_user(user)
    try:
        return (referrals if to_change else referrals.with_list_data()).get(pk=pk)
    except Referral.DoesNotExist as error:
        raise Http404 from error


def get_referral_to_move(user: User, pk: int, *, sending: bool = False) -> Referral:
    """The referral `pk` if `user` may see it, else 404, read for a state change (a transition, an interview, a
    hire) with what the service needs: the service does not read it again (matching.services.read_to_move).
    `sending`: also what sending it reads. A page shown again on bad input reads the referral anew."""
    from matching.services import read_to_move

    try:
        return read_to_move(referrals_for_user, user, pk, sending=sending)
    except Referral.DoesNotExist as error:
        raise Http404 from error


def seekers_for_user(user: User) -> QuerySet[Seeker]:
    """Seekers a counselor may refer: the seekers selector when the seekers app has one, else their centre's."""
    try:
        from seekers.selectors import seekers_for_user as seekers_selector
    except ImportError:
        if user.role in (Role.COUNSELOR, Role.MANAGER):
            return Seeker.objects.filter(centre_id=user.centre_id)
        return Seeker.objects.none()
    return seekers_selector(user)


def get_seeker_for_user(user: User, pk: int) -> Seeker:
    try:
        return seekers_for_user(user).get(pk=pk)
    except (Seeker.DoesNotExist, ValueError) as error:
        raise Http404 from error


def referable_vacancies(user: User) -> QuerySet[Vacancy]:
    """Vacancies a counselor may pick: every published one, and any of their own centre (to be told why not)."""
    from django.db.models import Q

    return Vacancy.objects.filter(Q(status=Vacancy.Status.PUBLISHED) | Q(centre_id=user.centre_id)).select_related(
        "company"
    )


def company_of(user: User) -> Company | None:
    membership = getattr(user, "company_membership", None) if user.is_employer else None
    return membership.company if membership else None


def transitions_of(referral: Referral) -> QuerySet[ReferralTransition]:
    return referral.transitions.select_related("by").order_by("at", "pk")


def transitions_for_viewer(referral: Referral, user: User) -> list[ReferralTransition]:
    """The referral's history as `user` may read it: centre staff all of it; an employer or the seeker the steps,
    but the notes only of their own side (a counselor's notes are internal; the note meant for the employer is
    Referral.note, shown on its own)."""
    transitions = list(transitions_of(referral))
    if user.is_centre_staff:
        return transitions
    for transition in transitions:
        author = transition.by
        own_side = author is not None and (
            author.pk == user.pk or (user.is_employer and author.is_employer and company_of(author) == company_of(user))
        )
        if not own_side:
            transition.note = ""  # in memory only: the record keeps it
    return transitions


# --- What an employer may see of a candidate ----------------------------------------------------

# What an employer sees of a referred seeker is exactly what the seeker's sharing consent lists: the consent's text
# version names its items (`ConsentText.items`) and their keys (`item_keys`, seekers/consent_texts.py). Never shown:
# birth date, address, phone, e-mail, target groups (disability, welfare status), consultations or internal notes.


@dataclass
class SharedField:
    key: str
    label: str  # the item as the consent text words it
    value: str


def sharing_consent(seeker: Seeker) -> Consent | None:
    """The seeker's unwithdrawn sharing consent with the text version they agreed to, or None."""
    return seeker.consents.held(ConsentText.Kind.SHARING).select_related("text").first()


def _shared_value(seeker: Seeker, key: str) -> str:
    from jobcenter.formatting import date_text, money

    if key == "name":
        return seeker.name
    if key == "age":
        today, birth = timezone.localdate(), seeker.birth_date
        if birth is None:
            return ""
        return _("%(age)s years old") % {
            "age": today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
        }
    if key == "region":
        return _sigungu_name(seeker)
    if key in ("education", "education_major"):
        level = str(EducationLevel(seeker.education_level).label) if seeker.education_level else ""
        return " · ".join(part for part in (level, seeker.major if key == "education_major" else "") if part)
    if key == "career":
        rows = []
        for career in seeker.careers.all():
            period = f"{date_text(career.started_on)} ~ {date_text(career.ended_on) if career.ended_on else _('now')}"
            rows.append(" · ".join(part for part in (career.company, career.duties, period) if part))
        return "\n".join(rows)
    if key == "certificates":
        return ", ".join(certificate.name for certificate in seeker.certificates.all())
    if key == "desired":
        parts = [
            ", ".join(occupation.name for occupation in seeker.desired_occupations.all()),
            ", ".join(str(EmploymentType(value).label) for value in seeker.employment_types),
            money(seeker.desired_wage, wage_type=seeker.desired_wage_type) if seeker.desired_wage else "",
        ]
        return " · ".join(part for part in parts if part)
    return ""


def shared_profile(seeker: Seeker, consent: Consent | None = None) -> list[SharedField] | None:
    """THE employer's view of a referred candidate (one function, rendered by matching/_candidate_profile.html): the
    items the seeker's sharing consent lists, each labelled as the consent words it, and nothing else. None without
    an active sharing consent. Consents given to an older text version show what that version listed."""
    consent = consent or sharing_consent(seeker)
    if consent is None:
        return None
    text = consent.text
    labels = [label.strip() for label in text.items.split(", ")]
    if len(labels) != len(text.item_keys):  # a version without keys for its items shows none of them
        return []
    return [
        SharedField(key, label, _shared_value(seeker, key))
        for key, label in zip(text.item_keys, labels, strict=True)
        if key
    ]


def _sigungu_name(seeker: Seeker) -> str:
    region = seeker.region
    if region is None:
        return ""
    # The district (시군구), not the neighbourhood: enough to judge the commute.
    while region.parent is not None and region.level == "eupmyeondong":
        region = region.parent
    return region.full_name


# --- Worklist, calendar, seeker's page ----------------------------------------------------------

# What a worklist row of a referral shows (its link, the seeker told apart from namesakes, the company and title, the
# state and since when): a counselor's worklist lists forty of them, and the seeker's and vacancy's full rows were
# most of its time at province scale (bench/load/page_profile.py).
WORKLIST_REFERRAL_FIELDS = (
    "state",
    "source",
    "created_at",
    "waiting_since",
    "note",
    "seeker__name",
    "seeker__birth_date",
    "seeker__phone",
    "seeker__anonymised_at",
    "seeker__centre",  # the access record of the seekers a page shows (jobcenter/security/access.py)
    "vacancy__title",
    "vacancy__company__name",
)


def referrals_waiting_on_employer(user: User, *, now: datetime.datetime | None = None) -> QuerySet[Referral]:
    """Referrals of the user's centre whose employer has not answered within REFERRAL_REMINDER_DAYS."""
    cutoff = (now or timezone.now()) - datetime.timedelta(days=settings.REFERRAL_REMINDER_DAYS)
    return (
        referrals_for_user(user)
        .filter(state__in=WAITING_ON_EMPLOYER, waiting_since__lt=cutoff)
        .select_related("seeker", "vacancy__company")
        .only(*WORKLIST_REFERRAL_FIELDS)
        .order_by("waiting_since")
    )


def next_waiting_on_employer_at(user: User, *, now: datetime.datetime) -> datetime.datetime | None:
    """The moment the next referral joins `referrals_waiting_on_employer(user, now=...)` by time alone (None: none
    will until a referral changes)."""
    reminder = datetime.timedelta(days=settings.REFERRAL_REMINDER_DAYS)
    earliest = (
        referrals_for_user(user)
        .filter(state__in=WAITING_ON_EMPLOYER, waiting_since__gte=now - reminder)
        .order_by()
        .aggregate(earliest=Min("waiting_since"))["earliest"]
    )
    return None if earliest is None else earliest + reminder


def employer_requests_waiting(user: User) -> QuerySet[Referral]:
    """Employers' requests from the talent search (proposed referrals, source "employer") at the user's centre,
    waiting for a counselor to ask the seeker and send or decline them; the oldest first."""
    from matching.models import ReferralSource

    return (
        Referral.objects.filter(centre_id=user.centre_id, state=ReferralState.PROPOSED, source=ReferralSource.EMPLOYER)
        .select_related("seeker", "vacancy__company")
        .only(*WORKLIST_REFERRAL_FIELDS)
        .order_by("created_at")
    )


def interviews_for_user(user: User) -> QuerySet[Interview]:
    interviews = Interview.objects.filter(referral__state=ReferralState.INTERVIEW_SCHEDULED)
    if user.role in (Role.COUNSELOR, Role.MANAGER):
        # referrals_for_user's scope for staff, on the joined referral: a subquery of it made planning this read (the
        # worklist's, on every visit after a referral changed) cost PostgreSQL twice as much as with the join alone.
        interviews = interviews.filter(referral__centre_id=user.centre_id)
    else:
        interviews = interviews.filter(referral__in=referrals_for_user(user))
    return interviews.select_related(
        "referral", "referral__seeker", "referral__vacancy", "referral__vacancy__company", "accompanied_by"
    )


def interviews_today(user: User, *, today: datetime.date | None = None) -> QuerySet[Interview]:
    """Today's interviews of the user's centre, accompanied ones first."""
    today = today or timezone.localdate()
    return interviews_for_user(user).filter(starts_at__date=today).order_by("-accompanied", "starts_at")


def accompanied_interviews(user: User, *, since: datetime.date | None = None) -> QuerySet[Interview]:
    """The centre's accompanied interviews from `since` on (the counselor's calendar)."""
    since = since or timezone.localdate()
    return interviews_for_user(user).filter(accompanied=True, starts_at__date__gte=since).order_by("starts_at")


def follow_ups_for_user(user: User) -> QuerySet[FollowUp]:
    follow_ups = FollowUp.objects.select_related("placement", "placement__seeker")
    if user.role in (Role.COUNSELOR, Role.MANAGER):
        return follow_ups.filter(placement__centre_id=user.centre_id)
    if user.role == Role.ADMINISTRATOR:
        return follow_ups
    return follow_ups.none()


def get_follow_up_for_user(user: User, pk: int) -> FollowUp:
    try:
        return follow_ups_for_user(user).get(pk=pk)
    except FollowUp.DoesNotExist as error:
        raise Http404 from error


def follow_ups_due(user: User, *, today: datetime.date | None = None) -> QuerySet[FollowUp]:
    """Follow-ups of the user's centre that are due today or overdue and not yet recorded."""
    today = today or timezone.localdate()
    return (
        follow_ups_for_user(user)
        .filter(outcome="", due_date__lte=today)
        .only(
            "months",
            "due_date",
            "placement__employer_name",
            "placement__seeker__name",
            "placement__centre_id",
        )
        .order_by("due_date", "pk")
    )


def seeker_referrals(seeker: Seeker, *, with_history: bool = False) -> QuerySet[Referral]:
    """Open referrals first, then the newest; `with_history`: with each one's state changes."""
    referrals = (
        seeker.referrals.with_list_data(seeker=False)
        .select_related("application")  # an online application's counselor opinion (resumes app)
        .alias(ended=Case(When(state__in=OPEN_STATES, then=Value(False)), default=Value(True)))
        .order_by("ended", "-created_at")
    )
    if with_history:
        referrals = referrals.prefetch_related(
            Prefetch("transitions", queryset=ReferralTransition.objects.select_related("by"))
        )
    return referrals


# What the case page's referral panel shows of each referral (templates/matching/panel_case_referrals.html): a long
# history's twenty rows otherwise brought every column of their vacancy, its company, interview, application and
# author, a tenth of the page's first rendering.
CASE_PANEL_REFERRAL_FIELDS = (
    "seeker_id",
    "state",
    "source",
    "ending_reason",
    "created_at",
    "vacancy__title",
    "vacancy__company__name",
    "interview__starts_at",
    "interview__accompanied",
    "application__counselor_opinion",
)


def case_panel_referrals(seeker: Seeker, *, with_history: bool = False) -> QuerySet[Referral]:
    """seeker_referrals, with only what the case page's referral panel shows."""
    return (
        seeker_referrals(seeker, with_history=with_history)
        .select_related(None)
        .select_related("vacancy__company", "interview", "application")
        .only(*CASE_PANEL_REFERRAL_FIELDS)
    )


def seeker_placements(seeker: Seeker) -> QuerySet[Placement]:
    """The newest first."""
    return seeker.placements.prefetch_related("follow_ups").order_by("-start_date", "-pk")


def employer_referrals(user: User, *, vacancy: Vacancy | None = None) -> QuerySet[Referral]:
    """The employer's referrals; `sharing` says whether the seeker still lets the employer see their profile."""
    sharing = holds_consent(ConsentText.Kind.SHARING, OuterRef("seeker"))
    referrals = referrals_for_user(user).with_list_data().select_related("application").annotate(sharing=sharing)
    if vacancy is not None:
        referrals = referrals.filter(vacancy=vacancy)
    return referrals.order_by("-state_changed_at")


# --- Retention --------------------------------------------------------------------------------


@dataclass
class Retention:
    months: int
    employed: int  # the M-month follow-up found the seeker still in the job
    left: int  # a follow-up at or before M months found the seeker had left
    unknown: int  # M months have passed, but no follow-up says either (not yet done, or unreachable)

    @property
    def known(self) -> int:
        return self.employed + self.left

    @property
    def rate(self) -> float | None:
        """Share still employed among placements whose state at M months is known (employed + left)."""
        return self.employed / self.known if self.known else None


def retention(*, months: int, placements: QuerySet[Placement] | None = None, today: datetime.date | None = None):
    """Retention at `months` over `placements` (default all) that started at least `months` ago."""
    from matching.services import add_months

    today = today or timezone.localdate()
    placements = (placements if placements is not None else Placement.objects.all()).filter(
        start_date__lte=add_months(today, -months)
    )
    employed_q = Exists(
        FollowUp.objects.filter(placement=OuterRef("pk"), months=months, outcome=FollowUp.Outcome.EMPLOYED)
    )
    left_q = Exists(
        FollowUp.objects.filter(placement=OuterRef("pk"), months__lte=months, outcome=FollowUp.Outcome.LEFT)
    )
    annotated = placements.annotate(is_employed=employed_q, has_left=left_q)
    employed = annotated.filter(is_employed=True, has_left=False).count()
    left = annotated.filter(has_left=True).count()
    total = annotated.count()
    return Retention(months=months, employed=employed, left=left, unknown=total - employed - left)


def retention_for_user(user: User, *, months: int) -> Retention:
    placements = Placement.objects.all()
    if user.role in (Role.COUNSELOR, Role.MANAGER):
        placements = placements.filter(centre_id=user.centre_id)
    return retention(months=months, placements=placements)


# States after an interview took place (the referral reached an interview result).
INTERVIEWED_STATES = (ReferralState.INTERVIEWED, ReferralState.HIRED, ReferralState.NOT_HIRED)


def pipeline_counts(vacancy_ids: list[int]) -> dict[int, dict[str, int]]:
    """Per vacancy: referrals sent to the employer, those interviewed, those hired (one query)."""
    rows = (
        Referral.objects.filter(vacancy_id__in=vacancy_ids)
        .exclude(state=ReferralState.PROPOSED)
        .values("vacancy_id")
        .annotate(
            referred=Count("pk"),
            interviewed=Count("pk", filter=Q(state__in=INTERVIEWED_STATES)),
            hired=Count("pk", filter=Q(state=ReferralState.HIRED)),
        )
    )
    return {row.pop("vacancy_id"): row for row in rows}
