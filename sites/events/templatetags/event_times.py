"""When an event happens, in the space's time zone and the page's language (CLDR via Babel)."""

import zoneinfo

from babel import Locale
from babel.core import get_global
from babel.dates import format_date, format_interval, format_skeleton, get_timezone_location
from django import template
from django.utils import translation

from ..models import EventPage

register = template.Library()


def _date_and_time(locale: Locale, date_text: str, time_text: str) -> str:
    # The locale's own way of joining a date and a time ("{1} 'à' {0}" in French).
    pattern = str(locale.datetime_formats["full"]).replace("'", "")
    return pattern.replace("{1}", date_text).replace("{0}", time_text)


def _hour_skeleton(locale: Locale) -> str:
    return "hm" if "h" in locale.time_formats["short"].pattern else "Hm"


def short_time(moment, locale: Locale) -> str:
    """A time of day as the locale writes it in an interval: Kannada's short time pads the hour
    ("09:30 PM") where its intervals do not ("9:30–11:00 PM"); every line takes the interval's form."""
    return format_skeleton(_hour_skeleton(locale), moment, tzinfo=moment.tzinfo, locale=locale)


def format_event_time(start, end, zone, language: str) -> str:
    """ "jeudi 3 décembre 2026 à 19:00 – 21:00" in ``zone``, written in ``language``."""
    locale = Locale.parse(language)
    start, end = start.astimezone(zone), end.astimezone(zone)
    if start.date() == end.date():
        hours = format_interval(start, end, skeleton=_hour_skeleton(locale), tzinfo=zone, locale=locale)
        return _date_and_time(locale, format_date(start, "full", locale=locale), hours)
    return " – ".join(
        _date_and_time(locale, format_date(moment, "full", locale=locale), short_time(moment, locale))
        for moment in (start, end)
    )


@register.simple_tag(takes_context=True)
def event_when(context, event) -> str:
    space = getattr(context.get("request"), "space", None)
    zone = space.zone if space is not None else event.start.tzinfo
    return format_event_time(event.start, event.end, zone, translation.get_language())


def zone_label(zone, language: str, spaces=()) -> str:
    """A zone named the way a reader knows it, always in the reader's language.

    The city of a space in that zone: the space's own translation of it; else CLDR's name when the
    zone is named after that city (Москва for Europe/Moscow); else, since a space's city in a language
    it does not publish is often missing and its zone may be named after another city (Asia/Kolkata
    for Bangalore), the country's name when the country has one zone (Индия); else CLDR's city for the
    zone. Never the space's own spelling in another script.
    """
    from sites.spaces.localize import localize

    locale = Locale.parse(language)
    cldr_city = get_timezone_location(zone, locale=locale, return_city=True)
    for space in spaces:
        if space is None or space.time_zone != zone.key:
            continue
        city = localize(space, "city", language, space)
        if not city.is_fallback:
            return city.text
        named_after = get_timezone_location(zone, locale=Locale.parse("en"), return_city=True)
        if named_after == getattr(space, "city_en", None):
            return cldr_city  # Paris for Europe/Paris: CLDR knows how Russian writes it
        country = (getattr(space, "country", "") or "").upper()
        if get_global("territory_zones").get(country) == [zone.key] and country in locale.territories:
            return locale.territories[country]
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
    other = f"{short_time(there, locale)} {label}"
    if there.date() != here.date():
        other += f" ({format_skeleton('MMMEd', there, locale=locale)})"
    return f"{short_time(here, locale)} {site_label} · {other}"


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
