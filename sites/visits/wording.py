"""The hours as a visitor reads them, in their language: times and dates from CLDR (Babel), as the
events write theirs, and the line that says whether the space is open now."""

from datetime import date, datetime, timedelta

from babel import Locale
from babel.dates import format_skeleton, format_time
from django.utils import translation
from django.utils.translation import gettext as _

from sites.spaces.localize import localize

from .hours import Range, Status

SEPARATOR = " · "


def _locale(language: str) -> Locale:
    return Locale.parse(translation.to_locale(language))  # "en-us" is Django's, "en_US" Babel's


def clock(moment, language: str) -> str:
    """A time of day the way ``language`` writes it (19:00, 7:00 PM, 7:00 pm)."""
    return format_time(moment, "short", locale=_locale(language))


def hours_text(hours: Range, language: str) -> str:
    return f"{clock(hours.opens, language)}–{clock(hours.closes, language)}"


def day_hours_text(ranges: list[Range], language: str) -> str:
    """ "09:00–12:00, 14:00–19:00", or "Closed"."""
    if not ranges:
        return _("Closed")
    return ", ".join(hours_text(hours, language) for hours in ranges)


def day_name(day: int, language: str) -> str:
    """The weekday's name (0 is Monday), capitalised as at the start of a table row."""
    name = _locale(language).days["format"]["wide"][day]
    return name[:1].upper() + name[1:]


def long_date(day: date, language: str) -> str:
    """ "Fri, December 25" in the reader's language (CLDR's month-and-day with the weekday)."""
    return format_skeleton("MMMMEd", day, locale=_locale(language))


def date_range(first: date, last: date, language: str) -> str:
    if first == last:
        return long_date(first, language)
    return f"{long_date(first, language)} – {long_date(last, language)}"


def _when(moment: datetime, today: date, language: str) -> tuple[str, str]:
    """Which message and values say when ``moment`` (on the space's clock) comes, seen from ``today``."""
    time_text = clock(moment, language)
    if moment.date() == today:
        return "today", time_text
    if moment.date() == today + timedelta(days=1):
        return "tomorrow", time_text
    return "later", time_text


def status_line(status: Status | None, language: str, space=None) -> str:
    """ "Open now · closes at 19:00", "Closed · opens tomorrow at 09:00", "Closed today: public holiday"."""
    if status is None:
        return ""
    today = status.today
    parts = []
    reason = localize(status.exception_today.source, "reason", language, space).text if (
        status.exception_today is not None and status.exception_today.source is not None) else ""  # fmt: skip
    if status.is_open:
        parts.append(_("Open now"))
        closes = status.changes_at
        time_text = clock(closes, language)
        if closes - status.now > timedelta(hours=24):  # aware instants: subtracted in UTC
            parts.append(_("closes %(date)s at %(time)s") % {"date": long_date(closes.date(), language),
                                                             "time": time_text})  # fmt: skip
        else:  # midnight, or the small hours after it: the evening goes on
            parts.append(_("closes at %(time)s") % {"time": time_text})
        if reason:
            parts.append(reason)  # special hours today, and why
        return SEPARATOR.join(parts)
    if status.closed_all_day:
        parts.append(_("Closed today: %(reason)s") % {"reason": reason} if reason else _("Closed today"))
    else:
        parts.append(_("Closed"))
    opens = status.changes_at
    if opens is not None:
        when, time_text = _when(opens, today, language)
        if when == "today":
            parts.append(_("opens at %(time)s") % {"time": time_text})
        elif when == "tomorrow":
            parts.append(_("opens tomorrow at %(time)s") % {"time": time_text})
        else:
            parts.append(
                _("opens %(date)s at %(time)s") % {"date": long_date(opens.date(), language), "time": time_text}
            )
    return SEPARATOR.join(parts)
