"""The score of a (seeker, vacancy) pair, in SQL.

`cheap_pairs(source)` wraps a FROM clause that yields seeker profiles as `s` and vacancy profiles as `v` and
computes every part but the duties text (the costly one); `top_pairs` keeps one list owner's best pairs and
gives the text part only to those that can still reach the list; EXPLAINED_PAIRS_SQL returns the parts as
JSON facts for the rows a page shows. Each part is documented in docs/matching.md; the weights come in as
parameters %(w_<part>)s and %(w_total)s.
"""

from matching.models import OPEN_STATES
from matching.scoring_models import MatchWeights

# Pairs per list that may get the costly text similarity (docs/matching.md).
PRELIMIT = 200
# A list owner with fewer candidates than this on its near keys (middle group × 시군구) also takes the wide
# ones (middle group × 시도, major group × 시군구).
MIN_NEAR = 20
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
    s.duties_trigrams AS s_trgm, v.duties_trigrams AS v_trgm,
    CASE
        WHEN cardinality(v.suitable_for) = 0 THEN 'open'
        WHEN v.suitable_for && s.target_groups THEN 'fits'
        ELSE 'other'
    END AS target_fit
"""

# The seeker's stated conditions (and the vacancy's required certificates): true when the pair breaks one.
CONDITION_FACTS = {
    "night_shift": "f.shift_conflict",
    "employment_type": "(NOT f.any_type AND NOT coalesce(f.type_fits, FALSE))",
    "region": "f.outside_desired",
    "wage": "coalesce(f.wage_desired > 0 AND f.wage_offered < f.wage_desired, FALSE)",
    "certificates": "f.certificates_held IN ('some', 'missing')",
}
_CONDITIONS = "".join(f",\n    {expression} AS c_{name}" for name, expression in CONDITION_FACTS.items())
# Broken "must" conditions (any) and "prefer" ones (how many), with each condition's rule as %(must_<name>)s.
_MUST_BROKEN = "(" + " OR ".join(f"(p.c_{name} AND %(must_{name})s)" for name in CONDITION_FACTS) + ")"
_PREFER_BROKEN = "(" + " + ".join(f"(p.c_{name} AND NOT %(must_{name})s)::int" for name in CONDITION_FACTS) + ")"

# Level 2: each part as a value between 0 and 1, and the conditions broken.
_PARTS = (
    """
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
    + _CONDITIONS
)

_PLACE_LEVEL = """CROSS JOIN LATERAL (SELECT CASE f.place_level WHEN 'eupmyeondong' THEN 1.0::float8
    WHEN 'sigungu' THEN 0.85::float8 WHEN 'desired' THEN 0.8::float8 WHEN 'sido' THEN 0.5::float8 ELSE 0::float8 END
    AS level) pl"""

_CHEAP_PARTS = [part for part in MatchWeights.PARTS if part != "duties_text"]
# Every part but the text similarity, which is the costly one: with a prelimit candidates are cut by this first.
# Less the penalties of broken conditions (weight_params): each "prefer" one costs every part but the occupation's
# weight, so the pair ranks below every pair that meets the conditions with the same occupation fit; a "must"
# one puts it below every pair that meets all "must" conditions.
_CHEAP = (
    " + ".join(f"%(w_{part})s::float8 * p.p_{part}" for part in _CHEAP_PARTS)
    + f" - %(w_prefer_penalty)s::float8 * {_PREFER_BROKEN} - %(w_must_penalty)s::float8 * {_MUST_BROKEN}::int"
)
_SCORE = (
    "round((100.0 * (c.cheap + %(w_duties_text)s::float8 * c.p_duties_text) / %(w_total)s::float8)::numeric, 2)::float"
)
# The best score a pair can reach, whatever its text similarity.
_UPPER = "100.0 * ({c}.cheap + %(w_duties_text)s::float8) / %(w_total)s::float8"
# Shared features / all features of both (pg_trgm's similarity formula) on the syllable bigrams stored in the
# profiles (profiles.TRIGRAMS), with the intersection from the intarray extension (in its own schema, so that its
# operators never stand in for the built-in ones on other tables).
_TEXT = """CROSS JOIN LATERAL (SELECT CASE WHEN cardinality(c0.s_trgm) = 0 OR cardinality(c0.v_trgm) = 0 THEN 0::float8
    ELSE (x.shared::float4 / (cardinality(c0.s_trgm) + cardinality(c0.v_trgm) - x.shared)::float4)::float8 END
    AS text_similarity
    FROM (SELECT intarray.icount(c0.s_trgm OPERATOR(intarray.&) c0.v_trgm) AS shared) x OFFSET 0) ts"""


