"""The notice templates (issue 27, "Texts"): what each message sent through `notify()` is, which variables an
administrator's own text for it may use, and the restricted rendering of that text.

A message is the file `templates/emails/<template>.txt` unless the administrator wrote an override
(`NoticeTemplateOverride`). An override is not Django template code: it may only hold `{{ variable }}` with a
variable declared here for that template, so nothing typed on a page can reach an object's attributes, run a tag or
read a setting. The values are formatted in code (dates as in every other notice, names whole).
"""

import contextlib
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.template import Context, Variable, VariableDoesNotExist
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobcenter.templatetags import formatting

EMAIL, SMS = "email", "sms"


def _path(path: str, formatter: Callable | None = None) -> Callable[[dict], str]:
    def value(context: dict) -> str:
        try:
            found = Variable(path).resolve(Context(context))
        except VariableDoesNotExist:
            return ""
        if found is None:
            return ""
        return str(formatter(found) if formatter else found)

    value.path, value.formatter = path, formatter
    return value


def _event_time(prefix: str = "event") -> Callable[[dict], str]:
    def value(context: dict) -> str:
        try:
            event = Variable(prefix).resolve(Context(context))
        except VariableDoesNotExist:
            return ""
        return str(formatting.time_range(event.starts_at, event.ends_at))

    return value


def _vacancy_list(context: dict) -> str:
    lines = []
    for vacancy, url in context.get("vacancies", []):
        line = f"- {vacancy.title} · {vacancy.company.name}"
        if vacancy.wage_amount:
            line += f" · {formatting.won(vacancy.wage_amount, vacancy.wage_type)}"
        lines.append(f"{line}\n  {url}")
    return "\n".join(lines)


# What each variable means, and the value the preview shows for it.
VARIABLES = {
    "name": (gettext_lazy("the recipient's name"), "김민수"),
    "company": (gettext_lazy("the company's name"), "(주)서곶물류"),
    "title": (gettext_lazy("the vacancy's or event's title"), "물류센터 입출고 관리원"),
    "when": (gettext_lazy("date and time"), "2026. 12. 8. 오후 2:00"),
    "centre": (gettext_lazy("the centre's name"), "서구 일자리센터"),
    "phone": (gettext_lazy("the centre's phone number"), "032-560-4000"),
    "booth": (gettext_lazy("the booth"), "신중년 창구"),
    "location": (gettext_lazy("where the booth is"), "2층"),
    "reason": (gettext_lazy("why the centre is closed"), "시설 점검"),
    "link": (gettext_lazy("the link to open"), "https://jobs.example.go.kr/..."),
    "days": (gettext_lazy("number of days"), "3"),
    "login": (gettext_lazy("the login"), "kimsd"),
    "role": (gettext_lazy("the role"), "상담사"),
    "counselor": (gettext_lazy("the counselor's name"), "이상담"),
    "comment": (gettext_lazy("the centre's comment"), "근무 시간을 적어 주세요."),
    "code": (gettext_lazy("the code"), "K7P2QX"),
    "page_url": (gettext_lazy("the address of the person's page"), "https://jobs.example.go.kr/..."),
    "venue": (gettext_lazy("the venue"), "서구청 대강당"),
    "video_link": (gettext_lazy("the video link"), "https://meet.example.go.kr/..."),
    "state": (gettext_lazy("the application's state"), "면접 예정"),
    "opinion": (gettext_lazy("the counselor's opinion"), "지원을 추천합니다"),
    "note": (gettext_lazy("the counselor's note"), "자기소개서를 한 번 더 다듬어 보세요."),
    "site": (gettext_lazy("the site's name"), "서구 일자리센터"),
    "count": (gettext_lazy("number of new vacancies"), "2"),
    "vacancy_list": (
        gettext_lazy("the new vacancies, one per line with their address"),
        "- 물류센터 입출고 관리원 · (주)서곶물류\n  https://jobs.example.go.kr/...",
    ),
    "board_url": (gettext_lazy("the job board's address"), "https://jobs.example.go.kr/jobs/"),
    "unsubscribe_url": (gettext_lazy("the address to stop the alerts"), "https://jobs.example.go.kr/..."),
    "place": (gettext_lazy("the interview's place"), "본사 3층 회의실"),
}


@dataclass(frozen=True)
class NoticeTemplate:
    label: object  # when the notice is sent (lazy text)
    channels: tuple[str, ...]
    variables: dict[str, Callable[[dict], str]] = field(default_factory=dict)


