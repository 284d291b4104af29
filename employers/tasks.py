"""Beat tasks of the employers app: expiring vacancies past their deadline, and the job bulletin."""

from celery import shared_task
from celery.schedules import crontab

from employers import selectors, services


@shared_task
def vacancies_expire() -> int:
    """Expire every published vacancy whose deadline has passed; running it twice changes nothing more."""
    ids = list(selectors.vacancies_to_expire().values_list("pk", flat=True))
    for vacancy_id in ids:
        services.vacancy_expire(vacancy_id=vacancy_id)
    return len(ids)


@shared_task
def bulletins_issue() -> int:
    """Issue today's bulletin of every centre (twice a month); a second run replaces the same issue."""
    from employers.bulletin import bulletin_issue
    from jobcenter.models import Centre

    count = 0
    for centre_id in Centre.objects.values_list("pk", flat=True):
        bulletin_issue(centre_id=centre_id)
        count += 1
    return count


beat_schedule = {
    "employers-vacancies-expire": {"task": "employers.tasks.vacancies_expire", "schedule": crontab(hour=0, minute=10)},
    "employers-bulletins-issue": {
        "task": "employers.tasks.bulletins_issue",
        "schedule": crontab(day_of_month="1,15", hour=6, minute=0),
    },
}
