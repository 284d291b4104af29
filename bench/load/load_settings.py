"""The production settings, with the collected static files outside the checkout (LOAD_STATIC_ROOT)."""

import os
from pathlib import Path

from jobcenter.settings import *  # noqa: F403

STATIC_ROOT = Path(os.environ.get("LOAD_STATIC_ROOT", "/tmp/jobcenter-load/static"))
