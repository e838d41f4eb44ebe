"""Whether a space is open, at instants the tests choose: across midnight, across a change of clocks,
on the days that differ, and the line a visitor reads in their language."""

from datetime import UTC, date, datetime, time
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
from django.utils import translation

from sites.visits.hours import ExceptionalDates, Range, Schedule
from sites.visits.wording import status_line
from tests.helpers import reads_in_order

PARIS = ZoneInfo("Europe/Paris")
KOLKATA = ZoneInfo("Asia/Kolkata")
WEEKDAYS = {day: [Range(time(9), time(19))] for day in range(5)}  # Monday to Friday, 09:00–19:00


def at(zone, *args) -> datetime:
    return datetime(*args, tzinfo=zone)


def holiday(day: date, reason: dict[str, str] | None = None, hours: Range | None = None, last: date | None = None):
    source = SimpleNamespace(pk=None, **{f"reason_{code}": text for code, text in (reason or {}).items()})
    return ExceptionalDates(day, last or day, hours is None, hours, source)


def line(schedule: Schedule, now: datetime, language: str = "en") -> str:
    with translation.override(language):
        return status_line(schedule.status(now), language)


def test_open_on_a_weekday_says_when_it_closes_on_the_spaces_clock():
    schedule = Schedule(PARIS, WEEKDAYS)
    status = schedule.status(at(PARIS, 2026, 12, 1, 10, 0))  # a Tuesday
    assert status.is_open and status.changes_at == at(PARIS, 2026, 12, 1, 19, 0)
    assert reads_in_order(line(schedule, at(PARIS, 2026, 12, 1, 10, 0), "en"), ["Open", "now", "closes", "at", "7:00"])
    # The instant, not the reader's zone, decides: 09:30 UTC is 10:30 in Paris.
    assert schedule.status(datetime(2026, 12, 1, 9, 30, tzinfo=UTC)).is_open


def test_before_opening_and_after_closing():
    schedule = Schedule(PARIS, WEEKDAYS)
    early = schedule.status(at(PARIS, 2026, 12, 1, 8, 59))
    assert not early.is_open and early.changes_at == at(PARIS, 2026, 12, 1, 9, 0)
    assert reads_in_order(line(schedule, at(PARIS, 2026, 12, 1, 8, 59), "en"), ["Closed", "opens", "at", "9:00"])
    assert "tomorrow" not in line(schedule, at(PARIS, 2026, 12, 1, 8, 59))
    late = line(schedule, at(PARIS, 2026, 12, 1, 19, 0), "en")  # closing time itself is closed
    assert reads_in_order(late, ["Closed", "opens", "tomorrow", "at", "9:00"])


def test_friday_evening_says_monday_with_its_date():
    schedule = Schedule(PARIS, WEEKDAYS)
    text = line(schedule, at(PARIS, 2026, 12, 4, 20, 0), "en")  # Friday 4 December
    assert reads_in_order(text, ["Closed", "opens", "Mon", "December", "7", "9:00"]), text


def test_an_evening_past_midnight_is_open_after_midnight_and_closes_at_its_time():
    # Friday until midnight, then Saturday 00:00–01:00: entered as two rows, one evening.
    schedule = Schedule(KOLKATA, {4: [Range(time(9), time(0))], 5: [Range(time(0), time(1)), Range(time(10), time(0))]})
    before = schedule.status(at(KOLKATA, 2026, 12, 4, 23, 30))
    assert before.is_open and before.changes_at == at(KOLKATA, 2026, 12, 5, 1, 0)
    after = schedule.status(at(KOLKATA, 2026, 12, 5, 0, 30))
    assert after.is_open and after.changes_at == at(KOLKATA, 2026, 12, 5, 1, 0)
    assert reads_in_order(line(schedule, at(KOLKATA, 2026, 12, 5, 0, 30), "en"), ["Open", "now", "closes", "1:00"])
    night = schedule.status(at(KOLKATA, 2026, 12, 5, 1, 0))
    assert not night.is_open and night.changes_at == at(KOLKATA, 2026, 12, 5, 10, 0)
    # Shown as people say it: Friday 09:00–01:00, Saturday 10:00–01:00 (Sunday's small hours).
    assert schedule.shown_weekday(4) == [Range(time(9), time(1))]
    assert schedule.shown_weekday(5) == [Range(time(10), time(0))]  # Sunday has no small hours here


