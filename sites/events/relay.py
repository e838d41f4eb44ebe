"""Sharing an event with other spaces: each change of a shared event is announced through the sync engine.

Publishing, updating, cancelling, unpublishing or deleting an event counts one more change of it
(its sequence, also its iCalendar SEQUENCE). When the event is shared, or was shared before, the
change is written to the outbox in the same transaction, with a snapshot of the event: the spaces
it targets and everything their listing shows. A space no longer targeted withdraws its listing.
"""

from datetime import datetime

from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation

from sites.spaces.localize import has_content
from sites.spaces.models import Space
from sites.sync.engine import record_change
from sites.sync.models import Change

from .models import EventPage, EventSequence

EVENT_CHANGE = "events.event"
RELAYED_TEXTS = ("title", "summary", "venue")


def event_uid(event_id: int, space: Space) -> str:
    """A UID that never changes and is the same on every site that lists the event."""
    return f"event-{event_id}@{space.site.hostname}"


def next_sequence(event_id: int, *, shared: bool) -> tuple[int, bool]:
    """Count one more change of the event: its new sequence, and whether it had been shared before."""
    row, _created = EventSequence.objects.select_for_update().get_or_create(event_id=event_id)
    was_shared = row.relayed
    row.sequence += 1
    row.relayed = was_shared or shared
    row.save(update_fields=["sequence", "relayed"])
    return row.sequence, was_shared


def snapshot(event: EventPage, space: Space) -> dict:
    """What another space's listing of ``event`` shows, in every language the origin writes."""
    languages = space.language_codes
    texts = {
        field: {code: str(value) for code in languages if has_content(value := getattr(event, f"{field}_{code}", ""))}
        for field in RELAYED_TEXTS
    }
    default = space.default_language
    for field in ("title",):
        # The network's default language mirrors a page's title when no one translated it (Wagtail's
        # title is required): the same text is the default language's, and is marked as such.
        values = texts[field]
        for code in [code for code in values if code != default and values[code] == values.get(default)]:
            del values[code]
    programme = event.programme
    if programme is not None:
        texts["programme"] = {
            code: value for code in languages if has_content(value := getattr(programme, f"title_{code}", ""))
        }
    urls = {}
    for code in languages:
        with translation.override(code):
            url = event.get_full_url()
        if url:
            urls[code] = url
    return {
        "uid": event_uid(event.pk, space),
        "texts": texts,
        "languages": languages,
        "urls": urls,
        "start": event.start.isoformat(),
        "end": event.end.isoformat(),
        "time_zone": event.time_zone or space.time_zone,
        "online_url": event.online_url,
        "registration_url": event.registration_url,
        "programme_kind": programme.kind if programme is not None else "",
        "cancelled": event.cancelled,
    }


@transaction.atomic
def announce(event: EventPage, *, live: bool):
    """Count a change of ``event`` and, if it is or was shared, tell its target spaces (the outbox)."""
    space = Space.objects.select_related("site").for_page(event)
    if space is None:
        return None
    shared = live and event.scope != EventPage.Scope.LOCAL
    sequence, was_shared = next_sequence(event.pk, shared=shared)
    if not shared and not was_shared:
        return None
    remote_targets = []  # spaces of linked installs (Socle Link), when shared with chosen spaces
    if not shared:
        targets, listing = [], None  # every listing of it is withdrawn
    elif event.scope == EventPage.Scope.NETWORK:
        targets, listing = None, snapshot(event, space)
    else:
        targets = sorted(target.pk for target in event.target_spaces.all() if target.pk != space.pk)
        remote_targets = sorted(target.pk for target in event.target_remote_spaces.all())
        listing = snapshot(event, space)
    return record_change(
        EVENT_CHANGE,
        {
            "event": event.pk,
            "uid": event_uid(event.pk, space),
            "sequence": sequence,
            "origin_space": space.pk,
            "targets": targets,
            "remote_targets": remote_targets,
            "listing": listing,
        },
    )


def shared_with_the_network_before(change: Change) -> bool:
    """Whether an earlier change of the same event shared it with the whole network (linked installs
    and the fediverse have a listing of it to update or withdraw)."""
    earlier = Change.objects.filter(kind=EVENT_CHANGE, payload__uid=change.payload["uid"], pk__lt=change.pk)
    return earlier.filter(payload__targets=None).exclude(payload__listing=None).exists()


def changes_for_a_new_space() -> list[int]:
    """The latest change of every event shared with the whole network that has not ended yet: what a
    space opened today must receive to show the network's coming events."""
    latest = (
        Change.objects.filter(kind=EVENT_CHANGE)
        .values("payload__uid")
        .annotate(last=Max("pk"))
        .values_list("last", flat=True)
    )
    now = timezone.now()
    return [
        change.pk
        for change in Change.objects.filter(pk__in=list(latest)).order_by("pk")
        if change.payload["listing"] is not None
        and change.payload["targets"] is None
        and datetime.fromisoformat(change.payload["listing"]["end"]) >= now
    ]


def on_published(sender, instance, **kwargs) -> None:
    announce(instance, live=True)


def on_unpublished(sender, instance, **kwargs) -> None:
    announce(instance, live=False)


def on_deleted(sender, instance, **kwargs) -> None:
    announce(instance, live=False)
