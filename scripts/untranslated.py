#!/usr/bin/env python3
"""List the msgids of a locale's catalog whose translation is empty or fuzzy.

    python3 scripts/untranslated.py              # Korean (ko), every entry
    python3 scripts/untranslated.py en           # another locale
    python3 scripts/untranslated.py ko seekers/ templates/seekers/   # only strings used under these paths

Prints `path:line<TAB>msgid` (the first place the string is used) and exits 1 when something is left,
so it can guard CI once the catalog is complete. Needs polib (in the project's venv).
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def untranslated(locale: str = "ko", paths: tuple[str, ...] = ()) -> list[polib.POEntry]:
    """Entries with an empty or fuzzy msgstr; with `paths`, only those used in a file under one of them."""
    catalog = polib.pofile(str(ROOT / "locale" / locale / "LC_MESSAGES" / "django.po"))
    left = []
    for entry in catalog:
        if entry.obsolete:
            continue
        if paths and not any(path.startswith(paths) for path, _ in entry.occurrences):
            continue
        translated = all(entry.msgstr_plural.values()) if entry.msgid_plural else bool(entry.msgstr)
        if not translated or "fuzzy" in entry.flags:
            left.append(entry)
    return left


def main(argv: list[str]) -> int:
    locale = argv[0] if argv else "ko"
    entries = untranslated(locale, tuple(argv[1:]))
    for entry in entries:
        where = ":".join(entry.occurrences[0]) if entry.occurrences else "?"
        flag = " (fuzzy)" if "fuzzy" in entry.flags else ""
        print(f"{where}\t{entry.msgid}{flag}")
    print(f"{len(entries)} untranslated in {locale}", file=sys.stderr)
    return 1 if entries else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
