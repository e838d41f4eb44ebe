"""Every page of every demo space, in every language it is published in, describes itself in valid
schema.org JSON-LD; events say when (with their offset), where, in which language, by whom, and
whether they are cancelled."""

from datetime import UTC, datetime, timedelta

import pytest
from wagtail.models import Page

from sites.events.models import EventIndexPage, EventPage
from sites.spaces.models import Space
from tests.helpers import client_for

from .reading import HeadReader
from .schema_org import validate

pytestmark = pytest.mark.django_db

SCHEMA = "https://schema.org"


def host(space: Space) -> str:
    return space.site.hostname


def objects_on(space: Space, language: str, page) -> list[dict]:
    path = f"/{language}/{page.url_path[len(space.site.root_page.url_path):]}"
    response = client_for(host(space)).get(path)
    assert response.status_code == 200, path
    return HeadReader(response.content.decode()).objects()


def test_every_page_of_every_space_in_every_language_has_valid_json_ld():
    checked, types_seen, expected = 0, set(), 0
    for space in Space.objects.filter(status=Space.Status.OPEN).select_related("site__root_page"):
        home = space.site.root_page
        pages = Page.objects.live().public().descendant_of(home, inclusive=True).specific()
        # At least its home's WebSite and each event's Event, in each language.
        expected += (1 + EventPage.objects.live().descendant_of(home).count()) * len(space.language_codes)
        for page in pages:
            for language in space.language_codes:
                for obj in objects_on(space, language, page):
                    assert validate(obj) == [], (host(space), language, page.url_path, obj)
                    assert obj.get("inLanguage", language) == language
                    types_seen.add(obj["@type"])
                    checked += 1
                if isinstance(page, EventPage):
                    assert "Event" in {obj["@type"] for obj in objects_on(space, language, page)}
    assert {"Event", "WebSite"} <= types_seen
    assert checked >= expected > 50  # the walk did reach the demo's pages


def event_of(slug: str, space_slug: str) -> tuple[Space, EventPage]:
    space = Space.objects.select_related("site__root_page").get(slug=space_slug)
    return space, EventPage.objects.descendant_of(space.site.root_page).get(slug=slug)


def the_event(space, language, page) -> dict:
    (event,) = [obj for obj in objects_on(space, language, page) if obj["@type"] == "Event"]
    return event


def test_an_event_says_its_times_in_the_venues_zone_with_their_offset():
    space, page = event_of("webinar-paris-welcome", "moscow")
    event = the_event(space, "ru", page)
    start = datetime.fromisoformat(event["startDate"])
    assert start == page.start and start.utcoffset() == timedelta(hours=3)  # Moscow's wall clock
    assert datetime.fromisoformat(event["endDate"]) == page.end


def test_an_event_at_a_venue_in_another_zone_is_read_in_that_zone():
    space, page = event_of("colunch-newcomers", "paris")
    page.time_zone = "Asia/Kolkata"
    page.save_revision().publish()
    event = the_event(space, "fr", page)
    assert datetime.fromisoformat(event["startDate"]).utcoffset() == timedelta(hours=5, minutes=30)
    # Held elsewhere: its place is what its venue says, not the Paris space's address.
    assert event["location"]["address"] == page.venue_fr
    assert validate(event) == []


def test_a_cancelled_event_says_so_and_a_scheduled_one_too():
    space, cancelled = event_of("living-lab-network-visit", "paris")
    assert the_event(space, "en", cancelled)["eventStatus"] == f"{SCHEMA}/EventCancelled"
    _space, scheduled = event_of("colunch-newcomers", "paris")
    assert the_event(space, "en", scheduled)["eventStatus"] == f"{SCHEMA}/EventScheduled"


def test_where_an_event_happens_at_the_venue_online_or_both():
    space, offline = event_of("colunch-newcomers", "paris")
    event = the_event(space, "fr", offline)
    assert event["eventAttendanceMode"] == f"{SCHEMA}/OfflineEventAttendanceMode"
    assert event["location"]["@type"] == "Place"
    assert event["location"]["name"] == offline.venue_fr
    assert event["location"]["address"]["streetAddress"] == "39 rue du Caire, 75002 Paris"
    assert event["location"]["address"]["addressCountry"] == "FR"

    moscow, online = event_of("webinar-paris-welcome", "moscow")
    event = the_event(moscow, "en", online)
    assert event["eventAttendanceMode"] == f"{SCHEMA}/OnlineEventAttendanceMode"
    assert event["location"] == {"@type": "VirtualLocation", "url": online.online_url}

    space, mixed = event_of("living-lab-network-visit", "paris")
    event = the_event(space, "fr", mixed)
    assert event["eventAttendanceMode"] == f"{SCHEMA}/MixedEventAttendanceMode"
    assert [location["@type"] for location in event["location"]] == ["Place", "VirtualLocation"]


def test_an_event_is_named_in_the_readers_language_and_organised_by_its_space():
    space, page = event_of("back-from-numa-paris", "bangalore")
    event = the_event(space, "kn", page)
    assert event["name"] == page.title_kn
    assert event["inLanguage"] == "kn"
    assert event["url"] == f"http://{host(space)}/kn/events/back-from-numa-paris/"
    assert event["organizer"] == {"@type": "Organization", "name": space.name_kn, "url": f"http://{host(space)}/kn/"}


def test_a_title_cannot_break_out_of_its_script():
    space = Space.objects.select_related("site__root_page").get(slug="paris")
    index = EventIndexPage.objects.descendant_of(space.site.root_page).get()
    title = 'Fin </script><script>alert("x")</script> & <!-- fin'
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=3)
    page = EventPage(slug="escape", title_fr=title, venue_fr="NUMA", start=start, end=start + timedelta(hours=1))
    index.add_child(instance=page)
    page.save_revision().publish()

    html = client_for(host(space)).get("/fr/events/escape/").content.decode()
    reader = HeadReader(html)
    (event,) = [obj for obj in reader.objects() if obj["@type"] == "Event"]
    assert event["name"] == title  # the JSON gives the title back whole, written without a "<" or "&"
    assert "Fin \\u003C/script\\u003E\\u003Cscript\\u003E" in html
    assert "<script>alert" not in html
    assert reader.scripts == len(reader.json_ld)  # no script element but the JSON-LD ones
