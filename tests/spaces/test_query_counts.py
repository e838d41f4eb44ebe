"""Every public page type costs the same number of queries with 3 spaces as with 30."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.helpers import add_synthetic_spaces, client_for

pytestmark = pytest.mark.django_db

PAGES = {
    "home": "/fr/",
    "principles": "/fr/principles/",
    "practices index": "/fr/practices/",
    "practice": "/fr/practices/colunch/",
    "programmes index": "/fr/programmes/",
    "programme": "/fr/programmes/coworking/",
    "events index": "/fr/events/",
    "event": None,  # first event of Paris, found at run time
    "plain page": "/fr/visit/",
    "search": "/fr/search/?q=NUMA",
}


def paris_event_url() -> str:
    from sites.events.models import EventPage
    from sites.spaces.models import Space

    event = EventPage.objects.descendant_of(Space.objects.get(slug="paris").site.root_page).first()
    return f"/fr/events/{event.slug}/"


def count_queries(client, url: str) -> int:
    assert client.get(url).status_code == 200, url  # warm: Wagtail caches the site root paths
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_public_pages_make_as_many_queries_with_30_spaces_as_with_3():
    urls = {name: url or paris_event_url() for name, url in PAGES.items()}
    client = client_for("paris.localhost")
    with_3 = {name: count_queries(client, url) for name, url in urls.items()}
    add_synthetic_spaces(27)
    with_30 = {name: count_queries(client, url) for name, url in urls.items()}
    assert with_30 == with_3
    assert max(with_3.values()) <= 15, with_3
