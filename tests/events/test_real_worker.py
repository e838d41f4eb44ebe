"""Against the real thing: a Celery worker on Redis and PostgreSQL relays a network event's every change.

Like tests/sync/test_real_worker.py, this commits to the test database (a worker cannot see a
test's transaction), so it removes what it made afterwards.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from sites.events.models import EventSequence, RelayedEvent
from sites.events.relay import EVENT_CHANGE
from sites.sync.models import Change
from tests.helpers import client_for
from tests.sync.conftest import Worker, broker, flush_broker, wait_for

from .conftest import new_event, publish

TARGETS = ("moscow", "bangalore")


@pytest.fixture
def worker(real_services, django_db_blocker, tmp_path):
    with django_db_blocker.unblock():
        flush_broker(real_services["broker_url"])
        changes_before = set(Change.objects.filter(kind=EVENT_CHANGE).values_list("pk", flat=True))
    running = Worker(real_services["database_url"], real_services["broker_url"], tmp_path / "worker.log")
    try:
        yield running
    finally:
        running.stop()
        with django_db_blocker.unblock():
            made = Change.objects.filter(kind=EVENT_CHANGE).exclude(pk__in=changes_before)
            event_ids = {change.payload["event"] for change in made}
            RelayedEvent.objects.filter(origin_event_id__in=event_ids).delete()
            EventSequence.objects.filter(event_id__in=event_ids).delete()
            made.delete()
            get_user_model().objects.filter(username="bangalore-worker-editor").delete()
            flush_broker(real_services["broker_url"])


def calendar(space: str) -> str:
    return client_for(f"{space}.localhost").get("/en/network-calendar/").content.decode()


def card(space: str, title: str) -> str:
    """The calendar card that shows ``title`` on ``space``'s site ('' when it is not listed)."""
    for chunk in calendar(space).split("<article")[1:]:
        if title in chunk:
            return chunk.split("</article>")[0]
    return ""


def bangalore_editor() -> Client:
    user = get_user_model().objects.create_user("bangalore-worker-editor", "blr@example.org", "pw")
    user.groups.add(Group.objects.get(name="bangalore editors"))
    client = Client()
    client.force_login(user)
    return client


def test_publish_update_curate_cancel_and_delete_reach_every_target_site(worker, real_services, django_db_blocker):
    with django_db_blocker.unblock(), broker(real_services["broker_url"]):
        event = new_event("paris", "worker-drinks", title_fr="Apéro du réseau", title_en="Network drinks")
        publish(event)  # autocommit: the change is handed to the broker as the publish commits

        # Moscow shows network events at once; Bangalore holds them for its editors.
        wait_for(lambda: card("moscow", "Network drinks"), 60, "Moscow lists the event")
        relay = wait_for(
            lambda: RelayedEvent.objects.filter(space__slug="bangalore", origin_event_id=event.pk).first(),
            60,
            "Bangalore receives the event",
        )
        assert relay.curation == "awaiting" and not card("bangalore", "Network drinks")
        bangalore_editor().post(f"/admin/network-events/{relay.pk}/accept/")
        assert card("bangalore", "Network drinks")

        event.title_en = "Network drinks, on the roof"
        publish(event)
        wait_for(
            lambda: all(card(space, "Network drinks, on the roof") for space in TARGETS),
            60,
            "the new title on every target site",
        )

        # Moscow hides it: later updates of the origin never bring it back.
        RelayedEvent.objects.filter(space__slug="moscow", origin_event_id=event.pk).update(curation="hidden")
        event.cancelled = True
        publish(event)
        wait_for(lambda: "Cancelled" in card("bangalore", "Network drinks"), 60, "Bangalore shows the cancellation")
        assert not card("moscow", "Network drinks")
        hidden = RelayedEvent.objects.get(space__slug="moscow", origin_event_id=event.pk)
        assert hidden.curation == "hidden" and hidden.cancelled

        event_id = event.pk
        event.delete()
        wait_for(lambda: not card("bangalore", "Network drinks"), 60, "the deletion reaches Bangalore")
        listings = RelayedEvent.objects.filter(origin_event_id=event_id)
        wait_for(lambda: all(relay.withdrawn for relay in listings), 60, "every listing withdrawn")
        assert listings.count() == len(TARGETS)
