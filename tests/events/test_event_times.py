"""Event times are shown in the space's zone, in the page's language, across daylight saving."""

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError

from sites.events.models import EventPage
from sites.events.templatetags.event_times import format_event_time
from tests.helpers import client_for, reads_in_order

PARIS = ZoneInfo("Europe/Paris")
MOSCOW = ZoneInfo("Europe/Moscow")


def test_one_moment_reads_in_each_citys_zone_and_language():
    start = datetime(2026, 12, 3, 16, 0, tzinfo=UTC)
    end = datetime(2026, 12, 3, 18, 0, tzinfo=UTC)

    def shown(zone, language):
        return format_event_time(start, end, zone, language)

    # The day, the date and the local hours in the reader's words; not the dashes and spaces between
    # them, which CLDR changes from one release to the next.
    assert reads_in_order(shown(MOSCOW, "ru"), ["четверг", "3", "декабря", "2026", "19:00", "21:00"])
    assert reads_in_order(shown(PARIS, "fr"), ["jeudi", "3", "décembre", "2026", "17:00", "19:00"])
    kolkata = ZoneInfo("Asia/Kolkata")  # half an hour off UTC, on a twelve-hour clock in English
    assert reads_in_order(shown(kolkata, "en"), ["Thursday", "December", "3", "2026", "9:30", "11:30", "PM"])
    assert reads_in_order(shown(kolkata, "kn"), ["ಗುರುವಾರ", "ಡಿಸೆಂಬರ್", "3", "2026", "9:30", "11:30"])
    # Positive controls for the check itself: another zone's hours, or another language, do not pass.
    assert not reads_in_order(shown(PARIS, "ru"), ["четверг", "3", "декабря", "2026", "19:00", "21:00"])
    assert not reads_in_order(shown(MOSCOW, "en"), ["четверг", "3", "декабря", "2026", "19:00", "21:00"])


def test_daylight_saving_in_paris_moves_the_local_hour_while_moscow_has_none():
    # The same UTC hour one day before and one day after Paris leaves summer time (25 October 2026).
    before = datetime(2026, 10, 24, 16, 0, tzinfo=UTC)
    after = datetime(2026, 10, 26, 16, 0, tzinfo=UTC)
    hour = {"minutes": 60}
    from datetime import timedelta

    def shown(moment, zone, language):
        return format_event_time(moment, moment + timedelta(**hour), zone, language)

    assert "18:00" in shown(before, PARIS, "fr") and "17:00" in shown(after, PARIS, "fr")
    assert "19:00" in shown(before, MOSCOW, "ru") and "19:00" in shown(after, MOSCOW, "ru")


def test_an_event_spanning_two_days_names_both():
    start = datetime(2026, 12, 3, 16, 0, tzinfo=UTC)
    end = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)
    text = format_event_time(start, end, PARIS, "fr")
    assert "jeudi 3 décembre" in text and "vendredi 4 décembre" in text


def test_an_event_must_end_after_it_starts_and_have_a_place():
    moment = datetime(2026, 12, 3, 16, 0, tzinfo=UTC)
    event = EventPage(title="Colunch", slug="colunch", start=moment, end=moment)
    with pytest.raises(ValidationError) as caught:
        event.clean()
    assert set(caught.value.message_dict) == {"end", "online_url"}


@pytest.mark.django_db
def test_the_events_page_shows_times_in_the_spaces_zone():
    from sites.spaces.models import Space

    space = Space.objects.get(slug="moscow")
    event = EventPage.objects.descendant_of(space.site.root_page).filter(start__gte=datetime.now(UTC)).first()
    html = client_for("moscow.localhost").get(event.get_url()).content.decode()
    local = event.start.astimezone(MOSCOW)
    assert f"{local:%H:%M}" in html
    assert f'datetime="{local.isoformat()}"' in html or f'datetime="{event.start.isoformat()}"' in html
