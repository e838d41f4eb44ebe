"""Shared events on linked installs (Socle Link, ``sites/federation``), both ways.

An event a space shares with the whole network is sent to every linked install with each of its
changes: an update, a cancellation, an unpublication or a deletion (the last two as a withdrawal).
There it is recorded as a change of this install's own, so it reaches its spaces by the same road
as a local event: each space's curation (accepted at once, or held for review, or hidden) and its
calendars, feeds and JSON. The network's install passes an event from one member install on to the
others, never back to the one it came from.

Only what a visitor of the origin's public site reads crosses: the listing's texts, times and
public addresses, and the origin space's name and city. A linked install speaks only for its own
events: one that names an event of this install, or of another install, is refused.
"""

import hashlib
import zoneinfo
from datetime import datetime

from django.db.models import Q

from sites.federation import inbox
from sites.federation.models import Link, RemoteSpace
from sites.federation.schema import (
    SCHEMA_VERSION,
    SchemaError,
    require,
    require_part,
    texts_by_language,
    web_address,
)
from sites.federation.spaces import describe, remember
from sites.spaces.models import Space
from sites.sync.engine import record_change
from sites.sync.models import Change
from sites.sync.registry import exports
from sites.sync.remote import CAME_FROM

from .models import RelayedEvent
from .purges import purge_calendars
from .relay import EVENT_CHANGE, RELAYED_TEXTS

MESSAGE = "events.event"


def _for_link(payload: dict, link: Link) -> tuple[dict | None, list[str] | None]:
    """What ``link``'s install is sent of this change: the listing (or None: nothing for it), and the
    hostnames of its spaces the event is shared with (None: shared with the whole network)."""
    if payload["listing"] is None:
        return None, None
    if payload["targets"] is None:
        return payload["listing"], None
    chosen = RemoteSpace.objects.filter(pk__in=payload.get("remote_targets") or [], link=link)
    hostnames = sorted(chosen.values_list("hostname", flat=True))
    return (payload["listing"], hostnames) if hostnames else (None, None)


def _sent_before(change: Change, link: Link) -> bool:
    earlier = Change.objects.filter(kind=EVENT_CHANGE, payload__uid=change.payload["uid"], pk__lt=change.pk)
    return any(_for_link(payload, link)[0] is not None
               for payload in earlier.exclude(payload__listing=None).values_list("payload", flat=True))  # fmt: skip


@exports(EVENT_CHANGE, both_ways=True)
def shared_event_message(change: Change, link: Link) -> dict | None:
    payload = change.payload
    listing, chosen = _for_link(payload, link)
    if listing is None and not _sent_before(change, link):
        return None  # never shared with this install's spaces: it has nothing to withdraw
    origin = payload.get("origin")
    if origin is None and listing is not None:
        space = Space.objects.select_related("site").filter(pk=payload["origin_space"]).first()
        if space is None:
            return None  # the space was deleted since
        origin = describe(space)
    digest = hashlib.sha256(payload["uid"].encode()).hexdigest()[:32]
    return {
        "schema": SCHEMA_VERSION,
        "id": f"{MESSAGE}.{digest}.{payload['sequence']}",
        "type": MESSAGE,
        "uid": payload["uid"],
        "event": payload["event"],
        "sequence": payload["sequence"],
        "origin": origin if listing is not None else None,
        "listing": listing,
        # Shared with chosen spaces of that install only (their hostnames); absent: the whole network.
        **({"for": chosen} if chosen is not None else {}),
    }


@inbox.accepts(MESSAGE)
def apply_shared_event(link: Link, document: dict) -> None:
    fields = require(document, {"uid": str, "event": int, "sequence": int}, "shared event")
    uid = fields["uid"][:255]
    _refuse_if_not_theirs(link, uid)
    listing, remote, targets, remote_targets = document.get("listing"), None, None, []
    if listing is not None:
        remote = remember(link, document.get("origin"))
        if not uid.endswith("@" + remote.hostname):
            raise SchemaError(f"The event “{uid}” is not one of the space {remote.hostname}'s.")
        listing = _checked_listing(listing, uid)
        if "for" in document:
            targets, remote_targets = _chosen_here(link, document["for"])
    elif not _listed_before(uid):
        return  # withdrawn before it reached any space here, or any install beyond
    record_change(
        EVENT_CHANGE,
        {
            "event": fields["event"],
            "uid": uid,
            "sequence": fields["sequence"],
            "origin_space": None,
            "origin_remote": remote.pk if remote is not None else None,
            "origin": document.get("origin") if remote is not None else None,
            "targets": targets if listing is not None else [],
            "remote_targets": remote_targets,
            "listing": listing,
            CAME_FROM: link.pk,
        },
    )


