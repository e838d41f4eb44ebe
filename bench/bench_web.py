"""Visitors' pages over HTTP on loopback: gunicorn with the production settings on PostgreSQL and
Redis, wrk sending each request to the next of 1,000 spaces (its Host header) for 30 s a measure.

Three measures, one after the other, each on a server of its own (one up at a time) with the same
gunicorn configuration (deploy/gunicorn.conf.py, ``WORKERS`` workers) and the same load:

- Socle cached: a space's plain page (/en/visit/) from the page cache, after a pass over every
  space has stored it;
- Socle uncached: the same pages with a query string that changes on every request, which the page
  cache never serves nor stores: each is rendered afresh (what a visitor arriving with
  ``?utm_source=…`` gets);
- Wagtail: the same content on a stock Wagtail project (bench/bare_wagtail), its own database, the
  same hostnames and query strings.

Figures: ``page_uncached_vs_wagtail_ratio`` (Wagtail's req/s over Socle's uncached, goal ≤ 1.2),
``page_cached_rps`` (goal ≥ 1,500), ``web_errors`` (any answer but a 200, socket errors and
timeouts over the three measures, goal 0), and each measure's req/s, p50 and p99.

The page caches live in the two Redis databases below the broker's (12 and 11 beside ``make bench``'s
13), flushed first. Each server's output goes to bench/web-<measure>.log, wrk's to bench/web-wrk.log.
"""

import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.network import build_network
from bench.run import Figure, prepare_database
from bench.web import content
from bench.web.load import Measure, check_pages, fetch, measure, wrk
from bench.web.servers import ROOT, clean_env, gunicorn

SECONDS = 30
# Sync workers, two per core of this 2-core machine (as deploy/env.example shows), where wrk, PostgreSQL
# and Redis run too; the same for both servers.
WORKERS = 4
# Two requests waiting per worker: the workers never idle, and queueing stays short.
CONNECTIONS = 2 * WORKERS
SOCLE_PORT, WAGTAIL_PORT = 8301, 8302
SOCLE_PATH = f"/{content.LANGUAGE}/{content.SLUG}/"
WAGTAIL_PATH = f"/{content.SLUG}/"
ALLOWED_HOSTS = ".bench.example.org"
SECRET_KEY = secrets.token_urlsafe(50)  # a new one each run: no session outlives the bench
WRK_LOG = ROOT / "bench" / "web-wrk.log"


def redis_db(url: str, below: int) -> str:
    """The Redis database ``below`` numbers under the one of ``url``."""
    parts = urlsplit(url)
    number = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{(number - below) % 16}"))


def flush(url: str) -> None:
    import redis

    redis.Redis.from_url(url).flushdb()


