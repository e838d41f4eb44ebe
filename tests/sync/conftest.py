"""Real Celery workers on the machine's Redis and PostgreSQL, for the delivery tests that need them."""

import os
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BROKERS = {
    "redis": os.environ.get("SOCLE_TEST_REDIS_URL", "redis://127.0.0.1:6379/14"),
    "amqp": os.environ.get("SOCLE_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/socle_test"),
}
REDIS_URL = BROKERS["redis"]
QUEUES = ("celery", "deliveries")


def redis_answers(url: str) -> bool:
    return url.startswith("redis") and broker_answers(url)


def broker_answers(url: str) -> bool:
    from kombu import Connection

    try:
        with Connection(url, connect_timeout=2) as connection:
            connection.ensure_connection(max_retries=1)
        return True
    except Exception:
        return False


def wait_for(condition, timeout: float, message: str, interval: float = 0.2, log: Path | None = None,
             before_failing=None):  # fmt: skip
    """Poll ``condition`` until it is true, failing with ``message`` (and the end of ``log``) at the deadline.

    ``before_failing()`` runs first then, e.g. to have a process write what it is doing to ``log``.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(interval)
    if before_failing is not None:
        before_failing()
    tail = f"\n--- end of {log.name} ---\n{log.read_text(errors='replace')[-6000:]}" if log else ""
    pytest.fail(f"timed out after {timeout}s: {message}{tail}")


@pytest.fixture(scope="module")
def real_database(django_db_setup, django_db_blocker) -> str:
    """The committed test database's URL, for processes of their own; PostgreSQL or a skip (a failure in CI)."""
    return committed_database_url(django_db_blocker)


def committed_database_url(django_db_blocker) -> str:
    from django.db import connection

    with django_db_blocker.unblock():
        if connection.vendor != "postgresql":
            pytest.skip("real workers need PostgreSQL: set DATABASE_URL")
    settings = connection.settings_dict
    return (
        f"postgres://{settings['USER']}:{settings['PASSWORD'] or ''}@{settings['HOST'] or '127.0.0.1'}:"
        f"{settings['PORT'] or 5432}/{settings['NAME']}"
    )


@pytest.fixture(scope="module")
def real_services(django_db_setup, django_db_blocker) -> dict:
    """PostgreSQL and Redis for tests that need a real worker on one broker, or a skip (a failure in CI)."""
    database_url = committed_database_url(django_db_blocker)
    if not redis_answers(REDIS_URL):
        pytest.skip(f"real workers need Redis at {REDIS_URL}")
    return {"database_url": database_url, "broker_url": REDIS_URL}


@pytest.fixture(params=sorted(BROKERS))
def broker_url(request) -> str:
    """Each real-worker test runs on Redis and on RabbitMQ, emptied before and after."""
    url = BROKERS[request.param]
    if not broker_answers(url):
        pytest.skip(f"real workers need {request.param} at {url}")
    flush_broker(url)
    yield url
    flush_broker(url)


@pytest.fixture
def proxy(broker_url):
    """A proxy in front of the broker, to kill, restart or hang it (``broker_proxy``)."""
    from kombu.utils.url import url_to_parts

    from .broker_proxy import BrokerProxy

    parts = url_to_parts(broker_url)
    proxy = BrokerProxy(parts.hostname or "127.0.0.1", parts.port or (6379 if parts.transport == "redis" else 5672))
    proxy.through = proxy.url(broker_url)
    yield proxy
    proxy.kill()


def flush_broker(url: str) -> None:
    """Lose every message waiting in the broker, as a restart without persistence or a FLUSHALL would."""
    if url.startswith("redis"):
        import redis

        redis.Redis.from_url(url).flushdb()
        return
    from kombu import Connection

    with Connection(url, connect_timeout=2) as connection:
        for queue in QUEUES:
            channel = connection.channel()
            try:
                channel.queue_purge(queue)
            except connection.channel_errors:
                pass  # never declared
            finally:
                channel.close()


@contextmanager
def broker(url: str):
    """Make this test process publish tasks to ``url`` instead of running them in-process."""
    from sites.celery import app
    from sites.settings.base import SOCLE_BROKER_TIMEOUT
    from sites.settings.broker import broker_transport_options

    def forget_connections():
        # Celery caches its connection pool and the producer pool built on it, and kombu keeps
        # pools per broker: start afresh so the next task goes to the broker now configured.
        import kombu.pools

        app._pool = None
        app.amqp._producer_pool = None
        kombu.pools.reset()

    keys = ("broker_url", "task_always_eager", "broker_transport_options")
    saved = {key: app.conf[key] for key in keys}
    app.conf.update(
        broker_url=url,
        task_always_eager=False,
        broker_transport_options=broker_transport_options(url, visibility_timeout=3600, timeout=SOCLE_BROKER_TIMEOUT),
    )
    forget_connections()
    try:
        yield app
    finally:
        forget_connections()
        app.conf.update(**saved)


