from django.db.models import QuerySet
from django.http import Http404

from alerts.models import JobAlert
from seekers.models import Seeker


def alerts_of(seeker: Seeker) -> QuerySet[JobAlert]:
    return seeker.job_alerts.select_related("occupation", "region")


def get_alert_for_seeker(seeker: Seeker, pk: int) -> JobAlert:
    """One of the seeker's own alerts; 404 for anyone else's."""
    try:
        return seeker.job_alerts.get(pk=pk)
    except JobAlert.DoesNotExist as error:
        raise Http404 from error
