"""The score of a (seeker, vacancy) pair, in SQL.

`scored_pairs(source)` wraps a FROM clause that yields seeker profiles as `s` and vacancy profiles as `v`
and returns seeker_id, vacancy_id, score (0–100) and parts (jsonb: each part's 0–1 value and the facts
the explanation shows). Each part is documented in docs/matching.md; the weights come in as parameters
%(w_<part>)s and %(w_total)s.
"""

from matching.models import OPEN_STATES
from matching.scoring_models import MatchWeights

# Pairs per list that get the costly text similarity when only the top of a list is wanted (docs/matching.md).
PRELIMIT = 200
OPEN_REFERRAL_STATES = "ARRAY[" + ", ".join(f"'{state}'" for state in OPEN_STATES) + "]::varchar[]"

# No open referral for the pair (the partial unique index on open referrals answers this).
NO_OPEN_REFERRAL = f"""NOT EXISTS (
    SELECT 1 FROM matching_referral ref
    WHERE ref.seeker_id = s.seeker_id AND ref.vacancy_id = v.vacancy_id AND ref.state = ANY({OPEN_REFERRAL_STATES})
)"""

# Level 1: the facts of the pair.
_FACTS = """
    s.seeker_id, v.vacancy_id,
    CASE
        WHEN v.occupation_code <> '' AND v.occupation_code = ANY(s.occupation_codes) THEN 'code'
        WHEN v.occupation_middle <> '' AND v.occupation_middle = ANY(s.occupation_middle) THEN 'middle'
        WHEN v.occupation_code = ANY(s.career_codes)
            OR (v.occupation_middle <> '' AND v.occupation_middle = ANY(s.career_middle)) THEN 'career'
        WHEN v.occupation_major <> '' AND v.occupation_major = ANY(s.occupation_major) THEN 'major'
        ELSE 'none'
    END AS occ_level,
    CASE
        WHEN length(v.region_code) > 5 AND v.region_code = s.region_code THEN 'eupmyeondong'
        WHEN v.sigungu_code <> '' AND v.sigungu_code = s.sigungu_code THEN 'sigungu'
        WHEN v.region_codes && s.desired_region_codes THEN 'desired'
        WHEN v.sido_code <> '' AND v.sido_code = s.sido_code THEN 'sido'
        ELSE 'elsewhere'
    END AS place_level,
    cardinality(s.desired_region_codes) > 0 AND NOT (v.region_codes && s.desired_region_codes) AS outside_desired,
    CASE WHEN s.latitude IS NOT NULL AND v.latitude IS NOT NULL THEN
        111.2 * sqrt(power(s.latitude - v.latitude, 2)
            + power((s.longitude - v.longitude) * cos(radians((s.latitude + v.latitude) / 2)), 2))
    END AS km,
    v.wage_monthly AS wage_offered, s.wage_monthly AS wage_desired,
    v.employment_type, cardinality(s.employment_types) = 0 AS any_type,
    v.employment_type = ANY(s.employment_types) AS type_fits,
    v.weekly_hours, s.hours_per_week AS hours_wanted,
    s.employment_types::text[] = ARRAY['part_time'] AS part_time_only,
    v.night_or_rotating AND cardinality(s.shifts) > 0
        AND NOT (s.shifts && ARRAY['night', 'rotating']::varchar[]) AS shift_conflict,
    s.earliest_start, coalesce(v.deadline, current_date + 30) AS start_by,
    v.education_rank AS education_required, s.education_rank AS education_held,
    v.experience_years AS experience_required, s.experience_years AS experience_held,
    CASE
        WHEN cardinality(v.certificates) = 0 THEN 'none_required'
        WHEN v.certificates <@ s.certificates THEN 'all'
        WHEN v.certificates && s.certificates THEN 'some'
        ELSE 'missing'
    END AS certificates_held,
    s.duties_text AS s_duties, v.duties_text AS v_duties,
    CASE
        WHEN cardinality(v.suitable_for) = 0 THEN 'open'
        WHEN v.suitable_for && s.target_groups THEN 'fits'
        ELSE 'other'
    END AS target_fit
"""

