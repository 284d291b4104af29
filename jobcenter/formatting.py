"""How dates, times, ranges, money and particles are written, in one place (../shared/glossary.md).

Korean (the default language) is written the official way: `2027. 1. 5.`, `2027. 1. 5.(화)`, `오전 9:00`,
`오후 2:00~4:00`, `2,800,000원`, `시급 10,320원`, and particles chosen by the last syllable's final consonant.
English gets the same information in its own order. Tables and exports that machines read use `date_iso`.
Pages use the same functions as template filters (`{% load formatting %}`), e-mails, texts, Excel and PDF
call them directly.
"""

import datetime

from django.utils import timezone
from django.utils.translation import get_language

KOREAN_WEEKDAYS = "월화수목금토일"
ENGLISH_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
ENGLISH_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _korean() -> bool:
    return (get_language() or "ko").startswith("ko")


def _local(value: datetime.datetime) -> datetime.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def _as_date(value: datetime.date | datetime.datetime) -> datetime.date:
    return _local(value).date() if isinstance(value, datetime.datetime) else value


def date_text(value: datetime.date | datetime.datetime | None, *, weekday: bool = False) -> str:
    """`2027. 1. 5.` (with the weekday `2027. 1. 5.(화)`); English `5 Jan 2027` (`Tue 5 Jan 2027`)."""
    if value is None:
        return ""
    day = _as_date(value)
    if _korean():
        text = f"{day.year}. {day.month}. {day.day}."
        return f"{text}({KOREAN_WEEKDAYS[day.weekday()]})" if weekday else text
    text = f"{day.day} {ENGLISH_MONTHS[day.month - 1]} {day.year}"
    return f"{ENGLISH_WEEKDAYS[day.weekday()]} {text}" if weekday else text


def date_iso(value: datetime.date | datetime.datetime | None) -> str:
    """`2027-01-05`: the date in tables and exports that machines read, in every language."""
    return _as_date(value).isoformat() if value is not None else ""


def month_text(value: datetime.date | None) -> str:
    """`2027년 1월`; English `Jan 2027`."""
    if value is None:
        return ""
    return f"{value.year}년 {value.month}월" if _korean() else f"{ENGLISH_MONTHS[value.month - 1]} {value.year}"


def _clock(value: datetime.time) -> str:
    hour = value.hour % 12 or 12
    return f"{hour}:{value.minute:02d}"


def _half(value: datetime.time) -> str:
    if _korean():
        return "오전" if value.hour < 12 else "오후"
    return "AM" if value.hour < 12 else "PM"


def _as_time(value: datetime.time | datetime.datetime) -> datetime.time:
    return _local(value).time() if isinstance(value, datetime.datetime) else value


def time_text(value: datetime.time | datetime.datetime | None) -> str:
    """`오전 9:00`, `오후 2:30`; English `9:00 AM`."""
    if value is None:
        return ""
    moment = _as_time(value)
    return f"{_half(moment)} {_clock(moment)}" if _korean() else f"{_clock(moment)} {_half(moment)}"


def datetime_text(value: datetime.datetime | None, *, weekday: bool = False) -> str:
    """`2027. 1. 5.(화) 오후 2:00`: a local date and time in running text."""
    if value is None:
        return ""
    return f"{date_text(value, weekday=weekday)} {time_text(value)}"


def datetime_iso(value: datetime.datetime | None) -> str:
    """`2027-01-05 14:00` (24-hour, local time): dense tables and exports."""
    if value is None:
        return ""
    moment = _local(value)
    return f"{moment:%Y-%m-%d %H:%M}"


def time_range(start, end, *, weekday: bool = False) -> str:
    """`오후 2:00~4:00`, `오전 11:00~오후 1:00`; datetimes on one day start with the date, on two days both do.

    `start` and `end` are times or datetimes; a missing end gives the start alone.
    """
    if start is None:
        return ""
    if end is None:
        return datetime_text(start, weekday=weekday) if isinstance(start, datetime.datetime) else time_text(start)
    prefix = ""
    if isinstance(start, datetime.datetime) and isinstance(end, datetime.datetime):
        if _as_date(start) != _as_date(end):
            return f"{datetime_text(start, weekday=weekday)} ~ {datetime_text(end, weekday=weekday)}"
        prefix = date_text(start, weekday=weekday) + " "
    first, last = _as_time(start), _as_time(end)
    if not _korean():
        return f"{prefix}{time_text(first)}–{time_text(last)}"
    if _half(first) == _half(last):
        return f"{prefix}{time_text(first)}~{_clock(last)}"
    return f"{prefix}{time_text(first)}~{time_text(last)}"


