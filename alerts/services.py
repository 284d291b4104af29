"""Writes of job alerts, and the alert run that Celery beat starts daily and weekly."""

import datetime
from collections import defaultdict

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from alerts.models import JobAlert
from jobcenter.notifications import notify
from seekers.models import ConsentText, Seeker, holds_consent

UNSUBSCRIBE_SALT = "alerts.unsubscribe"
# A message lists at most this many vacancies in all (the board link shows the rest).
MESSAGE_LIMIT = 10
# Newly published vacancies the scorer ranks for one "jobs like my profile" alert.
PROFILE_CANDIDATES = 300


def alert_create(*, seeker: Seeker, data: dict) -> JobAlert:
    """Save a search as an alert. Refused without the consent to receive job news, or without a contact for the
    channel chosen."""
    if not seeker.has_active_consent(ConsentText.Kind.JOB_NEWS):
        raise ValidationError(
            _("Job alerts need your consent to receive job news. Agree to it first; you can withdraw it at any time."),
            code="no_consent",
        )
    channel = data.get("channel") or JobAlert.Channel.EMAIL
    if channel == JobAlert.Channel.EMAIL and not seeker.email:
        raise ValidationError(_("Your registration has no e-mail address; choose text messages or add one."))
    if channel == JobAlert.Channel.SMS and not seeker.phone:
        raise ValidationError(_("Your registration has no mobile phone number; choose e-mail or add one."))
    fields = {name: data.get(name) for name in ("q", "occupation", "region", "employment_type", "min_wage")}
    fields["q"] = (fields["q"] or "").strip()
    fields["employment_type"] = fields["employment_type"] or ""
    kind = data.get("kind") or JobAlert.Kind.FILTERS
    if kind == JobAlert.Kind.PROFILE:
        fields = {"q": "", "occupation": None, "region": None, "employment_type": "", "min_wage": None}
    try:
        with transaction.atomic():
            return JobAlert.objects.create(
                seeker=seeker,
                kind=kind,
                frequency=data.get("frequency") or JobAlert.Frequency.WEEKLY,
                channel=channel,
                checked_until=timezone.now(),
                **fields,
            )
    except IntegrityError as error:
        if "jobalert_one_active_per_search" in str(error):
            raise ValidationError(_("You already have this job alert."), code="duplicate") from error
        raise


def alert_stop(*, alerts) -> int:
    """Stop alerts (the seeker's button or the signed link); stopping one already stopped changes nothing."""
    return JobAlert.objects.filter(pk__in=[alert.pk for alert in alerts], stopped_at__isnull=True).update(
        stopped_at=timezone.now()
    )


def unsubscribe_token(alert_ids: list[int]) -> str:
    return signing.dumps(sorted(alert_ids), salt=UNSUBSCRIBE_SALT, compress=True)


def alerts_from_token(token: str) -> list[JobAlert]:
    """The alerts a signed unsubscribe link names; [] for a link that was changed or made up."""
    try:
        ids = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return []
    if not isinstance(ids, list) or not all(isinstance(pk, int) for pk in ids):
        return []
    return list(JobAlert.objects.filter(pk__in=ids))


def new_vacancies(alert: JobAlert, *, until: datetime.datetime) -> list:
    """The vacancies published after the alert's last run (up to `until`) that its search finds."""
    from employers import selectors

    if alert.kind == JobAlert.Kind.PROFILE:
        from matching.scoring import rank_vacancies_for_seeker
        from matching.scoring.explain import must_broken

        candidates = list(
            selectors.published_vacancies()
            .filter(published_at__gt=alert.checked_until, published_at__lte=until)
            .order_by("-published_at")
            .values_list("pk", flat=True)[:PROFILE_CANDIDATES]
        )
        if not candidates:
            return []
        ranked = rank_vacancies_for_seeker(alert.seeker, vacancies=candidates, limit=MESSAGE_LIMIT)
        return [match.vacancy for match in ranked if match.vacancy is not None and not must_broken(match.parts)]
    vacancies = selectors.search_published_vacancies(
        q=alert.q,
        occupation=alert.occupation.code if alert.occupation_id else None,
        region=alert.region.code if alert.region_id else None,
        employment_type=alert.employment_type,
        min_wage=alert.min_wage,
    )
    return list(vacancies.filter(published_at__gt=alert.checked_until, published_at__lte=until)[:MESSAGE_LIMIT])


def alerts_run(*, frequency: str, now: datetime.datetime | None = None) -> int:
    """Send each subscriber one message with the new vacancies of all their alerts of `frequency`.

    Only seekers holding the consent to receive job news get one; a seeker who withdrew it gets nothing (and their
    alerts are not moved forward, so nothing is stored about them). Running it again sends only what is new since:
    each alert's `checked_until` moves forward with the message, in one transaction.
    Returns the number of subscribers written to."""
    now = now or timezone.now()
    alerts = (
        JobAlert.objects.filter(frequency=frequency, stopped_at__isnull=True, seeker__anonymised_at__isnull=True)
        .select_related("seeker", "occupation", "region")
        .order_by("seeker_id", "pk")
    )
    by_seeker: dict[int, list[JobAlert]] = defaultdict(list)
    for alert in alerts:
        by_seeker[alert.seeker_id].append(alert)
    consenting = set(
        Seeker.objects.filter(pk__in=list(by_seeker))
        .filter(holds_consent(ConsentText.Kind.JOB_NEWS, OuterRef("pk")))
        .values_list("pk", flat=True)
    )
    sent = 0
    for seeker_id, seeker_alerts in by_seeker.items():
        if seeker_id not in consenting:
            continue
        if _seeker_run(seeker_alerts, frequency=frequency, now=now):
            sent += 1
    return sent


@transaction.atomic
def _seeker_run(alerts: list[JobAlert], *, frequency: str, now: datetime.datetime) -> bool:
    seeker = alerts[0].seeker
    found: dict[int, object] = {}
    for alert in alerts:
        for vacancy in new_vacancies(alert, until=now):
            found.setdefault(vacancy.pk, vacancy)
    JobAlert.objects.filter(pk__in=[alert.pk for alert in alerts]).update(checked_until=now)
    if not found:
        return False
    channels = {alert.channel for alert in alerts}
    vacancies = list(found.values())[:MESSAGE_LIMIT]
    site = settings.SITE_URL.rstrip("/")
    context = {
        "seeker": seeker,
        "vacancies": [(vacancy, site + reverse("employers:job", args=[vacancy.pk])) for vacancy in vacancies],
        "more": max(len(found) - len(vacancies), 0),
        "board_url": site + reverse("employers:board"),
        "unsubscribe_url": site
        + reverse("alerts:unsubscribe", args=[unsubscribe_token([alert.pk for alert in alerts])]),
    }
    # The key is the window the run covered: the same run repeated (a retried task reading the same rows) is
    # written once, a later run with new vacancies is a new message.
    since = min(alert.checked_until for alert in alerts).isoformat()
    notify(
        template="alerts_new_vacancies",
        context=context,
        email=seeker.email if JobAlert.Channel.EMAIL in channels else "",
        phone=seeker.phone if JobAlert.Channel.SMS in channels else "",
        key=f"job-alert:{seeker.pk}:{frequency}:{since}",
    )
    return True
