"""Celery queues by kind, so that a slow statistics job never delays a referral notice.

- `interactive`: what a person is waiting for (e-mail/SMS notices, the health ping);
- `matching`: the scorer's recomputations after a vacancy or seeker changes;
- `statistics`: rollups, recomputations, reports and bulletins (long, CPU- and IO-heavy);
- `celery` (the default): the periodic sweeps and everything not named here.

docker-compose.yml runs one worker per queue; each scales by count (`docker compose up --scale
worker-matching=3`). A worker started without `-Q` consumes every queue in CELERY_TASK_QUEUES, so a
single `celery -A jobcenter worker` on a laptop still runs everything.
"""

from fnmatch import fnmatchcase

INTERACTIVE, MATCHING, STATISTICS, DEFAULT = "interactive", "matching", "statistics", "celery"
QUEUES = (INTERACTIVE, MATCHING, STATISTICS, DEFAULT)

# Task name pattern -> queue; the first match wins.
ROUTES: tuple[tuple[str, str], ...] = (
    ("jobcenter.tasks.notification_send", INTERACTIVE),
    ("jobcenter.tasks.notifications_send", INTERACTIVE),
    ("jobcenter.tasks.ping", INTERACTIVE),
    ("matching.scoring_tasks.*", MATCHING),
    ("jobcenter.statistics.tasks.*", STATISTICS),
    ("employers.tasks.bulletins_issue", STATISTICS),
    ("jobcenter.tasks.records_check", STATISTICS),  # the nightly data check reads every table
)


def queue_for(task_name: str) -> str:
    for pattern, queue in ROUTES:
        if fnmatchcase(task_name, pattern):
            return queue
    return DEFAULT


def route_task(name: str, args, kwargs, options, task=None, **kw) -> dict | None:
    """Celery router (CELERY_TASK_ROUTES). An app whose default queue is not `celery` (the test suite's
    worker fixture gives each run its own queue) keeps every task on that one queue."""
    from celery import current_app

    app = task.app if task is not None else current_app
    if app.conf.task_default_queue != DEFAULT:
        return None
    return {"queue": queue_for(name)}
