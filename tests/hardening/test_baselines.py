"""The load harness's baselines answer only under the load-test settings: in production /baseline/query is no
anonymous way into the database (issue 25)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

BASELINES = [("baseline_json", ""), ("baseline_query", "?pk=1")]


@pytest.mark.parametrize("name,query", BASELINES)
def test_baselines__outside_the_load_test_settings__are_not_found(name, query, client, settings):
    settings.PRODUCTION = True
    assert client.get(reverse(name) + query).status_code == 404


@pytest.mark.parametrize("name,query", BASELINES)
def test_baselines__under_the_load_test_settings__answer(name, query, client, settings):
    settings.LOAD_TEST_BASELINES = True
    response = client.get(reverse(name) + query)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"


def test_the_load_test_settings__turn_the_baselines_on(monkeypatch):
    import importlib
    import sys
    from pathlib import Path

    monkeypatch.syspath_prepend(str(Path(__file__).resolve().parents[2] / "bench" / "load"))
    sys.modules.pop("load_settings", None)
    assert importlib.import_module("load_settings").LOAD_TEST_BASELINES is True
