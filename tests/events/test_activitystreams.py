"""A space's shared events for the fediverse: the event's own address answers in ActivityStreams
(FEP-8a8e fields) when a fediverse server asks for it, and with its page otherwise, the page cache
included; the space is a Group actor whose outbox lists the events it shares."""

from datetime import datetime

import pytest
from django.core.cache import cache

from sites.events.models import EventPage
from tests.helpers import client_for

from .conftest import new_event, publish

pytestmark = pytest.mark.django_db

ACTIVITY = "application/activity+json"
LD = 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"'
BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def asked(path: str, accept: str, host: str = "moscow.localhost"):
    return client_for(host).get(path, HTTP_ACCEPT=accept)


@pytest.fixture
def shared(deliver):
    event = new_event("moscow", "fediverse-breakfast", title_ru="Завтрак", title_en="Breakfast",
                      summary_ru="Кофе и разговоры", venue_ru="Кухня", online_url="https://meet.example.org/b",
                      registration_url="https://moscow.example.org/register")  # fmt: skip
    return deliver(publish, event)


def test_a_shared_event_answers_a_fediverse_server_in_activitystreams(shared):
    path = shared.get_url()
    for accept in (ACTIVITY, LD):
        response = asked(path, accept)
        assert response.status_code == 200 and response["Content-Type"].startswith(ACTIVITY)
        assert "Accept" in response["Vary"]
    event = asked(path, ACTIVITY).json()
    assert event["type"] == "Event" and event["id"].startswith("http://moscow.localhost")
    assert event["id"].endswith("/ru/events/fediverse-breakfast/")  # the space's default language
    assert event["name"] == "Завтрак" and event["nameMap"] == {"ru": "Завтрак", "en": "Breakfast"}
    assert event["summaryMap"] == {"ru": "Кофе и разговоры"}
    assert datetime.fromisoformat(event["startTime"]) == shared.start
    assert event["startTime"].endswith("+03:00") and event["timezone"] == "Europe/Moscow"
    assert [place["type"] for place in event["location"]] == ["Place", "VirtualLocation"]
    assert event["location"][0]["name"] == "Кухня" and event["location"][1]["url"] == "https://meet.example.org/b"
    assert event["eventStatus"].endswith("/EventScheduled")
    assert (event["joinMode"], event["externalParticipationUrl"]) == ("external", "https://moscow.example.org/register")
    assert event["organizers"] == [event["attributedTo"]] and event["attributedTo"].endswith("/activitypub/actor/")
    assert "https://w3id.org/fep/8a8e" in event["@context"]

    # A browser asking the same address gets the page (the control).
    page = asked(path, BROWSER)
    assert page["Content-Type"].startswith("text/html") and "<h1" in page.content.decode()


def test_a_cancelled_event_says_so(shared, deliver):
    shared.cancelled = True
    deliver(publish, shared)
    assert asked(shared.get_url(), ACTIVITY).json()["eventStatus"].endswith("/EventCancelled")


def test_an_event_not_shared_with_the_network_is_only_a_page(deliver):
    local = deliver(publish, new_event("moscow", "local-tea", scope="local", title_ru="Чай"))
    response = asked(local.get_url(), ACTIVITY)
    assert response["Content-Type"].startswith("text/html")


def test_the_page_cache_never_answers_a_fediverse_server_with_the_page(shared, settings):
    settings.SOCLE_PAGE_CACHE_SECONDS = 600
    cache.clear()
    try:
        path = shared.get_url()
        assert asked(path, BROWSER).headers.get("X-Socle-Cache") == "miss"
        assert asked(path, BROWSER).headers.get("X-Socle-Cache") == "hit"  # the page is kept
        response = asked(path, ACTIVITY)
        assert response["Content-Type"].startswith(ACTIVITY) and response.json()["type"] == "Event"
        assert asked(path, BROWSER).headers.get("X-Socle-Cache") == "hit"  # and still the page for browsers
    finally:
        cache.clear()


def test_the_space_is_an_actor_whose_outbox_lists_what_it_shares(shared, deliver):
    local = deliver(publish, new_event("moscow", "local-only", scope="local", title_ru="Только здесь"))
    actor = asked("/activitypub/actor/", ACTIVITY).json()
    assert actor["type"] == "Group" and actor["preferredUsername"] == "moscow" and actor["name"]
    outbox = client_for("moscow.localhost").get(actor["outbox"].removeprefix("http://moscow.localhost")).json()
    assert outbox["type"] == "OrderedCollection"
    objects = [item["object"] for item in outbox["orderedItems"]]
    assert all(item["type"] == "Create" and item["actor"] == actor["id"] for item in outbox["orderedItems"])
    ids = [each["id"] for each in objects]
    assert asked(shared.get_url(), ACTIVITY).json()["id"] in ids
    assert not any(each.endswith(f"/{local.slug}/") for each in ids)
    network = EventPage.objects.live().descendant_of(shared.get_site().root_page).filter(scope="network").count()
    assert outbox["totalItems"] == network == len(ids)
    # Each space has its own: Paris's lists none of Moscow's.
    paris = client_for("paris.localhost").get("/activitypub/outbox/").json()
    assert not set(ids) & {item["object"]["id"] for item in paris["orderedItems"]}
