"""The production cache: Django's Redis cache, which a Redis that does not answer cannot break.

Every call goes through ``outage``: a failure is answered as a miss, Redis is then skipped for a
few seconds, and a delete that could not be made is recorded and made once Redis answers again.
Options beside redis-py's (``socket_timeout``...): ``SKIP_AFTER_FAILURE_SECONDS`` and
``CHECK_MISSED_SECONDS``. Only the readiness probe (``check``) and ``clear`` see Redis's errors.

Django builds a new ``redis.Redis`` for every get or set, and each registers its hundred and more
response callbacks again: a tenth of a millisecond a call, several calls a request, on every page
served from the cache. A client is safe to share over its pool, which is what Django already keeps.
"""

import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.db import DatabaseError
from redis.exceptions import RedisError

from . import outage


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


# How many commands of ``get_if_unchanged`` are kept packed; past it the memory starts empty.
COMMANDS_LIMIT = 50_000


def _sent(pool, packed: list[bytes]):
    """The answer to a packed command, on a connection of the pool."""
    connection = pool.get_connection()
    try:
        connection.send_packed_command(packed)
        return connection.read_response()
    except BaseException:
        connection.disconnect()  # an answer left half-read must not reach the next command
        raise
    finally:
        pool.release(connection)


class SocleRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS", {}))
        skip_seconds = options.pop("SKIP_AFTER_FAILURE_SECONDS", 5)
        check_seconds = options.pop("CHECK_MISSED_SECONDS", 5)
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusedClient
        location = ",".join(self._servers)
        self._breaker = outage.breaker_for(location, skip_seconds, check_seconds)
        self._cache_id = outage.cache_id(location)
        self._commands = {}  # get_if_unchanged's commands, packed

    def _guarded(self, call, fallback, forgets=()):
        """``call()``, or ``fallback`` when Redis does not answer; keys in ``forgets`` (made keys) that
        could not be deleted are recorded, to be deleted once it answers."""
        breaker = self._breaker
        if breaker.skipping():
            outage.record_missed(self._cache_id, forgets)
            return fallback
        try:
            if breaker.check_due() and not self._reconcile():
                return fallback
            result = call()
        except RedisError as error:
            breaker.failed(error)
            outage.record_missed(self._cache_id, forgets)
            return fallback
        breaker.answered()
        return result

    def _reconcile(self) -> bool:
        """Whether the cache may be used: what it held before a restart, and what purges missed, is
        deleted from it first."""
        client = self._cache.get_client(write=True)
        outage.forget_if_restarted(client, self.make_key("*"), self.make_key(outage.RESTART_MARKER), self._breaker)
        try:
            outage.replay_missed(self._cache_id, client.delete)
        except DatabaseError:
            if self._breaker.saw_failure:
                return False  # what it missed is unknown: keep rendering afresh
            # The database does not answer either: nothing can have been recorded since the last
            # look, and cached pages are all that can still be served.
            outage.logger.warning("Missed cache invalidations could not be read.", exc_info=True)
        self._breaker.checked()
        return True

    def validate_key(self, key):
        """Nothing to check: Redis takes any key. Django's check warns of keys memcached would refuse,
        for each key of each call: a cost on every page served from the cache, for nothing here."""

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(lambda: RedisCache.add(self, key, value, timeout, version), False)

    def get(self, key, default=None, version=None):
        return self._guarded(lambda: RedisCache.get(self, key, default, version), default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        forgets = [self.make_key(key, version)] if self.get_backend_timeout(timeout) == 0 else ()
        self._guarded(lambda: RedisCache.set(self, key, value, timeout, version), None, forgets)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded(lambda: RedisCache.touch(self, key, timeout, version), False)

    def delete(self, key, version=None):
        forgets = [self.make_key(key, version)]
        return self._guarded(lambda: RedisCache.delete(self, key, version), False, forgets)

    def get_many(self, keys, version=None):
        return self._guarded(lambda: RedisCache.get_many(self, keys, version), {})

    def add_set_and_get(self, adds, sets, reads=(), version=None) -> dict:
        """Adds each key of ``adds`` that is missing (never expiring), sets each key of ``sets`` to its
        ``(value, timeout)``, then reads ``reads``: one round trip (a pipeline of SET NX, SET and an
        MGET), where ``add``, ``set`` and ``get_many`` make one each. Returns the keys read that were found."""

        def call():
            serializer = self._cache._serializer
            pipeline = self._cache.get_client(None, write=True).pipeline(transaction=False)
            for key, value in adds.items():
                pipeline.set(self.make_key(key, version), serializer.dumps(value), nx=True)
            for key, (value, timeout) in sets.items():
                seconds = self.get_backend_timeout(timeout)
                if seconds == 0:  # already expired, as Django's set treats it
                    pipeline.delete(self.make_key(key, version))
                else:
                    pipeline.set(self.make_key(key, version), serializer.dumps(value), ex=seconds)
            made = {self.make_key(key, version): key for key in reads}
            if made:
                pipeline.mget(list(made))
            results = pipeline.execute()
            values = results[-1] if made else []
            return {
                made[made_key]: serializer.loads(value)
                for made_key, value in zip(made, values, strict=True)
                if value is not None
            }

        return self._guarded(call, {})

    def get_if_unchanged(self, key, watched: dict, changed, version=None):
        """The value of ``key`` (None if missing) if each key of ``watched`` holds the value given for
        it, else ``changed``: one MGET, its answer compared as Redis holds it.

        This is how every page is read at the front door, so the command is packed once per page and
        versions (a page is served many times under the same ones) and sent on a connection of the
        pool as it is: redis-py would encode its arguments again on every call, and the versions
        that come back are compared as stored, without being unpickled. (A script checking them in
        Redis sent back less, but cost Redis more CPU: 72 µs a page served, against 52 µs.)"""

        def call():
            client = self._cache.get_client(None)
            condition = (id(client), key, version, *watched.items())
            command = self._commands.get(condition)
            if command is None:
                if len(self._commands) >= COMMANDS_LIMIT:
                    self._commands.clear()
                command = self._commands[condition] = self._packed_read(client, key, watched, version)
            packed, expected = command
            found = _sent(client.connection_pool, packed)
            if found[1:] != expected:
                return changed
            return None if found[0] is None else self._cache._serializer.loads(found[0])

        return self._guarded(call, None)

    def _packed_read(self, client, key, watched: dict, version) -> tuple[list[bytes], list[bytes]]:
        """The MGET of ``key`` and the watched keys, packed, and the watched values as Redis holds them."""
        keys = [self.make_key(key, version), *(self.make_key(name, version) for name in watched)]
        connection = client.connection_pool.get_connection()
        try:
            packed = connection.pack_command("MGET", *keys)
        finally:
            client.connection_pool.release(connection)
        return packed, [self._cache._serializer.dumps(value) for value in watched.values()]

    def has_key(self, key, version=None):
        return self._guarded(lambda: RedisCache.has_key(self, key, version), False)

    def incr(self, key, delta=1, version=None):
        missing = object()
        result = self._guarded(lambda: RedisCache.incr(self, key, delta, version), missing)
        if result is missing:
            raise ValueError(f"Key '{key}' not found: the cache does not answer.")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        forgets = [self.make_key(key, version) for key in data] if self.get_backend_timeout(timeout) == 0 else ()
        return self._guarded(lambda: RedisCache.set_many(self, data, timeout, version), list(data), forgets)

    def delete_many(self, keys, version=None):
        keys = list(keys)
        forgets = [self.make_key(key, version) for key in keys]
        self._guarded(lambda: RedisCache.delete_many(self, keys, version), None, forgets)

    def check(self) -> None:
        """Write, read and delete a key, raising what Redis raises: for the readiness probe, which
        must see a failure that pages are spared."""
        key = f"socle:readyz:{time.monotonic_ns()}"
        super().set(key, "1", 5)
        if super().get(key) != "1":
            raise RuntimeError("the cache did not keep a value")
        super().delete(key)