def _chosen_here(link: Link, hostnames) -> tuple[list[int], list[int]]:
    """The spaces an event shared with chosen spaces is for: this install's own, and those of its other
    linked installs (the network's install passes it on to them). A hostname no longer known is skipped."""
    if not isinstance(hostnames, list) or not all(isinstance(name, str) for name in hostnames):
        raise SchemaError("The shared event's “for” must be a list of hostnames.")
    hostnames = {name.lower()[:255] for name in hostnames[:1000]}
    local = Space.objects.filter(site__hostname__in=hostnames).exclude(status=Space.Status.CLOSED)
    beyond = RemoteSpace.objects.filter(hostname__in=hostnames).exclude(link=link)
    return sorted(local.values_list("pk", flat=True)), sorted(beyond.values_list("pk", flat=True))


def _listed_before(uid: str) -> bool:
    """Whether a listing of the event was recorded here: its spaces, or the installs it was passed on
    to, have one to withdraw."""
    return Change.objects.filter(kind=EVENT_CHANGE, payload__uid=uid).exclude(payload__listing=None).exists()


def _refuse_if_not_theirs(link: Link, uid: str) -> None:
    """An event listed here from anywhere but this link (a space of this install, another install)."""
    listed = RelayedEvent.objects.filter(uid=uid)
    if listed.filter(Q(origin_remote__isnull=True) | ~Q(origin_remote__link=link)).exists():
        raise SchemaError(f"The event “{uid}” is not one your install shares.")


def _checked_listing(listing, uid: str) -> dict:
    fields = require_part(
        listing,
        {"texts": dict, "languages": list, "urls": dict, "start": str, "end": str, "time_zone": str,
         "online_url": str, "registration_url": str, "programme_kind": str, "cancelled": bool},  # fmt: skip
        "event listing",
    )
    try:
        start, end = datetime.fromisoformat(fields["start"]), datetime.fromisoformat(fields["end"])
    except ValueError as error:
        raise SchemaError(f"The event's start or end is not an ISO 8601 time: {error}") from None
    if start.tzinfo is None or end.tzinfo is None or end < start:
        raise SchemaError("The event's start and end must be times with their offset, the end after the start.")
    if fields["time_zone"] not in zoneinfo.available_timezones():
        raise SchemaError(f"The event's time zone “{fields['time_zone'][:64]}” is not an IANA time zone.")
    texts = {
        name: texts_by_language(fields["texts"][name], f"event's {name}", 2000)
        for name in (*RELAYED_TEXTS, "programme")
        if name in fields["texts"]
    }
    if not any((texts.get("title") or {}).values()):
        raise SchemaError("The event has no title.")
    urls = texts_by_language(fields["urls"], "event's addresses", 500)
    return {
        "uid": uid,
        "texts": texts,
        "languages": [code for code in fields["languages"] if isinstance(code, str) and len(code) <= 10][:10],
        "urls": {code: web_address(url, "event's address") for code, url in urls.items()},
        "start": start.isoformat(),
        "end": end.isoformat(),
        "time_zone": fields["time_zone"],
        "online_url": web_address(fields["online_url"], "event's online link"),
        "registration_url": web_address(fields["registration_url"], "event's registration link"),
        "programme_kind": fields["programme_kind"][:20],
        "cancelled": fields["cancelled"],
    }


def forget_their_events(sender, link: Link, **kwargs) -> None:
    """``federation.signals.revoked``: the events of a revoked install's spaces leave every calendar here."""
    shown_in = RelayedEvent.objects.filter(origin_remote__link=link).values_list("space_id", flat=True).distinct()
    purge_calendars(list(shown_in))
    RemoteSpace.objects.filter(link=link).delete()  # and their listings with them