SEEKER_BOTH = (EMAIL, SMS)
EMAIL_ONLY = (EMAIL,)
_booking = {
    "name": _path("seeker.name"),
    "when": _path("booking.starts_at", formatting.datetime_text),
    "centre": _path("booth.centre.name"),
    "booth": _path("booth.name"),
    "location": _path("booth.location"),
}
_event = {
    "name": _path("seeker.name"),
    "title": _path("event.title"),
    "when": _event_time(),
    "venue": _path("event.venue"),
    "video_link": _path("event.video_link"),
    "code": _path("registration.code"),
    "page_url": _path("page_url"),
}
_seeker_referral = {
    "name": _path("seeker.name"),
    "company": _path("vacancy.company.name"),
    "title": _path("vacancy.title"),
    "state": _path("referral.get_state_display"),
}
_employer_vacancy = {"company": _path("company.name"), "title": _path("vacancy.title")}

# Every template `notify()` is called with (tests/jobcenter/test_notice_templates.py checks the calls).
NOTICE_TEMPLATES: dict[str, NoticeTemplate] = {
    "administration_closed_day_cancelled": NoticeTemplate(
        gettext_lazy("A visit is cancelled because the centre is closed that day"),
        SEEKER_BOTH,
        {**_booking, "reason": _path("reason"), "phone": _path("booth.centre.phone")},
    ),
    "administration_hours_cancelled": NoticeTemplate(
        gettext_lazy("A visit is cancelled because the booth's opening hours changed"),
        SEEKER_BOTH,
        {**_booking, "phone": _path("booth.centre.phone")},
    ),
    "administration_invitation": NoticeTemplate(
        gettext_lazy("A staff member is invited (link to choose a password)"),
        EMAIL_ONLY,
        {
            "name": _path("user.get_full_name"),
            "login": _path("user.username"),
            "role": _path("user.get_role_display"),
            "link": _path("link"),
            "days": _path("days"),
        },
    ),
    "administration_new_counselor": NoticeTemplate(
        gettext_lazy("A seeker's counselor has changed"),
        SEEKER_BOTH,
        {
            "name": _path("seeker.name"),
            "counselor": _path("counselor.get_full_name"),
            "centre": _path("centre.name"),
            "phone": _path("centre.phone"),
        },
    ),
    "alerts_new_vacancies": NoticeTemplate(
        gettext_lazy("Job alert: new vacancies match a saved search"),
        SEEKER_BOTH,
        {
            "name": _path("seeker.name"),
            "count": lambda context: str(len(context.get("vacancies", []))),
            "vacancy_list": _vacancy_list,
            "board_url": _path("board_url"),
            "unsubscribe_url": _path("unsubscribe_url"),
        },
    ),
    "employers_invitation": NoticeTemplate(
        gettext_lazy("An employer is invited to the portal"),
        EMAIL_ONLY,
        {"company": _path("company.name"), "link": _path("link")},
    ),
    "employers_vacancy_published": NoticeTemplate(
        gettext_lazy("An employer's vacancy is published"),
        EMAIL_ONLY,
        {"company": _path("vacancy.company.name"), "title": _path("vacancy.title")},
    ),
    "employers_vacancy_returned": NoticeTemplate(
        gettext_lazy("An employer's vacancy is sent back for a change"),
        EMAIL_ONLY,
        {"company": _path("vacancy.company.name"), "title": _path("vacancy.title"), "comment": _path("comment")},
    ),
    "events_cancelled": NoticeTemplate(
        gettext_lazy("An event is cancelled"),
        SEEKER_BOTH,
        {"name": _path("registration.seeker.name"), "title": _path("event.title"), "when": _event_time()},
    ),
    "events_confirmation": NoticeTemplate(gettext_lazy("A place at an event is confirmed"), SEEKER_BOTH, _event),
    "events_interview_invitation": NoticeTemplate(
        gettext_lazy("A seeker is invited to an interview at an interview day"),
        SEEKER_BOTH,
        {
            **_event,
            "company": _path("company.name"),
            "when": _path("interview.period.lower", formatting.datetime_text),
        },
    ),
    "events_promoted": NoticeTemplate(
        gettext_lazy("A place at an event became free for someone on the waiting list"), SEEKER_BOTH, _event
    ),
    "events_reminder": NoticeTemplate(gettext_lazy("The day before an event"), SEEKER_BOTH, _event),
    "events_room_accepted": NoticeTemplate(
        gettext_lazy("An employer's interview room request is accepted"),
        EMAIL_ONLY,
        {
            "company": _path("company.name"),
            "when": _event_time("request.event"),
            "venue": _path("request.event.venue"),
            "comment": _path("request.comment"),
            "page_url": _path("page_url"),
        },
    ),
    "events_room_declined": NoticeTemplate(
        gettext_lazy("An employer's interview room request is declined"),
        EMAIL_ONLY,
        {"company": _path("company.name"), "comment": _path("request.comment"), "page_url": _path("page_url")},
    ),
    "events_waitlisted": NoticeTemplate(
        gettext_lazy("A seeker is put on an event's waiting list"), SEEKER_BOTH, _event
    ),
    "jobcenter_test_message": NoticeTemplate(
        gettext_lazy("Test message sent by an operator from the server"), SEEKER_BOTH, {"site": _path("site")}
    ),
    "matching_employer_new_referral": NoticeTemplate(
        gettext_lazy("A candidate is referred to an employer"), EMAIL_ONLY, _employer_vacancy
    ),
    "matching_employer_reminder": NoticeTemplate(
        gettext_lazy("Reminder to an employer who has not answered a referral"),
        EMAIL_ONLY,
        {**_employer_vacancy, "days": _path("days")},
    ),
    "matching_seeker_application_state": NoticeTemplate(
        gettext_lazy("An online application moves to a new state"), SEEKER_BOTH, _seeker_referral
    ),
    "matching_seeker_interview": NoticeTemplate(
        gettext_lazy("An interview is scheduled for a referral"),
        SEEKER_BOTH,
        {
            **_seeker_referral,
            "when": _path("interview.starts_at", formatting.datetime_text),
            "place": _path("interview.place"),
            "video_link": _path("interview.video_link"),
        },
    ),
    "matching_seeker_referred": NoticeTemplate(
        gettext_lazy("A seeker is referred to an employer"), SEEKER_BOTH, _seeker_referral
    ),
    "matching_seeker_result": NoticeTemplate(
        gettext_lazy("The employer gave the result of a referral"), SEEKER_BOTH, _seeker_referral
    ),
    "resumes_employer_new_application": NoticeTemplate(
        gettext_lazy("A seeker applied online (to the employer)"), EMAIL_ONLY, _employer_vacancy
    ),
    "resumes_seeker_application_sent": NoticeTemplate(
        gettext_lazy("A seeker's online application was sent"),
        SEEKER_BOTH,
        {"name": _path("seeker.name"), **_employer_vacancy},
    ),
    "resumes_seeker_comment": NoticeTemplate(
        gettext_lazy("A counselor commented on a résumé"),
        SEEKER_BOTH,
        {"name": _path("seeker.name"), "title": _path("resume.title")},
    ),
    "resumes_seeker_opinion": NoticeTemplate(
        gettext_lazy("A counselor gave an opinion on an online application"),
        SEEKER_BOTH,
        {
            "name": _path("seeker.name"),
            "title": _path("vacancy.title"),
            "opinion": _path("application.get_counselor_opinion_display"),
            "note": _path("application.counselor_note"),
        },
    ),
    "seekers_booking_cancelled": NoticeTemplate(
        gettext_lazy("A visit consultation is cancelled"), SEEKER_BOTH, _booking
    ),
    "seekers_booking_confirmed": NoticeTemplate(gettext_lazy("A visit consultation is booked"), SEEKER_BOTH, _booking),
    "seekers_booking_reminder": NoticeTemplate(
        gettext_lazy("The day before a visit consultation"), SEEKER_BOTH, _booking
    ),
    "seekers_claim_code": NoticeTemplate(
        gettext_lazy("A code to create a seeker's online account"), (SMS,), {"code": _path("code")}
    ),
}