def celery_environment(database_url: str, broker_url: str, **env) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sites.settings.test",
        "DATABASE_URL": database_url,
        "CELERY_BROKER_URL": broker_url,
        **env,
    }


class Worker:
    """A ``celery worker`` process group, started and killed like an operator would."""

    def __init__(self, database_url: str, broker_url: str, log: Path, **env):
        self.log = log
        environment = celery_environment(database_url, broker_url, **env)
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

    def dump_stacks(self) -> None:
        """Have the worker's main process write every thread's stack to its log (Celery's SIGUSR1 handler)."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGUSR1)
            time.sleep(1)

    def kill(self) -> None:
        """SIGKILL the worker and its pool processes: no cleanup, no acknowledgement."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            return  # killed already
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


class Beat(Worker):
    """A ``celery beat`` process on the database scheduler, with the schedule its environment gives."""

    def __init__(self, database_url: str, broker_url: str, log: Path, **env):
        self.log = log
        self.process = subprocess.Popen(  # noqa: S603
            [sys.executable, "-m", "celery", "-A", "sites", "beat", "--loglevel", "INFO"],
            cwd=ROOT,
            env=celery_environment(database_url, broker_url, **env),
            stdout=log.open("ab"),
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(lambda: b"beat: Starting" in log.read_bytes() or self.process.poll() is not None, 60, "beat start")
        assert self.process.poll() is None, log.read_text()[-3000:]


def stop_beat_and_worker(beat: Beat, worker: Worker, django_db_blocker) -> None:
    """Stops both, then forgets the schedule beat wrote into its tables (the next beat writes its own)."""
    beat.kill()
    worker.kill()
    with django_db_blocker.unblock():
        from django_celery_beat.models import IntervalSchedule, PeriodicTask

        PeriodicTask.objects.all().delete()
        IntervalSchedule.objects.all().delete()


SPACES = 100
# The beat hands again what was lost every 2 s, what was handed more than 4 s ago.
FAST_REPAIR = {"SOCLE_SYNC_REDISPATCH_EVERY": "2", "SOCLE_SYNC_LOST_AFTER": "4"}


@pytest.fixture
def network(real_database, django_db_blocker):
    """100 extra spaces and a principle of their own, committed; all removed afterwards."""
    from wagtail.models import Page, Site

    from sites.core.models import PracticePage, Principle
    from sites.spaces.models import Space
    from sites.sync.models import Change
    from tests.helpers import add_bare_spaces, remove_committed_principle

    with django_db_blocker.unblock():
        add_bare_spaces(SPACES, prefix="worker")
        principle = Principle.objects.create(slug="worker-test", statement_fr="Tester pour de vrai", version=0)
        # Paris's colunch embodies it (written to the table: the page's own relation saves with the page).
        link = PracticePage.principles.through.objects.create(
            practicepage=PracticePage.objects.get(slug="colunch"), principle=principle
        )
        changes_before = set(Change.objects.values_list("pk", flat=True))
        yield principle
        link.delete()
        remove_committed_principle(principle, changes_before)
        Space.objects.filter(slug__startswith="worker-").delete()
        Site.objects.filter(hostname__startswith="worker-").delete()
        Page.objects.filter(slug="worker-home").delete()


@pytest.fixture
def repairing(real_database, proxy, django_db_blocker, tmp_path):
    """A worker (one space per batch: a fan-out long enough to interrupt) and a beat re-dispatching
    every 2 s, both on the broker through the proxy. Nothing else repairs anything."""
    worker = Worker(real_database, proxy.through, tmp_path / "worker.log", SOCLE_SYNC_BATCH_SIZE="1", **FAST_REPAIR)
    beat = Beat(real_database, proxy.through, tmp_path / "beat.log", **FAST_REPAIR)
    yield worker
    stop_beat_and_worker(beat, worker, django_db_blocker)


def every_space_has(principle, version: int) -> bool:
    from sites.core.models import Adoption
    from sites.spaces.models import Space
    from sites.sync.models import Delivery

    delivered = Delivery.objects.filter(change__payload__principle=principle.pk, change__payload__version=version)
    return (
        delivered.filter(state=Delivery.State.DELIVERED).count() == Space.objects.count()
        and Adoption.objects.filter(principle=principle, latest_version=version).count() == Space.objects.count()
    )


def assert_delivered_exactly_once(principle, version: int) -> None:
    from sites.core.models import Adoption, Notification, ReviewItem
    from sites.spaces.models import Space

    total = Space.objects.count()
    assert Adoption.objects.filter(principle=principle).count() == total
    assert Adoption.objects.filter(principle=principle, latest_version=version).count() == total
    assert Notification.objects.filter(principle=principle, version=version).count() == total
    assert ReviewItem.objects.filter(principle=principle, to_version=version).count() == 1  # Paris's colunch
