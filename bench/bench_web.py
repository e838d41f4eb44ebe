"""Visitors' pages over HTTP on loopback: gunicorn with the production settings on PostgreSQL and
Redis, wrk sending each request to the next space's hostname (its Host header).

Every server runs with the same gunicorn configuration (deploy/gunicorn.conf.py, ``WORKERS`` sync
workers) and the same load, all of them up for the whole benchmark. The measures run in
``ROUNDS`` rounds of ``SECONDS`` each, every measure once a round, one after the other: each ratio
is computed within a round, between measures taken a minute apart at most, and reported as the
median of the rounds with their spread (the machine's load changes between rounds, not within).

- Socle cached: a space's plain page (/en/visit/) from the page cache, after a pass over every
  space has stored it;
- Socle uncached: the same pages with a query string that changes on every request, which the page
  cache never serves nor stores: each is rendered afresh (what a visitor arriving with
  ``?utm_source=…`` gets), helped by Socle's own fragments (hostnames, routes, menus);
- Socle cold: the same, each request made just after a publication in its space (bench/web/cold.py
  purges the space and the hostnames' answers first): every cache of Socle's own is cold;
- Socle, 10 spaces: rendered afresh as "uncached", on a network of 10 spaces built from the same
  content (bench/web/small_network.py);
- Wagtail: the same content on a stock Wagtail project (bench/bare_wagtail), one site per space
  as in Socle's database; Wagtail, 3 sites: the same on a network of three sites, Wagtail at its
  best; Wagtail cached: the 1,000 sites with wagtail-cache, the page cache Wagtail's users install;
- Floor: the cheapest Django response (bench/floor), a fixed string without middleware.

Figures (ratios: the comparator's req/s over Socle's, each round's, then their median):
``page_uncached_vs_wagtail_ratio`` (goal ≤ 1.2), ``page_cold_vs_wagtail3_ratio`` (≤ 1.0),
``page_cached_vs_wagtail_cache_ratio`` (≤ 1.0), ``page_cached_vs_floor_ratio`` (≤ 1.5),
``page_scaling_ratio`` (p50 rendered afresh with 1,000 spaces over 10 spaces, ≤ 1.1),
``page_cached_rps`` (≥ 1,500), ``web_errors`` (any answer but a 200, socket errors and timeouts,
goal 0), ``web_worker_rss_mb`` (the largest worker of Socle's servers after the measures, ≤ 200),
and each measure's req/s, p50 and p99.

Each server's page cache lives in a Redis database of its own below the broker's (12 to 7 beside
``make bench``'s 13), flushed first. Each server's output goes to bench/web-<server>.log, wrk's to
bench/web-wrk.log.
"""

import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from bench.network import build_network
from bench.run import Figure, prepare_database
from bench.web import content
from bench.web.load import Measure, check_pages, fetch, measure, wrk
from bench.web.servers import ROOT, clean_env, gunicorn, workers_rss_mb

SECONDS = 10
ROUNDS = 3
# Sync workers, two per core of this 2-core machine (as deploy/env.example shows), where wrk, PostgreSQL
# and Redis run too; the same for every server.
WORKERS = 4
# Two requests waiting per worker: the workers never idle, and queueing stays short.
CONNECTIONS = 2 * WORKERS
# Workers are not recycled during the benchmark (gunicorn's max_requests, the only option changed,
# for every server alike): a recycling falls in whichever measure reaches the count, the fastest
# server's first; and the workers' memory is read after every request they served.
OPTIONS = ("--max-requests", "0")
SMALL_SPACES = 10
WAGTAIL_BEST_SITES = 3
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


@dataclass
class Server:
    name: str
    port: int
    env: dict[str, str]
    path: str
    spaces: list[content.BenchSpace]
    app: str = ""
    socle: bool = False  # its workers' memory is Socle's
    process: subprocess.Popen | None = None
    hosts: Path | None = None

    @property
    def log(self) -> Path:
        return ROOT / "bench" / f"web-{self.name.lower().replace(' ', '-').replace(',', '')}.log"


@dataclass
class Load:
    name: str
    server: Server
    fresh: bool  # a query string changing on every request
    runs: list[Measure] = field(default_factory=list)


