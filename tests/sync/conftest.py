"""Real Celery workers on the machine's Redis and PostgreSQL, for the delivery tests that need them."""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("SOCLE_TEST_REDIS_URL", "redis://127.0.0.1:6379/14")


def redis_answers(url: str) -> bool:
    parsed = urllib.parse.urlparse(url)
    try:
        with socket.create_connection((parsed.hostname, parsed.port or 6379), timeout=2) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def wait_for(condition, timeout: float, message: str, interval: float = 0.2):
    """Poll ``condition`` until it is true, failing with ``message`` at the deadline."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    pytest.fail(f"timed out after {timeout}s: {message}")


@pytest.fixture(scope="module")
def real_services(django_db_setup, django_db_blocker):
    """PostgreSQL (the committed test database) and Redis, or a skip that CI turns into a failure."""
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            pytest.skip("real workers need PostgreSQL: set DATABASE_URL")
    if not redis_answers(REDIS_URL):
        pytest.skip(f"real workers need Redis at {REDIS_URL}")
    settings = connection.settings_dict
    database_url = (
        f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )
    return {"database_url": database_url, "broker_url": REDIS_URL}


def flush_broker(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


@contextmanager
def broker(url: str):
    """Make this test process publish tasks to ``url`` instead of running them in-process."""
    from sites.celery import app

    def forget_connections():
        # Celery caches its connection pool and the producer pool built on it, and kombu keeps
        # pools per broker: start afresh so the next task goes to the broker now configured.
        import kombu.pools

        app._pool = None
        app.amqp._producer_pool = None
        kombu.pools.reset()

    saved = {key: app.conf[key] for key in ("broker_url", "task_always_eager")}
    app.conf.update(broker_url=url, task_always_eager=False)
    forget_connections()
    try:
        yield app
    finally:
        forget_connections()
        app.conf.update(**saved)


class Worker:
    """A ``celery worker`` process group, started and killed like an operator would."""

    def __init__(self, services: dict, log: Path, **env):
        self.log = log
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "sites.settings.test",
            "DATABASE_URL": services["database_url"],
            "CELERY_BROKER_URL": services["broker_url"],
            "CELERY_VISIBILITY_TIMEOUT": "5",
            **env,
        }
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "celery", "-A", "sites", "worker", "--pool", "prefork", "--concurrency", "2",
             "--without-gossip", "--without-mingle", "--loglevel", "INFO"],
            cwd=ROOT,
            env=environment,
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        wait_for(lambda: b"ready." in log.read_bytes() or self.process.poll() is not None, 60, "worker start")
        assert self.process.poll() is None, log.read_text()[-3000:]

    def kill(self) -> None:
        """SIGKILL the worker and its pool processes: no cleanup, no acknowledgement."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=10)
        self._wait_for_group_to_end()

    def _wait_for_group_to_end(self) -> None:
        def gone():
            try:
                os.killpg(self.process.pid, 0)
            except ProcessLookupError:
                return True
            return False

        wait_for(gone, 20, "the worker's pool processes to end")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
                self._wait_for_group_to_end()
            except subprocess.TimeoutExpired:
                self.kill()
