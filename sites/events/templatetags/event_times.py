"""When an event happens, in the space's time zone and the page's language (CLDR via Babel)."""

from babel import Locale
from babel.dates import format_date, format_interval, format_time
from django import template
from django.utils import translation

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
