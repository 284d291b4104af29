"""What the seekers app adds to pages that span apps (jobcenter/hooks.py)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from jobcenter.hooks import Panel
from jobcenter.models import User
from seekers import selectors


def worklist_sections(user: User) -> list[Panel]:
    """Today's bookings at the counselor's centre, and registrations about to expire."""
    booths = selectors.booths_for_user(user)
    bookings = list(selectors.bookings_for_day(booths=booths, day=timezone.localdate()).filter(status="booked")[:20])
    mine = selectors.seekers_for_user(user)
    if user.is_counselor:
        mine = mine.filter(counselor=user)
    expiring = selectors.seekers_expiring(mine).select_related("booth").order_by("last_activity_at")
    expiring_count = expiring.count()
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
            context={"seekers": list(expiring[:10]), "total": expiring_count},
            count=expiring_count,
            order=20,
        ),
    ]
