"""What the seekers app adds to pages that span apps (jobcenter/hooks.py)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobcenter.hooks import Panel, listed_and_counted
from jobcenter.models import Booth, User
from seekers import selectors
from seekers.models import Booking, Consultation, Seeker

# What the worklist's panels show of a seeker (the centre for the access record of the seekers a page shows,
# jobcenter/security/access.py): the worklist is rendered again after any change at the centre, and compiling reads of
# every column of the seeker and what is joined with it cost more than the database's work.
WORKLIST_SEEKER_FIELDS = ("name", "centre")
_SEEKER_SHOWN = tuple(f"seeker__{field}" for field in WORKLIST_SEEKER_FIELDS)  # of a row that names its seeker


# What the panels of worklist_sections read: they are rendered again when one of these tables changes at the centre
# (jobcenter/worklist.py; tests/jobcenter/test_worklist_cache.py checks the list against the queries).
WORKLIST_READS = (Seeker, Booking, Booth, Consultation)


def worklist_sections(user: User) -> list[Panel]:
    """Today's bookings at the counselor's centre, and registrations about to expire."""
    booths = selectors.booths_for_user(user)
    bookings = selectors.bookings_for_day(booths=booths, day=timezone.localdate()).filter(status="booked")
    bookings = list(bookings.only("starts_at", "booth__name", *_SEEKER_SHOWN)[:20])
    mine = selectors.seekers_for_user(user)
    if user.is_counselor:
        mine = mine.filter(counselor=user)
    now = timezone.now()
    expiring = (
        selectors.seekers_expiring(mine, now=now)
        .only(*WORKLIST_SEEKER_FIELDS, "last_activity_at", "expired_at")
        .order_by("last_activity_at")
    )
    expiring, expiring_count = listed_and_counted(expiring, 10)
    return [
        Panel(
            key="seekers-today",
            title=_("Today's visit bookings"),
            template="seekers/panels/today_bookings.html",
            context={"bookings": bookings},
            count=len(bookings),
            order=10,
        ),
        Panel(
            key="seekers-expiring",
            title=_("Registrations to renew"),
            template="seekers/panels/expiring.html",
            context={"seekers": expiring, "total": expiring_count},
            count=expiring_count,
            order=20,
            until=selectors.next_expiring_at(mine, now=now),  # a registration comes due for renewal
        ),
        _next_actions_panel(mine),
    ]


def _latest_next_actions(seekers):
    """The "다음 조치" of each seeker's latest consultation (a later consultation replaces an earlier one's)."""
    from django.db.models import Exists, OuterRef

    from seekers.models import Consultation

    later = Consultation.objects.filter(seeker=OuterRef("seeker"), started_at__gt=OuterRef("started_at"))
    return (
        Consultation.objects.filter(seeker__in=seekers, next_action__gt="")
        .exclude(Exists(later))
        .select_related("seeker")
        .only("next_action", "next_action_due", *_SEEKER_SHOWN)
        .order_by("next_action_due", "pk")
    )


def _next_actions_panel(mine) -> Panel:
    due = _latest_next_actions(mine).filter(next_action_due__lte=timezone.localdate())
    consultations, count = listed_and_counted(due, 20)
    return Panel(
        key="seekers-next-actions",
        title=_("Next actions due"),
        template="seekers/panels/next_actions.html",
        context={"consultations": consultations},
        count=count,
        order=25,
    )


def seeker_case_panels(seeker, user) -> list[Panel]:
    """The next action agreed at the seeker's latest consultation, with its due date."""
    if not user.is_centre_staff:
        return []
    latest = _latest_next_actions([seeker.pk]).first()
    if latest is None:
        return []
    return [
        Panel(
            key="seeker-next-action",
            title=_("Next action"),
            template="seekers/panels/next_actions.html",
            context={"consultations": [latest], "on_case_page": True},
            count=1,
            order=5,
        )
    ]
