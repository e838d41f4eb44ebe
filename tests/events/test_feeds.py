"""Calendar applications subscribe to iCalendar feeds; other tools read the JSON listings."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from sites.events.models import EventPage, EventSequence
from sites.spaces.models import ProgrammePage
from tests.helpers import client_for

from .conftest import new_event, publish

pytestmark = pytest.mark.django_db


def feed(host: str, path: str) -> Calendar:
    response = client_for(f"{host}.localhost").get(path)
    assert response.status_code == 200, path
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    for line in response.content.split(b"\r\n"):
        assert len(line) <= 75, line  # RFC 5545 folds content lines at 75 octets
    return Calendar.from_ical(response.content)


def events_by_uid(calendar: Calendar) -> dict:
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def uid_of(slug: str, space: str = "") -> str:
    event = EventPage.objects.get(slug=slug, url_path__startswith=f"/{space}")
    return f"event-{event.pk}@{event.get_site().hostname}"


def test_a_network_event_has_one_uid_on_every_site_and_times_in_its_venues_zone():
    colunch = EventPage.objects.get(slug="network-colunch-day")
    uid = uid_of("network-colunch-day")
    for host, language in (("paris", "fr"), ("moscow", "ru"), ("bangalore", "en")):
        event = events_by_uid(feed(host, f"/{language}/calendar.ics"))[uid]
        start = event.decoded("DTSTART")
        assert start == colunch.start and str(start.tzinfo) == "Europe/Paris"
        assert event["DTSTART"].params["TZID"] == "Europe/Paris"
        assert event.decoded("DTEND") == colunch.end
        assert event["STATUS"] == "CONFIRMED"
        assert int(event["SEQUENCE"]) == EventSequence.objects.get(event_id=colunch.pk).sequence


def test_every_zone_used_has_its_vtimezone():
    calendar = feed("moscow", "/ru/calendar.ics")
    used = {event["DTSTART"].params["TZID"] for event in calendar.walk("VEVENT")}
    assert {"Europe/Moscow", "Europe/Paris", "Asia/Kolkata"} <= used
    assert {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")} == used


def test_every_field_round_trips(deliver):
    programme = ProgrammePage.objects.get(slug="events-floor", url_path__startswith="/paris/")
    start = datetime(2026, 12, 3, 17, 0, tzinfo=UTC)
    event = new_event(
        "paris",
        "round-trip",
        start=start,
        hours=3,
        title_fr="Soirée : « tout, ou rien » ; vraiment\\",
        title_en="Evening: all, or nothing; really\\",
        summary_fr="Première ligne.\nDeuxième, avec virgule; et point-virgule.",
        venue_fr="NUMA, 39 rue du Caire, Paris",
        venue_en="",
        online_url="https://example.org/live",
        registration_url="https://example.org/register",
        programme=programme,
    )
    deliver(publish, event)
    item = events_by_uid(feed("paris", "/fr/calendar.ics"))[f"event-{event.pk}@paris.localhost"]
    assert str(item["SUMMARY"]) == "Soirée : « tout, ou rien » ; vraiment\\"
    assert item["SUMMARY"].params["LANGUAGE"] == "fr"
    description = str(item["DESCRIPTION"])
    assert description.startswith("Première ligne.\nDeuxième, avec virgule; et point-virgule.")
    assert "https://example.org/live" in description and "https://example.org/register" in description
    assert str(item["LOCATION"]) == "NUMA, 39 rue du Caire, Paris"
    assert str(item["URL"]) == f"http://paris.localhost/fr/events/{event.slug}/"
    assert [str(category) for category in item["CATEGORIES"].cats] == [programme.title_fr]
    assert item.decoded("DTSTART") == start and item.decoded("DTEND") == start + timedelta(hours=3)
    assert int(item["SEQUENCE"]) == 1 and item["STATUS"] == "CONFIRMED"

    english = events_by_uid(feed("paris", "/en/calendar.ics"))[f"event-{event.pk}@paris.localhost"]
    assert str(english["SUMMARY"]) == "Evening: all, or nothing; really\\"
    # The venue has no English: the French is given, and says it is French.
    assert english["LOCATION"].params["LANGUAGE"] == "fr"


def test_text_in_every_script_is_escaped_and_folded_and_reads_back_whole(deliver):
    title = "ಜಾಲದ ಕ್ಯಾಲೆಂಡರ್, ಹಂಚಿಕೆ; ಉದ್ಘಾಟನೆ — ಬೆಂಗಳೂರು ನಗರದ ಸಮುದಾಯದೊಂದಿಗೆ ದೀರ್ಘ ಸಂಜೆ"
    event = new_event(
        "bangalore",
        "scripts",
        title_en="Scripts",
        title_kn=title,
        title_hi="नेटवर्क, साझा; उद्घाटन — बेंगलुरु के समुदाय के साथ एक लंबी शाम",
        summary_kn="ಮೊದಲ ಸಾಲು\nಎರಡನೇ ಸಾಲು",
    )
    deliver(publish, event)
    response = client_for("bangalore.localhost").get("/kn/calendar.ics")
    assert b"\\," in response.content and b"\\;" in response.content and b"\\n" in response.content
    item = events_by_uid(Calendar.from_ical(response.content))[f"event-{event.pk}@bangalore.localhost"]
    assert str(item["SUMMARY"]) == title
    assert str(item["DESCRIPTION"]) == "ಮೊದಲ ಸಾಲು\nಎರಡನೇ ಸಾಲು"
    hindi = events_by_uid(feed("bangalore", "/hi/calendar.ics"))[f"event-{event.pk}@bangalore.localhost"]
    assert str(hindi["SUMMARY"]) == "नेटवर्क, साझा; उद्घाटन — बेंगलुरु के समुदाय के साथ एक लंबी शाम"
    # Moscow lists it too, in the language the origin wrote it in (Moscow reads neither Hindi nor Kannada).
    moscow = events_by_uid(feed("moscow", "/ru/calendar.ics"))[f"event-{event.pk}@bangalore.localhost"]
    assert str(moscow["SUMMARY"]) == "Scripts" and moscow["SUMMARY"].params["LANGUAGE"] == "en"


def test_sequence_increases_on_every_update_and_a_cancellation_is_status_cancelled(deliver):
    event = new_event("paris", "sequenced", title_fr="Version 1")
    deliver(publish, event)
    uid = f"event-{event.pk}@paris.localhost"
    first = events_by_uid(feed("moscow", "/en/calendar.ics"))[uid]
    event.title_fr = "Version 2"
    deliver(publish, event)
    second = events_by_uid(feed("moscow", "/en/calendar.ics"))[uid]
    event.cancelled = True
    deliver(publish, event)
    third = events_by_uid(feed("moscow", "/en/calendar.ics"))[uid]
    assert int(first["SEQUENCE"]) < int(second["SEQUENCE"]) < int(third["SEQUENCE"])
    assert third["STATUS"] == "CANCELLED" and second["STATUS"] == "CONFIRMED"
    assert events_by_uid(feed("paris", "/fr/calendar.ics"))[uid]["STATUS"] == "CANCELLED"


def test_times_are_right_across_a_daylight_saving_change_in_paris(deliver):
    # Paris leaves summer time on 25 October 2026; Moscow has no daylight saving.
    paris = ZoneInfo("Europe/Paris")
    before = datetime(2026, 10, 24, 19, 0, tzinfo=paris)
    after = datetime(2026, 10, 26, 19, 0, tzinfo=paris)
    first = new_event("paris", "before-dst", start=before)
    second = new_event("paris", "after-dst", start=after)
    deliver(publish, first)
    deliver(publish, second)
    calendar = feed("moscow", "/ru/calendar.ics")
    items = events_by_uid(calendar)
    read_before = items[f"event-{first.pk}@paris.localhost"].decoded("DTSTART")
    read_after = items[f"event-{second.pk}@paris.localhost"].decoded("DTSTART")
    assert (read_before.hour, read_after.hour) == (19, 19)  # the venue's wall clock
    assert read_before.astimezone(UTC).hour == 17 and read_after.astimezone(UTC).hour == 18
    moscow = ZoneInfo("Europe/Moscow")
    assert (read_before.astimezone(moscow).hour, read_after.astimezone(moscow).hour) == (20, 21)
    zones = {str(zone["TZID"]): zone for zone in calendar.walk("VTIMEZONE")}
    assert zones["Europe/Paris"].walk("DAYLIGHT") and zones["Europe/Paris"].walk("STANDARD")
    assert not zones["Europe/Moscow"].walk("DAYLIGHT")
    # A reader that knows no zone database reads the time from the VTIMEZONE rules themselves.
    paris_rules = zones["Europe/Paris"].to_tz()
    assert read_before.replace(tzinfo=paris_rules).utcoffset() == timedelta(hours=2)
    assert read_after.replace(tzinfo=paris_rules).utcoffset() == timedelta(hours=1)


def test_a_programme_feed_carries_that_programmes_events_only():
    calendar = feed("paris", "/fr/calendar/programmes/open-ground-floor.ics")
    slugs = {event.slug for event in EventPage.objects.filter(programme__slug="open-ground-floor")}
    uids = set(events_by_uid(calendar))
    assert uid_of("network-colunch-day") in uids
    assert uids <= {uid_of(slug) for slug in slugs}
    assert client_for("paris.localhost").get("/fr/calendar/programmes/no-such-programme.ics").status_code == 404


def test_the_network_feed_carries_every_citys_network_events_and_no_local_one():
    for host in ("paris", "localhost"):
        response = client_for(host if host == "localhost" else f"{host}.localhost").get("/en/calendar/network.ics")
        assert response.status_code == 200
        uids = set(events_by_uid(Calendar.from_ical(response.content)))
        network = {uid_of(slug) for slug in ("network-colunch-day", "webinar-shared-principles", "cobalt-blr-launch")}
        assert network <= uids
        assert uid_of("shift-breakfast", "paris/") not in uids


def test_a_feed_in_a_language_the_space_does_not_publish_is_not_found():
    assert client_for("moscow.localhost").get("/hi/calendar.ics").status_code == 404


def test_json_listings_per_space_and_network_wide():
    data = client_for("moscow.localhost").get("/ru/calendar.json").json()
    assert data["space"] == "moscow"
    colunch = next(item for item in data["events"] if item["uid"] == uid_of("network-colunch-day"))
    event = EventPage.objects.get(slug="network-colunch-day")
    assert colunch["relayed"] is True and colunch["space"] == "paris"
    assert colunch["time_zone"] == "Europe/Paris"
    assert datetime.fromisoformat(colunch["start"]) == event.start
    assert colunch["title"]["language"] in ("en", "fr") and colunch["cancelled"] is False
    assert colunch["programme"]["kind"] == "community"
    network = client_for("localhost").get("/en/calendar/network.json").json()["events"]
    assert {item["space"] for item in network} == {"paris", "moscow", "bangalore"}
