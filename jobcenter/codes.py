"""Loading the public code tables (regions, KECO occupations, KSIC industries, minimum wages) from CSV.

Every loader is an upsert keyed by code, so loading a file twice changes nothing, and a centre can load
the full official tables (KECO minor and detailed groups, every 읍면동) over the shipped ones.
"""

import csv
import re
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _float(value: str | None) -> float | None:
    return float(value) if value not in (None, "") else None


def load_regions(path: Path, *, level: str, region_model, coordinates: dict | None = None) -> int:
    coordinates = coordinates or {}
    count = 0
    for row in _rows(path):
        latitude, longitude = coordinates.get(row["code"], (_float(row.get("latitude")), _float(row.get("longitude"))))
        region_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "name_ko": row["name_ko"],
                "name_en": row.get("name_en", ""),
                "level": level,
                "parent_id": row.get("parent") or None,
                "latitude": latitude,
                "longitude": longitude,
            },
        )
        count += 1
    return count


def load_occupations(path: Path, *, occupation_model) -> int:
    rows = _rows(path)
    # Parents first, whatever the order in the file.
    order = {"major": 0, "middle": 1, "minor": 2, "detailed": 3}
    for row in sorted(rows, key=lambda row: order.get(row["level"], 9)):
        occupation_model.objects.update_or_create(
            code=row["code"],
            defaults={
                "name_ko": row["name_ko"],
                "name_en": row.get("name_en", ""),
                "level": row["level"],
                "parent_id": row.get("parent") or None,
            },
        )
    return len(rows)


def load_industries(path: Path, *, industry_model) -> int:
    rows = _rows(path)
    for row in rows:
        industry_model.objects.update_or_create(
            code=row["code"], defaults={"name_ko": row["name_ko"], "name_en": row.get("name_en", "")}
        )
    return len(rows)


def load_minimum_wages(path: Path, *, minimum_wage_model) -> int:
    rows = _rows(path)
    for row in rows:
        minimum_wage_model.objects.update_or_create(year=int(row["year"]), defaults={"hourly": int(row["hourly_krw"])})
    return len(rows)


# How a certificate's name is normalised before it is looked up, here and in SQL (CERTIFICATE_KEY_SQL): no
# spaces or brackets, upper-cased, "제1종" as "1종", without trailing "이상", "소지자", "자격증", "우대" and the like.
_CERT_STRIP = r"""[[:space:]()\[\]{}·.\-_~'":]"""
_CERT_STRIP_PY = r"""[\s()\[\]{}·.\-_~'":]"""
_CERT_PREFIX = "^제([0-9])"
_CERT_SUFFIX = "(이상|소지자|소지|필수|우대|자격증|취득자|취득)+$"


def certificate_key(text: str) -> str:
    """The normalised form of a certificate's name ("제1종 보통 운전면허 소지자" -> "1종보통운전면허")."""
    key = re.sub(_CERT_STRIP_PY, "", text or "").upper()
    key = re.sub(_CERT_PREFIX, r"\1", key)
    return re.sub(_CERT_SUFFIX, "", key)


def certificate_key_sql(expression: str) -> str:
    """certificate_key() in SQL, for the match profiles."""
    strip = _CERT_STRIP.replace("'", "''")
    return (
        f"regexp_replace(regexp_replace(upper(regexp_replace({expression}, '{strip}', '', 'g')), "
        f"'{_CERT_PREFIX}', '\\1'), '{_CERT_SUFFIX}', '')"
    )


def _covered(code: str, covers: dict[str, set[str]]) -> list[str]:
    seen: set[str] = set()
    todo = list(covers.get(code, ()))
    while todo:
        other = todo.pop()
        if other not in seen and other != code:
            seen.add(other)
            todo.extend(covers.get(other, ()))
    return sorted(seen)


def load_certificates(path: Path, *, qualification_model, name_model) -> int:
    """Upsert qualifications (columns code,kind,name_ko,name_en,field,level,aliases,covers; aliases and covers
    separated by "|"; only code and name_ko are required, e.g. the official Q-Net list of 종목) and rebuild
    their names and what each covers: within a field a higher level covers every lower one, plus `covers`."""
    rows = _rows(path)
    for row in rows:
        qualification_model.objects.update_or_create(
            code=row["code"].strip(),
            defaults={
                "name_ko": row["name_ko"].strip(),
                "name_en": (row.get("name_en") or "").strip(),
                "kind": (row.get("kind") or "technical").strip(),
                "field": (row.get("field") or "").strip(),
                "level": int(row["level"]) if (row.get("level") or "").strip() else None,
                "aliases": [alias.strip() for alias in (row.get("aliases") or "").split("|") if alias.strip()],
                "covers": [code.strip() for code in (row.get("covers") or "").split("|") if code.strip()],
            },
        )
    everything = list(qualification_model.objects.all())
    covers: dict[str, set[str]] = {q.code: set(q.covers) for q in everything}
    for q in everything:
        if q.field and q.level is not None:
            covers[q.code] |= {
                other.code
                for other in everything
                if other.field == q.field and other.level is not None and other.level < q.level
            }
    names: dict[str, str] = {}
    for q in sorted(everything, key=lambda q: q.code):
        q.covered = _covered(q.code, covers)
        for name in [q.name_ko, *q.aliases]:
            key = certificate_key(name)
            if key and key not in names:  # an official name wins over another row's alias: names first
                names[key] = q.code
    for q in sorted(everything, key=lambda q: q.code):
        names[certificate_key(q.name_ko)] = q.code
    qualification_model.objects.bulk_update(everything, ["covered"])
    name_model.objects.all().delete()
    name_model.objects.bulk_create([name_model(key=key, qualification_id=code) for key, code in names.items()])
    return len(rows)


def load_shipped_certificates(apps=None) -> int:
    if apps is None:
        from django.apps import apps
    return load_certificates(
        DATA_DIR / "certificates.csv",
        qualification_model=apps.get_model("jobcenter", "Qualification"),
        name_model=apps.get_model("jobcenter", "QualificationName"),
    )


def load_shipped(apps=None) -> None:
    """Load the tables shipped in jobcenter/data (used by the data migration and by tests)."""
    if apps is None:
        from django.apps import apps
    region = apps.get_model("jobcenter", "Region")
    sido_coordinates = {
        row["code"]: (_float(row["latitude"]), _float(row["longitude"]))
        for row in _rows(DATA_DIR / "regions_sido_coords.csv")
    }
    load_regions(DATA_DIR / "regions_sido.csv", level="sido", region_model=region, coordinates=sido_coordinates)
    load_regions(DATA_DIR / "regions_sigungu.csv", level="sigungu", region_model=region)
    load_regions(DATA_DIR / "regions_eupmyeondong_demo.csv", level="eupmyeondong", region_model=region)
    load_occupations(DATA_DIR / "keco2018_groups.csv", occupation_model=apps.get_model("jobcenter", "Occupation"))
    load_industries(DATA_DIR / "ksic_sections.csv", industry_model=apps.get_model("jobcenter", "Industry"))
    load_minimum_wages(DATA_DIR / "minimum_wage.csv", minimum_wage_model=apps.get_model("jobcenter", "MinimumWage"))
    try:
        apps.get_model("jobcenter", "Qualification")
    except LookupError:  # the data migration 0002 runs before the table exists (0004 loads it)
        return
    load_shipped_certificates(apps)
