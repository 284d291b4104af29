"""Every response carries the security headers: a page of every app, for the principal who may open it."""

import pytest
from django.urls import reverse

PAGES = [
    ("anonymous", "login"),
    ("anonymous", "employers:board"),
    ("anonymous", "employers:api_vacancies"),
    ("seeker_a", "seekers:home"),
    ("employer_a", "employers:portal"),
    ("counselor_x", "worklist"),
    ("counselor_x", "seekers:list"),
    ("counselor_x", "outreach:index"),
    ("counselor_x", "events:manage_list"),
    ("manager_x", "dashboard"),
    ("manager_x", "security:access_review"),
    ("admin", "administration"),
    ("counselor_x", "matching:calendar"),
]


@pytest.mark.parametrize(("principal", "name"), PAGES, ids=[name for _p, name in PAGES])
def test_every_app_page__carries_csp_without_inline_script_frame_denial_and_referrer_policy(world, principal, name):
    response = world.client_for(principal).get(reverse(name))
    assert response.status_code == 200, name
    policy = dict(d.strip().split(" ", 1) for d in response["Content-Security-Policy"].split(";") if d.strip())
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    assert policy["frame-ancestors"] == "'none'"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    if "text/html" in response["Content-Type"]:
        page = response.content.decode()
        assert "<script>" not in page and ' style="' not in page, name