def run_step(name: str, command: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise RuntimeError(f"{name} failed ({done.returncode}):\n{(done.stdout + done.stderr)[-3000:]}")


def server_env(**variables: str) -> dict[str, str]:
    return clean_env(
        SECRET_KEY=SECRET_KEY, ALLOWED_HOSTS=ALLOWED_HOSTS, LOG_LEVEL="WARNING",
        WEB_CONCURRENCY=str(WORKERS), GUNICORN_THREADS="1", **variables,
    )  # fmt: skip


def socle_env(context: dict, static: Path) -> dict[str, str]:
    return server_env(
        DJANGO_SETTINGS_MODULE="sites.settings.production",
        DATABASE_URL=context["database_url"],
        CACHE_URL=redis_db(context["broker_url"], 1),
        CELERY_BROKER_URL=context["broker_url"],
        SOCLE_PAGE_CACHE_SECONDS="600",
        SECURE_SSL_REDIRECT="false",  # plain HTTP on loopback, no proxy in front
        SOCLE_TRUSTED_PROXIES="0",
        STATIC_ROOT=str(static / "static"),
        MEDIA_ROOT=str(static / "media"),
        GUNICORN_BIND=f"127.0.0.1:{SOCLE_PORT}",
    )


def serve_and_measure(name: str, env: dict[str, str], port: int, path: str, spaces: list[content.BenchSpace],
                      hosts: Path, fresh: bool, cache: str | None = None, app: str = "") -> Measure:  # fmt: skip
    """A server of its own for each measure: each starts from the same state (booted, then every
    page asked for once), and a worker restart (gunicorn's max_requests) due to one measure does
    not fall in the next. ``cache``: what Socle's X-Socle-Cache header must say ("" for absent)."""
    query = "?n=check" if fresh else ""
    first = spaces[0].hostname
    log = ROOT / "bench" / f"web-{name.lower().replace(' ', '-')}.log"
    with gunicorn(name, env, port, first, path, log, app):
        check_pages(name, port, path, spaces, content.LANGUAGE, query)  # Socle cached: stores every page
        if cache is not None:
            found = fetch(port, first, path + query)[1].get("X-Socle-Cache", "")
            if found != cache:
                raise RuntimeError(f"{name}: {first}{path}{query} answered X-Socle-Cache: {found!r}, not {cache!r}")
        return measure(name, port, path, hosts, fresh, SECONDS, CONNECTIONS, WRK_LOG)


def build_wagtail(env: dict[str, str]) -> None:
    from wagtail.models import Site

    started = time.perf_counter()
    prepare_database(env["DATABASE_URL"])
    command = [sys.executable, "-m", "bench.bare_wagtail.build", "--sites", str(Site.objects.count())]
    run_step("the bare Wagtail project's build", command, env)
    print(f"  bare Wagtail: {content.SPACES} sites built in {time.perf_counter() - started:.0f} s")


def run(context: dict) -> list[Figure]:
    wrk()  # before building anything: without it there is nothing to measure
    spaces = content.spaces()
    build_network()
    database = context["database_url"]
    wagtail_env = server_env(
        DJANGO_SETTINGS_MODULE="bench.bare_wagtail.settings",
        DATABASE_URL=f"{database}_wagtail",
        CACHE_URL=redis_db(context["broker_url"], 2),
        GUNICORN_BIND=f"127.0.0.1:{WAGTAIL_PORT}",
    )
    build_wagtail(wagtail_env)
    WRK_LOG.write_text("")
    with tempfile.TemporaryDirectory(prefix="socle-bench-web-") as temp:
        hosts = Path(temp) / "hosts.txt"
        hosts.write_text("".join(f"{space.hostname}\n" for space in spaces))
        env = socle_env(context, Path(temp))
        run_step("collectstatic", [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], env)
        flush(env["CACHE_URL"])
        flush(wagtail_env["CACHE_URL"])
        cached = serve_and_measure("Socle cached", env, SOCLE_PORT, SOCLE_PATH, spaces, hosts, False, "hit")
        uncached = serve_and_measure("Socle uncached", env, SOCLE_PORT, SOCLE_PATH, spaces, hosts, True, "")
        wagtail = serve_and_measure("Wagtail", wagtail_env, WAGTAIL_PORT, WAGTAIL_PATH, spaces, hosts, True,
                                    app="bench.bare_wagtail.wsgi:application")  # fmt: skip

    print(f"  {WORKERS} gunicorn workers, wrk: {CONNECTIONS} connections, {SECONDS} s a measure, {len(spaces)} hosts")
    print(f"  {'':16} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}")
    for each in (cached, uncached, wagtail):
        print(f"  {each.name:16} {each.rps:8.1f} {each.p50_ms:8.1f} {each.p99_ms:8.1f} {each.errors:7d}")
    return [
        Figure("page_uncached_vs_wagtail_ratio", round(wagtail.rps / uncached.rps, 3), "ratio", 1.2),
        Figure("page_cached_rps", round(cached.rps, 1), "req/s", 1500, lower_is_better=False),
        Figure("web_errors", cached.errors + uncached.errors + wagtail.errors, "errors", 0),
        Figure("page_uncached_rps", round(uncached.rps, 1), "req/s", None),
        Figure("wagtail_page_rps", round(wagtail.rps, 1), "req/s", None),
        Figure("page_cached_p50_ms", cached.p50_ms, "ms", None),
        Figure("page_cached_p99_ms", cached.p99_ms, "ms", None),
        Figure("page_uncached_p50_ms", uncached.p50_ms, "ms", None),
        Figure("page_uncached_p99_ms", uncached.p99_ms, "ms", None),
        Figure("wagtail_page_p50_ms", wagtail.p50_ms, "ms", None),
        Figure("wagtail_page_p99_ms", wagtail.p99_ms, "ms", None),
    ]
