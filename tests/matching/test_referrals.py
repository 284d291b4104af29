import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from employers.models import Vacancy
from matching import services
from matching.models import Referral, ReferralSource, ReferralState, ReferralTransition
from matching.services import TRANSITIONS
from seekers.models import ConsentText
from tests.employers.factories import VacancyFactory
from tests.matching.factories import ConsentingSeekerFactory, ReferralFactory, give_consent, working_time
from tests.seekers.factories import SeekerFactory

S = ReferralState


def refer(world, **kwargs) -> Referral:
    give_consent(world.seeker_a)
    arguments = {"by": world.users["counselor_x"], "seeker": world.seeker_a, "vacancy": world.vacancy_a}
    return services.referral_create(**{**arguments, **kwargs})


def test_referral__of_a_consenting_seeker__is_proposed_with_a_log_row(world):
    referral = refer(world, note="성실함")
    assert referral.state == S.PROPOSED
    assert referral.centre == world.centre_x
    assert referral.source == ReferralSource.COUNSELOR
    log = list(referral.transitions.values_list("from_state", "to_state", "by__username", "note"))
    assert log == [("", S.PROPOSED, "counselor_x", "성실함")]


def test_referral__without_consent__is_refused(world):
    with pytest.raises(ValidationError, match="not consented to share"):
        services.referral_create(by=world.users["counselor_x"], seeker=world.seeker_a, vacancy=world.vacancy_a)
    assert not Referral.objects.exists()


def test_referral__with_withdrawn_consent__is_refused(world):
    consent = give_consent(world.seeker_a)
    consent.withdrawn_at = consent.given_at
    consent.save()
    with pytest.raises(ValidationError, match="not consented"):
        services.referral_create(by=world.users["counselor_x"], seeker=world.seeker_a, vacancy=world.vacancy_a)


@pytest.mark.parametrize("status", [Vacancy.Status.DRAFT, Vacancy.Status.CLOSED, Vacancy.Status.FILLED])
def test_referral__to_a_vacancy_not_published__is_refused(world, status):
    vacancy = VacancyFactory(company=world.company_a, status=status)
    with pytest.raises(ValidationError, match="not published"):
        refer(world, vacancy=vacancy)
    assert not Referral.objects.exists()


def test_referral__to_a_vacancy_without_free_openings__is_refused(world):
    vacancy = VacancyFactory(company=world.company_a, published=True, openings=2, openings_filled=2)
    with pytest.raises(ValidationError, match="no free openings"):
        refer(world, vacancy=vacancy)


def test_referral__second_open_one_to_the_same_vacancy__is_refused(world):
    refer(world)
    with pytest.raises(ValidationError, match="already has an open referral"):
        refer(world)
    assert Referral.objects.count() == 1


def test_referral__after_the_first_ended__may_be_made_again(world):
    first = refer(world)
    services.referral_transition(referral=first, to_state=S.WITHDRAWN, by=world.users["counselor_x"], reason="other")
    second = refer(world)
    assert second.pk != first.pk


def test_referral__the_database_refuses_a_second_open_one_even_past_the_service(world):
    from django.db import IntegrityError, transaction

    referral = refer(world)
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.create(
            seeker=referral.seeker, vacancy=referral.vacancy, centre=referral.centre, state=S.INTERVIEWED
        )


@pytest.mark.django_db(transaction=True)
def test_referral__concurrent_requests_for_the_same_pair__create_only_one(world):
    give_consent(world.seeker_a)
    barrier = threading.Barrier(4)
    outcomes: list[str] = []

    def attempt() -> None:
        try:
            barrier.wait()
            services.referral_create(by=world.users["counselor_x"], seeker=world.seeker_a, vacancy=world.vacancy_a)
            outcomes.append("created")
        except ValidationError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["created", "duplicate", "duplicate", "duplicate"]
    assert Referral.objects.filter(seeker=world.seeker_a, vacancy=world.vacancy_a).count() == 1


def test_referral__from_an_interest_request__is_marked_as_such_and_handles_the_request(world):
    from employers.models import Interest

    interest = Interest.objects.create(seeker=world.seeker_a, vacancy=world.vacancy_a)
    referral = refer(world, interest=interest)
    assert (referral.source, referral.interest_id) == (ReferralSource.INTEREST, interest.pk)
    interest.refresh_from_db()
    assert interest.handled_at is not None


def test_referral__made_for_an_event__keeps_its_origin(world):
    assert refer(world, source=ReferralSource.EVENT).source == ReferralSource.EVENT


# --- transitions --------------------------------------------------------------------------------

SIMPLE = [
    (from_state, to_state, actors)
    for (from_state, to_state), actors in TRANSITIONS.items()
    if to_state not in services.SPECIAL_TARGETS
]


def _test_id(value) -> str:
    """The same id in every process (pytest-xdist compares its workers' collections): a set's order is not."""
    return "+".join(sorted(value)) if isinstance(value, frozenset | set) else str(value)


