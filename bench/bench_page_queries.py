"""Queries of a warm public page in a network of 1,000 spaces, for every page type of the demo's spaces.

"Warm": the site was visited (its hostname's space, menu and home sections are in the cache) but
the page itself is not in the page cache, so Django renders it afresh. Figure:
``page_queries_warm``, the most any page of any type makes (goal ≤ 6); the same pages served from
the page cache must make none (``page_queries_cached``, goal 0).
"""

from bench.network import build_network
from bench.run import Figure

DEMO_PORT = 80


def demo_pages() -> list[tuple[str, str]]:
    """(host, path) for one page of each type in each demo space, its search and its network list."""
    from django.utils import translation
    from wagtail.models import Page

    from sites.spaces.models import Space

    found = []
    for space in Space.objects.filter(site__port=DEMO_PORT).exclude(slug__startswith="web-"):
        language = space.default_language
        seen_types = set()
        with translation.override(language):
            for page in Page.objects.live().descendant_of(space.site.root_page, inclusive=True).specific():
                if type(page) in seen_types:
                    continue
                seen_types.add(type(page))
                found.append((space.site.hostname, page.get_url_parts()[2]))
        found += [(space.site.hostname, f"/{language}/search/?q=a"), (space.site.hostname, f"/{language}/network/")]
    return found


def count(client, host: str, path: str) -> tuple[int, str | None]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, HTTP_HOST=host)
    if response.status_code != 200:
        raise RuntimeError(f"{host}{path} answered {response.status_code}")
    return len(captured), response.headers.get("X-Socle-Cache")


def run(context: dict) -> list[Figure]:
    from django.core.cache import cache
    from django.test import Client, override_settings

    from sites.demo.loader import load_demo_network
    from sites.pagecache import store
    from sites.spaces.models import Space

    build_network()
    if not Space.objects.filter(slug="paris").exists():
        load_demo_network(port=DEMO_PORT)
    print(f"   {Space.objects.count()} spaces")
    client = Client()
    warm, cached = {}, {}
    with override_settings(SOCLE_PAGE_CACHE_SECONDS=600):
        cache.clear()
        for host, path in demo_pages():
            client.get(path, HTTP_HOST=host)  # the site and this page are visited
            cache.delete(store.page_key(host, path.split("?")[0]))  # the page leaves the cache
            warm[host, path], _state = count(client, host, path)
            if "?" not in path:  # searches are never cached
                cached[host, path], state = count(client, host, path)
                if state != "hit":
                    raise RuntimeError(f"{host}{path} was not served from the page cache")
    for (host, path), queries in sorted(warm.items(), key=lambda item: -item[1])[:5]:
        print(f"   {queries} queries warm: {host}{path}")
    return [
        Figure("page_queries_warm", max(warm.values()), "queries", 6),
        Figure("page_queries_cached", max(cached.values()), "queries", 0),
    ]