def date_range(start, end, *, weekday: bool = False) -> str:
    """`2027. 1. 5.~1. 9.` within a year, `2026. 12. 28.~2027. 1. 3.` across one; one day gives that day."""
    if start is None:
        return ""
    if end is None or _as_date(start) == _as_date(end):
        return date_text(start, weekday=weekday)
    first, last = _as_date(start), _as_date(end)
    if _korean() and first.year == last.year:
        tail = f"{last.month}. {last.day}."
        if weekday:
            tail += f"({KOREAN_WEEKDAYS[last.weekday()]})"
        return f"{date_text(first, weekday=weekday)}~{tail}"
    separator = "~" if _korean() else " – "
    return f"{date_text(first, weekday=weekday)}{separator}{date_text(last, weekday=weekday)}"


def money(amount: int | float | None, *, wage_type: str | None = None) -> str:
    """`2,800,000원`; with a wage type `시급 10,320원` / `월급 2,156,880원`. English `KRW 2,800,000`."""
    if amount is None:
        return ""
    number = f"{round(amount):,}"
    text = f"{number}원" if _korean() else f"KRW {number}"
    if wage_type:
        from jobcenter.models import WageType

        if wage_type in WageType.values:
            text = f"{WageType(wage_type).label} {text}"
    return text


# The syllable a digit or a Latin letter is read as ends in a consonant (일, 삼, 육, 칠, 팔, 십 / 엘, 엠, 엔, 알).
_DIGIT_FINAL = dict(zip("0123456789", (True, True, False, True, False, False, True, True, True, False), strict=True))
_DIGIT_RIEUL = {"1", "7", "8"}
_LATIN_FINAL = set("lmnrLMNR")
PARTICLES = {
    "이/가": ("이", "가"),
    "을/를": ("을", "를"),
    "은/는": ("은", "는"),
    "과/와": ("과", "와"),
    "이나/나": ("이나", "나"),
    "으로/로": ("으로", "로"),
    "이에요/예요": ("이에요", "예요"),
}


def _final(word: str) -> tuple[bool, bool]:
    """(ends in a final consonant, that consonant is ㄹ) for the last letter that is read, ignoring a
    closing parenthesised part such as the `(주)` of `청라정밀(주)`, which is read as 주."""
    text = word.rstrip(" .,!?'\"")
    for character in reversed(text):
        code = ord(character) - 0xAC00
        if 0 <= code < 11172:
            final = code % 28
            return final != 0, final == 8
        if character.isdigit():
            return _DIGIT_FINAL[character], character in _DIGIT_RIEUL
        if character.isascii() and character.isalpha():
            return character in _LATIN_FINAL, character in "lLrR"
    return False, False


def particle(word: str, pair: str) -> str:
    """`word` followed by the particle of `pair` that its last syllable takes: particle("기업", "이/가") -> 기업이,
    particle("청라정밀(주)", "을/를") -> 청라정밀(주)를, particle("서울", "으로/로") -> 서울로."""
    word = str(word)
    with_final, without_final = PARTICLES[pair]
    has_final, rieul = _final(word)
    if pair == "으로/로":
        return word + (with_final if has_final and not rieul else without_final)
    return word + (with_final if has_final else without_final)


def days_since(value: datetime.date | datetime.datetime | None) -> int:
    """Whole days from `value` to today (local dates), for "답변 대기 10일째" rather than "1주, 3일"."""
    if value is None:
        return 0
    return max((timezone.localdate() - _as_date(value)).days, 0)


def business_number_text(value: str | None) -> str:
    """A business registration number as it is written everywhere, `123-45-67890` (stored as ten digits);
    anything that is not ten digits is shown as it is."""
    digits = "".join(ch for ch in str(value or "") if ch.isdigit())
    if len(digits) != 10:
        return str(value or "")
    return f"{digits[:3]}-{digits[3:5]}-{digits[5:]}"


def download_name(*parts: object, extension: str) -> str:
    """The file name of a download, in the user's language: `월간실적보고_2026-11_인천서구일자리센터.xlsx`.

    Parts are joined with `_`; spaces inside a part are dropped in Korean (as Korean file names are written) and
    become `-` in English; characters no file system accepts are left out. Send it with
    django.utils.http.content_disposition_header (or FileResponse's filename), which encodes it for the browser.
    """
    joiner = "" if _korean() else "-"
    cleaned = []
    for part in parts:
        text = "".join(c for c in str(part) if c not in '\\/:*?"<>|\r\n\t').strip()
        if text:
            cleaned.append(joiner.join(text.split()))
    return "_".join(cleaned) + f".{extension}"
