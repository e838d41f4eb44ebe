"""Shared fixtures: the demo network loaded once per session, a clean language per test.

The demo network is committed to the test database once; each test runs in a transaction that
is rolled back, so tests see the network as loaded and never each other's changes. No test uses
``transactional_db``: its flush would erase the session's network for every later test.
"""

import os
import shutil

import pytest
from django.utils import timezone, translation

from sites.demo.loader import load_demo_network
from sites.demo.photos import make_renditions


@pytest.fixture(scope="session")
def django_db_setup(django_test_environment, django_db_blocker):
    """The test database with the demo network, for every test that touches the database.

    pytest-django would create the database only for tests marked ``django_db``; the browser
    tests read it from a server thread without that mark, so it is always created here.
    """
    from django.core.management import call_command
    from django.test.utils import setup_databases, teardown_databases

    with django_db_blocker.unblock():
        config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
        call_command("update_translation_fields", verbosity=0)
        load_demo_network(port=80)
        make_renditions()  # once for the session: a test's own renditions would be rolled back with it
    yield
    with django_db_blocker.unblock():
        from django.db import connection

        if connection.vendor == "postgresql":
            # A worker process killed by a test may leave its session closing: end it, or the
            # test database cannot be dropped.
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                    " WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
        teardown_databases(config, verbosity=0)


@pytest.fixture(autouse=True)
def _empty_cache():
    """The cache outlives a test's rolled-back transaction: what a test cached must not reach the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def redis_server(tmp_path):
    """A redis-server of the test's own (the machine's is never stopped), or a skip CI fails on."""
    from tests.redis_server import RedisServer

    binary = shutil.which("redis-server")
    if binary is None:
        pytest.skip("needs redis-server (the Debian package redis-server)")
    server = RedisServer(binary, tmp_path)
    yield server
    server.stop()


@pytest.fixture
def production_cache(redis_server, settings, monkeypatch):
    """The production cache backend, with its production options, on the test's own Redis; the
    breaker's clock is the test's to move (``production_cache.advance(seconds)``)."""
    from sites.pagecache import outage
    from tests.redis_server import FakeClock

    clock = FakeClock()
    monkeypatch.setattr(outage, "clock", clock)
    monkeypatch.setattr(outage, "_breakers", {})  # this test's process saw no failure yet
    settings.CACHES = {
        "default": {
            "BACKEND": "sites.pagecache.redis.SocleRedisCache",
            "LOCATION": redis_server.url,
            "OPTIONS": {
                "socket_connect_timeout": 0.5,
                "socket_timeout": 0.5,
                "SKIP_AFTER_FAILURE_SECONDS": 5,
                "CHECK_MISSED_SECONDS": 5,
            },
        }
    }
    return clock


@pytest.fixture(autouse=True)
def _reset_language_and_zone():
    """The active language and time zone are thread state: never let one test leak into the next."""
    translation.activate("en")
    yield
    translation.deactivate()
    timezone.deactivate()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    # CI (SOCLE_NO_SKIPS=1) has every service and Chromium: a skip there hides a broken setup.
    if os.environ.get("SOCLE_NO_SKIPS") == "1" and report.skipped and call.when in ("setup", "call"):
        report.outcome = "failed"
        report.longrepr = f"skipped in CI, which must run everything: {report.longrepr}"
