"""Events of the demo network's spaces, published the way an editor publishes them."""

from datetime import UTC, datetime, timedelta

import pytest

from sites.events.models import EventIndexPage, EventPage
from sites.spaces.models import Space
from tests.sync.conftest import real_services  # noqa: F401  (PostgreSQL and Redis for real workers)


def space(slug: str) -> Space:
    return Space.objects.select_related("site__root_page").get(slug=slug)


def new_event(origin: str, slug: str, *, scope="network", targets=(), start=None, hours=2, **fields) -> EventPage:
    """A draft event in ``origin``'s calendar (not published yet)."""
    home = space(origin).site.root_page
    index = EventIndexPage.objects.descendant_of(home).get()
    start = start or datetime.now(UTC).replace(microsecond=0) + timedelta(days=10)
    texts = {f"title_{space(origin).default_language}": f"Event {slug}", "venue_en": "The hall"}
    texts.update(fields)
    event = EventPage(slug=slug, start=start, end=start + timedelta(hours=hours), scope=scope, live=False, **texts)
    index.add_child(instance=event)
    if targets:
        event.target_spaces = [space(slug) for slug in targets]
    return event


def publish(event: EventPage) -> EventPage:
    """Save a revision and publish it, as the admin's Publish button does."""
    event.save_revision().publish()
    event.refresh_from_db()
    return event


@pytest.fixture
def deliver(django_capture_on_commit_callbacks):
    """Run what a commit hands to the workers (tasks run in-process here), like a worker would."""

    class Delivering:
        def __call__(self, action, *args, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return action(*args, **kwargs)

    return Delivering()
