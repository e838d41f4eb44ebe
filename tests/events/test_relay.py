"""A shared event reaches the spaces it targets through the sync engine, and follows every change."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from sites.events.models import EventSequence, RelayedEvent
from sites.events.relay import EVENT_CHANGE
from sites.events.sync import deliver_event
from sites.spaces.models import Space
from sites.sync.models import Change
from tests.helpers import add_bare_spaces

from .conftest import new_event, publish, space

pytestmark = pytest.mark.django_db


def listings(event):
    return {
        relay.space.slug: relay
        for relay in RelayedEvent.objects.filter(origin_event_id=event.pk).select_related("space")
    }


def test_a_network_event_is_listed_by_every_other_space_with_the_origins_texts_and_links(deliver):
    event = new_event("paris", "network-colunch", title_fr="Colunch du réseau", title_en="Network colunch")
    deliver(publish, event)
    relays = listings(event)
    assert set(relays) == {"moscow", "bangalore"}  # never its own space
    moscow = relays["moscow"]
    assert moscow.texts["title"] == {"fr": "Colunch du réseau", "en": "Network colunch"}
    assert moscow.languages == ["fr", "en"]
    assert moscow.origin_urls["fr"].endswith("/fr/events/network-colunch/")
    assert moscow.origin_urls["en"].startswith("http://paris.localhost")
    assert moscow.start == event.start and moscow.time_zone == "Europe/Paris"
    assert moscow.curation == RelayedEvent.Curation.ACCEPTED and not moscow.withdrawn
    assert moscow.uid == f"event-{event.pk}@paris.localhost" == relays["bangalore"].uid


def test_the_target_reads_its_own_language_then_the_origins_marked_with_lang(deliver):
    event = new_event("paris", "bilingual", title_fr="Journée colunch", title_en="Colunch day")
    deliver(publish, event)
    relay = listings(event)["moscow"]
    moscow = space("moscow")
    assert relay.text("title", "en", moscow).text == "Colunch day"
    russian = relay.text("title", "ru", moscow)
    assert (russian.text, russian.language, russian.is_fallback) == ("Colunch day", "en", True)
    assert 'lang="en"' in russian.__html__()
    # Only French at the origin: a Moscow reader gets the French, marked as French.
    french_only = new_event("paris", "french-only", title_fr="Seulement en français", venue_en="", venue_fr="Rez")
    deliver(publish, french_only)
    assert listings(french_only)["moscow"].text("title", "ru", moscow).language == "fr"


def test_chosen_spaces_only_and_a_narrowed_choice_withdraws_the_listing(deliver):
    event = new_event("moscow", "webinar", scope="chosen", targets=["paris", "bangalore"], title_ru="Вебинар")
    deliver(publish, event)
    assert {slug: relay.withdrawn for slug, relay in listings(event).items()} == {"paris": False, "bangalore": False}

    event.target_spaces = [space("paris")]
    deliver(publish, event)
    assert {slug: relay.withdrawn for slug, relay in listings(event).items()} == {"paris": False, "bangalore": True}

    event.scope = "local"
    deliver(publish, event)
    assert all(relay.withdrawn for relay in listings(event).values())


def test_update_cancel_unpublish_and_delete_follow_the_origin(deliver):
    event = new_event("paris", "followed", title_fr="Avant")
    deliver(publish, event)
    event.title_fr = "Après"
    event.cancelled = True
    deliver(publish, event)
    relay = listings(event)["moscow"]
    assert relay.texts["title"]["fr"] == "Après" and relay.cancelled and relay.sequence == 2

    deliver(event.unpublish)
    assert listings(event)["moscow"].withdrawn
    event.cancelled = False
    deliver(publish, event)
    assert not listings(event)["moscow"].withdrawn and not listings(event)["moscow"].cancelled

    event_id = event.pk
    assert EventSequence.objects.get(event_id=event_id).sequence == 4
    deliver(event.delete)
    relays = RelayedEvent.objects.filter(origin_event_id=event_id)
    assert relays.count() == 2 and all(relay.withdrawn for relay in relays)
    assert EventSequence.objects.get(event_id=event_id).sequence > 4
    assert all(relay.sequence == EventSequence.objects.get(event_id=event_id).sequence for relay in relays)


def test_a_local_event_is_never_announced_but_still_counts_its_changes(deliver):
    before = Change.objects.filter(kind=EVENT_CHANGE).count()
    event = new_event("paris", "local-only", scope="local")
    deliver(publish, event)
    deliver(publish, event)
    assert Change.objects.filter(kind=EVENT_CHANGE).count() == before
    assert not RelayedEvent.objects.filter(origin_event_id=event.pk).exists()
    assert EventSequence.objects.get(event_id=event.pk).sequence == 2


def test_delivering_a_change_twice_is_delivering_it_once(deliver):
    event = new_event("paris", "twice")
    deliver(publish, event)
    change = Change.objects.filter(kind=EVENT_CHANGE, payload__event=event.pk).latest("pk")
    before = {
        (r.space_id, r.sequence, r.updated_at, r.curation)
        for r in RelayedEvent.objects.filter(origin_event_id=event.pk)
    }
    deliver_event(change, list(Space.objects.all()))
    after = {
        (r.space_id, r.sequence, r.updated_at, r.curation)
        for r in RelayedEvent.objects.filter(origin_event_id=event.pk)
    }
    assert after == before and len(after) == 2


def test_an_older_change_delivered_late_never_overwrites_a_newer_one(deliver, monkeypatch):
    event = new_event("paris", "late", title_fr="Version 1")
    # Hold the workers back: record both changes, then deliver them in the wrong order.
    monkeypatch.setattr("sites.sync.engine._hand_to_broker", lambda change_id: None)
    deliver(publish, event)
    event.title_fr = "Version 2"
    deliver(publish, event)
    first, second = Change.objects.filter(kind=EVENT_CHANGE, payload__event=event.pk).order_by("pk")
    spaces = list(Space.objects.all())
    deliver_event(second, spaces)
    deliver_event(first, spaces)
    relay = listings(event)["moscow"]
    assert relay.sequence == 2 and relay.texts["title"]["fr"] == "Version 2"


def test_a_hidden_event_stays_hidden_through_later_updates(deliver):
    event = new_event("paris", "hidden-one", title_fr="Première")
    deliver(publish, event)
    RelayedEvent.objects.filter(origin_event_id=event.pk, space__slug="moscow").update(curation="hidden")
    event.title_fr = "Deuxième"
    deliver(publish, event)
    deliver(event.unpublish)
    deliver(publish, event)
    relay = listings(event)["moscow"]
    assert relay.curation == "hidden" and relay.texts["title"]["fr"] == "Deuxième" and not relay.withdrawn


def test_a_space_that_reviews_network_events_holds_them_until_an_editor_decides(deliver):
    Space.objects.filter(slug="bangalore").update(network_events="review")
    event = new_event("paris", "to-review")
    deliver(publish, event)
    relays = listings(event)
    assert relays["bangalore"].curation == "awaiting" and relays["moscow"].curation == "accepted"


def test_delivery_costs_the_same_queries_for_five_spaces_as_for_forty(deliver, monkeypatch):
    add_bare_spaces(40, prefix="relay")
    monkeypatch.setattr("sites.sync.engine._hand_to_broker", lambda change_id: None)
    event = new_event("paris", "many-spaces")
    deliver(publish, event)
    change = Change.objects.filter(kind=EVENT_CHANGE, payload__event=event.pk).get()
    bare = list(Space.objects.filter(slug__startswith="relay-").order_by("slug"))

    def queries(spaces):
        with CaptureQueriesContext(connection) as captured:
            deliver_event(change, spaces)
        return len(captured)

    few, many = queries(bare[:5]), queries(bare[5:])
    assert few == many <= 4
    assert RelayedEvent.objects.filter(origin_event_id=event.pk).count() == 40

    # A newer change brings every listing up to date, still per batch.
    event.title_fr = "Nouveau titre"
    deliver(publish, event)
    newer = Change.objects.filter(kind=EVENT_CHANGE, payload__event=event.pk).latest("pk")
    change = newer
    few, many = queries(bare[:5]), queries(bare[5:])
    assert few == many <= 4
    assert RelayedEvent.objects.filter(origin_event_id=event.pk, sequence=2).count() == 40
