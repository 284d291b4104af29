"""The demo accounts people log in with: the one list that `seed_demo` and `dev.py run` print and the README's
"Demo logins" table shows (tests/jobcenter/test_demo.py checks the table against it and that each one logs in).

Plain data, importable before Django is set up (dev.py's supervisor prints it).
"""

from typing import NamedTuple

DEMO_PASSWORD = "jobcenter-demo-2026"


class DemoLogin(NamedTuple):
    role: str
    username: str
    note: str


DEMO_LOGINS = [
    DemoLogin("administrator", "admin", "administration (centres, booths, staff)"),
    DemoLogin("manager", "manager", "인천 서구 일자리센터"),
    DemoLogin("manager", "manager2", "검단 일자리센터"),
    DemoLogin("counselor", "counselor", "인천 서구 일자리센터, 종합상담 1번 창구"),
    DemoLogin("counselor", "counselor2", "인천 서구 일자리센터, 신중년 창구"),
    DemoLogin("counselor", "counselor3", "인천 서구 일자리센터, 청년 창구"),
    DemoLogin("counselor", "counselor4", "검단 일자리센터"),
    DemoLogin("employer", "employer", "청라정밀(주)"),
    DemoLogin("employer", "employer2", "연희베이커리"),
    DemoLogin("seeker", "seeker", "김민준"),
]


def demo_logins() -> list[DemoLogin]:
    return list(DEMO_LOGINS)