# Level 2: each part as a value between 0 and 1.
_PARTS = """
    CASE f.occ_level WHEN 'code' THEN 1.0::float8 WHEN 'middle' THEN 0.8::float8 WHEN 'career' THEN 0.6::float8
        WHEN 'major' THEN 0.4::float8 ELSE 0.0::float8 END AS p_occupation,
    (CASE WHEN f.km IS NULL THEN pl.level ELSE 0.5::float8 * pl.level + 0.5::float8 * greatest(0, 1 - f.km / 40) END)
        * CASE WHEN f.outside_desired THEN 0.5::float8 ELSE 1 END AS p_place,
    CASE
        WHEN f.wage_desired IS NULL OR f.wage_desired = 0 OR f.wage_offered IS NULL THEN 0.5::float8
        WHEN f.wage_offered >= f.wage_desired THEN 1.0::float8
        ELSE greatest(0, 1 - 5.0::float8 * (f.wage_desired - f.wage_offered) / f.wage_desired)
    END AS p_wage,
    CASE WHEN f.any_type THEN 0.5::float8 WHEN f.type_fits THEN 1.0::float8 ELSE 0.0::float8 END AS p_employment_type,
    (CASE
        WHEN f.weekly_hours IS NULL THEN 0.5::float8
        WHEN f.hours_wanted IS NOT NULL THEN greatest(0, 1 - abs(f.weekly_hours - f.hours_wanted) / 20.0::float8)
        WHEN f.part_time_only THEN CASE WHEN f.weekly_hours <= 30 THEN 1.0::float8 ELSE 0.3::float8 END
        WHEN f.weekly_hours > 52 THEN 0.2::float8
        ELSE 1.0::float8
    END) * CASE WHEN f.shift_conflict THEN 0.4::float8 ELSE 1 END AS p_hours,
    CASE WHEN f.earliest_start IS NULL OR f.earliest_start <= f.start_by THEN 1.0::float8
        ELSE greatest(0, 1 - (f.earliest_start - f.start_by) / 60.0::float8) END AS p_start_date,
    greatest(0, least(1, 1 - 0.5::float8 * (f.education_required - f.education_held))) AS p_education,
    CASE WHEN f.experience_required = 0 OR f.experience_held >= f.experience_required THEN 1.0::float8
        ELSE f.experience_held / f.experience_required END AS p_experience,
    CASE f.certificates_held WHEN 'missing' THEN 0.0::float8 WHEN 'some' THEN 0.5::float8 ELSE 1.0::float8 END
        AS p_certificates,
    CASE f.target_fit WHEN 'fits' THEN 1.0::float8 WHEN 'open' THEN 0.5::float8 ELSE 0.3::float8 END AS p_target_group
"""

_PLACE_LEVEL = """CROSS JOIN LATERAL (SELECT CASE f.place_level WHEN 'eupmyeondong' THEN 1.0::float8
    WHEN 'sigungu' THEN 0.85::float8 WHEN 'desired' THEN 0.8::float8 WHEN 'sido' THEN 0.5::float8 ELSE 0::float8 END
    AS level) pl"""

_CHEAP_PARTS = [part for part in MatchWeights.PARTS if part != "duties_text"]
# Every part but the text similarity, which is the costly one: with a prelimit candidates are cut by this first.
_CHEAP = " + ".join(f"%(w_{part})s::float8 * p.p_{part}" for part in _CHEAP_PARTS)
_SCORE = "100.0 * (c.cheap + %(w_duties_text)s::float8 * c.p_duties_text) / %(w_total)s::float8"
_TEXT = """CROSS JOIN LATERAL (SELECT CASE WHEN c0.s_duties = '' OR c0.v_duties = '' THEN 0::float8
    ELSE similarity(c0.s_duties, c0.v_duties)::float8 END AS text_similarity OFFSET 0) ts"""


def _part_json(part: str, *facts: str, **rounded: int) -> str:
    # json (text) builders and float values: far cheaper than jsonb builders and numeric rounding;
    # the page rounds for display.
    items = [f"'s', c.p_{part}"]
    items += [f"'{fact}', c.{fact}" for fact in [*facts, *rounded]]
    return f"'{part}', json_build_object({', '.join(items)})"


_PARTS_JSON = (
    "json_build_object("
    + ", ".join(
        [
            _part_json("occupation", "occ_level"),
            _part_json("place", "place_level", "outside_desired", km=1),
            _part_json("wage", "wage_offered", "wage_desired"),
            _part_json("employment_type", "employment_type", "any_type"),
            _part_json("hours", "weekly_hours", "hours_wanted", "shift_conflict"),
            _part_json("start_date", "earliest_start", "start_by"),
            _part_json("education", "education_required", "education_held"),
            _part_json("experience", "experience_required", experience_held=1),
            _part_json("certificates", "certificates_held"),
            _part_json("duties_text", text_similarity=2),
            _part_json("target_group", "target_fit"),
        ]
    )
    + ")"
)


