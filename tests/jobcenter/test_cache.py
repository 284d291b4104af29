"""The Redis cache of production (jobcenter/cache.py), against a real Redis: it stores and forgets like Django's,
and builds one redis-py client per server instead of one per call."""

import os
import uuid

import pytest
import redis

from jobcenter.cache import RedisCache
from tests.celery_worker import redis_answers, redis_test_url


@pytest.fixture
def redis_cache():
    url = redis_test_url()
    if not redis_answers(url):
        message = f"no Redis answers at {url} (set REDIS_TEST_URL, or unset it for our own)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    backend = RedisCache(url, {"KEY_PREFIX": f"test-cache-{uuid.uuid4().hex[:8]}"})
    yield backend
    backend.delete_many(["user", "device", "gone"])


def test_the_cache__stores_reads_and_forgets_values(redis_cache):
    redis_cache.set("user", {"pk": 7, "role": "counselor"}, 60)
    redis_cache.set("gone", 1, 60)
    redis_cache.delete("gone")
    assert redis_cache.get("user") == {"pk": 7, "role": "counselor"}
    assert redis_cache.get("gone") is None
    assert redis_cache.get_many(["user", "gone"]) == {"user": {"pk": 7, "role": "counselor"}}


def test_many_cache_calls__build_one_redis_client(redis_cache, monkeypatch):
    built = []
    original_init = redis.Redis.__init__

    def counting_init(self, *args, **kwargs):
        built.append(self)
        original_init(self, *args, **kwargs)

    monkeypatch.setattr(redis.Redis, "__init__", counting_init)
    for number in range(5):
        redis_cache.set("device", number, 60)
        assert redis_cache.get("device") == number
    assert len(built) == 1
