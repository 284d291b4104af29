"""The production settings, with the collected static files outside the checkout (LOAD_STATIC_ROOT)."""

import os
from pathlib import Path

from jobcenter.settings import *  # noqa: F403

STATIC_ROOT = Path(os.environ.get("LOAD_STATIC_ROOT", "/tmp/jobcenter-load/static"))
# The baseline views the harness measures against (jobcenter/baseline_views.py): a 404 in every other setting.
LOAD_TEST_BASELINES = True
