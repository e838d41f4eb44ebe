"""Fan-out of a principle's new version to every open space, on the production path, and the
visitors' pages while it runs.

The worker is started as deploy/systemd/socle-worker.service starts it (prefork, two processes:
CELERY_WORKER_CONCURRENCY of deploy/env.example) and gunicorn as socle-web.service does (4 workers),
both with the production settings of env.example on this run's PostgreSQL and Redis (the broker on
``BENCH_REDIS_URL``, the page cache on the Redis database 3 below it). Before each publication,
every open space's pages that show every principle (its home and principles page) are stored in
the page cache through gunicorn, and found there (``X-Socle-Cache: hit``): the
delivery's purges have real work to do, and the next pass finds them purged. Each space has a
practice linked to the principle (bench/network.py): each delivery makes a review item, checked.

Figures:

- ``fanout_1000_spaces_s``: a fresh publication to its last delivery (``delivered_at``), ``RUNS``
  runs; goal ≤ 5 s. ``fanout_queries_per_space``: every query of a whole fan-out and its
  deliveries (run in-process), divided by the open spaces.
- ``celery_worker_rss_mb``: the largest process of the worker's group after the fan-outs (the main
  process or a pool child), the group's total printed beside it; goal ≤ 250.
- ``page_p99_during_fanout_ratio``: wrk over the 1,000 hosts' cached /en/visit/ (bench_web's
  "Socle cached" measure) while publications keep coming, p99 over the same measure at rest just
  before, ``RUNS`` pairs; goal ≤ 3. The worker yields to the web as the product starts it.

Logs: bench/fanout-worker.log, bench/fanout-web.log, wrk's in bench/fanout-wrk.log.
"""

import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from pathlib import Path

from bench.network import build_network
from bench.processes import celery, production_env, wait_ready
from bench.run import Figure
from bench.web import content
from bench.web.load import check_pages, fetch, measure
from bench.web.servers import ROOT, gunicorn

RUNS = 3
PORT = 8320
WEB_WORKERS = "4"  # WEB_CONCURRENCY of deploy/env.example
CONNECTIONS = 8  # as bench_web: two requests waiting per gunicorn worker
STORM_SECONDS = 10  # each wrk measure, at rest and during the storm
PRINCIPLE = "transparency"  # the principle every bench space has a practice linked to
WORKER_LOG, WEB_LOG, WRK_LOG = (ROOT / "bench" / f"fanout-{name}.log" for name in ("worker", "web", "wrk"))


def use_broker(url: str | None) -> None:
    """This process's Celery publishes to ``url``; None: tasks run here, synchronously."""
    import kombu.pools

    from sites.celery import app

    app.conf.update(broker_url=url or "", task_always_eager=url is None)
    app._pool = None
    app.amqp._producer_pool = None
    kombu.pools.reset()


def redis_db(url: str, below: int) -> str:
    base, number = url.rsplit("/", 1)
    return f"{base}/{(int(number or 0) - below) % 16}"


def open_spaces() -> list:
    from sites.spaces.models import Space

    return list(Space.objects.exclude(status=Space.Status.CLOSED).select_related("site"))


def principle_pages(spaces) -> list[tuple[str, str]]:
    """(host, path) of each space's home and principles page in its first language: both show every
    principle, so a delivery purges them (the space's other pages are left to bench_web)."""
    from sites.core.models import PrinciplesPage

    pages = []
    for space in spaces:
        home, language = space.site.root_page, space.languages.split(",")[0]
        pages.append((space.site.hostname, f"/{language}/"))
        for page in PrinciplesPage.objects.child_of(home).live():
            pages.append((space.site.hostname, f"/{language}/{page.url_path.removeprefix(home.url_path)}"))
    return pages


