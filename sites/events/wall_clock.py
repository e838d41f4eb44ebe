"""Times as a clock on the wall shows them, in a zone: a time the clocks skip or show twice is refused.

Where clocks go forward (02:00 becomes 03:00) the times between do not exist; where they go back,
the times of the repeated hour happen twice. A date and a time alone cannot say which moment is
meant, so such a time is refused with the nearest times that are unambiguous.
"""

from datetime import UTC, datetime, timedelta, tzinfo

from babel import Locale
from babel.dates import format_date
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _

MINUTE = timedelta(minutes=1)


def zone_name(zone: tzinfo) -> str:
    return getattr(zone, "key", None) or str(zone)


def _offset(moment: datetime, zone: tzinfo) -> timedelta:
    return moment.astimezone(zone).utcoffset()


def _clock_change(wall: datetime, zone: tzinfo) -> tuple[datetime, datetime]:
    """The wall-clock times just before and just after the change of offset around ``wall``
    (02:00 and 03:00 where clocks go forward, 03:00 and 02:00 where they go back)."""
    # The two readings of ``wall`` (PEP 495's folds) fall on either side of the change: find it to the second.
    low, high = sorted(int(wall.replace(tzinfo=zone, fold=fold).timestamp()) for fold in (0, 1))
    before = _offset(datetime.fromtimestamp(low, UTC), zone)
    while high - low > 1:
        middle = (low + high) // 2
        if _offset(datetime.fromtimestamp(middle, UTC), zone) == before:
            low = middle
        else:
            high = middle
    change = datetime.fromtimestamp(high, UTC)
    after = _offset(change, zone)
    return (change + before).replace(tzinfo=None), (change + after).replace(tzinfo=None)


def _utc_offset(offset: timedelta) -> str:
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    return f"UTC{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def _date(moment: datetime) -> str:
    locale = Locale.parse(translation.to_locale(translation.get_language() or "en"))
    return format_date(moment.date(), "long", locale=locale)


def _clock(moment: datetime, day: datetime) -> str:
    """``moment``'s time of day, with its date when not on ``day``'s (a zone once skipped a whole day)."""
    return f"{moment:%H:%M}" if moment.date() == day.date() else f"{_date(moment)} {moment:%H:%M}"


def check_wall_clock(wall: datetime, zone: tzinfo) -> None:
    """Refuse a naive ``wall`` time that ``zone``'s clocks skip or show twice, naming the times to choose instead."""
    first, second = (zone.utcoffset(wall.replace(fold=fold)) for fold in (0, 1))
    if first == second:
        return
    changes_at, changes_to = _clock_change(wall, zone)
    values = {"time": f"{wall:%H:%M}", "date": _date(wall), "zone": zone_name(zone)}
    if first < second:  # fold 0 reads a skipped time with the offset before the change, the smaller one
        values.update(skipped_from=_clock(changes_at, wall), skipped_to=_clock(changes_to, wall),
                      before=_clock(changes_at - MINUTE, wall), after=_clock(changes_to, wall))  # fmt: skip
        raise ValidationError(
            _("%(time)s does not exist on %(date)s in %(zone)s: clocks go forward from %(skipped_from)s to "
              "%(skipped_to)s. Choose %(before)s or %(after)s."),
            code="skipped_time",
            params=values,
        )  # fmt: skip
    values.update(back_from=_clock(changes_at, wall), back_to=_clock(changes_to, wall),
                  first_offset=_utc_offset(first), second_offset=_utc_offset(second),
                  before=_clock(changes_to - MINUTE, wall), after=_clock(changes_at, wall))  # fmt: skip
    raise ValidationError(
        _("%(time)s happens twice on %(date)s in %(zone)s: clocks go back from %(back_from)s to %(back_to)s, so "
          "it could be %(time)s %(first_offset)s or, later, %(time)s %(second_offset)s, and a time typed alone "
          "cannot say which. Choose %(before)s or earlier, or %(after)s or later."),
        code="repeated_time",
        params=values,
    )  # fmt: skip


def in_zone(wall: datetime, zone: tzinfo) -> datetime:
    """``wall`` read in ``zone``: refused if the clocks there skip it or show it twice."""
    check_wall_clock(wall, zone)
    return wall.replace(tzinfo=zone)


class WallClockField(forms.DateTimeField):
    """A date and time kept as typed (naive), for the form to read in the venue's zone.

    Django's own field reads it in the zone active for the editor (their admin's, Moscow for a
    Moscow editor), checks for skipped and repeated times there instead of at the venue, and makes
    it an instant of that zone.
    """

    def to_python(self, value):
        with timezone.override(UTC):  # UTC skips and repeats no time: the typed date and time come back as typed
            moment = super().to_python(value)
        return None if moment is None else moment.replace(tzinfo=None)
