"""The digest of what the candidates page shows below its heading (matching/scoring/selectors.py
`candidates_vacancy`), as a PL/pgSQL function: PostgreSQL plans a function's statements once per connection and
reuses the plans, where the same SQL sent as a subquery of the page's query was planned again on every visit (~1 ms of
the server's CPU, more than running it; issue 26). What it reads of the rows is the subquery it replaces, unchanged;
it also reads the booths of the filter's select (read from the cache before, one round trip more on every visit).

A change to what the rows show (another table, another column of the seeker) is a new migration replacing this
function (CREATE OR REPLACE), with the page's VERSION bumped (matching/scoring/candidates_page.py)."""

from django.db import migrations

FUNCTION = """
CREATE OR REPLACE FUNCTION matching_candidates_version(vacancy bigint, centre bigint, open_states varchar[])
RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
    -- The stored list, the vacancy's profile (pending or not, the facts the parts are explained from), the weights,
    -- and each listed seeker of `centre` (every one when NULL): its row, its booth's name, its profile (active,
    -- facts) and its open referral for this vacancy (a referred seeker leaves the list). Rows as text, hashed.
    RETURN md5(concat_ws('|',
        (SELECT l::text FROM matching_vacancymatchlist l WHERE l.vacancy_id = vacancy),
        (SELECT p::text FROM matching_vacancymatchprofile p WHERE p.vacancy_id = vacancy),
        (SELECT w::text FROM matching_matchweights w WHERE w.name = 'default'),
        (SELECT string_agg(concat_ws(';', s::text, b.name, sp::text, ref.id), ',' ORDER BY s.id)
         FROM matching_vacancymatchlist l
         JOIN seekers_seeker s ON s.id = ANY(l.ranked_ids)
         LEFT JOIN jobcenter_booth b ON b.id = s.booth_id
         LEFT JOIN matching_seekermatchprofile sp ON sp.seeker_id = s.id
         LEFT JOIN matching_referral ref ON ref.seeker_id = s.id AND ref.vacancy_id = l.vacancy_id
             AND ref.state = ANY(open_states)
         WHERE l.vacancy_id = vacancy AND (centre IS NULL OR s.centre_id = centre)),
        -- The filter's booths (seekers.selectors.booths_for_user's: the centre's active booths, every one when
        -- NULL), with their centres (the options say "centre · booth" and are ordered by centre).
        (SELECT string_agg(concat_ws(';', b::text, c::text), ',' ORDER BY b.id)
         FROM jobcenter_booth b JOIN jobcenter_centre c ON c.id = b.centre_id
         WHERE b.is_active AND (centre IS NULL OR b.centre_id = centre))
    ));
END;
$$;
"""


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0011_wage_help_text_without_percent_sign"),
    ]

    operations = [
        migrations.RunSQL(
            FUNCTION, reverse_sql="DROP FUNCTION IF EXISTS matching_candidates_version(bigint, bigint, varchar[])"
        ),
    ]
