"""Reads compiled once per process (jobcenter/queries.py): the same rows and models as the ORM's, or the ORM's own."""

import datetime
import itertools

import pytest
from django.db import connection
from django.db.models import Value
from django.test.utils import CaptureQueriesContext

from jobcenter.queries import compiled_get, insert_together, scoped_get
from seekers.models import Seeker
from seekers.selectors import seekers_for_user
from tests.seekers.factories import SeekerFactory

keys = itertools.count()


def fresh_key() -> tuple:
    """A key no other test compiled (the compiled reads live as long as the process)."""
    return ("test", next(keys))


def as_loaded(obj) -> dict:
    values = {name: value for name, value in obj.__dict__.items() if name != "_state"}
    return {**values, "deferred": obj.get_deferred_fields(), "cached": sorted(obj._state.fields_cache)}


def test_a_compiled_read__gives_the_model_the_orm_gives__with_its_related_row_deferred_fields_and_annotations(world):
    other = SeekerFactory(centre=world.centre_x, name="박셋")

    def build(centre_id, pk):
        return (
            Seeker.objects.filter(centre_id=centre_id)
            .select_related("centre")
            .only("name", "centre__name")
            .annotate(marked=Value("표시"))
            .filter(pk=pk)
        )

    key = fresh_key()
    for seeker in (world.seeker_a, other, world.seeker_a):  # the first read compiles, the others reuse it
        read = compiled_get(key, build, world.centre_x.pk, seeker.pk)
        orm = build(world.centre_x.pk, seeker.pk).get()
        assert as_loaded(read) == as_loaded(orm)
        assert as_loaded(read.centre) == as_loaded(orm.centre)
        assert read.marked == "표시"
    with pytest.raises(Seeker.DoesNotExist):
        compiled_get(key, build, world.centre_y.pk, world.seeker_a.pk)  # another centre's filter


def test_a_compiled_read__is_one_query(world, django_assert_num_queries):
    key = fresh_key()

    def build(pk):
        return Seeker.objects.select_related("centre").filter(pk=pk)

    compiled_get(key, build, world.seeker_a.pk)
    with django_assert_num_queries(1):
        assert compiled_get(key, build, world.seeker_b.pk) == world.seeker_b


