"""The production cache: Django's Redis cache, with one Redis client kept per connection pool, that a
Redis that does not answer cannot break."""

import logging
import threading
import warnings

import pytest
from django.core.cache import caches

from sites.pagecache.models import MissedInvalidation
from sites.pagecache.redis import SocleRedisCache
from tests.sync.conftest import REDIS_URL, redis_answers

pytestmark = pytest.mark.django_db  # every process looks for missed purges in the database


@pytest.fixture
def cache():
    if not redis_answers(REDIS_URL):
        pytest.skip(f"needs Redis at {REDIS_URL}")
    backend = SocleRedisCache(REDIS_URL, {"KEY_PREFIX": "socle-test-backend"})
    yield backend
    backend.delete_many(["a", "b", "counted"])


def test_it_behaves_as_a_django_cache(cache):
    cache.set("a", {"page": "<html>"}, 30)
    assert cache.add("a", "other", 30) is False
    assert cache.get_many(["a", "b"]) == {"a": {"page": "<html>"}}
    cache.set_many({"a": 1, "b": 2}, 30)
    assert cache.get_many(["a", "b"]) == {"a": 1, "b": 2}
    cache.delete("a")
    assert cache.get("a", "gone") == "gone"


def test_it_takes_any_key_without_checking_it_for_memcached_on_every_call(cache, monkeypatch):
    checked = []
    monkeypatch.setattr("django.core.cache.backends.base.memcache_key_warnings", lambda key: checked.append(key) or [])
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # Django warns of keys memcached would refuse: Redis takes them
        cache.set("a key with spaces", 1, 30)
        assert cache.get_many(["a key with spaces", "b"]) == {"a key with spaces": 1}
    cache.delete("a key with spaces")
    assert checked == []


def test_it_reuses_one_client_across_calls_and_threads(cache):
    first = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is first
    seen = []

    def count():
        for _ in range(200):
            cache.incr("counted")
        seen.append(cache._cache.get_client())

    cache.set("counted", 0, 30)
    threads = [threading.Thread(target=count) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert seen == [first] * 4
    assert cache.get("counted") == 800


def test_a_redis_that_does_not_answer_is_a_miss_then_is_left_alone_until_the_retry(
    redis_server, production_cache, monkeypatch
):
    cache = caches["default"]
    cache.set("kept", "value")
    assert cache.get("kept") == "value"  # positive control
    redis_server.kill()

    assert cache.get("kept", "missed") == "missed"
    assert cache.get_many(["kept"]) == {}
    assert cache.add("new", 1) is False
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]  # Django's way to say they were not kept
    with pytest.raises(ValueError):
        cache.incr("kept")

    calls = []
    real_get_client = cache._cache.get_client
    monkeypatch.setattr(cache._cache, "get_client", lambda *a, **k: calls.append(1) or real_get_client(*a, **k))
    for _ in range(50):
        cache.get("kept")
    assert calls == []  # skipped: no call waits on a dead Redis for a few seconds
    production_cache.advance(5)
    cache.get("kept")
    assert calls  # then it is tried again


def test_a_delete_it_could_not_make_is_made_once_it_answers_again(redis_server, production_cache):
    cache = caches["default"]
    cache.set_many({"purged": "old page", "kept": "page"})
    redis_server.pause()  # it keeps its data, and runs no command sent once the breaker is open
    assert cache.get("kept") is None  # timed out: the breaker opens
    cache.delete("purged")
    assert MissedInvalidation.objects.get(replayed_at=None).keys == [cache.make_key("purged")]

    redis_server.resume()
    production_cache.advance(5)
    assert cache.get_many(["purged", "kept"]) == {"kept": "page"}
    assert MissedInvalidation.objects.get().replayed_at is not None


def test_a_redis_restarted_from_an_older_snapshot_brings_back_no_purged_key(redis_server, production_cache):
    import redis

    cache = caches["default"]
    cache.set_many({"purged": "old page", "kept": "page"})
    redis_server.save()
    cache.delete("purged")  # acknowledged, then lost with the crash
    redis_server.kill(save=False)
    redis_server.start()
    assert redis.Redis.from_url(redis_server.url).exists(cache.make_key("purged"))  # the snapshot brought it back

    production_cache.advance(5)  # this process saw no failure: its next look finds the restart
    assert cache.get_many(["purged", "kept"]) == {}
    cache.set("kept", "page")
    production_cache.advance(5)
    assert cache.get("kept") == "page"  # the same run is not emptied twice


def test_the_log_says_when_it_goes_away_once_a_minute_while_away_and_when_it_is_back(
    redis_server, production_cache, caplog
):
    cache = caches["default"]
    cache.set("any", "value")
    redis_server.kill()
    with caplog.at_level(logging.INFO, logger="sites.pagecache.outage"):
        for _ in range(13):  # a minute of requests: a failure every five seconds, the breaker skips between
            cache.get("any")
            production_cache.advance(5)
        redis_server.start()
        cache.get("any")
    messages = [(record.levelname, record.getMessage()) for record in caplog.records]
    assert [level for level, _ in messages] == ["WARNING", "WARNING", "INFO", "INFO"], messages
    assert "does not answer" in messages[0][1] and f":{redis_server.port}/0" in messages[0][1]
    assert "still does not answer after 60 s" in messages[1][1]
    assert "restarted: the 1 keys it reloaded were deleted" in messages[2][1]
    assert "answers again (this process first found it down 65 s ago)" in messages[3][1]
