"""The data check's rules for seekers (jobcenter/datacheck.py)."""

from collections.abc import Iterator

from django.conf import settings
from django.db.models import Count
from django.db.models.functions import TruncDate
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobcenter.datacheck import Finding, Rule
from seekers.models import Booking, Seeker


def too_many_visits_a_day(centre_id: int | None) -> Iterator[Finding]:
    bookings = Booking.objects.filter(status__in=(Booking.Status.BOOKED, Booking.Status.ATTENDED))
    if centre_id is not None:
        bookings = bookings.filter(seeker__centre_id=centre_id)
    days = (
        bookings.annotate(day=TruncDate("starts_at"))
        .values("seeker", "day")
        .annotate(visits=Count("pk"))
        .filter(visits__gt=settings.VISIT_BOOKINGS_PER_DAY)
        .order_by("seeker", "day")
    )
    names = {}
    for row in days:
        if row["seeker"] not in names:
            names[row["seeker"]] = Seeker.objects.only("name", "centre").get(pk=row["seeker"])
        seeker = names[row["seeker"]]
        yield Finding(
            label=seeker.name,
            url=reverse("seekers:case", args=[seeker.pk]),
            centre_id=seeker.centre_id,
            detail=_("%(visits)s visits booked on %(day)s")
            % {"visits": row["visits"], "day": f"{row['day']:%Y-%m-%d}"},
        )


def duplicate_registrations(centre_id: int | None) -> Iterator[Finding]:
    """The same person registered twice in one centre (same name and birth date: the registration duplicate rule)."""
    seekers = Seeker.objects.filter(anonymised_at__isnull=True, birth_date__isnull=False)
    if centre_id is not None:
        seekers = seekers.filter(centre_id=centre_id)
    groups = (
        seekers.values("centre", "name", "birth_date").annotate(count=Count("pk")).filter(count__gt=1).order_by("name")
    )
    for group in groups:
        for seeker in seekers.filter(
            centre=group["centre"], name=group["name"], birth_date=group["birth_date"]
        ).order_by("pk"):
            yield Finding(
                label=f"{seeker.name} ({seeker.birth_date:%Y-%m-%d}) #{seeker.pk}",
                url=reverse("seekers:case", args=[seeker.pk]),
                centre_id=seeker.centre_id,
                detail=_("registered %(count)s times") % {"count": group["count"]},
            )


RULES = [
    Rule("seeker_duplicate", gettext_lazy("The same person registered more than once"), duplicate_registrations, 40),
    Rule("seeker_visits_per_day", gettext_lazy("More visit bookings in a day than allowed"), too_many_visits_a_day, 41),
]
