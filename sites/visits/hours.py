"""Whether a space is open, on its own clock: its week's hours, then the dates that differ.

Everything here is plain data and pure functions of an instant (``now``), so that tests choose the
instant. Wall-clock times become instants in the space's zone (``zoneinfo``), and instants are
compared in UTC: Python compares two datetimes of the same ``ZoneInfo`` by their wall-clock reading,
which is wrong across a change of offset.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from django.db import models
from django.utils.translation import gettext_lazy as _


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


MIDNIGHT = time(0, 0)
# How far ahead the next opening is looked for: a space closed longer than that says "Closed" only.
LOOK_AHEAD_DAYS = 21


@dataclass(frozen=True)
class Range:
    """Open from ``opens`` to ``closes`` on one day; ``closes`` at 00:00 is the midnight ending the day."""

    opens: time
    closes: time

    def instants(self, day: date, zone: tzinfo) -> tuple[datetime, datetime]:
        start = datetime.combine(day, self.opens, tzinfo=zone)
        end_day = day + timedelta(days=1) if self.closes == MIDNIGHT else day
        end = datetime.combine(end_day, self.closes, tzinfo=zone)
        return start.astimezone(UTC), end.astimezone(UTC)

    def overlaps(self, other: "Range") -> bool:
        return _minutes(self.opens) < _end_minutes(other) and _minutes(other.opens) < _end_minutes(self)


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _end_minutes(hours: Range) -> int:
    return 24 * 60 if hours.closes == MIDNIGHT else _minutes(hours.closes)


def fold_midnight(previous: list[Range], day: list[Range], following: list[Range]) -> list[Range]:
    """``day``'s hours with an evening past midnight said in one piece ("18:00–01:00" rather than
    "18:00–00:00", then "00:00–01:00" the next morning): entered as two rows, shown as one."""
    ranges = list(day)
    if ranges and previous and previous[-1].closes == MIDNIGHT and ranges[0].opens == MIDNIGHT:
        ranges = ranges[1:]  # the small hours of last night, already shown with yesterday
    if ranges and ranges[-1].closes == MIDNIGHT and following and following[0].opens == MIDNIGHT:
        if following[0].closes != MIDNIGHT:  # a next day open round the clock is its own
            ranges[-1] = Range(ranges[-1].opens, following[0].closes)
    return ranges


@dataclass(frozen=True)
class ExceptionalDates:
    """From ``first`` to ``last`` (inclusive) the space is closed, or open at ``hours`` only."""

    first: date
    last: date
    closed: bool
    hours: Range | None = None
    source: object = None  # the record it comes from, for its translated reason

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last


@dataclass
class Schedule:
    """A space's regular week (``week[0]`` is Monday) and its exceptions, in its zone."""

    zone: tzinfo
    week: dict[int, list[Range]] = field(default_factory=dict)
    exceptions: list[ExceptionalDates] = field(default_factory=list)

    @property
    def is_known(self) -> bool:
        return any(self.week.values()) or bool(self.exceptions)

    def exception_on(self, day: date) -> ExceptionalDates | None:
        return next((exception for exception in self.exceptions if exception.covers(day)), None)

    def hours_on(self, day: date) -> list[Range]:
        exception = self.exception_on(day)
        if exception is not None:
            return [] if exception.closed or exception.hours is None else [exception.hours]
        return sorted(self.week.get(day.weekday(), []), key=lambda hours: hours.opens)

    def shown_on(self, day: date) -> list[Range]:
        """A day's hours as people say them (see ``fold_midnight``)."""
        one = timedelta(days=1)
        return fold_midnight(self.hours_on(day - one), self.hours_on(day), self.hours_on(day + one))

    def shown_weekday(self, weekday: int) -> list[Range]:
        """A weekday's regular hours as people say them."""
        week = {day: sorted(self.week.get(day, []), key=lambda hours: hours.opens) for day in range(7)}
        return fold_midnight(week[(weekday - 1) % 7], week[weekday], week[(weekday + 1) % 7])

    def intervals(self, first: date, days: int) -> list[tuple[datetime, datetime]]:
        """Open intervals (UTC) from ``first`` for ``days`` days, those that touch merged into one:
        Friday until midnight then Saturday from midnight is one evening."""
        found = sorted(
            hours.instants(first + timedelta(days=offset), self.zone)
            for offset in range(days)
            for hours in self.hours_on(first + timedelta(days=offset))
        )
        merged: list[tuple[datetime, datetime]] = []
        for start, end in found:
            if end <= start:
                continue  # a range the clocks skipped entirely
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def status(self, now: datetime) -> "Status | None":
        """Open or closed at ``now``, and until when; None for a space that published no hours."""
        if not self.is_known:
            return None
        local = now.astimezone(self.zone)
        today = local.date()
        now = now.astimezone(UTC)
        exception = self.exception_on(today)
        # From yesterday: an evening that runs past midnight is still open this morning.
        for start, end in self.intervals(today - timedelta(days=1), LOOK_AHEAD_DAYS + 1):
            if start <= now < end:
                return Status(now, self.zone, True, end.astimezone(self.zone), exception)
            if start > now:
                return Status(now, self.zone, False, start.astimezone(self.zone), exception)
        return Status(now, self.zone, False, None, exception)


@dataclass(frozen=True)
class Status:
    now: datetime
    zone: tzinfo
    is_open: bool
    changes_at: datetime | None  # closes at (open) or opens at (closed), on the space's clock
    exception_today: ExceptionalDates | None

    @property
    def today(self) -> date:
        return self.now.astimezone(self.zone).date()

    @property
    def next_midnight(self) -> datetime:
        """The start of tomorrow on the space's clock: then "tomorrow" becomes "today"."""
        return datetime.combine(self.today + timedelta(days=1), MIDNIGHT, tzinfo=self.zone).astimezone(UTC)

    @property
    def valid_until(self) -> datetime:
        """When what this status says changes: the next opening or closing, or midnight, whichever first."""
        moments = [self.next_midnight]
        if self.changes_at is not None:
            moments.append(self.changes_at.astimezone(UTC))
        return min(moments)

    @property
    def closed_all_day(self) -> bool:
        return self.exception_today is not None and self.exception_today.closed
