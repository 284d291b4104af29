"""Interviews at events are referrals too (matching), so that a hire is counted once, in one place.

The referral workflow belongs to the matching app; this adapter is the only place events calls it.
An interview whose referral cannot be made (no consent to share the profile, vacancy not published)
still takes place; it is simply not counted as a referral.
"""

import logging

from django.core.exceptions import ValidationError
from django.utils import timezone

from employers.models import Vacancy
from jobcenter.models import User
from seekers.models import Seeker

logger = logging.getLogger(__name__)


def _matching():
    try:
        from matching import services
        from matching.models import Referral, ReferralSource, ReferralState
    except ImportError:
        return None
    return services, Referral, ReferralSource, ReferralState


def referral_for_interview(
    *, by: User | None, seeker: Seeker, vacancy: Vacancy, starts_at=None, place: str = "", video_link: str = ""
) -> int | None:
    """Create the referral an event interview stands for, sent and with its interview set; None if it cannot be."""
    matching = _matching()
    if matching is None:
        return None
    services, _referral, source, state = matching
    try:
        referral = services.referral_create(by=by, seeker=seeker, vacancy=vacancy, note="", source=source.EVENT)
        if by is not None and by.is_centre_staff:
            # The seeker gets the event's interview invitation, which says everything: not a text per step too.
            services.referral_transition(referral=referral, to_state=state.SENT, by=by, notify_seeker=False)
            if starts_at is not None and (place or video_link):
                services.referral_schedule_interview(
                    referral=referral,
                    by=by,
                    starts_at=starts_at,
                    place=place,
                    video_link=video_link,
                    notify_seeker=False,
                )
    except ValidationError as error:
        logger.info("No referral for the event interview of seeker %s: %s", seeker.pk, error)
        return None
    return referral.pk


def referral_follow_outcome(*, referral_id: int | None, outcome: str, by: User | None, event=None) -> None:
    """Move the referral along with the interview's outcome; a hire is recorded as a placement there."""
    matching = _matching()
    if matching is None or referral_id is None:
        return
    services, referral_model, _source, state = matching
    referral = referral_model.objects.select_related("vacancy").filter(pk=referral_id).first()
    if referral is None or not referral.is_open:
        return
    actor = by
    if outcome == "cancelled":
        if actor is not None and actor.is_centre_staff:
            services.referral_transition(referral=referral, to_state=state.WITHDRAWN, by=actor, reason="other")
        return
    if outcome == "hired":
        vacancy = referral.vacancy
        start = timezone.localdate(event.starts_at) if event is not None else timezone.localdate()
        services.placement_record(
            by=actor,
            referral=referral,
            start_date=start,
            employment_type=vacancy.employment_type,
            wage_type=vacancy.wage_type,
            wage_amount=vacancy.wage_amount,
            weekly_hours=vacancy.weekly_hours or 40,
        )
        return
    target = {"no_show": state.NO_SHOW, "interviewed": state.INTERVIEWED, "passed_first": state.INTERVIEWED}.get(
        outcome
    )
    if target is None or (referral.state, target) not in services.TRANSITIONS:
        return  # e.g. a referral still "sent" (no interview time on it) waits for the final result
    services.referral_transition(referral=referral, to_state=target, by=actor)


def referral_correct(*, referral_id: int | None, by: User, reason: str) -> None:
    """Undo the outcome the referral took from the interview (a hire's placement with it), through matching's
    correction and its rules; nothing to do when the interview has no referral or its referral is still open."""
    matching = _matching()
    if matching is None or referral_id is None:
        return
    services, referral_model, _source, _state = matching
    referral = referral_model.objects.filter(pk=referral_id).first()
    if referral is None or referral.state not in services.CORRECTABLE_OUTCOMES:
        return
    services.referral_correct_outcome(referral=referral, by=by, reason=reason)
