"""Queries and time of a public page in a network of 1,000 spaces, for every page type of the demo's
spaces (and their search and network pages), on the production cache backend over Redis.

- Warm: the site was visited (its hostname's space, menu and home sections are in the cache) but
  the page itself is not in the page cache, so Django renders it afresh. ``page_queries_warm``, the
  most any page makes (goal ≤ 6); the same pages served from the page cache must make none
  (``page_queries_cached``, goal 0; beside the look for purges Redis missed, which a process makes
  once every few seconds whatever it serves).
- Cold: the first request after a publication in the page's space (a page of the space published
  through Wagtail's revision publish, so that the product's own signals purge what they purge).
  Every page is measured after the publication of each page type of its space, itself included:
  ``page_queries_cold``, the most any page makes after any of them (goal ≤ 8).
- ``page_cold_vs_warm_ratio``: for the page with the most cold queries, after the publication that
  costs it the most, the p50 of its first request after that publication over the p50 of a warm
  request, cold and warm taken in turn; the median of ``RUNS`` runs (goal ≤ 2). The CPU time of
  both is printed beside it.
"""

import json
import os
import statistics
import subprocess
import sys
import time
from urllib.parse import urlsplit, urlunsplit

from bench.network import build_network
from bench.run import ROOT, Figure
from deploy.serve import env_example

DEMO_PORT = 80
RUNS = 3
SAMPLES = 25  # cold and warm requests of each run
# The page cache on a Redis database of its own, three below the broker's (bench_web takes 12 and 11).
REDIS_BELOW = 3


def redis_location(url: str) -> str:
    parts = urlsplit(url)
    number = int(parts.path.strip("/") or 0)
    return urlunsplit(parts._replace(path=f"/{(number - REDIS_BELOW) % 16}"))


def production_caches(location: str) -> dict:
    """sites.settings.production's caches as deploy/env.example configures them, on this run's Redis.

    Read in a process of its own: importing the production settings here would change the running
    settings' middleware list, which they share with the base settings.
    """
    env = {**env_example(), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "CACHE_URL": location,
           "SECRET_KEY": "bench-only-not-secret", "DATABASE_URL": os.environ["DATABASE_URL"]}  # fmt: skip
    script = "import json; from sites.settings import production; print(json.dumps(production.CACHES))"
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def demo_spaces():
    from sites.spaces.models import Space

    return list(Space.objects.filter(site__port=DEMO_PORT).exclude(slug__startswith="web-").select_related("site"))


def space_pages(space) -> tuple[list[str], list]:
    """The paths of one page of each type of the space, its search and its network list; and those pages."""
    from django.utils import translation
    from wagtail.models import Page

    language = space.default_language
    paths, pages, seen_types = [], [], set()
    with translation.override(language):
        for page in Page.objects.live().descendant_of(space.site.root_page, inclusive=True).specific():
            if type(page) in seen_types:
                continue
            seen_types.add(type(page))
            paths.append(page.get_url_parts()[2])
            pages.append(page)
    return paths + [f"/{language}/search/?q=a", f"/{language}/network/"], pages


def get(client, host: str, path: str):
    response = client.get(path, HTTP_HOST=host)
    if response.status_code != 200:
        raise RuntimeError(f"{host}{path} answered {response.status_code}")
    return response


def count(client, host: str, path: str) -> tuple[int, str | None]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = get(client, host, path)
    return len(captured), response.headers.get("X-Socle-Cache")


def publish(page) -> None:
    """As an editor publishes: a new revision of the page, published (the product's signals purge)."""
    page.refresh_from_db()
    page.save_revision().publish()


def forget_page(host: str, path: str) -> None:
    from django.core.cache import cache

    from sites.pagecache import store

    cache.delete(store.page_key("http", host, path.split("?")[0]))


