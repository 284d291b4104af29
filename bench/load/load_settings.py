"""The production settings, with the collected static files outside the checkout (LOAD_STATIC_ROOT)."""

import os
from pathlib import Path

from jobcenter.settings import *  # noqa: F403

STATIC_ROOT = Path(os.environ.get("LOAD_STATIC_ROOT", "/tmp/jobcenter-load/static"))
# The baseline views the harness measures against (jobcenter/baseline_views.py): a 404 in every other setting.
LOAD_TEST_BASELINES = True
# Each request's CPU and queries, per view, in a file (bench/load/step_cpu.py): which step spends the web CPU.
if os.environ.get("LOAD_STEP_CPU_LOG"):
    MIDDLEWARE = ["step_cpu.StepCpuMiddleware", *MIDDLEWARE]  # noqa: F405