def _part_json(part: str, *facts: str, **expressions) -> str:
    # json (text) builders and float values: far cheaper than jsonb builders and numeric rounding;
    # the page rounds for display.
    items = [f"'s', c.p_{part}"]
    items += [f"'{fact}', c.{fact}" for fact in facts]
    for fact, expression in expressions.items():  # an SQL expression, or a number (rounded on the page)
        items.append(f"'{fact}', {expression if isinstance(expression, str) else 'c.' + fact}")
    return f"'{part}', json_build_object({', '.join(items)})"


# The official names of the required certificates the seeker lacks (covered ones included).
# (Read from the profiles for the rows explained only: carrying both arrays through every candidate pair of
# the refresh cost time for nothing.)
_MISSING_CERTIFICATES = """ARRAY(SELECT coalesce(q.name_ko, m)
    FROM matching_vacancymatchprofile vp CROSS JOIN LATERAL unnest(vp.certificates) m
    LEFT JOIN jobcenter_qualification q ON m = 'Q:' || q.code
    WHERE vp.vacancy_id = c.vacancy_id AND NOT m = ANY(
        SELECT unnest(sp.certificates) FROM matching_seekermatchprofile sp WHERE sp.seeker_id = c.seeker_id
    ) ORDER BY 1)"""
_CONDITIONS_JSON = (
    "'conditions', json_build_object("
    + ", ".join(f"'{name}', c.c_{name}" for name in CONDITION_FACTS)
    + ", 'must_broken', "
    + _MUST_BROKEN.replace("p.c_", "c.c_")
    + ")"
)


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
            _part_json("certificates", "certificates_held", missing=_MISSING_CERTIFICATES),
            _part_json("duties_text", text_similarity=2),
            _part_json("target_group", "target_fit"),
            _CONDITIONS_JSON,
        ]
    )
    + ")"
)


def cheap_pairs(source: str, extra: str = "") -> str:
    """The facts and every part but the duties text of the pairs of `source`, and `cheap` (their weighted sum)."""
    # OFFSET 0 keeps each level a subquery of its own, so that its expressions are computed once per pair
    # instead of being inlined into every use above.
    return f"""SELECT p.*, {_CHEAP} AS cheap
FROM (SELECT f.*, {_PARTS} FROM (SELECT {_FACTS} {extra} {source} OFFSET 0) f {_PLACE_LEVEL} OFFSET 0) p"""


def _with_text(inner: str) -> str:
    return f"""SELECT c0.*, ts.text_similarity, least(1, 2 * ts.text_similarity) AS p_duties_text
    FROM ({inner}) c0 {_TEXT} OFFSET 0"""


# Within one list: rank by the cheap parts, and the cheap parts of the %(limit)s-th (the list's floor before text).
_CHEAP_RANK = """row_number() OVER w AS cheap_rank,
            nth_value({c}.cheap, %(limit)s) OVER (w ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
                AS cheap_floor"""
# A pair whose cheap parts plus the whole text weight stay below that floor cannot make the list.
_CAN_REACH = """{c}.cheap_rank <= %(prelimit)s
        AND {c}.cheap + %(w_duties_text)s::float8 >= coalesce({c}.cheap_floor, 0)"""


def top_pairs(source: str, *, other: str, parts: bool = False) -> str:
    """One list owner's best %(limit)s pairs of `source`, best first (ties by `other`): every candidate gets the
    cheap parts, only the %(prelimit)s best by those the text similarity."""
    json = f", {_PARTS_JSON} AS parts" if parts else ""
    ranked = f"SELECT cp.* FROM ({cheap_pairs(source)}) cp ORDER BY cp.cheap DESC, cp.{other} LIMIT %(prelimit)s"
    return f"""
SELECT c.seeker_id, c.vacancy_id, {_SCORE} AS score{json}
FROM ({_with_text(ranked)}) c
ORDER BY score DESC, c.{other} LIMIT %(limit)s"""


def weight_params(weights: dict[str, float]) -> dict[str, float]:
    params = {f"w_{part}": float(weights.get(part, 0)) for part in MatchWeights.PARTS}
    params["w_total"] = sum(params.values()) or 1.0
    defaults = {name: MatchWeights._meta.get_field(f"{name}_rule").default for name in CONDITION_FACTS}
    for name in CONDITION_FACTS:
        params[f"must_{name}"] = weights.get(f"{name}_rule", defaults[name]) == "must"
    # A broken "prefer" condition costs all the weight but the occupation's (and a little more, so that it
    # ranks strictly below a pair with the same occupation fit that meets it); a "must" one ten times the
    # whole weight, more than any number of "prefer" ones.
    params["w_prefer_penalty"] = params["w_total"] - params["w_occupation"] + 0.001 * params["w_total"]
    params["w_must_penalty"] = 10 * params["w_total"]
    params["prelimit"] = PRELIMIT
    params["min_near"] = MIN_NEAR
    return params


