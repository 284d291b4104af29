"""Definitions the event report and the month's statistics share, so that both count the same things."""

# The openings an event brings: each vacancy of its confirmed employers once per event (a vacancy two participations
# list, as when a counselor adds a partner's vacancy to a booth, is not counted twice), attributed to the first of
# those participations. Columns: event_id, vacancy_id, participation_id. The event hire rate divides the hires of an
# event by the sum of these vacancies' openings (seed 002's job fair: 63 ÷ 152 = 41.4%).
EVENT_OPENINGS_SQL = (
    "SELECT pa.event_id, pv.vacancy_id, min(pa.id) AS participation_id"
    " FROM events_participation pa JOIN events_participation_vacancies pv ON pv.participation_id = pa.id"
    " WHERE pa.status = 'confirmed' GROUP BY pa.event_id, pv.vacancy_id"
)

# The openings one participation counts in its event's report (an annotation on events_participation rows).
PARTICIPATION_OPENINGS_SQL = (
    f"SELECT coalesce(sum(v.openings), 0) FROM ({EVENT_OPENINGS_SQL}) eo"
    " JOIN employers_vacancy v ON v.id = eo.vacancy_id WHERE eo.participation_id = events_participation.id"
)
