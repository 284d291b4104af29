"""The seeker list's name and phone searches read their matches through the name or phone index first (issue 29).

Left to itself, PostgreSQL answered 김서 at a centre of 800,000 seekers by walking the centre's newest-first index
and testing every name on the way until 25 matched: 2.4 s, where a rare name took 20 ms. These tests build a centre
of tens of thousands of seekers whose family names follow their shares in Korea (김 a fifth), gather statistics,
and read the plan PostgreSQL chooses (figures at a million rows: bench/seeker_search.py, docs/scaling.md).
"""

import re

import pytest
from django.core.paginator import Paginator
from django.db import connection

from seekers.models import Seeker
from seekers.selectors import SeekerSearch, seeker_list, seeker_search, seekers_for_user

pytestmark = pytest.mark.django_db

ROWS = 40_000
WALK = re.compile(r"Index (Only )?Scan (Backward )?using seeker_centre_")
# Family names by their share (per mille) and given-name syllables, as bench/seeker_search.py generates them.
SHARES = {
    "김": 215, "이": 147, "박": 84, "최": 47, "정": 43, "강": 23, "조": 21, "윤": 21, "장": 20, "임": 17,
    "한": 15, "오": 15, "서": 15, "신": 14, "권": 14, "황": 14, "안": 14, "송": 13, "전": 11, "홍": 11,
}  # fmt: skip
FAMILIES = "".join(name * share for name, share in SHARES.items())
GIVEN = "민서준지우현수연하은도윤예원진영태호성아유재"


@pytest.fixture
def crowded_centre(world):
    """ROWS seekers in centre X (a centre holding nearly all rows), with statistics gathered as autovacuum would."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO seekers_seeker (centre_id, booth_id, name, birth_date, phone, email, address_detail,
                education_level, major, desired_wage_type, employment_types, target_groups, shifts, status,
                external_ref, source, registered_at, last_activity_at, claim_code_hash)
            SELECT %(centre)s, %(booth)s,
                substr(%(families)s, 1 + floor(random() * %(n_families)s)::int, 1)
                    || substr(%(given)s, 1 + floor(random() * 22)::int, 1)
                    || substr(%(given)s, 1 + floor(random() * 22)::int, 1),
                date '1950-01-01' + floor(random() * 20000)::int,
                '010-' || lpad(floor(random() * 10000)::int::text, 4, '0')
                    || '-' || lpad(floor(random() * 10000)::int::text, 4, '0'),
                '', '', 'high', '', 'monthly', '{}', '{}', '{}',
                (ARRAY['active', 'active', 'placed', 'closed'])[1 + n %% 4],
                'plan-' || n, 'import', now() - (random() * 1000) * interval '1 day', now(), ''
            FROM generate_series(1, %(rows)s) AS n
            """,
            {
                "centre": world.centre_x.pk,
                "booth": world.seeker_a.booth_id,
                "families": FAMILIES,
                "n_families": len(FAMILIES),
                "given": GIVEN,
                "rows": ROWS,
            },
        )
        cursor.execute("ANALYZE seekers_seeker")  # inside the test's transaction: rolled back with it
    return world


def page_plan(world, **search) -> str:
    queryset = seeker_list(seeker_search(seekers_for_user(world.users["counselor_x"]), SeekerSearch(**search)))
    return queryset[:25].explain()


@pytest.mark.parametrize(
    ("search", "index"),
    [
        ({"name": "김서"}, "seeker_name_bigrams"),
        ({"name": "이현"}, "seeker_name_bigrams"),
        ({"name": "김서", "status": "active"}, "seeker_name_bigrams"),
        ({"name": "김서", "target_group": "youth"}, "seeker_name_bigrams"),
        # Hardly anyone here has a desired occupation: PostgreSQL rightly starts from those few, and must not walk.
        ({"name": "김서", "occupation": "8"}, ""),
        ({"name": "김민준"}, "seeker_name_trgm"),
        ({"phone_tail": "1234"}, "seeker_phone_tail"),
    ],
    ids=["common-pair", "second-surname", "with-status", "with-target-group", "with-occupation", "three-syllables",
         "phone-tail"],
)  # fmt: skip
def test_search__common_name_or_phone__reads_its_index_not_the_centres_newest_first_list(crowded_centre, search, index):
    plan = page_plan(crowded_centre, **search)

    assert index in plan, plan
    # Not read in order from the centre's newest-first indexes (seeker_centre_newest, seeker_centre_status).
    assert not WALK.search(plan), plan


def test_search__common_name_at_scale__first_page_is_the_newest_matches_and_the_count_is_right(crowded_centre):
    counselor = crowded_centre.users["counselor_x"]
    paginator = Paginator(seeker_list(seeker_search(seekers_for_user(counselor), SeekerSearch(name="김서"))), 25)

    expected = list(
        Seeker.objects.filter(centre=crowded_centre.centre_x, name__contains="김서")
        .order_by("-registered_at", "-pk")
        .values_list("pk", flat=True)
    )
    assert len(expected) > 200  # a common name: about one seeker in a hundred (~390)
    assert paginator.count == len(expected)
    assert [seeker.pk for seeker in paginator.get_page(1).object_list] == expected[:25]