def cache_pass(pages: list[tuple[str, str]]) -> dict[str, int]:
    """Ask for every page once; how many answers said hit, miss, or were not a 200."""

    def one(page: tuple[str, str]) -> str:
        status, headers, _body = fetch(PORT, *page)
        return headers.get("X-Socle-Cache", "absent") if status == 200 else f"status {status}"

    with ThreadPoolExecutor(CONNECTIONS) as pool:
        answers = list(pool.map(one, pages))
    return {answer: answers.count(answer) for answer in set(answers)}


def fill_cache(pages: list[tuple[str, str]], purged: bool) -> None:
    """Store every page, then find each one cached; ``purged``: the first pass must find none of them."""
    first = cache_pass(pages)
    if purged and first.get("hit"):
        raise RuntimeError(f"{first['hit']} of {len(pages)} pages were still cached after the fan-out: {first}")
    second = cache_pass(pages)
    if second.get("hit") != len(pages):
        raise RuntimeError(f"not every page was cached after a pass over them: {second}")


def publish_and_wait(principle, spaces: int, within: float = 300) -> tuple[int, float]:
    """Publish a new version; its number and the seconds to its last delivery."""
    from django.db.models import Max
    from django.utils import timezone

    from sites.core.publishing import publish
    from sites.sync.models import Delivery

    started = timezone.now()
    number = publish(principle).number
    deliveries = Delivery.objects.filter(change__payload__version=number, change__payload__principle=principle.pk)
    deadline = time.monotonic() + within
    while deliveries.filter(state=Delivery.State.DELIVERED).count() < spaces:
        if time.monotonic() > deadline:
            raise RuntimeError(f"version {number} not delivered to every space after {within} s; see {WORKER_LOG}")
        time.sleep(0.05)
    last: datetime = deliveries.aggregate(last=Max("delivered_at"))["last"]
    return number, (last - started).total_seconds()


def check_review_items(principle, number: int, spaces: int) -> None:
    from sites.core.models import ReviewItem

    made = ReviewItem.objects.filter(principle=principle, to_version=number).values("space").distinct().count()
    if made != spaces:
        raise RuntimeError(f"version {number}: review items were made in {made} spaces, not {spaces}")


class Storm:
    """Publications one after the other, each as soon as the previous one reached every space."""

    def __init__(self, principle, spaces: int):
        self.principle, self.spaces = principle, spaces
        self.stopping, self.published, self.error = threading.Event(), 0, None
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> "Storm":
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stopping.set()
        self.thread.join()
        if self.error is not None:
            raise self.error

    def _run(self) -> None:
        from django.db import connection

        try:
            while not self.stopping.is_set():
                publish_and_wait(self.principle, self.spaces)
                self.published += 1
        except Exception as error:  # raised by __exit__, in the benchmark's thread
            self.error = error
        finally:
            connection.close()


def p99_ratios(principle, spaces: int, hosts: Path) -> list[float]:
    """Side by side, ``RUNS`` times: wrk on the cached pages at rest, then during a storm of publications."""
    path = f"/{content.LANGUAGE}/{content.SLUG}/"
    check_pages("fan-out cached pages", PORT, path, content.spaces(), content.LANGUAGE)
    ratios = []
    for run in range(RUNS):
        rest = measure("at rest", PORT, path, hosts, False, STORM_SECONDS, CONNECTIONS, WRK_LOG)
        with Storm(principle, spaces) as storm:
            during = measure("during fan-out", PORT, path, hosts, False, STORM_SECONDS, CONNECTIONS, WRK_LOG)
        if rest.errors or during.errors:
            raise RuntimeError(f"wrk saw errors: {rest.errors} at rest, {during.errors} during the fan-out")
        ratios.append(during.p99_ms / rest.p99_ms)
        print(f"  run {run + 1}: p99 {rest.p99_ms:.1f} ms at rest ({rest.rps:.0f} req/s), {during.p99_ms:.1f} ms "
              f"during {storm.published + 1} publications ({during.rps:.0f} req/s)")  # fmt: skip
    return ratios