# The two directions of a list: `own` is the list's owner, `other` what it ranks.
SIDES = {
    "v": {
        "own": "vacancy_id",
        "other": "seeker_id",
        "own_alias": "v",
        "other_alias": "s",
        "own_profile": "matching_vacancymatchprofile",
        "other_profile": "matching_seekermatchprofile",
        "own_flag": "is_open",
        "other_flag": "is_active",
        "own_list": "matching_vacancymatchlist",
        "other_list": "matching_seekermatchlist",
    },
    "s": {
        "own": "seeker_id",
        "other": "vacancy_id",
        "own_alias": "s",
        "other_alias": "v",
        "own_profile": "matching_seekermatchprofile",
        "other_profile": "matching_vacancymatchprofile",
        "own_flag": "is_active",
        "other_flag": "is_open",
        "own_list": "matching_seekermatchlist",
        "other_list": "matching_vacancymatchlist",
    },
}


def wide_sql(side: dict, owner: str) -> str:
    """True when the owner profile `owner` has fewer than %(min_near)s candidates on its near keys."""
    return f"""((SELECT count(*) FROM (
        SELECT 1 FROM {side["other_profile"]} n WHERE n.{side["other_flag"]} AND n.match_keys && {owner}.near_keys
        LIMIT %(min_near)s) z) < %(min_near)s)"""


def _owners(side: dict) -> str:
    # With the other rows it has an open referral with, read once per owner instead of once per pair.
    # OFFSET 0: computed once per owner, not again inside the candidates' query.
    # In the order of %(ids)s (neighbours next to each other: results.list_ids).
    return f"""SELECT x.{side["own"]} AS owner_id, {wide_sql(side, "x")} AS wide,
        ARRAY(SELECT ref.{side["other"]} FROM matching_referral ref
              WHERE ref.{side["own"]} = x.{side["own"]} AND ref.state = ANY({OPEN_REFERRAL_STATES})) AS referred
    FROM unnest(%(ids)s::bigint[]) WITH ORDINALITY i(id, position)
    JOIN {side["own_profile"]} x ON x.{side["own"]} = i.id
    WHERE x.{side["own_flag"]} ORDER BY i.position OFFSET 0"""


def _candidates(side: dict, *, given: bool) -> str:
    """The other side's rows paired with the owner `o` (its candidates, or the %(only)s rows when `given`),
    without those it has an open referral with."""
    own, other = side["own_alias"], side["other_alias"]
    if given:  # a given set is scored whole: no candidate keys
        keys = f"{other}.{side['other']} = ANY(%(only)s)"
    else:
        keys = f"{other}.match_keys && CASE WHEN o.wide THEN {own}.match_keys ELSE {own}.near_keys END"
    return f"""FROM {side["other_profile"]} {other}
    JOIN {side["own_profile"]} {own} ON {own}.{side["own"]} = o.owner_id
    WHERE {other}.{side["other_flag"]} AND {keys} AND NOT {other}.{side["other"]} = ANY(o.referred)"""


def top_sql(list_kind: str, *, given: bool = False, parts: bool = True) -> str:
    """Per owner in %(ids)s (open vacancies or active seekers): its best %(limit)s pairs, computed live."""
    side = SIDES[list_kind]
    return f"""
SELECT x.* FROM ({_owners(side)}) o
CROSS JOIN LATERAL ({top_pairs(_candidates(side, given=given), other=side["other"], parts=parts)}) x"""


def store_lists_sql(list_kind: str) -> str:
    """Compute and store the lists of the owners in %(ids)s: one statement for a whole batch."""
    side = SIDES[list_kind]
    other = side["other"]
    return f"""
INSERT INTO {side["own_list"]} ({side["own"]}, ranked_ids, scores, wide, computed_at)
SELECT o.owner_id, coalesce(t.ids, '{{}}'), coalesce(t.scores, '{{}}'), o.wide, now()
FROM ({_owners(side)}) o
CROSS JOIN LATERAL (
    SELECT array_agg(x.{other} ORDER BY x.score DESC, x.{other}) AS ids,
        array_agg(x.score ORDER BY x.score DESC, x.{other}) AS scores
    FROM ({top_pairs(_candidates(side, given=False), other=other)}) x
) t
ON CONFLICT ({side["own"]}) DO UPDATE SET ranked_ids = EXCLUDED.ranked_ids, scores = EXCLUDED.scores,
    wide = EXCLUDED.wide, computed_at = EXCLUDED.computed_at"""


