"""A page of results costs the same number of queries whatever it finds: one, ten, events or not."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sites.events.models import EventPage

from .conftest import home_of, publish_page, search

pytestmark = pytest.mark.django_db


def queries_for(host: str, language: str, query: str) -> tuple[int, list]:
    with CaptureQueriesContext(connection) as queries:
        response = search(host, language, query)
    return len(queries), response.context["results"]


def test_a_page_of_results_costs_a_fixed_number_of_queries():
    home = home_of("paris")
    for number in range(12):
        publish_page(home, f"atelier-{number}", title_fr=f"Atelier de vélo {number}")
    publish_page(home, "unique", title_fr="Le seul atelier de couture")
    search("paris.localhost", "fr", "vélo")  # the site warm: its space, menu and content types known

    one, found_one = queries_for("paris.localhost", "fr", "couture")
    ten, found_ten = queries_for("paris.localhost", "fr", "vélo")
    event = EventPage.objects.live().descendant_of(home).order_by("path").first()
    events, found_events = queries_for("paris.localhost", "fr", event.title_fr)
    assert (len(found_one), len(found_ten)) == (1, 10)
    assert any(result.when for result in found_events)  # an event's date costs no query of its own
    assert one == ten == events
    assert ten <= 8
