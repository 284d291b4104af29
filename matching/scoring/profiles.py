"""Match profiles: the denormalised seeker and vacancy rows the scoring SQL reads.

One SQL statement per kind builds them from the source tables, for one row or for all of them, so the
per-row refresh after a change and the nightly full refresh cannot disagree.
"""

from django.db import connection

from jobcenter.codes import certificate_key_sql
from jobcenter.models import EducationLevel, MinimumWage

EDUCATION_ORDER = "ARRAY[" + ", ".join(f"'{value}'" for value in EducationLevel.values) + "]::text[]"
NIGHT_OR_ROTATING = "(야간|교대|2교대|3교대|2조|3조|night|rotat)"
CERTIFICATE_SEPARATORS = "[,/·;]"
# A certificate as the scorer compares it: "Q:<code>" of the qualification its name (or alias) maps to
# (jobcenter.Qualification), else its normalised text. A seeker's also holds every code the held ones cover.
_CERT_LOOKUP = """LEFT JOIN LATERAL (
        SELECT q.code, q.covered FROM jobcenter_qualificationname qn
        JOIN jobcenter_qualification q ON q.code = qn.qualification_id WHERE qn.key = x.key
    ) q ON TRUE"""
SEEKER_CERTIFICATES = f"""ARRAY(
        SELECT DISTINCT k FROM seekers_certificate c
        CROSS JOIN LATERAL (SELECT {certificate_key_sql("c.name")} AS key) x
        {_CERT_LOOKUP}
        CROSS JOIN LATERAL unnest(CASE WHEN q.code IS NULL THEN ARRAY[x.key]
            ELSE ARRAY['Q:' || q.code] || ARRAY(SELECT 'Q:' || cv FROM unnest(q.covered) cv) END) k
        WHERE c.seeker_id = s.id AND x.key <> '' ORDER BY 1
    )"""
VACANCY_CERTIFICATES = f"""ARRAY(
        SELECT DISTINCT coalesce('Q:' || q.code, x.key)
        FROM regexp_split_to_table(v.certificates_required, '{CERTIFICATE_SEPARATORS}') t
        CROSS JOIN LATERAL (SELECT {certificate_key_sql("t")} AS key) x
        {_CERT_LOOKUP}
        WHERE x.key <> '' ORDER BY 1
    )"""
# The features of a duties text, as sorted distinct integers (sql._TEXT compares two of them): the syllable (or
# letter) bigrams of its words, a word being a run of Hangul syllables, Latin letters or digits (explicit ranges:
# the same whatever the database's locale; pg_trgm's word characters follow it, and under a C locale a Hangul
# text had no trigrams). Order of the words, punctuation and most spacing do not matter ("CNC 선반 가공 …
# 품질검사" against "품질검사 및 CNC선반가공": 0.78; pg_trgm's similarity 0.43), and one-syllable words such as
# "및" are left out (docs/matching.md, Korean duties texts).
# (string_to_array after one regexp_replace: as cheap as show_trgm; regexp_split_to_table joined with the
# bigram positions took 12 times as long.)
TRIGRAMS = """ARRAY(SELECT DISTINCT hashtext(substr(t.w, i, 2))
    FROM unnest(string_to_array(regexp_replace(lower({text}), '[^0-9a-z가-힣]+', ' ', 'g'), ' ')) t(w),
        generate_series(1, char_length(t.w) - 1) i
    WHERE char_length(t.w) >= 2 ORDER BY 1)"""


def _update_changed(table: str, columns: str) -> str:
    """The SET and WHERE of an upsert that writes a profile only when one of its columns changed: the nightly
    rebuild of a million profiles then writes (and re-indexes) only the few that did."""
    names = [name.strip() for name in columns.split(",")[1:] if name.strip() != "refreshed_at"]
    sets = ",\n".join(f"    {name} = EXCLUDED.{name}" for name in [*names, "refreshed_at"])
    old = ", ".join(f"{table}.{name}" for name in names)
    new = ", ".join(f"EXCLUDED.{name}" for name in names)
    return f"{sets}\nWHERE ({old}) IS DISTINCT FROM ({new})"


_SEEKER_COLUMNS = """seeker_id, centre_ref, booth_ref, is_active, occupation_codes, occupation_middle, occupation_major,
    career_codes, career_middle, career_major, region_code, sigungu_code, sido_code, latitude, longitude,
    desired_region_codes, wage_monthly, employment_types, hours_per_week, shifts, earliest_start, education_rank,
    experience_years, certificates, target_groups, duties_text, duties_trigrams, match_keys, near_keys,
    refreshed_at"""

