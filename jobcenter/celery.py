"""The Celery app. Each Django app may declare `beat_schedule` in its tasks.py; they are merged here."""

import importlib
import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobcenter.settings")

app = Celery("jobcenter")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_finalize.connect
def collect_beat_schedules(sender: Celery, **kwargs) -> None:
    from django.conf import settings

    for app_name in settings.INSTALLED_APPS:
        try:
            module = importlib.import_module(f"{app_name}.tasks")
        except ModuleNotFoundError:
            continue
        sender.conf.beat_schedule.update(getattr(module, "beat_schedule", {}))
