"""The schema.org objects Socle writes itself: the space as an organiser, the site on its home, and
each event (its times with their offset in the venue's zone, its status, where it happens).

The visitor reads a page in one language: names and descriptions are in that language (with the
space's fallback), and ``inLanguage`` says which.
"""

from django.utils import translation

from sites.events.models import EventPage
from sites.spaces.localize import localize
from sites.spaces.models import HomePage
from sites.spaces.routing import path_in_space

from .images import social_image

SCHEMA = "https://schema.org"


def _text(obj, field: str, space) -> str:
    return localize(obj, field, translation.get_language(), space).text


def home_url(request) -> str:
    return request.build_absolute_uri(f"/{translation.get_language()}/")


def organization(space, request) -> dict:
    """The space as the organisation behind its site and its events."""
    return {"@type": "Organization", "name": _text(space, "name", space), "url": home_url(request)}


def space_address(space) -> dict:
    address = {
        "@type": "PostalAddress",
        "addressLocality": _text(space, "city", space),
        "addressCountry": space.country,
    }
    street = _text(space, "address", space)
    if street:
        address["streetAddress"] = street
    return address


def website(home, request) -> dict:
    space = request.space
    return {
        "@context": SCHEMA,
        "@type": "WebSite",
        "name": _text(space, "name", space),
        "url": home_url(request),
        "inLanguage": translation.get_language(),
        "publisher": organization(space, request),
    }


def _event_location(event, space) -> list[dict]:
    locations = []
    venue = _text(event, "venue", space)
    if venue:
        # A venue in the space's own zone is at the space's address; one in another zone (an event
        # held elsewhere) is known by what its venue says only.
        elsewhere = bool(event.time_zone) and event.time_zone != space.time_zone
        locations.append({"@type": "Place", "name": venue, "address": venue if elsewhere else space_address(space)})
    if event.online_url:
        locations.append({"@type": "VirtualLocation", "url": event.online_url})
    return locations


def _attendance_mode(event, locations) -> str:
    if len(locations) > 1:
        return f"{SCHEMA}/MixedEventAttendanceMode"
    return f"{SCHEMA}/OnlineEventAttendanceMode" if event.online_url else f"{SCHEMA}/OfflineEventAttendanceMode"


def event(page: EventPage, request) -> dict:
    space = getattr(request, "space", None) or page.space
    zone = page.zone
    locations = _event_location(page, space)
    obj = {
        "@context": SCHEMA,
        "@type": "Event",
        "name": _text(page, "title", space),
        "url": request.build_absolute_uri(path_in_space(page, space) or page.get_url(request)),
        # The venue's wall clock with its offset: 19:00 in Paris reads 19:00+01:00, never 18:00Z.
        "startDate": page.start.astimezone(zone).isoformat(),
        "endDate": page.end.astimezone(zone).isoformat(),
        "eventStatus": f"{SCHEMA}/{'EventCancelled' if page.cancelled else 'EventScheduled'}",
        "eventAttendanceMode": _attendance_mode(page, locations),
        "location": locations[0] if len(locations) == 1 else locations,
        "inLanguage": translation.get_language(),
        "organizer": organization(space, request),
    }
    description = _text(page, "summary", space) or _text(page, "search_description", space)
    if description:
        obj["description"] = description
    image = social_image(page, space, request)
    if image is not None:
        obj["image"] = image["url"]
    return obj


def describe(page, request) -> list[dict]:
    """Registered on ``socle_structured_data``: what Socle's own page types say of themselves."""
    if getattr(request, "space", None) is None:
        return []
    if isinstance(page, EventPage):
        return [event(page, request)]
    if isinstance(page, HomePage):
        return [website(page, request)]
    return []
