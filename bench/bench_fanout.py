"""Fan-out of one principle update to 1,000 spaces × their languages, on one real worker.

Figures: ``fanout_1000_spaces_s`` (publish to the last delivery, goal ≤ 5 s on this 2-core machine)
and ``fanout_queries_per_space`` (every query of the fan-out and deliveries, divided by 1,000).
"""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bench.network import SPACES, build_network
from bench.run import Figure

ROOT = Path(__file__).resolve().parents[1]


def start_worker(context: dict, log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sites.settings.test",
        "DATABASE_URL": context["database_url"],
        "CELERY_BROKER_URL": context["broker_url"],
    }
    worker = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "celery", "-A", "sites", "worker", "--pool", "solo", "--without-gossip",
         "--without-mingle", "--loglevel", "WARNING"],
        cwd=ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    return worker


def use_broker(url: str | None) -> None:
    import kombu.pools

    from sites.celery import app

    app.conf.update(broker_url=url or "", task_always_eager=url is None)
    app._pool = None
    app.amqp._producer_pool = None
    kombu.pools.reset()


def delivered(version: int) -> int:
    from sites.sync.models import Delivery

    return Delivery.objects.filter(change__payload__version=version, state="delivered").count()


def run(context: dict) -> list[Figure]:
    import redis
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sites.core.models import Principle
    from sites.core.publishing import publish

    build_network()
    principle = Principle.objects.get(slug="transparency")
    redis.Redis.from_url(context["broker_url"]).flushdb()

    log = ROOT / "bench" / "worker.log"
    worker = start_worker(context, log)
    try:
        use_broker(context["broker_url"])
        # Warm the worker (imports, connections) with one delivery round before timing.
        version = publish(principle)
        deadline = time.monotonic() + 120
        while delivered(version.number) < SPACES and time.monotonic() < deadline:
            time.sleep(0.05)

        started = time.perf_counter()
        version = publish(principle)
        deadline = time.monotonic() + 300
        while delivered(version.number) < SPACES:
            if time.monotonic() > deadline:
                raise RuntimeError(f"fan-out not finished after 300 s; see {log}")
            time.sleep(0.02)
        seconds = time.perf_counter() - started
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        worker.wait(timeout=30)

    use_broker(None)  # in-process, to count every query of a whole fan-out
    with CaptureQueriesContext(connection) as captured:
        version = publish(principle)
    if delivered(version.number) != SPACES:
        raise RuntimeError("the in-process fan-out did not reach every space")
    return [
        Figure("fanout_1000_spaces_s", round(seconds, 3), "s", 5.0),
        Figure("fanout_queries_per_space", round(len(captured) / SPACES, 3), "queries", None),
    ]