SEEKER_PROFILES_SQL = f"""
INSERT INTO matching_seekermatchprofile ({_SEEKER_COLUMNS})
SELECT s.id, s.centre_id, s.booth_id,
    s.status = 'active' AND EXISTS (
        SELECT 1 FROM seekers_consent c WHERE c.seeker_id = s.id AND c.kind = 'sharing' AND c.withdrawn_at IS NULL
    ),
    occ.codes, occ.middles, occ.majors, car.codes, car.middles, car.majors,
    coalesce(s.region_id, ''), loc.sigungu, loc.sido,
    coalesce(r.latitude, rg.latitude, rs.latitude), coalesce(r.longitude, rg.longitude, rs.longitude),
    des.codes,
    CASE WHEN s.desired_wage_type = 'hourly' THEN s.desired_wage * %(monthly_hours)s ELSE s.desired_wage END,
    s.employment_types, s.hours_per_week, s.shifts, s.earliest_start,
    coalesce(array_position({EDUCATION_ORDER}, s.education_level::text), 1) - 1,
    car.years, {SEEKER_CERTIFICATES}, s.target_groups, car.duties, {TRIGRAMS.format(text="car.duties")},
    ARRAY(
        SELECT 'm' || m || ':g' || g
        FROM unnest(occ.middles || car.middles) m, unnest(array_remove(ARRAY[loc.sigungu] || des.sigungus, '')) g
        UNION
        SELECT 'm' || m || ':s' || sd
        FROM unnest(occ.middles || car.middles) m, unnest(array_remove(ARRAY[loc.sido] || des.sidos, '')) sd
        UNION
        SELECT 'M' || mj || ':g' || g
        FROM unnest(occ.majors || car.majors) mj, unnest(array_remove(ARRAY[loc.sigungu] || des.sigungus, '')) g
        ORDER BY 1
    ),
    ARRAY(
        SELECT DISTINCT 'm' || m || ':g' || g
        FROM unnest(occ.middles || car.middles) m, unnest(array_remove(ARRAY[loc.sigungu] || des.sigungus, '')) g
        ORDER BY 1
    ),
    now()
FROM seekers_seeker s
LEFT JOIN jobcenter_region r ON r.code = s.region_id
LEFT JOIN jobcenter_region rg ON rg.code = left(s.region_id, 5)
LEFT JOIN jobcenter_region rs ON rs.code = left(s.region_id, 2)
CROSS JOIN LATERAL (
    SELECT CASE WHEN length(s.region_id) >= 5 THEN left(s.region_id, 5) ELSE '' END AS sigungu,
           coalesce(left(s.region_id, 2), '') AS sido
) loc
CROSS JOIN LATERAL (
    SELECT coalesce(array_agg(DISTINCT o.occupation_id), '{{}}') AS codes,
           coalesce(array_agg(DISTINCT left(o.occupation_id, 2)) FILTER (WHERE length(o.occupation_id) >= 2), '{{}}')
               AS middles,
           coalesce(array_agg(DISTINCT left(o.occupation_id, 1)), '{{}}') AS majors
    FROM seekers_seeker_desired_occupations o WHERE o.seeker_id = s.id
) occ
CROSS JOIN LATERAL (
    SELECT coalesce(array_agg(DISTINCT c.occupation_id) FILTER (WHERE c.occupation_id IS NOT NULL), '{{}}') AS codes,
           coalesce(array_agg(DISTINCT left(c.occupation_id, 2)) FILTER (WHERE length(c.occupation_id) >= 2), '{{}}')
               AS middles,
           coalesce(array_agg(DISTINCT left(c.occupation_id, 1)) FILTER (WHERE c.occupation_id IS NOT NULL), '{{}}')
               AS majors,
           coalesce(sum(coalesce(c.ended_on, current_date) - c.started_on) / 365.25, 0) AS years,
           coalesce(string_agg(nullif(c.duties, ''), ' '), '') AS duties
    FROM seekers_career c WHERE c.seeker_id = s.id
) car
CROSS JOIN LATERAL (
    SELECT coalesce(array_agg(d.region_id ORDER BY d.region_id), '{{}}') AS codes,
           coalesce(array_agg(DISTINCT left(d.region_id, 2)), '{{}}') AS sidos,
           coalesce(array_agg(DISTINCT left(d.region_id, 5)) FILTER (WHERE length(d.region_id) >= 5), '{{}}')
               AS sigungus
    FROM seekers_seeker_desired_regions d WHERE d.seeker_id = s.id
) des
WHERE {{where}}
ON CONFLICT (seeker_id) DO UPDATE SET
""" + _update_changed("matching_seekermatchprofile", _SEEKER_COLUMNS)

