"""A space's shared events for the fediverse: ActivityStreams 2.0 ``Event`` objects with the fields
FEP-8a8e describes (Mobilizon and Gancio read them), the space as a ``Group`` actor, and its outbox.

An event shared with the whole network answers in ActivityStreams on its own address when it is
asked for (``Accept: application/activity+json``, or ``application/ld+json`` with the
ActivityStreams profile); a browser still gets its page. Only what the public page shows is given:
titles and summaries in every language the space writes, times with the venue's IANA zone, the
venue or online link, the registration link, whether it is cancelled. The space's actor, its inbox
and what its followers are sent are ``sites/fediverse``'s.
"""

from django.http import JsonResponse
from django.urls import reverse
from django.utils import translation

from sites.spaces.localize import has_content

from .models import EventPage

ACTIVITY_TYPES = ("application/activity+json", "application/ld+json")
CONTENT_TYPE = "application/activity+json; charset=utf-8"
PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
FEP = "https://w3id.org/fep/8a8e"
CONTEXT = [
    "https://www.w3.org/ns/activitystreams",
    FEP,
    {
        "schema": "https://schema.org/",
        "address": "schema:address",
        "VirtualLocation": "schema:VirtualLocation",
        "timezone": f"{FEP}/timezone",
        "eventStatus": {"@id": f"{FEP}/eventStatus", "@type": "@id"},
        "joinMode": f"{FEP}/joinMode",
        "externalParticipationUrl": {"@id": f"{FEP}/externalParticipationUrl", "@type": "@id"},
        "organizers": {"@id": f"{FEP}/organizers", "@type": "@id"},
    },
]
OUTBOX_SIZE = 200


def wants_activity(accept: str) -> bool:
    """Whether an ``Accept`` header asks for ActivityStreams rather than a page."""
    for part in accept.split(","):
        kind = part.split(";", 1)[0].strip().lower()
        if kind == "application/activity+json":
            return True
        if kind == "application/ld+json" and "activitystreams" in part:
            return True
    return False


def respond(document: dict) -> JsonResponse:
    response = JsonResponse(document, content_type=CONTENT_TYPE, json_dumps_params={"ensure_ascii": False})
    response["Vary"] = "Accept"
    return response


def _absolute(space, path: str) -> str:
    return space.site.root_url.rstrip("/") + path


def actor_id(space) -> str:
    return _absolute(space, reverse("activitypub_actor"))


def outbox_id(space) -> str:
    return _absolute(space, reverse("activitypub_outbox"))


def _texts(event, field: str, space) -> dict[str, str]:
    return {code: str(value) for code in space.language_codes
            if has_content(value := getattr(event, f"{field}_{code}", None))}  # fmt: skip


def event_id(event: EventPage, space) -> str:
    """The event's address in its space's default language: the same whatever language asked."""
    with translation.override(space.default_language):
        return event.get_full_url()


def event_object(event: EventPage, space) -> dict:
    names, summaries, venues = (_texts(event, field, space) for field in ("title", "summary", "venue"))
    default = space.default_language
    zone = event.zone
    locations = []
    if venues:
        place = {"type": "Place", "name": venues.get(default) or next(iter(venues.values()))}
        if space.address:
            place["address"] = space.address
        locations.append(place)
    if event.online_url:
        locations.append({"type": "VirtualLocation", "name": names.get(default, ""), "url": event.online_url})
    document = {
        "@context": CONTEXT,
        "type": "Event",
        "id": event_id(event, space),
        "url": event_id(event, space),
        "name": names.get(default) or next(iter(names.values()), event.title),
        "nameMap": names,
        "startTime": event.start.astimezone(zone).isoformat(),
        "endTime": event.end.astimezone(zone).isoformat(),
        "timezone": zone.key,
        "location": locations,
        "eventStatus": f"{FEP}/EventCancelled" if event.cancelled else f"{FEP}/EventScheduled",
        "attributedTo": actor_id(space),
        "organizers": [actor_id(space)],
        "to": [PUBLIC],
        "published": (event.first_published_at or event.last_published_at).isoformat(),
        "updated": (event.last_published_at or event.first_published_at).isoformat(),
    }
    if summaries:
        document["summary"] = summaries.get(default) or next(iter(summaries.values()))
        document["summaryMap"] = summaries
    if event.registration_url:
        document["joinMode"], document["externalParticipationUrl"] = "external", event.registration_url
    else:
        document["joinMode"] = "none"
    return document


def shared_events(space):
    """The events a space shares with the whole network, live, newest first."""
    return (
        EventPage.objects.live()
        .descendant_of(space.site.root_page)
        .filter(scope=EventPage.Scope.NETWORK)
        .order_by("-last_published_at")
    )


def outbox(space) -> dict:
    """The space's outbox: a ``Create`` for each event it shares, newest first."""
    events = list(shared_events(space)[:OUTBOX_SIZE])
    items = []
    for event in events:
        item = event_object(event, space)
        del item["@context"]
        items.append({"type": "Create", "id": f"{item['id']}#create", "actor": actor_id(space),
                      "published": item["published"], "to": [PUBLIC], "object": item})  # fmt: skip
    return {"@context": CONTEXT, "type": "OrderedCollection", "id": outbox_id(space),
            "totalItems": shared_events(space).count(), "orderedItems": items}  # fmt: skip