def test_the_line_stays_true_until_the_next_change_or_midnight():
    schedule = Schedule(PARIS, WEEKDAYS)
    open_status = schedule.status(at(PARIS, 2026, 12, 1, 10, 0))
    assert open_status.valid_until == at(PARIS, 2026, 12, 1, 19, 0)
    closed = schedule.status(at(PARIS, 2026, 12, 1, 20, 0))  # opens tomorrow: "tomorrow" ends at midnight
    assert closed.valid_until == at(PARIS, 2026, 12, 2, 0, 0)


def test_hours_follow_the_clocks_when_they_change():
    # Paris goes from UTC+2 to UTC+1 on Sunday 25 October 2026; Monday opens at 09:00 local, 08:00 UTC.
    schedule = Schedule(PARIS, WEEKDAYS)
    sunday_evening = schedule.status(at(PARIS, 2026, 10, 25, 22, 0))
    assert sunday_evening.changes_at.astimezone(UTC) == datetime(2026, 10, 26, 8, 0, tzinfo=UTC)
    assert not schedule.status(datetime(2026, 10, 26, 7, 30, tzinfo=UTC)).is_open  # 08:30 in Paris
    assert schedule.status(datetime(2026, 10, 26, 8, 0, tzinfo=UTC)).is_open
    # Spring: 29 March 2026, clocks go forward at 02:00; a night open 01:00–04:00 lasts two hours.
    night = Schedule(PARIS, {6: [Range(time(1), time(4))]})
    status = night.status(datetime(2026, 3, 29, 0, 30, tzinfo=UTC))  # 01:30 CET
    assert status.is_open and status.changes_at.astimezone(UTC) == datetime(2026, 3, 29, 2, 0, tzinfo=UTC)


def test_a_public_holiday_closes_the_day_and_says_why():
    christmas = holiday(date(2026, 12, 25), {"en": "public holiday", "fr": "jour férié"})
    schedule = Schedule(PARIS, WEEKDAYS, [christmas])
    status = schedule.status(at(PARIS, 2026, 12, 25, 11, 0))  # a Friday
    assert not status.is_open and status.closed_all_day
    christmas_day = at(PARIS, 2026, 12, 25, 11, 0)
    expected = ["Closed", "today:", "public", "holiday", "opens", "Mon", "December", "28"]
    assert reads_in_order(line(schedule, christmas_day, "en"), expected)
    assert reads_in_order(line(schedule, christmas_day, "fr"), ["Fermé", "aujourd", "hui", "jour", "férié"])
    # The day before, the holiday is not today yet: open as usual.
    assert schedule.status(at(PARIS, 2026, 12, 24, 11, 0)).is_open


def test_special_hours_replace_the_days_and_an_exception_can_open_a_closed_day():
    short_day = holiday(date(2026, 12, 24), {"en": "Christmas Eve"}, hours=Range(time(9), time(16)))
    sunday_open = holiday(date(2026, 12, 6), {"en": "Open day"}, hours=Range(time(14), time(18)))
    schedule = Schedule(PARIS, WEEKDAYS, [short_day, sunday_open])
    text = line(schedule, at(PARIS, 2026, 12, 24, 15, 0), "en")
    assert reads_in_order(text, ["Open", "now", "closes", "4:00", "Christmas", "Eve"]), text
    assert not schedule.status(at(PARIS, 2026, 12, 24, 17, 0)).is_open
    assert schedule.status(at(PARIS, 2026, 12, 6, 15, 0)).is_open  # a Sunday


def test_a_range_of_closed_dates_and_no_hours_at_all():
    holidays = holiday(date(2027, 1, 1), {"ru": "Новогодние каникулы"}, last=date(2027, 1, 8))
    schedule = Schedule(ZoneInfo("Europe/Moscow"), WEEKDAYS, [holidays])
    moscow = ZoneInfo("Europe/Moscow")
    assert not schedule.status(at(moscow, 2027, 1, 5, 12, 0)).is_open  # a Tuesday
    text = line(schedule, at(moscow, 2027, 1, 5, 12, 0), "ru")
    assert reads_in_order(text, ["Сегодня", "закрыто:", "Новогодние", "каникулы"]), text
    assert schedule.status(at(moscow, 2027, 1, 11, 12, 0)).is_open
    assert Schedule(PARIS).status(at(PARIS, 2026, 12, 1, 10, 0)) is None  # no hours published: no line


@pytest.mark.parametrize(
    ("language", "words"),
    [("ru", ["Открыто", "закроется", "в", "19:00"]), ("hi", ["खुला", "7:00"]), ("kn", ["ತೆರೆದಿದೆ", "07:00"])],
)
def test_the_line_is_in_the_visitors_language_with_its_way_of_writing_times(language, words):
    text = line(Schedule(PARIS, WEEKDAYS), at(PARIS, 2026, 12, 1, 10, 0), language)
    assert reads_in_order(text, words), text