# --- The administrators' overrides, read once per change ----------------------------------------------------------
# Every notice asked the table for its override. The overrides are read whole into the cache every process shares
# (Redis in production: the Celery worker sends most notices, the web process edits the texts), under a version that
# the services saving or deleting an override replace (overrides_changed). A reader that read the table before an
# edit was committed can only store the old texts under the old version, which nobody asks for any more.
OVERRIDES_VERSION_KEY = "notice-overrides:version"
# How long one version's texts are kept. Besides letting replaced versions go, it bounds the one case the version
# cannot cover: an edit saved while the cache's Redis could not be reached is used at the latest this much later.
OVERRIDES_SECONDS = 10 * 60


def overrides() -> dict[str, tuple[str, str]]:
    """The administrators' (subject, text) by template; from the database when the cache cannot answer."""
    from jobcenter.models import NoticeTemplateOverride

    key = found = None
    with contextlib.suppress(Exception):  # the cache's Redis down: notices still go out, with one query more
        version = cache.get(OVERRIDES_VERSION_KEY)
        if version is None:
            cache.add(OVERRIDES_VERSION_KEY, uuid.uuid4().hex, timeout=None)
            version = cache.get(OVERRIDES_VERSION_KEY)
        if version is not None:
            key = f"notice-overrides:{version}"
            found = cache.get(key)
    if found is None:
        found = {
            template: (subject, body)
            for template, subject, body in NoticeTemplateOverride.objects.values_list("template", "subject", "body")
        }
        if key is not None:
            with contextlib.suppress(Exception):
                cache.set(key, found, OVERRIDES_SECONDS)
    return found


