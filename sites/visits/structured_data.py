"""The space as schema.org describes a place open to the public: JSON-LD on its home and Visit page.

Search engines and maps read from it the space's name, address, position, contact and hours,
including the days that differ (``validFrom``/``validThrough``). One ``@id`` for both pages: they
describe the same place.
"""

from datetime import timedelta

from django.utils import timezone, translation

from sites.images.pictures import social_rendition
from sites.pagecache.tags import record_until
from sites.spaces.localize import localize

from .hours import MIDNIGHT, Weekday
from .info import visit_info
from .models import VisitPage

SCHEMA = "https://schema.org"
DAY_NAMES = {day.value: f"{SCHEMA}/{day.name.title()}" for day in Weekday}


def _time(moment) -> str:
    # schema.org's hours end within the day: midnight at the end of one is its last minute.
    return "23:59" if moment == MIDNIGHT else moment.strftime("%H:%M")


def opening_hours(info, today) -> list[dict]:
    """The regular week, days of the same hours together, then the exceptions still to come."""
    same_hours: dict[tuple, list[int]] = {}
    for row in info.hours:
        same_hours.setdefault((row.opens, row.closes), []).append(row.weekday)
    specifications = [
        {"@type": "OpeningHoursSpecification", "dayOfWeek": [DAY_NAMES[day] for day in sorted(days)],
         "opens": _time(opens), "closes": _time(closes)}
        for (opens, closes), days in sorted(same_hours.items(), key=lambda item: (min(item[1]), item[0]))
    ]  # fmt: skip
    for exception in info.upcoming_exceptions(today):
        dates = exception.as_dates()
        # Closed all day is written as opening and closing at midnight (schema.org's own example).
        opens, closes = (
            ("00:00", "00:00") if dates.hours is None else (_time(dates.hours.opens), _time(dates.hours.closes))
        )
        specifications.append({"@type": "OpeningHoursSpecification", "validFrom": dates.first.isoformat(),
                               "validThrough": dates.last.isoformat(), "opens": opens, "closes": closes})  # fmt: skip
    return specifications


def _image(page, home, request) -> str | None:
    image = getattr(page, "page_image", None) or getattr(home, "page_image", None)
    if image is None:
        return None
    rendition = social_rendition(image)  # prepared with the page's image
    return request.build_absolute_uri(rendition.url) if rendition is not None else None


def place_objects(page, request) -> list[dict]:
    """A ``LocalBusiness`` for a space's home and its Visit page; nothing for other pages."""
    from sites.spaces.models import HomePage

    space = getattr(request, "space", None)
    if space is None or not isinstance(page, HomePage | VisitPage):
        return []
    language = translation.get_language()
    home = space.site.root_page
    info = visit_info(space, home)
    home_url = request.build_absolute_uri(f"/{language}/")
    address = {"@type": "PostalAddress", "addressLocality": localize(space, "city", language, space).text,
               "addressCountry": space.country}  # fmt: skip
    if street := localize(space, "address", language, space).text:
        address["streetAddress"] = street
    place = {
        "@context": SCHEMA,
        "@type": "LocalBusiness",
        "@id": f"{home_url}#place",
        "name": localize(space, "name", language, space).text,
        "url": home_url,
        "address": address,
    }
    visit = info.page if info else None
    if visit is not None:
        if visit.has_coordinates:
            place["geo"] = {"@type": "GeoCoordinates", "latitude": float(visit.latitude),
                            "longitude": float(visit.longitude)}  # fmt: skip
            place["hasMap"] = visit.openstreetmap_url()
        if visit.phone:
            place["telephone"] = visit.phone
        if visit.email:
            place["email"] = visit.email
        now = timezone.now().astimezone(space.zone)
        if hours := opening_hours(info, now.date()):
            place["openingHoursSpecification"] = hours
            if info.exceptions:  # an exception leaves the list when its last day is over
                record_until(now.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1))
    if image := _image(page, home, request):
        place["image"] = image
    return [place]
