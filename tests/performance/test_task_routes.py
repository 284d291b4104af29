"""Celery queues by kind: a slow statistics job never sits in front of a referral notice."""

import pytest

from jobcenter.celery import app
from jobcenter.task_routes import DEFAULT, queue_for


@pytest.fixture(autouse=True)
def production_default_queue():
    """The session's test worker gives the app a queue of its own; these tests read the production routes."""
    saved = app.conf.task_default_queue
    app.conf.task_default_queue = DEFAULT
    yield
    app.conf.task_default_queue = saved


def routed_queue(task_name: str) -> str:
    return app.amqp.router.route({}, task_name)["queue"].name


def test_notice_and_statistics__are_sent_to_different_queues():
    assert routed_queue("jobcenter.tasks.notification_send") == "interactive"
    assert routed_queue("jobcenter.tasks.notifications_send") == "interactive"  # a notice's channels together
    assert routed_queue("jobcenter.statistics.tasks.statistics_recompute") == "statistics"
    assert routed_queue("matching.scoring_tasks.match_vacancy_refresh") == "matching"


def test_periodic_sweep__stays_on_the_default_queue():
    assert queue_for("seekers.tasks.seekers_expire") == "celery"
    assert routed_queue("jobcenter.tasks.notifications_sweep") == "celery"


def test_every_registered_task__has_a_queue_a_worker_consumes():
    app.loader.import_default_modules()
    consumed = {queue.name for queue in app.conf.task_queues}
    for name in app.tasks:
        if not name.startswith("celery."):
            assert queue_for(name) in consumed, name


def test_app_with_its_own_default_queue__keeps_every_task_on_it():
    saved = app.conf.task_default_queue
    app.conf.task_default_queue = "test-run-queue"
    try:
        assert routed_queue("jobcenter.tasks.notification_send") == "test-run-queue"
    finally:
        app.conf.task_default_queue = saved