@pytest.mark.parametrize(("from_state", "to_state", "actors"), SIMPLE, ids=_test_id)
def test_transition__allowed_in_the_table__moves_and_logs_who_and_why(world, from_state, to_state, actors):
    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, state=from_state)
    user = world.users["counselor_x"] if "staff" in actors else world.users["employer_a"]
    services.referral_transition(referral=referral, to_state=to_state, by=user, reason="hours", note="메모")
    referral.refresh_from_db()
    assert referral.state == to_state
    last = referral.transitions.last()
    assert (last.from_state, last.to_state, last.by, last.note) == (from_state, to_state, user, "메모")
    if to_state in (S.NOT_HIRED, S.DECLINED, S.NO_SHOW, S.WITHDRAWN):
        assert referral.ending_reason == "hours" == last.reason


NOT_ALLOWED = [
    (from_state, to_state)
    for from_state in S.values
    for to_state in S.values
    if (from_state, to_state) not in TRANSITIONS and to_state not in services.SPECIAL_TARGETS
]


@pytest.mark.parametrize(("from_state", "to_state"), NOT_ALLOWED, ids=lambda v: str(v))
def test_transition__not_in_the_table__is_refused(world, from_state, to_state):
    referral = ReferralFactory(
        seeker=world.seeker_a,
        vacancy=world.vacancy_a,
        state=from_state,
        ending_reason="other" if from_state in ("not_hired", "declined", "no_show", "withdrawn") else "",
    )
    with pytest.raises(ValidationError, match="cannot become"):
        services.referral_transition(referral=referral, to_state=to_state, by=world.users["counselor_x"], reason="wage")
    referral.refresh_from_db()
    assert referral.state == from_state
    assert ReferralTransition.objects.filter(referral=referral).count() == 1


@pytest.mark.parametrize(
    ("from_state", "to_state"), [(S.PROPOSED, S.SENT), (S.SENT, S.WITHDRAWN), (S.SENT, S.DECLINED)]
)
def test_transition__reserved_to_the_centre__is_refused_to_the_employer(world, from_state, to_state):
    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, state=from_state)
    with pytest.raises(ValidationError, match="Only the centre"):
        services.referral_transition(referral=referral, to_state=to_state, by=world.users["employer_a"], reason="wage")


@pytest.mark.parametrize("to_state", [S.NOT_HIRED, S.WITHDRAWN])
def test_transition__ending_without_a_hire__needs_a_reason_from_the_list(world, to_state):
    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, sent=True)
    with pytest.raises(ValidationError, match="reason"):
        services.referral_transition(referral=referral, to_state=to_state, by=world.users["counselor_x"])
    with pytest.raises(ValidationError, match="from the list"):
        services.referral_transition(referral=referral, to_state=to_state, by=world.users["counselor_x"], reason="x")
    referral.refresh_from_db()
    assert referral.state == S.SENT


def test_transition__to_hired_or_interview__needs_its_own_form(world):
    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, sent=True)
    for to_state in (S.HIRED, S.INTERVIEW_SCHEDULED):
        with pytest.raises(ValidationError, match="form"):
            services.referral_transition(referral=referral, to_state=to_state, by=world.users["counselor_x"])


def test_sending__after_the_seeker_withdrew_consent__is_refused(world):
    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a)
    world.seeker_a.consents.update(withdrawn_at="2026-01-01T00:00:00Z")
    with pytest.raises(ValidationError, match="withdrawn the consent"):
        services.referral_transition(referral=referral, to_state=S.SENT, by=world.users["counselor_x"])


def test_sending__starts_the_employer_waiting_clock(world):
    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a)
    services.referral_transition(referral=referral, to_state=S.SENT, by=world.users["counselor_x"])
    referral.refresh_from_db()
    assert referral.waiting_since is not None


def test_interview__scheduled_by_the_employer__moves_the_referral_and_stores_time_and_place(world):

    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, sent=True)
    when = working_time(days=3)
    interview = services.referral_schedule_interview(
        referral=referral, by=world.users["employer_a"], starts_at=when, place="본사 3층"
    )
    referral.refresh_from_db()
    assert referral.state == S.INTERVIEW_SCHEDULED
    assert (interview.starts_at, interview.place, interview.accompanied) == (when, "본사 3층", False)


def test_interview__accompanied__names_the_counselor_and_can_be_moved(world):

    from django.utils import timezone

    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, sent=True)
    counselor = world.users["counselor_x"]
    when = working_time(days=3)
    services.referral_schedule_interview(
        referral=referral, by=counselor, starts_at=when, video_link="https://meet.example.kr/a", accompanied=True
    )
    later = working_time(days=(when.date() - timezone.localdate()).days + 1)
    interview = services.referral_schedule_interview(referral=referral, by=counselor, starts_at=later, place="본사")
    assert interview.starts_at == later and interview.accompanied is False
    assert referral.transitions.filter(to_state=S.INTERVIEW_SCHEDULED).count() == 2


