"""Django's Redis cache, keeping one Redis client per connection pool instead of making one per call.

Django builds a new ``redis.Redis`` for every get or set, and each registers its hundred and more
response callbacks again: a tenth of a millisecond a call, several calls a request, on every page
served from the cache. A client is safe to share over its pool, which is what Django already keeps.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class SocleRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClient
