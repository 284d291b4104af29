"""Django's Redis cache, keeping its redis-py clients.

Django's `RedisCacheClient.get_client()` builds a new `redis.Redis` for every cache call, and each one fills a table
of some 170 response callbacks before it sends anything: on the load harness that was a tenth of a millisecond per
call, and a signed-in request makes three (session, user, second-factor device). A redis-py client is safe to share
between threads and keeps its connections in the pool it is given, so one client per server is enough.
"""

from django.core.cache.backends import redis as django_redis


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)  # Django's: one pool per server, made on first use
        if pool not in self._clients:
            self._clients[pool] = self._client(connection_pool=pool)
        return self._clients[pool]


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params) -> None:
        super().__init__(server, params)
        self._class = RedisCacheClient