def background(name: str, command: list[str], env: dict[str, str]) -> tuple[str, subprocess.Popen]:
    """A build started in the background: the databases are built side by side."""
    process = subprocess.Popen(  # noqa: S603
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    return name, process


def wait_all(steps: list[tuple[str, subprocess.Popen]]) -> None:
    for name, process in steps:
        output = process.communicate()[0]
        if process.returncode != 0:
            raise RuntimeError(f"{name} failed ({process.returncode}):\n{output[-3000:]}")


def server_env(**variables: str) -> dict[str, str]:
    return clean_env(
        SECRET_KEY=SECRET_KEY, ALLOWED_HOSTS=ALLOWED_HOSTS, LOG_LEVEL="WARNING",
        WEB_CONCURRENCY=str(WORKERS), GUNICORN_THREADS="1", **variables,
    )  # fmt: skip


def socle_env(database_url: str, cache_url: str, broker_url: str, static: Path, port: int) -> dict[str, str]:
    return server_env(
        DJANGO_SETTINGS_MODULE="sites.settings.production",
        DATABASE_URL=database_url,
        CACHE_URL=cache_url,
        CELERY_BROKER_URL=broker_url,
        SOCLE_PAGE_CACHE_SECONDS="600",
        SECURE_SSL_REDIRECT="false",  # plain HTTP on loopback, no proxy in front
        SOCLE_TRUSTED_PROXIES="0",
        STATIC_ROOT=str(static / "static"),
        MEDIA_ROOT=str(static / "media"),
        GUNICORN_BIND=f"127.0.0.1:{port}",
    )


def wagtail_env(database_url: str, cache_url: str, port: int, settings: str = "settings") -> dict[str, str]:
    return server_env(
        DJANGO_SETTINGS_MODULE=f"bench.bare_wagtail.{settings}",
        DATABASE_URL=database_url,
        CACHE_URL=cache_url,
        PAGE_CACHE_SECONDS="600",
        GUNICORN_BIND=f"127.0.0.1:{port}",
    )


def servers(context: dict, spaces: list[content.BenchSpace], static: Path) -> dict[str, Server]:
    database, broker = context["database_url"], context["broker_url"]
    return {
        server.name: server
        for server in (
            Server("Socle", 8301, socle_env(database, redis_db(broker, 1), broker, static, 8301), SOCLE_PATH,
                   spaces, socle=True),
            Server("Socle cold", 8303, socle_env(database, redis_db(broker, 3), broker, static, 8303), SOCLE_PATH,
                   spaces, app="bench.web.cold:application", socle=True),
            Server("Socle 10 spaces", 8304,
                   socle_env(f"{database}_small", redis_db(broker, 4), broker, static, 8304), SOCLE_PATH,
                   spaces[:SMALL_SPACES], socle=True),
            Server("Wagtail", 8302, wagtail_env(f"{database}_wagtail", redis_db(broker, 2), 8302), WAGTAIL_PATH,
                   spaces, app="bench.bare_wagtail.wsgi:application"),
            Server("Wagtail 3 sites", 8305, wagtail_env(f"{database}_wagtail3", redis_db(broker, 5), 8305),
                   WAGTAIL_PATH, spaces[:WAGTAIL_BEST_SITES], app="bench.bare_wagtail.wsgi:application"),
            Server("Wagtail cached", 8306,
                   wagtail_env(f"{database}_wagtail", redis_db(broker, 6), 8306, "cached_settings"), WAGTAIL_PATH,
                   spaces, app="bench.bare_wagtail.wsgi:application"),
            Server("Floor", 8307, server_env(DJANGO_SETTINGS_MODULE="bench.floor.settings",
                                             GUNICORN_BIND="127.0.0.1:8307"), WAGTAIL_PATH,
                   spaces, app="bench.floor.wsgi:application"),
        )
    }  # fmt: skip


def build_databases(found: dict[str, Server]) -> None:
    """The comparators' databases and the small Socle network, built side by side."""
    from wagtail.models import Site

    started = time.perf_counter()
    wagtail = found["Wagtail"].env
    best = found["Wagtail 3 sites"].env
    small = found["Socle 10 spaces"].env
    for env in (wagtail, best, small):
        prepare_database(env["DATABASE_URL"])
    build = [sys.executable, "-m", "bench.bare_wagtail.build"]
    steps = [
        background("the bare Wagtail project's build", [*build, "--sites", str(Site.objects.count())], wagtail),
        background("the 3-site Wagtail's build", [*build, "--spaces", str(WAGTAIL_BEST_SITES)], best),
        background(
            "the small Socle network's build",
            [sys.executable, "-m", "bench.web.small_network", "--spaces", str(SMALL_SPACES)],
            {**small, "DJANGO_SETTINGS_MODULE": "sites.settings.test"},
        ),
    ]
    wait_all(steps)
    print(f"  Wagtail ({Site.objects.count()} sites, and 3), Socle with 10 spaces: built in "
          f"{time.perf_counter() - started:.0f} s")  # fmt: skip


def expect_header(server: Server, path: str, header: str, expected: str, headers: dict | None = None) -> str:
    first = server.spaces[0].hostname
    found = fetch(server.port, first, path, headers)[1].get(header, "")
    if found != expected:
        raise RuntimeError(f"{server.name}: {first}{path} answered {header}: {found!r}, not {expected!r}")
    return found


def check_cold(server: Server) -> tuple[int, int]:
    """Cold requests cost the queries of a page after a publication, warm ones fewer: the cold
    server really purges. Returns both counts."""
    space = server.spaces[1]
    path = SOCLE_PATH + "?n=cold-check"
    warm = int(fetch(server.port, space.hostname, path, {"X-Bench-Warm": "1"})[1]["X-Bench-Queries"])
    cold = [int(fetch(server.port, space.hostname, path)[1]["X-Bench-Queries"]) for _ in range(3)]
    if min(cold) <= warm:
        raise RuntimeError(f"{server.name}: a cold request cost {cold} queries, a warm one {warm}: not cold")
    return max(cold), warm


def start(stack: ExitStack, server: Server, folder: Path) -> None:
    server.hosts = folder / f"hosts-{server.port}.txt"
    server.hosts.write_text("".join(f"{space.hostname}\n" for space in server.spaces))
    first = server.spaces[0].hostname
    server.process = stack.enter_context(
        gunicorn(server.name, server.env, server.port, first, server.path, server.log, server.app, options=OPTIONS)
    )


def warm_up(server: Server, loads: list["Load"]) -> None:
    """Every page asked for once as its measures will ask (a plain page: stored in the page cache),
    each showing its own space's page; every worker has served pages."""
    if server.name == "Floor":  # a fixed string, not the page
        status = fetch(server.port, server.spaces[0].hostname, server.path)[0]
        if status != 200:
            raise RuntimeError(f"{server.name} answered {status}")
        return
    for fresh in sorted({load.fresh for load in loads if load.server is server}, reverse=True):
        check_pages(server.name, server.port, server.path, server.spaces, content.LANGUAGE, "?n=check" if fresh else "")


def ratios(over: Load, under: Load, attribute: str = "rps") -> list[float]:
    return [getattr(a, attribute) / getattr(b, attribute) for a, b in zip(over.runs, under.runs, strict=True)]


def run(context: dict) -> list[Figure]:
    wrk()  # before building anything: without it there is nothing to measure
    spaces = content.spaces()
    build_network()
    WRK_LOG.write_text("")
    with tempfile.TemporaryDirectory(prefix="socle-bench-web-") as temp, ExitStack() as stack:
        folder = Path(temp)
        found = servers(context, spaces, folder)
        build_databases(found)
        socle = found["Socle"]
        done = subprocess.run([sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT,  # noqa: S603
                              env=socle.env, capture_output=True, text=True, check=False)  # fmt: skip
        if done.returncode != 0:
            raise RuntimeError(f"collectstatic failed:\n{(done.stdout + done.stderr)[-3000:]}")
        for server in found.values():
            if "CACHE_URL" in server.env:
                flush(server.env["CACHE_URL"])
            start(stack, server, folder)
        loads = [
            Load("Socle cached", socle, False),
            Load("Socle uncached", socle, True),
            Load("Socle cold", found["Socle cold"], True),
            Load("Socle 10 spaces", found["Socle 10 spaces"], True),
            Load("Wagtail", found["Wagtail"], True),
            Load("Wagtail 3 sites", found["Wagtail 3 sites"], True),
            Load("Wagtail cached", found["Wagtail cached"], False),
            Load("Floor", found["Floor"], False),
        ]
        for server in found.values():
            warm_up(server, loads)
        expect_header(socle, SOCLE_PATH, "X-Socle-Cache", "hit")
        expect_header(socle, SOCLE_PATH + "?n=check", "X-Socle-Cache", "")
        expect_header(found["Wagtail cached"], WAGTAIL_PATH, "X-Wagtail-Cache", "hit")
        cold_queries, warm_queries = check_cold(found["Socle cold"])

        for round_number in range(ROUNDS):
            for load in loads:
                server = load.server
                run = measure(
                    load.name, server.port, server.path, server.hosts, load.fresh, SECONDS, CONNECTIONS, WRK_LOG
                )
                load.runs.append(run)
            print(f"  round {round_number + 1}: " + ", ".join(f"{load.name} {load.runs[-1].rps:.0f}" for load in loads),
                  flush=True)  # fmt: skip
        rss = max(mb for server in found.values() if server.socle for mb in workers_rss_mb(server.process))
        # The cold server's purges were its own: Socle's cached pages were still served from the cache.
        expect_header(socle, SOCLE_PATH, "X-Socle-Cache", "hit")

    by_name = {load.name: load for load in loads}
    cached, uncached, cold = by_name["Socle cached"], by_name["Socle uncached"], by_name["Socle cold"]
    print(f"  {WORKERS} gunicorn workers, wrk: {CONNECTIONS} connections, {ROUNDS} rounds of {SECONDS} s a measure")
    print(f"  a cold page cost {cold_queries} queries, a warm one {warm_queries}")
    print(f"  {'':16} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}  (medians)")
    for load in loads:
        print(f"  {load.name:16} {median(load, 'rps'):8.1f} {median(load, 'p50_ms'):8.1f} "
              f"{median(load, 'p99_ms'):8.1f} {sum(each.errors for each in load.runs):7d}")  # fmt: skip
    figures = [
        Figure.of("page_uncached_vs_wagtail_ratio", ratios(by_name["Wagtail"], uncached), "ratio", 1.2),
        Figure.of("page_cold_vs_wagtail3_ratio", ratios(by_name["Wagtail 3 sites"], cold), "ratio", 1.0),
        Figure.of("page_cached_vs_wagtail_cache_ratio", ratios(by_name["Wagtail cached"], cached), "ratio", 1.0),
        Figure.of("page_cached_vs_floor_ratio", ratios(by_name["Floor"], cached), "ratio", 1.5),
        Figure.of("page_scaling_ratio", ratios(uncached, by_name["Socle 10 spaces"], "p50_ms"), "ratio", 1.1),
        Figure.of("page_cached_rps", [run.rps for run in cached.runs], "req/s", 1500, lower_is_better=False, digits=1),
        Figure("web_errors", sum(each.errors for load in loads for each in load.runs), "errors", 0),
        Figure("web_worker_rss_mb", round(rss, 1), "MB", 200),
    ]
    named = {"page_cached": cached, "page_uncached": uncached, "page_cold": cold,
             "page_10_spaces": by_name["Socle 10 spaces"], "wagtail_page": by_name["Wagtail"],
             "wagtail3_page": by_name["Wagtail 3 sites"], "wagtail_cached_page": by_name["Wagtail cached"],
             "floor": by_name["Floor"]}  # fmt: skip
    for name, load in named.items():
        if name != "page_cached":
            figures.append(Figure.of(f"{name}_rps", [each.rps for each in load.runs], "req/s", None, digits=1))
        figures.append(Figure.of(f"{name}_p50_ms", [each.p50_ms for each in load.runs], "ms", None))
        figures.append(Figure.of(f"{name}_p99_ms", [each.p99_ms for each in load.runs], "ms", None))
    return figures


def median(load: Load, attribute: str) -> float:
    return statistics.median(getattr(each, attribute) for each in load.runs)
