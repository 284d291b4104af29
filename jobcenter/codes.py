"""Loading the public code tables (regions, KECO occupations, KSIC industries, minimum wages) from CSV.

Every loader is an upsert keyed by code, so loading a file twice changes nothing, and a centre can load
the full official tables (KECO minor and detailed groups, every 읍면동) over the shipped ones.
"""

import csv
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