_VACANCY_COLUMNS = """vacancy_id, centre_ref, is_open, occupation_code, occupation_middle, occupation_major,
    region_code, sigungu_code, sido_code, region_codes, latitude, longitude, wage_monthly, employment_type,
    weekly_hours, night_or_rotating, deadline, education_rank, experience_years, certificates, suitable_for,
    duties_text, duties_trigrams, match_keys, near_keys, refreshed_at"""

VACANCY_PROFILES_SQL = f"""
INSERT INTO matching_vacancymatchprofile ({_VACANCY_COLUMNS})
SELECT v.id, v.centre_id,
    v.status = 'published' AND v.openings_filled < v.openings AND v.occupation_id IS NOT NULL,
    coalesce(v.occupation_id, ''), occ.middle, occ.major,
    coalesce(v.region_id, ''), loc.sigungu, loc.sido,
    array_remove(ARRAY[coalesce(v.region_id, ''), loc.sigungu, loc.sido]::varchar[], ''),
    coalesce(r.latitude, rg.latitude, rs.latitude), coalesce(r.longitude, rg.longitude, rs.longitude),
    CASE WHEN v.wage_type = 'hourly' THEN v.wage_amount * %(monthly_hours)s ELSE v.wage_amount END,
    v.employment_type, v.weekly_hours,
    (v.shifts || ' ' || v.working_hours) ~* '{NIGHT_OR_ROTATING}',
    v.deadline,
    coalesce(array_position({EDUCATION_ORDER}, v.education_required::text), 1) - 1,
    v.experience_years,
    {VACANCY_CERTIFICATES},
    v.suitable_for, v.duties, {TRIGRAMS.format(text="v.duties")},
    array_remove(ARRAY[
        CASE WHEN occ.middle <> '' AND loc.sigungu <> '' THEN 'm' || occ.middle || ':g' || loc.sigungu ELSE '' END,
        CASE WHEN occ.middle <> '' AND loc.sido <> '' THEN 'm' || occ.middle || ':s' || loc.sido ELSE '' END,
        CASE WHEN occ.major <> '' AND loc.sigungu <> '' THEN 'M' || occ.major || ':g' || loc.sigungu ELSE '' END
    ]::varchar[], ''),
    array_remove(ARRAY[
        CASE WHEN occ.middle <> '' AND loc.sigungu <> '' THEN 'm' || occ.middle || ':g' || loc.sigungu ELSE '' END
    ]::varchar[], ''),
    now()
FROM employers_vacancy v
LEFT JOIN jobcenter_region r ON r.code = v.region_id
LEFT JOIN jobcenter_region rg ON rg.code = left(v.region_id, 5)
LEFT JOIN jobcenter_region rs ON rs.code = left(v.region_id, 2)
CROSS JOIN LATERAL (
    SELECT CASE WHEN length(v.region_id) >= 5 THEN left(v.region_id, 5) ELSE '' END AS sigungu,
           coalesce(left(v.region_id, 2), '') AS sido
) loc
CROSS JOIN LATERAL (
    SELECT CASE WHEN length(v.occupation_id) >= 2 THEN left(v.occupation_id, 2) ELSE '' END AS middle,
           coalesce(left(v.occupation_id, 1), '') AS major
) occ
WHERE {{where}}
ON CONFLICT (vacancy_id) DO UPDATE SET
""" + _update_changed("matching_vacancymatchprofile", _VACANCY_COLUMNS)


def profiles_refresh_seekers(*, seeker_ids: list[int] | None = None) -> int:
    """Rebuild the profiles of these seekers (all seekers when None). Returns the number of rows written (new
    or changed)."""
    where, params = ("TRUE", {}) if seeker_ids is None else ("s.id = ANY(%(ids)s)", {"ids": list(seeker_ids)})
    with connection.cursor() as cursor:
        cursor.execute(
            SEEKER_PROFILES_SQL.replace("{where}", where),
            {"monthly_hours": MinimumWage.LEGAL_MONTHLY_HOURS, **params},
        )
        return cursor.rowcount


def profiles_refresh_vacancies(*, vacancy_ids: list[int] | None = None) -> int:
    """Rebuild the profiles of these vacancies (all when None). Returns the number of rows written."""
    where, params = ("TRUE", {}) if vacancy_ids is None else ("v.id = ANY(%(ids)s)", {"ids": list(vacancy_ids)})
    with connection.cursor() as cursor:
        cursor.execute(
            VACANCY_PROFILES_SQL.replace("{where}", where),
            {"monthly_hours": MinimumWage.LEGAL_MONTHLY_HOURS, **params},
        )
        return cursor.rowcount
