"""RFC 5545 iCalendar and JSON listings of calendar entries (``calendar.Entry``).

Each event keeps one UID on every site that lists it (its origin's), its SEQUENCE counts its
changes, a cancelled one is STATUS:CANCELLED, and its times are given in its venue's zone, with
a VTIMEZONE for each zone used. The ``icalendar`` package escapes and folds the text (any script).
"""

from datetime import UTC, date, datetime, timedelta

from django.utils import timezone
from icalendar import Calendar, Event, vText

from .calendar import Entry

PRODUCT_ID = "-//Socle//Network events//EN"


def _text(entry_value) -> vText:
    # The language of a text that fell back to another language travels with it (RFC 5545 LANGUAGE).
    value = vText(entry_value.text)
    value.params["LANGUAGE"] = entry_value.language
    return value


def ical_event(entry: Entry, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", entry.uid)
    event.add("dtstamp", stamp)
    event.add("sequence", entry.sequence)
    event.add("dtstart", entry.start.astimezone(entry.zone))
    event.add("dtend", entry.end.astimezone(entry.zone))
    event.add("summary", _text(entry.title))
    event.add("status", "CANCELLED" if entry.cancelled else "CONFIRMED")
    description = [entry.summary.text] if entry.summary else []
    if entry.online_url:
        description.append(entry.online_url)
    if entry.registration_url:
        description.append(entry.registration_url)
    if description:
        text = vText("\n\n".join(description))
        text.params["LANGUAGE"] = entry.summary.language
        event.add("description", text)
    if entry.venue:
        event.add("location", _text(entry.venue))
    elif entry.online_url:
        event.add("location", entry.online_url)
    if entry.url:
        event.add("url", entry.url)
    if entry.programme:
        event.add("categories", [entry.programme.text])
    return event


def ical_calendar(entries: list[Entry], name: str, language: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now().astimezone(UTC).replace(microsecond=0)
    for entry in entries:
        calendar.add_component(ical_event(entry, stamp))
    if entries:
        # VTIMEZONE rules for the years the events span (not back to 1970: a feed stays small).
        first = min(entry.start for entry in entries).date() - timedelta(days=366)
        last = max(entry.end for entry in entries).date() + timedelta(days=366)
        calendar.add_missing_timezones(first_date=first, last_date=max(last, date(first.year + 2, 1, 1)))
    return calendar.to_ical()


def json_entry(entry: Entry) -> dict:
    def text(value):
        return {"text": value.text, "language": value.language} if value else None

    return {
        "uid": entry.uid,
        "sequence": entry.sequence,
        "title": text(entry.title),
        "summary": text(entry.summary),
        "venue": text(entry.venue),
        "online_url": entry.online_url or None,
        "registration_url": entry.registration_url or None,
        "start": entry.start.astimezone(entry.zone).isoformat(),
        "end": entry.end.astimezone(entry.zone).isoformat(),
        "time_zone": entry.zone.key,
        "cancelled": entry.cancelled,
        "programme": {"kind": entry.programme_kind, "title": text(entry.programme)} if entry.programme_kind else None,
        "space": entry.origin_space.slug if entry.origin_space is not None else None,
        "relayed": entry.relayed,
        "url": entry.url,
    }
