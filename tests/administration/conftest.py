import shutil

import polib
import pytest


@pytest.fixture
def korean(settings, tmp_path):
    """Korean answers from the checked-in catalogue (compiled here: the .mo files are not in git)."""
    source = settings.BASE_DIR / "locale"
    target = tmp_path / "locale"
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("*.mo"))
    for po_path in target.glob("*/LC_MESSAGES/*.po"):
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
    settings.LOCALE_PATHS = [target]
    settings.LANGUAGE_CODE = "ko"
