"""When an event happens, in the space's time zone and the page's language (CLDR via Babel)."""

import zoneinfo

from babel import Locale
from babel.dates import format_date, format_interval, format_skeleton, format_time, get_timezone_location
from django import template
from django.utils import translation

from ..models import EventPage

register = template.Library()


def _date_and_time(locale: Locale, date_text: str, time_text: str) -> str:
    # The locale's own way of joining a date and a time ("{1} 'à' {0}" in French).
    pattern = str(locale.datetime_formats["full"]).replace("'", "")
    return pattern.replace("{1}", date_text).replace("{0}", time_text)


def format_event_time(start, end, zone, language: str) -> str:
    """ "jeudi 3 décembre 2026 à 19:00 – 21:00" in ``zone``, written in ``language``."""
    locale = Locale.parse(language)
    start, end = start.astimezone(zone), end.astimezone(zone)
    twelve_hour = "h" in locale.time_formats["short"].pattern
    if start.date() == end.date():
        hours = format_interval(start, end, skeleton="hm" if twelve_hour else "Hm", tzinfo=zone, locale=locale)
        return _date_and_time(locale, format_date(start, "full", locale=locale), hours)
    return " – ".join(
        _date_and_time(locale, format_date(moment, "full", locale=locale), format_time(moment, "short", locale=locale))
        for moment in (start, end)
    )


@register.simple_tag(takes_context=True)
def event_when(context, event) -> str:
    space = getattr(context.get("request"), "space", None)
    zone = space.zone if space is not None else event.start.tzinfo
    return format_event_time(event.start, event.end, zone, translation.get_language())


def zone_label(zone, language: str, spaces=()) -> str:
    """A zone named the way a reader knows it: the city of a space in that zone, in the reader's
    language (the space's own translation, else CLDR's name when the zone is named after that city),
    else CLDR's city for the zone."""
    from sites.spaces.localize import localize

    cldr_city = get_timezone_location(zone, locale=Locale.parse(language), return_city=True)
    for space in spaces:
        if space is None or space.time_zone != zone.key:
            continue
        city = localize(space, "city", language, space)
        if not city.is_fallback:
            return city.text
        named_after = get_timezone_location(zone, locale=Locale.parse("en"), return_city=True)
        if named_after == getattr(space, "city_en", None):
            return cldr_city  # Paris for Europe/Paris: CLDR knows how Russian writes it
        return city.text  # Bangalore for Asia/Kolkata: the space's own name, not CLDR's Kolkata
    return cldr_city


@register.simple_tag
def localized(value):
    """A translated text (``spaces.localize.Localized``) with its ``lang`` mark when it fell back."""
    return value


def format_other_zone(start, site_zone, site_label: str, zone, label: str, language: str) -> str:
    """ "19:00 Москва · 17:00 Париж": the start in the site's zone and in the event's, when they differ.

    Empty when both zones give the same wall-clock time at the start (Paris and Berlin, or Paris in
    winter and Lagos). The event's date is added when it is another day there.
    """
    here, there = start.astimezone(site_zone), start.astimezone(zone)
    if here.replace(tzinfo=None) == there.replace(tzinfo=None):
        return ""
    locale = Locale.parse(language)
    other = f"{format_time(there, 'short', locale=locale)} {label}"
    if there.date() != here.date():
        other += f" ({format_skeleton('MMMEd', there, locale=locale)})"
    return f"{format_time(here, 'short', locale=locale)} {site_label} · {other}"


def _event_zone(event, space):
    zone = getattr(event, "zone", None) if not isinstance(event, EventPage) else None
    if zone is None:
        # An event page listed on its own site: its venue's zone, else the site's.
        zone = zoneinfo.ZoneInfo(event.time_zone) if event.time_zone else space.zone
    return zone


@register.simple_tag(takes_context=True)
def event_zones(context, event) -> str:
    """The start in the site's zone and in the event's own, when they differ (else nothing)."""
    space = getattr(context.get("request"), "space", None)
    if space is None:
        return ""
    language = translation.get_language()
    zone = _event_zone(event, space)
    origin = getattr(event, "origin_space", None)
    return format_other_zone(
        event.start,
        space.zone,
        zone_label(space.zone, language, [space]),
        zone,
        zone_label(zone, language, [origin, space]),
        language,
    )