def test_interview__without_place_or_link__is_refused(world):
    from django.utils import timezone

    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, sent=True)
    with pytest.raises(ValidationError, match="place"):
        services.referral_schedule_interview(referral=referral, by=world.users["employer_a"], starts_at=timezone.now())


def test_seeker_without_consent_factory_state_exists_for_other_tests(db):
    assert not SeekerFactory().has_active_consent(ConsentText.Kind.SHARING)
    assert ConsentingSeekerFactory().has_active_consent(ConsentText.Kind.SHARING)


def test_a_step_from_a_referral_read_before_another_change__is_refused_and_writes_nothing(world):
    # A view reads the referral once, unlocked (selectors.get_referral_to_move); the step moves it only from the state
    # it read: a change saved in between (another counselor, the employer) wins and this one is refused.
    from matching.selectors import get_referral_to_move

    counselor = world.users["counselor_x"]
    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, sent=True)
    read = get_referral_to_move(counselor, referral.pk)
    services.referral_transition(referral=referral, to_state="withdrawn", by=counselor, reason="other")
    logged = referral.transitions.count()
    with pytest.raises(ValidationError) as refused:
        services.referral_transition(referral=read, to_state="not_hired", by=counselor, reason="wage")
    assert refused.value.code == "changed_meanwhile"
    referral.refresh_from_db()
    assert (referral.state, referral.ending_reason) == ("withdrawn", "other")
    assert referral.transitions.count() == logged


def test_a_referral_read_to_move__is_of_the_users_centre_only(world):
    from django.http import Http404

    from matching.selectors import get_referral_to_move

    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, sent=True)
    assert get_referral_to_move(world.users["counselor_x"], referral.pk, sending=True).seeker_shares is not None
    with pytest.raises(Http404):
        get_referral_to_move(world.users["counselor_y"], referral.pk)


@pytest.mark.parametrize("sending", [False, True])
@pytest.mark.parametrize("principal", ["counselor_x", "counselor_y", "manager_x", "admin", "employer_a", "employer_b"])
def test_a_referral_read_to_move__is_the_orms_read_of_the_users_referrals(world, principal, sending):
    # The read is compiled once per process and role (jobcenter.queries.scoped_get): for each user, the referral
    # the selector lets them see, with the same fields, related rows and deferred fields as the ORM's read.
    from django.http import Http404

    from matching.selectors import get_referral_to_move, referrals_for_user

    user = world.users[principal]
    sent = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, sent=True)
    proposed = ReferralFactory(seeker=world.seeker_b, vacancy=world.vacancy_b)
    for referral in (sent, proposed, sent):
        orm = services.for_change(referrals_for_user(user), sending=sending).filter(pk=referral.pk).first()
        if orm is None:
            with pytest.raises(Http404):
                get_referral_to_move(user, referral.pk, sending=sending)
            continue
        read = get_referral_to_move(user, referral.pk, sending=sending)
        for mine, theirs in ((read, orm), (read.seeker, orm.seeker), (read.vacancy.company, orm.vacancy.company)):
            loaded = {name: value for name, value in mine.__dict__.items() if name not in ("_state", "_read_to_move")}
            assert loaded == {name: value for name, value in theirs.__dict__.items() if name != "_state"}
            assert mine.get_deferred_fields() == theirs.get_deferred_fields()


def test_a_referral_read_for_sending__has_the_seekers_consent_and_the_companys_addresses_as_the_orm_reads_them(world):
    # The two subqueries are compiled once per process (jobcenter.queries.annotation_sql): the same answers as the
    # expressions they come from, for each referral read, whatever was read first.
    from django.db.models import OuterRef
    from django.utils import timezone

    from employers.models import member_emails
    from matching.selectors import get_referral_to_move
    from seekers.models import holds_consent
    from tests.employers.factories import CompanyMemberFactory

    CompanyMemberFactory(company=world.company_a, user__email="first@ganada.example")
    CompanyMemberFactory(company=world.company_a, user__email="second@ganada.example")
    sharing = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a)
    give_consent(world.seeker_a)
    silent = ReferralFactory(seeker=SeekerFactory(centre=world.seeker_a.centre), vacancy=world.vacancy_a)
    silent.seeker.consents.update(withdrawn_at=timezone.now())
    expected = Referral.objects.annotate(
        shares=holds_consent(ConsentText.Kind.SHARING, OuterRef("seeker")),
        emails=member_emails(OuterRef("vacancy__company")),
    )
    for referral in (sharing, silent, sharing):
        read = get_referral_to_move(world.users["counselor_x"], referral.pk, sending=True)
        orm = expected.get(pk=referral.pk)
        assert (read.seeker_shares, read.member_emails) == (orm.shares, orm.emails)
    assert get_referral_to_move(world.users["counselor_x"], sharing.pk, sending=True).seeker_shares is True
    assert get_referral_to_move(world.users["counselor_x"], silent.pk, sending=True).seeker_shares is False
    assert orm.emails[-2:] == ["first@ganada.example", "second@ganada.example"]