def _new_overrides_version() -> None:
    with contextlib.suppress(Exception):  # an unreachable cache must not refuse the edit (see OVERRIDES_SECONDS)
        cache.set(OVERRIDES_VERSION_KEY, uuid.uuid4().hex, timeout=None)


def overrides_changed() -> None:
    """An override was saved or deleted: a new version now (this transaction's next notice reads the table), and
    again when the transaction commits (another process may have read the old texts in between)."""
    _new_overrides_version()
    transaction.on_commit(_new_overrides_version)


# --- The restricted text: {{ variable }} and nothing else ------------------------------------------------------

VARIABLE = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
CODE_MARKS = ("{%", "%}", "{#", "#}", "{{", "}}")


def _mark(name: str) -> str:
    return "{{ " + name + " }}"


def check_text(template: str, text: str) -> None:
    """Refuse a text that uses anything but `{{ variable }}` with a variable this template accepts."""
    rest = VARIABLE.sub("", text)
    if any(mark in rest for mark in CODE_MARKS):
        raise ValidationError(
            _(
                "Write a variable as {{ name }}: only the variables listed below, without filters, tags or other "
                "template code."
            )
        )
    accepted = NOTICE_TEMPLATES[template].variables
    unknown = sorted({name for name in VARIABLE.findall(text) if name not in accepted})
    if unknown:
        raise ValidationError(
            _("This notice has no variable %(unknown)s. It accepts: %(accepted)s.")
            % {
                "unknown": ", ".join(_mark(name) for name in unknown),
                "accepted": ", ".join(_mark(name) for name in accepted),
            }
        )


def render_text(text: str, values: dict[str, str]) -> str:
    return VARIABLE.sub(lambda match: values.get(match.group(1), ""), text)


def values_from(template: str, context: dict) -> dict[str, str]:
    return {name: value(context) for name, value in NOTICE_TEMPLATES[template].variables.items()}


def sample_values(template: str) -> dict[str, str]:
    return {name: VARIABLES[name][1] for name in NOTICE_TEMPLATES[template].variables}


def starting_text(template: str) -> tuple[str, str]:
    """The built-in file's subject and text with `{{ variable }}` where its values go, to start an override from.
    Best effort: a value the file formats (a date, a time range) or loops over cannot be put back and is left out,
    so the administrator adds it from the list of variables."""
    import datetime

    from jobcenter.notifications import render_plain_text

    stand_in = datetime.datetime(1901, 1, 1, 1, 1)  # a moment the file formats; its text is swapped back
    formatted: dict[str, str] = {}
    context: dict = {}
    for name, value in NOTICE_TEMPLATES[template].variables.items():
        path = getattr(value, "path", None)
        if not path:
            continue
        *parents, leaf = path.split(".")
        node = context
        for part in parents:
            node = node.setdefault(part, {})
        if isinstance(node, dict):
            node[leaf] = stand_in if value.formatter else _mark(name)
            if value.formatter:
                formatted[str(value.formatter(stand_in))] = _mark(name)
    try:
        text = render_plain_text(f"emails/{template}.txt", context).strip()
    except Exception:  # a file that cannot take the stand-in values: start from an empty text
        return "", ""
    for shown, variable in formatted.items():
        text = text.replace(shown, variable)
    subject, _, body = text.partition("\n")
    return subject.strip(), body.strip()
