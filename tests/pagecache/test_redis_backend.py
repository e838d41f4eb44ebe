"""The production cache: Django's Redis cache, with one Redis client kept per connection pool."""

import threading

import pytest

from sites.pagecache.redis import SocleRedisCache
from tests.sync.conftest import REDIS_URL, redis_answers


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
