"""Reads of the security app, scoped to the acting user."""

import datetime
import statistics
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db.models import Count, Q, QuerySet

from jobcenter.models import User
from seekers.models import AccessRecord
from seekers.selectors import access_records_for_user


@dataclass(frozen=True)
class ReviewRow:
    centre_name: str
    user_id: int | None
    user_name: str
    views: int
    exports: int
    edits: int
    total: int
    distinct_seekers: int
    centre_median: float
    flagged: bool


@dataclass(frozen=True)
class Review:
    rows: list[ReviewRow]
    total: int

    @property
    def flagged(self) -> list[ReviewRow]:
        return [row for row in self.rows if row.flagged]


def access_review(*, user: User, month: datetime.date, factor: float) -> Review:
    """Who accessed how much personal data in `month`, per account and centre.

    An account is flagged when its count is more than `factor` times the median of its centre's other
    accounts (and at least ACCESS_REVIEW_MINIMUM, so a quiet month does not flag a counselor for opening eight cases).
    """
    start = month.replace(day=1)
    records: QuerySet[AccessRecord] = access_records_for_user(user).filter(
        at__date__gte=start, at__date__lt=start + relativedelta(months=1)
    )
    counts = list(
        records.values("centre__name", "user_id", "user__last_name", "user__first_name", "user__username")
        .annotate(
            total=Count("pk"),
            views=Count("pk", filter=Q(action=AccessRecord.Action.VIEW)),
            exports=Count("pk", filter=Q(action=AccessRecord.Action.EXPORT)),
            edits=Count("pk", filter=Q(action=AccessRecord.Action.EDIT)),
            seekers=Count("seeker_id", distinct=True),
        )
        .order_by("centre__name", "-total")
    )
    rows = []
    for row in counts:
        others = [
            other["total"] for other in counts if other["centre__name"] == row["centre__name"] and other is not row
        ]
        median = statistics.median(others) if others else float(row["total"])
        name = f"{row['user__last_name'] or ''}{row['user__first_name'] or ''}" or (row["user__username"] or "—")
        rows.append(
            ReviewRow(
                centre_name=row["centre__name"] or "—",
                user_id=row["user_id"],
                user_name=name,
                views=row["views"],
                exports=row["exports"],
                edits=row["edits"],
                total=row["total"],
                distinct_seekers=row["seekers"],
                centre_median=median,
                flagged=row["total"] >= settings.ACCESS_REVIEW_MINIMUM and row["total"] > factor * median,
            )
        )
    return Review(rows=rows, total=sum(row.total for row in rows))
