"""A shared event's change, applied by the sync engine to one batch of spaces at a time.

Idempotent (the same change delivered twice changes nothing the second time), monotonic (a change
older than the one a space's listing already shows never takes it backwards), and a few queries
per batch whatever its size. A space's curation of a listing is never touched here: an event it
hid stays hidden through every later update of the origin.
"""

from datetime import datetime

from django.utils import timezone

from sites.sync.registry import register

from .models import RelayedEvent
from .purges import purge_calendars
from .relay import EVENT_CHANGE


def listing_fields(listing: dict) -> dict:
    return {
        "uid": listing["uid"],
        "texts": listing["texts"],
        "languages": listing["languages"],
        "origin_urls": listing["urls"],
        "start": datetime.fromisoformat(listing["start"]),
        "end": datetime.fromisoformat(listing["end"]),
        "time_zone": listing["time_zone"],
        "online_url": listing["online_url"],
        "registration_url": listing["registration_url"],
        "programme_kind": listing["programme_kind"],
        "cancelled": listing["cancelled"],
    }


def initial_curation(space) -> str:
    if space.network_events == space.NetworkEvents.REVIEW:
        return RelayedEvent.Curation.AWAITING
    return RelayedEvent.Curation.ACCEPTED


@register(EVENT_CHANGE)
def deliver_event(change, spaces) -> None:
    payload = change.payload
    uid, sequence, listing = payload["uid"], payload["sequence"], payload["listing"]
    targets = None if payload["targets"] is None else set(payload["targets"])

    def targeted(space) -> bool:
        if listing is None or space.pk == payload["origin_space"]:
            return False
        return targets is None or space.pk in targets

    aimed = {space.pk: space for space in spaces if targeted(space)}
    known = dict(
        RelayedEvent.objects.filter(uid=uid, space__in=[space.pk for space in spaces]).values_list(
            "space_id", "sequence"
        )
    )
    now = timezone.now()
    fields = listing_fields(listing) if listing is not None else {}

    new = [
        RelayedEvent(
            space=space,
            origin_event_id=payload["event"],
            origin_space_id=payload["origin_space"],
            origin_remote_id=payload.get("origin_remote"),
            sequence=sequence,
            curation=initial_curation(space),
            updated_at=now,
            **fields,
        )
        for pk, space in aimed.items()
        if pk not in known
    ]
    RelayedEvent.objects.bulk_create(new, ignore_conflicts=True)

    # Listings this change is newer than: brought up to it (targeted) or withdrawn (no longer targeted).
    behind = [pk for pk, known_sequence in known.items() if known_sequence < sequence]
    refresh = [pk for pk in behind if pk in aimed]
    withdraw = [pk for pk in behind if pk not in aimed]
    stale = RelayedEvent.objects.filter(uid=uid, sequence__lt=sequence)
    if refresh:
        stale.filter(space_id__in=refresh).update(sequence=sequence, withdrawn=False, updated_at=now, **fields)
    if withdraw:
        stale.filter(space_id__in=withdraw).update(sequence=sequence, withdrawn=True, updated_at=now)

    # What these spaces' calendars show has changed: their cached calendars are purged.
    purge_calendars([relayed.space_id for relayed in new] + refresh + withdraw)