def prepared_statements() -> list[str]:
    """The statements prepared on this connection (its session)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [statement for (statement,) in cursor.fetchall()]


def test_a_compiled_read__is_prepared_on_the_connection__and_in_the_query_log(world):
    """PostgreSQL plans it once per connection: psycopg prepares nothing on a connection opened as Django opens it
    (jobcenter/settings.py sets the threshold that lets prepared_cursor's statements be prepared). The query log, which
    the query-count tests read, keeps its SQL."""
    key = fresh_key()

    def build(pk):
        return Seeker.objects.select_related("booth").filter(pk=pk)

    for seeker in (world.seeker_a, world.seeker_b):  # prepared by the first read, run by the second
        with CaptureQueriesContext(connection) as captured:
            assert compiled_get(key, build, seeker.pk) == seeker
        assert len(captured) == 1 and '"jobcenter_booth"' in captured[0]["sql"]
    assert any(
        '"seekers_seeker"' in statement and '"jobcenter_booth"' in statement for statement in prepared_statements()
    )


def test_a_read_whose_argument_is_not_a_plain_parameter__is_built_by_the_orm_each_time(world):
    # The argument changed before it reaches the SQL: compiling with two sets of stand-ins shows it; the kept SQL
    # would otherwise read the first stand-in's row.
    key = fresh_key()
    first, second = sorted([world.seeker_a.pk, world.seeker_b.pk])
    if second != first + 1:
        pytest.skip("the two seekers' ids are not consecutive")
    assert compiled_get(key, lambda pk: Seeker.objects.filter(pk=pk + 1), first) == Seeker.objects.get(pk=second)


def test_a_read_of_nothing__and_an_argument_that_is_not_an_id__are_the_orms(world):
    with pytest.raises(Seeker.DoesNotExist):
        compiled_get(fresh_key(), lambda pk: Seeker.objects.none().filter(pk=pk), world.seeker_a.pk)
    key = fresh_key()
    with pytest.raises(Seeker.DoesNotExist):
        compiled_get(key, lambda pk: Seeker.objects.filter(pk=pk), 0)
    with pytest.raises(Seeker.MultipleObjectsReturned):
        compiled_get(fresh_key(), lambda pk: Seeker.objects.filter(pk__gte=pk), 1)


@pytest.mark.parametrize("principal", ["counselor_x", "counselor_y", "manager_x", "admin", "seeker_a", "employer_a"])
def test_a_scoped_read__sees_what_the_selector_lets_each_user_see(world, principal):
    user = world.users[principal]
    key = fresh_key()
    for seeker in (world.seeker_a, world.seeker_b):
        for posted in (seeker.pk, str(seeker.pk)):
            expected = seekers_for_user(user).filter(pk=seeker.pk).first()
            if expected is None:
                with pytest.raises(Seeker.DoesNotExist):
                    scoped_get(key, seekers_for_user, user, lambda seekers: seekers.only("name"), posted)
            else:
                read = scoped_get(key, seekers_for_user, user, lambda seekers: seekers.only("name"), posted)
                assert as_loaded(read) == as_loaded(seekers_for_user(user).only("name").get(pk=seeker.pk))


@pytest.mark.parametrize("posted", ["abc", "-1", "1.5", "١٢", ""])
def test_a_scoped_read_of_what_is_not_an_id__fails_as_the_orms(world, posted):
    user = world.users["counselor_x"]
    key = fresh_key()
    try:
        seekers_for_user(user).get(pk=posted)
    except Exception as error:  # whatever the ORM raises, the compiled read raises
        expected = type(error)
    with pytest.raises(expected):
        scoped_get(key, seekers_for_user, user, lambda seekers: seekers, posted)


def test_rows_inserted_together__are_the_rows_save_writes__with_their_ids_and_their_triggers_changes(world):
    # insert_together writes a parent and its children in one statement; the same rows as save() and bulk_create, and
    # each row's triggers fire as for its own INSERT (the case page's change rows: one per row of the seeker's).
    from matching.models import FollowUp, Placement, Referral, ReferralTransition
    from seekers.models import CaseChange

    counselor = world.users["counselor_x"]
    changes = CaseChange.objects.filter(seeker_id=world.seeker_a.pk).count()
    referral = Referral(
        seeker=world.seeker_a, vacancy=world.vacancy_a, centre=world.centre_x, note="메모", created_by=counselor
    )
    log = ReferralTransition(referral=referral, from_state="", to_state="proposed", note="메모", by=counselor)
    insert_together(referral, "referral", [log])
    assert referral.pk and log.pk and log.referral_id == referral.pk
    assert not referral._state.adding and not log._state.adding
    saved = Referral.objects.get(pk=referral.pk)
    assert (saved.seeker, saved.vacancy, saved.state, saved.note, saved.created_by) == (
        world.seeker_a,
        world.vacancy_a,
        "proposed",
        "메모",
        counselor,
    )
    assert saved.created_at == referral.created_at and saved.state_changed_at == referral.state_changed_at
    assert list(referral.transitions.values_list("from_state", "to_state", "note", "by", "at")) == [
        ("", "proposed", "메모", counselor.pk, log.at)
    ]
    assert CaseChange.objects.filter(seeker_id=world.seeker_a.pk).count() == changes + 2

    placement = Placement(
        seeker=world.seeker_a,
        centre=world.centre_x,
        referral=referral,
        vacancy=world.vacancy_a,
        employer_name="가나다(주)",
        start_date=datetime.date(2030, 1, 2),
        employment_type="full_time",
        wage_type="monthly",
        wage_amount=2_500_000,
        weekly_hours=40,
        recorded_by=counselor,
    )
    follow_ups = [
        FollowUp(placement=placement, months=months, due_date=datetime.date(2030, 1 + months, 2))
        for months in (1, 3, 6)
    ]
    insert_together(placement, "placement", follow_ups, ignore_conflicts=True)
    assert Placement.objects.get(pk=placement.pk).wage_amount == 2_500_000
    assert list(placement.follow_ups.order_by("months").values_list("months", "due_date", "outcome")) == [
        (1, datetime.date(2030, 2, 2), ""), (3, datetime.date(2030, 4, 2), ""), (6, datetime.date(2030, 7, 2), "")
    ]  # fmt: skip
    assert all(follow_up.pk is None and not follow_up._state.adding for follow_up in follow_ups)  # as bulk_create's
    assert CaseChange.objects.filter(seeker_id=world.seeker_a.pk).count() == changes + 2 + 4


def test_rows_inserted_together__refused_by_a_constraint__raise_the_orms_integrity_error_and_write_nothing(world):
    from django.db import IntegrityError, transaction

    from matching.models import Referral, ReferralTransition

    first = Referral(seeker=world.seeker_a, vacancy=world.vacancy_a, centre=world.centre_x)
    insert_together(first, "referral", [ReferralTransition(referral=first, to_state="proposed")])
    second = Referral(seeker=world.seeker_a, vacancy=world.vacancy_a, centre=world.centre_x)
    with pytest.raises(IntegrityError, match="referral_one_open_per_seeker_vacancy"), transaction.atomic():
        insert_together(second, "referral", [ReferralTransition(referral=second, to_state="proposed")])
    assert Referral.objects.count() == ReferralTransition.objects.count() == 1


def test_a_scoped_read_whose_scope_tells_users_apart_by_another_field__is_compiled_for_each_value(world):
    """A scope that reads the user's booth (no selector does today) must not hand one counselor's booth to another
    of the same role and centre."""
    from jobcenter.models import Booth, User

    first = User.objects.get(pk=world.users["counselor_x"].pk)
    other_booth = Booth.objects.create(centre_id=first.centre_id, name="두 번째 창구")
    second = User.objects.create(username="counselor_x2", role=first.role, centre_id=first.centre_id, booth=other_booth)
    first_seeker = SeekerFactory(centre_id=first.centre_id, booth_id=first.booth_id)
    second_seeker = SeekerFactory(centre_id=first.centre_id, booth=other_booth)

    def by_booth(user):
        return Seeker.objects.filter(centre_id=user.centre_id, booth_id=user.booth_id)

    key = fresh_key()
    assert scoped_get(key, by_booth, first, lambda seekers: seekers, first_seeker.pk) == first_seeker
    assert scoped_get(key, by_booth, second, lambda seekers: seekers, second_seeker.pk) == second_seeker
    with pytest.raises(Seeker.DoesNotExist):
        scoped_get(key, by_booth, second, lambda seekers: seekers, first_seeker.pk)