def scored_pairs(source: str, *, order_by: str = "", prelimit: bool = False) -> str:
    """SELECT seeker_id, vacancy_id, score, parts over the pairs of `source` (a FROM ... WHERE clause).

    With `prelimit`, only the %(prelimit)s best pairs by every part but the duties text (ties by `order_by`)
    get their text similarity computed; the rest are dropped (they cannot reach the top of a short list)."""
    # OFFSET 0 keeps each level a subquery of its own, so that its expressions are computed once per pair
    # instead of being inlined into every use above.
    cut = f"ORDER BY cheap DESC, {order_by} LIMIT %(prelimit)s" if prelimit else ""
    return f"""
SELECT c.seeker_id, c.vacancy_id, round(({_SCORE})::numeric, 2)::float AS score, {_PARTS_JSON} AS parts
FROM (
    SELECT c0.*, ts.text_similarity, least(1, 2 * ts.text_similarity) AS p_duties_text
    FROM (
        SELECT p.*, {_CHEAP} AS cheap
        FROM (SELECT f.*, {_PARTS} FROM (SELECT {_FACTS} {source} OFFSET 0) f {_PLACE_LEVEL} OFFSET 0) p
        {cut or "OFFSET 0"}
    ) c0
    {_TEXT}
    OFFSET 0
) c"""


def weight_params(weights: dict[str, float]) -> dict[str, float]:
    params = {f"w_{part}": float(weights.get(part, 0)) for part in MatchWeights.PARTS}
    params["w_total"] = sum(params.values()) or 1.0
    params["prelimit"] = PRELIMIT
    return params


# Candidates of the vacancies `v0`: active seekers sharing a candidate key, without an open referral.
SEEKERS_FOR_VACANCY = (
    """FROM matching_seekermatchprofile s
    JOIN matching_vacancymatchprofile v ON v.vacancy_id = v0.vacancy_id
    WHERE s.is_active AND s.match_keys && v.match_keys AND {only} AND """
    + NO_OPEN_REFERRAL
)

# Candidates of the seekers `s0`: open vacancies sharing a candidate key, without an open referral.
VACANCIES_FOR_SEEKER = (
    """FROM matching_vacancymatchprofile v
    JOIN matching_seekermatchprofile s ON s.seeker_id = s0.seeker_id
    WHERE v.is_open AND v.match_keys && s.match_keys AND {only} AND """
    + NO_OPEN_REFERRAL
)


def top_seekers_sql(*, given: bool = False, limit: bool = True) -> str:
    """Per vacancy in %(ids)s: its best candidates (all when `limit` is False; the %(only)s seekers when `given`)."""
    only = "s.seeker_id = ANY(%(only)s)" if given else "TRUE"
    source = SEEKERS_FOR_VACANCY.replace("{only}", only)
    if given:  # a given set is scored whole: no candidate keys
        source = source.replace("s.match_keys && v.match_keys AND ", "")
    tail = "ORDER BY score DESC, seeker_id LIMIT %(limit)s" if limit else ""
    return f"""
SELECT x.* FROM matching_vacancymatchprofile v0
CROSS JOIN LATERAL ({scored_pairs(source, order_by="seeker_id", prelimit=limit)} {tail}) x
WHERE v0.vacancy_id = ANY(%(ids)s) AND v0.is_open"""


def top_vacancies_sql(*, given: bool = False, limit: bool = True) -> str:
    """Per seeker in %(ids)s: the best open vacancies (the %(only)s vacancies when `given`)."""
    only = "v.vacancy_id = ANY(%(only)s)" if given else "TRUE"
    source = VACANCIES_FOR_SEEKER.replace("{only}", only)
    if given:
        source = source.replace("v.match_keys && s.match_keys AND ", "")
    tail = "ORDER BY score DESC, vacancy_id LIMIT %(limit)s" if limit else ""
    return f"""
SELECT x.* FROM matching_seekermatchprofile s0
CROSS JOIN LATERAL ({scored_pairs(source, order_by="vacancy_id", prelimit=limit)} {tail}) x
WHERE s0.seeker_id = ANY(%(ids)s) AND s0.is_active"""