def row_pairs_sql(list_kind: str) -> str:
    """Every pair of the owner %(pk)s with an other-side row sharing any candidate key (near or wide): its cheap
    parts, whether it shares a near key, and the other row's list: wide or not, and its %(limit)s-th score
    (its floor; NULL while the list is shorter)."""
    side = SIDES[list_kind]
    own, other = side["own_alias"], side["other_alias"]
    source = f"""FROM {side["other_profile"]} {other}
    JOIN {side["own_profile"]} {own} ON {own}.{side["own"]} = %(pk)s
    WHERE {other}.{side["other_flag"]} AND {other}.match_keys && {own}.match_keys AND {NO_OPEN_REFERRAL}"""
    return f"""
SELECT cp.{side["other"]} AS other_id, cp.cheap, cp.s_trgm, cp.v_trgm, cp.near,
    ol.wide AS other_wide, ol.scores[%(limit)s] AS other_floor
FROM ({cheap_pairs(source, extra=", s.near_keys && v.near_keys AS near")}) cp
LEFT JOIN {side["other_list"]} ol ON ol.{side["other"]} = cp.{side["other"]}"""


# From those pairs (match_pairs), the scores of the pairs that can enter the owner's list (its candidates: near,
# or all when the owner is %(wide)s) or another row's list (their upper bound reaches that list's floor).
_ROW_RANKED = f"""SELECT c1.* FROM (
        SELECT p.*, p.near OR %(wide)s AS own_candidate, p.near OR coalesce(p.other_wide, FALSE) AS other_candidate,
            {_CHEAP_RANK.format(c="p")}
        FROM match_pairs p
        WINDOW w AS (PARTITION BY p.near OR %(wide)s ORDER BY p.cheap DESC, p.other_id)
    ) c1
    WHERE (c1.own_candidate AND {_CAN_REACH.format(c="c1")})
        OR (c1.other_candidate AND (c1.other_floor IS NULL OR {_UPPER.format(c="c1")} >= c1.other_floor))"""
ROW_SCORED_SQL = f"""
SELECT c.other_id, c.own_candidate, c.other_candidate, c.other_floor, {_SCORE} AS score
FROM ({_with_text(_ROW_RANKED)}) c"""


def other_lists_update_sql(list_kind: str) -> str:
    """Put the owner %(pk)s into the other rows' lists where it now belongs (match_scored) and take it out of
    those that hold it (found through the owner's keys %(keys)s, old and new); trimmed to %(limit)s."""
    side = SIDES[list_kind]
    other = side["other"]
    return f"""
UPDATE {side["other_list"]} l SET (ranked_ids, scores) = (
    SELECT coalesce(array_agg(e.id ORDER BY e.sc DESC, e.id), '{{}}'),
        coalesce(array_agg(e.sc ORDER BY e.sc DESC, e.id), '{{}}')
    FROM (
        SELECT u.id, u.sc FROM unnest(l.ranked_ids, l.scores) u(id, sc) WHERE u.id <> %(pk)s
        UNION ALL SELECT %(pk)s, a.score WHERE a.score IS NOT NULL
        ORDER BY sc DESC, id LIMIT %(limit)s
    ) e
), computed_at = now()
FROM (
    SELECT coalesce(q.other_id, h.other_id) AS other_id, q.score
    FROM (
        SELECT other_id, score FROM match_scored
        WHERE other_candidate AND (other_floor IS NULL OR score >= other_floor)
    ) q
    FULL JOIN (
        SELECT hl.{other} AS other_id FROM {side["other_list"]} hl
        JOIN {side["other_profile"]} n ON n.{other} = hl.{other}
        WHERE n.{side["other_flag"]} AND n.match_keys && %(keys)s::varchar[]
            AND hl.ranked_ids @> ARRAY[%(pk)s]::bigint[]
    ) h ON h.other_id = q.other_id
) a
WHERE l.{other} = a.other_id"""


_GIVEN_PAIRS = """FROM unnest(%(seeker_ids)s::bigint[], %(vacancy_ids)s::bigint[]) g(seeker_id, vacancy_id)
    JOIN matching_seekermatchprofile s ON s.seeker_id = g.seeker_id
    JOIN matching_vacancymatchprofile v ON v.vacancy_id = g.vacancy_id"""
# The parts (JSON facts) of given pairs, for the rows a page shows.
EXPLAINED_PAIRS_SQL = f"""
SELECT c.seeker_id, c.vacancy_id, {_PARTS_JSON} AS parts
FROM ({_with_text(cheap_pairs(_GIVEN_PAIRS))}) c"""
