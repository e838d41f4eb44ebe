"""The JSON-LD validator refuses what schema.org's vocabulary does not allow, and accepts what it does:
without these, a validator that accepted anything would let every page pass."""

import copy

import pytest

from .schema_org import validate, vocabulary

SCHEMA = "https://schema.org"
EVENT = {
    "@context": SCHEMA,
    "@type": "Event",
    "name": "Colunch",
    "url": "https://paris.example/fr/events/colunch/",
    "startDate": "2026-12-03T12:30:00+01:00",
    "endDate": "2026-12-03T14:00:00+01:00",
    "eventStatus": f"{SCHEMA}/EventScheduled",
    "eventAttendanceMode": f"{SCHEMA}/OfflineEventAttendanceMode",
    "location": {
        "@type": "Place",
        "name": "NUMA",
        "address": {"@type": "PostalAddress", "streetAddress": "39 rue du Caire", "addressCountry": "FR"},
    },
    "inLanguage": "fr",
    "organizer": {"@type": "Organization", "name": "NUMA Paris", "url": "https://paris.example/fr/"},
}
PLACE = {
    "@context": SCHEMA,
    "@type": "LocalBusiness",
    "name": "NUMA Paris",
    "address": {"@type": "PostalAddress", "streetAddress": "39 rue du Caire", "addressCountry": "FR"},
    "geo": {"@type": "GeoCoordinates", "latitude": 48.8679, "longitude": 2.3491},
    "openingHoursSpecification": [
        {"@type": "OpeningHoursSpecification", "dayOfWeek": f"{SCHEMA}/Monday", "opens": "09:00", "closes": "19:00"}
    ],
}


def changed(base: dict, path: str, value) -> dict:
    obj = copy.deepcopy(base)
    *parents, last = path.split(".")
    target = obj
    for key in parents:
        target = target[key]
    if value is None:
        del target[last]
    else:
        target[last] = value
    return obj


def test_the_vocabulary_is_schema_orgs_own():
    vocab = vocabulary()
    assert vocab.is_class("Event") and vocab.is_property("eventStatus")
    assert "Place" in vocab.ancestors("LocalBusiness") and "Organization" in vocab.ancestors("LocalBusiness")
    assert vocab.is_member_of("EventCancelled", "EventStatusType")


def test_a_complete_event_and_place_are_valid():
    assert validate(EVENT) == []
    assert validate(PLACE) == []


@pytest.mark.parametrize(
    "path,value,problem",
    [
        ("@type", "Happening", "not a schema.org class"),
        ("@type", "Text", "not a schema.org class"),
        ("@context", "https://example.org", "@context"),
        ("startTime", "2026-12-03T12:30:00+01:00", "not a property of Event"),  # an Action's, not an Event's
        ("openingHours", "Mo-Fr 09:00-19:00", "not a property of Event"),
        ("colour", "red", "not a schema.org property"),
        ("startDate", "3 December", "not a Date or DateTime"),
        ("startDate", "2026-12-03T12:30:00", "not a Date or DateTime"),  # no offset
        ("url", "/fr/events/colunch/", "not a URL"),
        ("eventStatus", f"{SCHEMA}/EventPostponedForever", "not a EventStatusType"),
        ("eventStatus", f"{SCHEMA}/Monday", "not a EventStatusType"),  # a member of another enumeration
        ("organizer", {"@type": "Place", "name": "NUMA", "address": "Paris"}, "a Place where schema.org expects"),
        ("location.address.postcode", "75002", "not a schema.org property"),
        ("location.address", None, "a Place needs 'address'"),
        ("location", None, "a Event needs 'location'"),
        ("name", None, "a Event needs 'name'"),
        ("startDate", None, "a Event needs 'startDate'"),
        ("name", 42, "not a Text"),
    ],
)
def test_an_event_schema_org_does_not_allow_is_refused(path, value, problem):
    errors = validate(changed(EVENT, path, value))
    assert any(problem in error for error in errors), errors


@pytest.mark.parametrize(
    "path,value,problem",
    [
        ("address", None, "a LocalBusiness needs 'address'"),
        ("name", None, "a LocalBusiness needs 'name'"),
        ("geo.latitude", [], "no value"),
        ("geo", {"@type": "GeoCoordinates", "latitude": True}, "not a Number or Text"),
        ("eventStatus", f"{SCHEMA}/EventScheduled", "not a property of LocalBusiness"),
    ],
)
def test_a_place_schema_org_does_not_allow_is_refused(path, value, problem):
    errors = validate(changed(PLACE, path, value))
    assert any(problem in error for error in errors), errors


def test_opening_hours_are_checked_as_times_and_days():
    hours = PLACE["openingHoursSpecification"][0]
    assert validate(changed(PLACE, "openingHoursSpecification", [{**hours, "opens": "9h"}]))
    assert validate(changed(PLACE, "openingHoursSpecification", [{**hours, "dayOfWeek": f"{SCHEMA}/Funday"}]))