def warm_and_cached(client, space, paths) -> tuple[dict, dict]:
    host = space.site.hostname
    warm, cached = {}, {}
    for path in paths:
        get(client, host, path)  # the site and this page are visited
        forget_page(host, path)  # the page leaves the cache
        warm[host, path], _state = count(client, host, path)
        if "?" not in path:  # searches are never cached
            # Twice: once every few seconds a process looks in the database for purges that Redis
            # missed while it was away (pagecache.outage), whatever it serves; never twice in a row.
            seen = [count(client, host, path) for _twice in range(2)]
            if any(state != "hit" for _queries, state in seen):
                raise RuntimeError(f"{host}{path} was not served from the page cache")
            cached[host, path] = min(queries for queries, _state in seen)
    return warm, cached


def cold(client, space, paths, pages) -> dict:
    """(host, path) → (the most queries of its first request after a publication, the page published)."""
    host = space.site.hostname
    found = {}
    for path in paths:
        for published in pages:
            get(client, host, path)  # visited: everything it shows is in the cache
            publish(published)
            queries, _state = count(client, host, path)
            if queries > found.get((host, path), (-1, None))[0]:
                found[host, path] = (queries, published)
    return found


def timed(client, host: str, path: str) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    get(client, host, path)
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def cold_vs_warm(client, host: str, path: str, published) -> tuple[list[float], dict]:
    """RUNS ratios of p50 cold over p50 warm, cold and warm requests taken in turn; and the CPU times."""
    ratios, cpu = [], {"cold": [], "warm": []}
    for _run in range(RUNS):
        times = {"cold": [], "warm": []}
        for _sample in range(SAMPLES):
            get(client, host, path)
            publish(published)
            wall, used = timed(client, host, path)
            times["cold"].append(wall)
            cpu["cold"].append(used)
            forget_page(host, path)
            wall, used = timed(client, host, path)
            times["warm"].append(wall)
            cpu["warm"].append(used)
        ratios.append(statistics.median(times["cold"]) / statistics.median(times["warm"]))
        print(
            f"   run: cold p50 {statistics.median(times['cold']):.1f} ms, warm p50 "
            f"{statistics.median(times['warm']):.1f} ms, ratio {ratios[-1]:.2f}"
        )
    return ratios, cpu


def run(context: dict) -> list[Figure]:
    import redis
    from django.core.cache import cache
    from django.test import Client, override_settings

    from sites.demo.loader import load_demo_network
    from sites.spaces.models import Space

    build_network()
    if not Space.objects.filter(slug="paris").exists():
        load_demo_network(port=DEMO_PORT)
    print(f"   {Space.objects.count()} spaces")
    location = redis_location(context["broker_url"])
    redis.Redis.from_url(location).flushdb()
    client = Client()
    warm, cached, cold_found = {}, {}, {}
    with override_settings(CACHES=production_caches(location), SOCLE_PAGE_CACHE_SECONDS=600):
        cache.clear()
        for space in demo_spaces():
            paths, pages = space_pages(space)
            space_warm, space_cached = warm_and_cached(client, space, paths)
            warm |= space_warm
            cached |= space_cached
            cold_found |= cold(client, space, paths, pages)
        for (host, path), queries in sorted(warm.items(), key=lambda item: -item[1])[:5]:
            print(f"   {queries} queries warm: {host}{path}")
        worst = sorted(cold_found.items(), key=lambda item: -item[1][0])
        for (host, path), (queries, published) in worst[:5]:
            print(f"   {queries} queries cold: {host}{path} (after publishing {published.url_path})")
        (host, path), (_queries, published) = worst[0]
        ratios, cpu = cold_vs_warm(client, host, path, published)
        print(
            f"   CPU per request on {host}{path}: cold p50 {statistics.median(cpu['cold']):.1f} ms, "
            f"warm p50 {statistics.median(cpu['warm']):.1f} ms"
        )
        cache.clear()
    return [
        Figure("page_queries_warm", max(warm.values()), "queries", 6),
        Figure("page_queries_cached", max(cached.values()), "queries", 0),
        Figure("page_queries_cold", max(queries for queries, _page in cold_found.values()), "queries", 8),
        Figure.of("page_cold_vs_warm_ratio", ratios, "ratio", 2),
    ]
