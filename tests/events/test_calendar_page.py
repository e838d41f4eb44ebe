"""A visitor reads a site's network calendar: its own and accepted network events, in the site's time."""

import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from babel.dates import format_time

from sites.events.models import EventPage, RelayedEvent
from sites.events.templatetags.event_times import format_other_zone
from tests.helpers import client_for, reads_in_order

from .conftest import new_event, publish

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
MOSCOW = ZoneInfo("Europe/Moscow")


def words(html: str) -> str:
    # CLDR puts no-break and narrow spaces where a line must not break; compare the words.
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def calendar(host: str, path: str, **query) -> str:
    response = client_for(f"{host}.localhost").get(path, query)
    assert response.status_code == 200
    return response.content.decode()


def test_moscow_shows_the_paris_colunch_day_in_moscow_time_with_paris_time_in_russian():
    colunch = EventPage.objects.get(slug="network-colunch-day")
    html = calendar("moscow", "/ru/network-calendar/")
    text = words(html)
    assert "Journée colunch du réseau" in text or "Network colunch day" in text
    moscow_time = format_time(colunch.start.astimezone(MOSCOW), "short", locale="ru")
    paris_time = format_time(colunch.start.astimezone(PARIS), "short", locale="ru")
    assert f"{moscow_time} Москва · {paris_time} Париж" in text
    assert "Сетевое событие от NUMA Paris" in text
    # The origin's text not in Russian is marked with its own language, and links back to the origin.
    assert re.search(r'<span lang="(en|fr)">(Network colunch day|Journée colunch)', html)
    assert "http://paris.localhost/en/events/network-colunch-day/" in html


def test_a_cancelled_network_event_shows_as_cancelled_until_it_has_passed():
    html = words(calendar("moscow", "/en/network-calendar/"))
    assert "Cancelled Living Lab: an open visit for the network" in html
    event = EventPage.objects.get(slug="living-lab-network-visit")
    RelayedEvent.objects.filter(origin_event_id=event.pk).update(
        start=datetime.now(UTC) - timedelta(days=2), end=datetime.now(UTC) - timedelta(days=2, hours=-1)
    )
    since = (datetime.now(UTC) - timedelta(days=5)).date().isoformat()
    assert "Living Lab" not in words(calendar("moscow", "/en/network-calendar/", since=since))


def test_a_space_that_reviews_shows_only_what_its_editors_accepted():
    # Bangalore accepted the colunch day and the Moscow webinar; the Living Lab visit awaits review.
    html = words(calendar("bangalore", "/en/network-calendar/"))
    assert "Network colunch day" in html and "Webinar from Moscow" in html
    assert "Living Lab" not in html
    relay = RelayedEvent.objects.get(space__slug="bangalore", origin_space__slug="moscow")
    RelayedEvent.objects.filter(pk=relay.pk).update(curation="hidden")
    assert "Webinar from Moscow" not in words(calendar("bangalore", "/en/network-calendar/"))


def test_filters_by_space_programme_and_dates_work_without_javascript():
    html = calendar("paris", "/en/network-calendar/")
    assert '<form class="calendar-filters" method="get"' in html
    assert "Webinar from Moscow" in words(html) and "Cobalt BLR launch" in words(html)

    only_moscow = words(calendar("paris", "/en/network-calendar/", space="moscow"))
    assert "Webinar from Moscow" in only_moscow and "Cobalt BLR launch" not in only_moscow
    assert "Network colunch day" not in only_moscow

    only_paris = words(calendar("paris", "/en/network-calendar/", space="paris"))
    assert "Network colunch day" in only_paris and "Webinar from Moscow" not in only_paris

    community = words(calendar("paris", "/en/network-calendar/", programme="community"))
    assert "Network colunch day" in community  # the open ground floor is a community programme
    assert "Cobalt BLR launch" in community or "Webinar from Moscow" not in community

    webinar = EventPage.objects.get(slug="webinar-shared-principles")
    day = webinar.start.astimezone(PARIS).date().isoformat()
    that_day = words(calendar("paris", "/en/network-calendar/", since=day, until=day))
    assert "Webinar from Moscow" in that_day and "Cobalt BLR launch" not in that_day

    # A date that does not read is left out rather than breaking the page.
    assert "Webinar from Moscow" in words(calendar("paris", "/en/network-calendar/", since="not-a-date"))


def test_every_page_links_its_spaces_feed_and_the_calendar_links_the_networks():
    home = calendar("moscow", "/ru/")
    assert '<link rel="alternate" type="text/calendar" href="/ru/calendar.ics"' in home
    page = calendar("moscow", "/ru/network-calendar/")
    assert '<link rel="alternate" type="text/calendar" href="/ru/calendar/network.ics"' in page
    assert client_for("moscow.localhost").get("/ru/calendar.ics").status_code == 200


def test_a_venue_in_another_zone_shows_both_times_on_its_own_site(deliver):
    start = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)
    event = new_event("paris", "in-moscow", scope="local", start=start, time_zone="Europe/Moscow")
    deliver(publish, event)
    text = words(calendar("paris", event.url_path.replace("/paris/", "/fr/", 1)))
    assert "10:00 Paris · 12:00 Moscou" in text


def test_daylight_saving_moves_the_paris_hour_while_moscow_keeps_its_own():
    before = datetime(2026, 10, 24, 16, 0, tzinfo=UTC)  # Paris leaves summer time on 25 October 2026
    after = datetime(2026, 10, 26, 16, 0, tzinfo=UTC)

    def shown(moment):
        return " ".join(format_other_zone(moment, MOSCOW, "Москва", PARIS, "Париж", "ru").split())

    assert shown(before) == "19:00 Москва · 18:00 Париж"
    assert shown(after) == "19:00 Москва · 17:00 Париж"
    # Another day at the origin is named.
    late = datetime(2026, 12, 3, 22, 30, tzinfo=UTC)
    other_day = format_other_zone(late, MOSCOW, "Москва", PARIS, "Париж", "ru")
    assert reads_in_order(other_day, ["01:30", "Москва", "23:30", "Париж", "чт", "3", "дек"])
    # Same wall-clock time: nothing to add.
    assert format_other_zone(after, PARIS, "Paris", ZoneInfo("Europe/Berlin"), "Berlin", "fr") == ""


def test_the_network_calendar_costs_the_same_queries_for_3_or_13_network_events():
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sites.spaces.models import Space

    client = client_for("moscow.localhost")

    def queries() -> int:
        assert client.get("/ru/network-calendar/").status_code == 200  # warm Wagtail's site root cache
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/ru/network-calendar/").status_code == 200
        return len(captured)

    before = queries()
    moscow, bangalore = Space.objects.get(slug="moscow"), Space.objects.get(slug="bangalore")
    template = RelayedEvent.objects.filter(space=moscow, origin_space=bangalore).first()
    copies = []
    for number in range(10):
        template.pk = None
        template.origin_event_id = 10_000_000 + number
        template.uid = f"event-{template.origin_event_id}@bangalore.localhost"
        copies.append(RelayedEvent(**{f.attname: getattr(template, f.attname) for f in RelayedEvent._meta.fields}))
    RelayedEvent.objects.bulk_create(copies)
    html = client.get("/ru/network-calendar/").content.decode()
    assert html.count('class="origin"') >= 13
    assert queries() == before
