"""The journeys of bench/load/run.py, for locust (headless). One user class per journey, so that each can be
measured alone, and `Mixed` with all of them for the long run. Ids and sessions come from the JSON file in
LOAD_FIXTURES (bench/load/data.py `fixtures()`). Every request is named `<journey>:<step>`."""

import json
import os
import random
from pathlib import Path
from urllib.parse import urlencode

import journey_forms  # beside this file, which locust puts on the path
from locust import FastHttpUser, constant, task

FIXTURES = json.loads(Path(os.environ["LOAD_FIXTURES"]).read_text()) if os.environ.get("LOAD_FIXTURES") else {}
THINK = float(os.environ.get("LOAD_THINK_SECONDS", "0"))


class Base(FastHttpUser):
    abstract = True
    wait_time = constant(THINK)
    session_key = ""

    def headers(self, post: bool = False) -> dict:
        cookies = [f"csrftoken={FIXTURES['csrf']}"]
        if self.session_key:
            cookies.append(f"sessionid={self.session_key}")
        headers = {"Cookie": "; ".join(cookies), "Accept-Language": "ko"}
        if post:
            headers["X-CSRFToken"] = FIXTURES["csrf"]
        return headers

    def get(self, path: str, name: str, **kwargs) -> None:
        with self.client.get(
            path, name=name, headers=self.headers(), catch_response=True, allow_redirects=False, **kwargs
        ) as response:  # a redirect (to the login page, say) is a failure, not a page
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")

    def post(self, path: str, data: dict, name: str, ok: tuple[int, ...] = (302,)) -> str:
        """POST without following the redirect; returns the Location."""
        headers = {**self.headers(post=True), "Content-Type": "application/x-www-form-urlencoded"}
        with self.client.post(
            path, data=urlencode(data), name=name, headers=headers, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code not in ok:
                response.failure(f"status {response.status_code}")
                return ""
            return response.headers.get("Location", "")


# --- Baselines ------------------------------------------------------------------------------------


class BaselineWsgi(Base):
    @task
    def bare(self) -> None:
        self.get("/baseline/wsgi", "baseline:wsgi")


class BaselineJson(Base):
    @task
    def constant(self) -> None:
        self.get("/baseline/json", "baseline:json")


class BaselineQuery(Base):
    @task
    def one_query(self) -> None:
        self.get(f"/baseline/query?pk={random.choice(FIXTURES['public_vacancies'])}", "baseline:query")


# --- Journeys -------------------------------------------------------------------------------------


class BoardSearch(Base):
    """The public board: a keyword search, a filtered search."""

    @task(3)
    def search(self) -> None:
        self.get(f"/employers/jobs/?q={random.choice(FIXTURES['words'])}", "board:search")

    @task(2)
    def filter(self) -> None:
        query = f"occupation={random.choice(FIXTURES['occupations'])}&sort=wage"
        if FIXTURES["regions"] and random.random() < 0.5:
            query += f"&region={random.choice(FIXTURES['regions'])}"
        self.get(f"/employers/jobs/?{query}", "board:filter")


class BoardDetail(Base):
    @task
    def detail(self) -> None:
        self.get(f"/employers/jobs/{random.choice(FIXTURES['public_vacancies'])}/", "board:detail")


class SeekerPage(Base):
    """A counselor opens a seeker's case page."""

    def on_start(self) -> None:
        self.session_key = random.choice(FIXTURES["counselor_sessions"])

    @task
    def case(self) -> None:
        self.get(f"/seekers/{random.choice(FIXTURES['seekers'])}/", "seeker:case")


class Worklist(Base):
    def on_start(self) -> None:
        self.session_key = random.choice(FIXTURES["counselor_sessions"])

    @task
    def worklist(self) -> None:
        self.get("/worklist/", "worklist:page")


class Candidates(Base):
    def on_start(self) -> None:
        self.session_key = random.choice(FIXTURES["counselor_sessions"])

    @task
    def candidates(self) -> None:
        pk = random.choice(FIXTURES["candidate_vacancies"])
        self.get(f"/matching/vacancies/{pk}/candidates/", "candidates:page")


class Referral(Base):
    """A counselor proposes a seeker for a vacancy, sends it, and records the hire."""

    def on_start(self) -> None:
        self.session_key = random.choice(FIXTURES["counselor_sessions"])

    @task
    def referral_to_hire(self) -> None:
        location = self.post(
            "/matching/referrals/new/",
            {
                "seeker": random.choice(FIXTURES["seekers"]),
                "vacancy": random.choice(FIXTURES["vacancies"]),
                "note": journey_forms.NOTE,
            },
            "referral:create",
            ok=(302, 200),  # 200: the form again when this pair already has an open referral (not an error)
        )
        if not location.startswith("/matching/referrals/"):
            return
        self.post(f"{location}transition/", journey_forms.SEND, "referral:send")
        self.post(f"{location}hire/", journey_forms.HIRE, "referral:hire")


class EventBooking(Base):
    """A seeker opens an upcoming job fair and signs up."""

    def on_start(self) -> None:
        self.session_key = random.choice(FIXTURES["seeker_sessions"])

    @task
    def sign_up(self) -> None:
        pk = random.choice(FIXTURES["events"])
        self.get(f"/events/{pk}/", "event:detail")
        self.post(f"/events/{pk}/sign-up/", {}, "event:sign_up")


class Dashboard(Base):
    def on_start(self) -> None:
        self.session_key = FIXTURES["manager_session"]

    @task
    def dashboard(self) -> None:
        self.get("/dashboard/", "dashboard:page")


class Mixed(Base):
    """Everyone at once, in rough proportion to how often each page is opened."""

    def as_counselor(self) -> None:
        self.session_key = random.choice(FIXTURES["counselor_sessions"])

    @task(30)
    def board_search(self) -> None:
        self.session_key = ""
        BoardSearch.search(self) if random.random() < 0.6 else BoardSearch.filter(self)

    @task(25)
    def board_detail(self) -> None:
        self.session_key = ""
        BoardDetail.detail(self)

    @task(12)
    def seeker_page(self) -> None:
        self.as_counselor()
        SeekerPage.case(self)

    @task(8)
    def worklist(self) -> None:
        self.as_counselor()
        Worklist.worklist(self)

    @task(8)
    def candidates(self) -> None:
        self.as_counselor()
        Candidates.candidates(self)

    @task(5)
    def referral(self) -> None:
        self.as_counselor()
        Referral.referral_to_hire(self)

    @task(7)
    def event_booking(self) -> None:
        self.session_key = random.choice(FIXTURES["seeker_sessions"])
        EventBooking.sign_up(self)

    @task(5)
    def dashboard(self) -> None:
        self.session_key = FIXTURES["manager_session"]
        Dashboard.dashboard(self)