def count_queries(principle, spaces: int) -> int:
    """Every query of a whole fan-out and its deliveries, run in this process."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sites.core.publishing import publish
    from sites.sync.models import Delivery

    use_broker(None)
    with CaptureQueriesContext(connection) as captured:
        number = publish(principle).number
    if Delivery.objects.filter(change__payload__version=number, state=Delivery.State.DELIVERED).count() != spaces:
        raise RuntimeError("the in-process fan-out did not reach every space")
    return len(captured)


def run(context: dict) -> list[Figure]:
    from sites.core.models import Principle

    build_network()
    principle = Principle.objects.get(slug=PRINCIPLE)
    spaces = open_spaces()
    pages = principle_pages(spaces)
    broker = context["broker_url"]
    with tempfile.TemporaryDirectory(prefix="socle-bench-fanout-") as temp:
        return measure_all(principle, spaces, pages, context["database_url"], broker, Path(temp))


def measure_all(principle, spaces: list, pages: list[tuple[str, str]], database: str, broker: str,
                temp: Path) -> list[Figure]:  # fmt: skip
    import redis

    env = production_env(
        database, broker, redis_db(broker, 3),
        # The network's spaces, and the demo's (paris.localhost...) when a benchmark run before loaded
        # it into this run's database: a publication is delivered to every one of them.
        ALLOWED_HOSTS=".bench.example.org,.localhost", SECURE_SSL_REDIRECT="false",
        SOCLE_TRUSTED_PROXIES="0", STATIC_ROOT=str(temp / "static"), MEDIA_ROOT=str(temp / "media"),
        GUNICORN_BIND=f"127.0.0.1:{PORT}", WEB_CONCURRENCY=WEB_WORKERS,
    )  # fmt: skip
    for url in (env["CELERY_BROKER_URL"], env["CACHE_URL"]):
        redis.Redis.from_url(url).flushdb()
    collect = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
    subprocess.run(collect, cwd=ROOT, env=env, capture_output=True, check=True)  # noqa: S603
    WRK_LOG.write_text("")
    WORKER_LOG.write_text("")
    hosts = temp / "hosts.txt"
    hosts.write_text("".join(f"{space.hostname}\n" for space in content.spaces()))

    worker = celery("worker", env, WORKER_LOG)
    seconds, memory = [], {}
    with gunicorn("fan-out web", env, PORT, spaces[0].site.hostname, "/", WEB_LOG):
        worker.start()
        try:
            wait_ready(worker)
            use_broker(broker)
            publish_and_wait(principle, len(spaces))  # the worker's imports and connections, untimed
            for run in range(RUNS + 1):
                fill_cache(pages, purged=run > 0)
                if run == RUNS:
                    break  # this last pass only checked that the last fan-out purged every page
                number, elapsed = publish_and_wait(principle, len(spaces))
                check_review_items(principle, number, len(spaces))
                seconds.append(elapsed)
                print(f"  run {run + 1}: {len(spaces)} spaces ({len(pages)} pages cached) in {elapsed:.2f} s")
            memory = worker.rss_mb()
            ratios = p99_ratios(principle, len(spaces), hosts)
        finally:
            use_broker(None)
            worker.stop(within=60)
    queries = count_queries(principle, len(spaces))
    largest = max(memory.values())
    print(f"  the worker's processes after the fan-outs: {', '.join(f'{mb:.0f}' for mb in memory.values())} MiB "
          f"(largest {largest:.0f}, total {sum(memory.values()):.0f})")  # fmt: skip
    return [
        Figure.of("fanout_1000_spaces_s", seconds, "s", 5.0),
        Figure("fanout_queries_per_space", round(queries / len(spaces), 3), "queries", None),
        Figure("celery_worker_rss_mb", round(largest, 1), "MiB", 250),
        Figure.of("page_p99_during_fanout_ratio", ratios, "ratio", 3.0),
    ]
