"""A warm public page makes at most six queries, as many with 1,000 spaces as with 3; a cached one none;
the first request after a publication in its space at most eight.

"Warm": the site has been visited (the hostname's space, the menu and the home's sections are in
the cache) but this page is not in the page cache, so Django renders it afresh.
"""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sites.pagecache import store
from sites.spaces.models import Space
from tests.helpers import add_bare_spaces, add_synthetic_spaces, client_for

pytestmark = pytest.mark.django_db

HOST = "paris.localhost"
MOST_QUERIES = 6
PAGES = {
    "home": "/fr/",
    "principles": "/fr/principles/",
    "practices index": "/fr/practices/",
    "practice": "/fr/practices/colunch/",
    "programmes index": "/fr/programmes/",
    "programme": "/fr/programmes/coworking/",
    "events index": "/fr/events/",
    "event": None,  # first event of Paris, found at run time
    "network calendar": "/fr/network-calendar/",
    "visit page": "/fr/visit/",
    "accessibility statement": "/fr/accessibility/",
    "search": "/fr/search/?q=NUMA",
    "network's spaces": "/fr/network/",
}


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.SOCLE_PAGE_CACHE_SECONDS = 600


def paris_event_url() -> str:
    from sites.events.models import EventPage

    event = EventPage.objects.descendant_of(Space.objects.get(slug="paris").site.root_page).first()
    return f"/fr/events/{event.slug}/"


def urls() -> dict[str, str]:
    return {name: url or paris_event_url() for name, url in PAGES.items()}


def queries(client, url: str) -> tuple[int, str | None]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), response.headers.get("X-Socle-Cache")


def warm_page_queries(client, url: str) -> int:
    client.get(url)  # the site is visited...
    path = url.split("?")[0]
    cache.delete(store.page_key("http", HOST, path))  # ...but not this page
    count, state = queries(client, url)
    assert state in ("miss", None), url  # rendered afresh (a search is never cached)
    return count


def test_a_warm_page_makes_at_most_six_queries_with_3_spaces_as_with_1000():
    client = client_for(HOST)
    with_3 = {name: warm_page_queries(client, url) for name, url in urls().items()}
    assert max(with_3.values()) <= MOST_QUERIES, sorted(with_3.items())

    add_synthetic_spaces(27)  # spaces with pages, events and practices of their own
    add_bare_spaces(970)
    assert Space.objects.count() == 1000
    cache.clear()  # the bare spaces were made without signals: forget the network as it was
    with_1000 = {name: warm_page_queries(client, url) for name, url in urls().items()}
    assert sorted(with_1000.items()) == sorted(with_3.items())


def test_a_page_served_from_the_cache_makes_no_query():
    client = client_for(HOST)
    for name, url in urls().items():
        if "?" in url:
            continue  # searches are not cached
        client.get(url)
        count, state = queries(client, url)
        assert (count, state) == (0, "hit"), name


MOST_QUERIES_AFTER_A_PUBLICATION = 8


def publish(page) -> None:
    page = page.specific
    page.refresh_from_db()
    page.save_revision().publish()


def queries_after_publishing(client, url: str, page) -> int:
    client.get(url)  # the site and this page are visited...
    publish(page)  # ...then an editor publishes: the space's pages are purged
    count, state = queries(client, url)
    assert state in ("miss", None), url
    return count


def test_a_page_after_its_own_publication_makes_at_most_eight_queries():
    from wagtail.models import Page

    client = client_for(HOST)
    space = Space.objects.get(slug="paris")
    home = space.site.root_page
    found = {}
    for name, url in urls().items():
        path = url.split("?")[0][len("/fr") :]
        page = Page.objects.filter(url_path=home.url_path.rstrip("/") + path).first() or home
        found[name] = queries_after_publishing(client, url, page)
    assert max(found.values()) <= MOST_QUERIES_AFTER_A_PUBLICATION, sorted(found.items())


def test_the_home_after_the_publication_of_any_page_makes_at_most_eight_queries():
    """The home shows the most fragments (menu, sections, gallery): a publication forgets only the
    ones that show the page published or list its kind."""
    from wagtail.models import Page

    client = client_for(HOST)
    home = Space.objects.get(slug="paris").site.root_page
    one_of_each_type = {}
    for page in Page.objects.live().descendant_of(home, inclusive=True).order_by("path"):
        one_of_each_type.setdefault(page.content_type_id, page)
    found = {page.url_path: queries_after_publishing(client, "/fr/", page) for page in one_of_each_type.values()}
    assert max(found.values()) <= MOST_QUERIES_AFTER_A_PUBLICATION, sorted(found.items())
