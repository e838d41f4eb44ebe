"""A time the venue's clocks skip (spring forward) or show twice (fall back) is refused, with the times to choose."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils import translation
from wagtail.users.models import UserProfile

from sites.events.models import EventIndexPage, EventPage

from .test_admin import add_event, editor

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
SKIPPED = "2027-03-28 02:30"  # Paris: clocks go forward from 02:00 to 03:00
REPEATED = "2027-10-31 02:30"  # Paris: clocks go back from 03:00 to 02:00


def editor_working_in(space: str, zone: str, language: str = "en"):
    """An editor of ``space`` whose admin shows times in ``zone`` and speaks ``language``."""
    client = editor(space)
    profile = UserProfile.get_for_user(get_user_model().objects.get(username=f"{space}-editor"))
    profile.current_time_zone, profile.preferred_language = zone, language
    profile.save()
    return client


def test_a_time_paris_skips_is_refused_with_the_last_minute_before_and_the_first_after():
    moscow_editor = editor_working_in("moscow", "Europe/Moscow")
    response = add_event(moscow_editor, "moscow", time_zone="Europe/Paris", start=SKIPPED, end="2027-03-28 04:00")
    assert response.status_code == 200
    html = response.content.decode()
    assert (
        "02:30 does not exist on March 28, 2027 in Europe/Paris: clocks go forward from 02:00 to 03:00."
        " Choose 01:59 or 03:00." in html
    )
    assert not EventPage.objects.filter(slug="shared").exists()


def test_a_time_paris_shows_twice_is_refused_with_both_moments_it_could_mean():
    moscow_editor = editor_working_in("moscow", "Europe/Moscow")
    response = add_event(moscow_editor, "moscow", time_zone="Europe/Paris", start="2027-10-30 23:00", end=REPEATED)
    assert response.status_code == 200
    html = response.content.decode()
    assert "02:30 happens twice on October 31, 2027 in Europe/Paris: clocks go back from 03:00 to 02:00" in html
    assert "02:30 UTC+02:00 or, later, 02:30 UTC+01:00" in html
    assert "Choose 01:59 or earlier, or 03:00 or later." in html
    assert not EventPage.objects.filter(slug="shared").exists()


def test_a_normal_time_that_day_is_stored_at_the_venues_instant_and_keeps_its_length():
    moscow_editor = editor_working_in("moscow", "Europe/Moscow")
    response = add_event(
        moscow_editor, "moscow", time_zone="Europe/Paris", start="2027-03-28 10:30", end="2027-03-28 12:00"
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    event = EventPage.objects.get(slug="shared")
    assert event.start == datetime(2027, 3, 28, 8, 30, tzinfo=UTC)  # 10:30 in Paris, summer time already
    assert event.end - event.start == timedelta(minutes=90)


def test_the_check_is_made_in_the_venues_zone_not_the_editors():
    # 02:30 on 28 March exists in Moscow: a Paris editor may type it for a Moscow venue.
    paris_editor = editor_working_in("paris", "Europe/Paris")
    response = add_event(paris_editor, "paris", time_zone="Europe/Moscow", start=SKIPPED, end="2027-03-28 04:00")
    assert response.status_code == 302, response.content.decode()[:2000]
    event = EventPage.objects.get(slug="shared")
    assert event.start == datetime(2027, 3, 27, 23, 30, tzinfo=UTC)
    assert event.end - event.start == timedelta(minutes=90)


def test_the_refusal_is_written_in_the_editors_language_and_names_the_zone():
    moscow_editor = editor_working_in("moscow", "Europe/Moscow", language="ru")
    response = add_event(moscow_editor, "moscow", time_zone="Europe/Paris", start=SKIPPED, end="2027-03-28 04:00")
    html = response.content.decode()
    assert "02:30 не существует 28 марта 2027" in html and "Europe/Paris" in html
    assert "Выберите 01:59 или 03:00." in html


def built_in_code(start: datetime, end: datetime) -> EventPage:
    return EventPage(title="Colunch", slug="colunch", start=start, end=end, online_url="https://example.org/live")


def test_an_event_built_in_code_at_a_skipped_or_repeated_time_is_refused():
    skipped = built_in_code(datetime(2027, 3, 28, 2, 30, tzinfo=PARIS), datetime(2027, 3, 28, 4, 0, tzinfo=PARIS))
    with pytest.raises(ValidationError) as caught:
        skipped.clean()
    assert set(caught.value.message_dict) == {"start"}
    assert "Europe/Paris" in caught.value.message_dict["start"][0]

    repeated = built_in_code(datetime(2027, 10, 31, 1, 0, tzinfo=PARIS), datetime(2027, 10, 31, 2, 30, tzinfo=PARIS))
    with pytest.raises(ValidationError) as caught:
        repeated.clean()
    assert set(caught.value.message_dict) == {"end"}

    built_in_code(datetime(2027, 3, 28, 10, 30, tzinfo=PARIS), datetime(2027, 3, 28, 12, 0, tzinfo=PARIS)).clean()
    # An instant in UTC is never ambiguous: the repeated hour's second 02:30 can be given that way.
    built_in_code(datetime(2027, 10, 31, 1, 30, tzinfo=UTC), datetime(2027, 10, 31, 3, 0, tzinfo=UTC)).clean()


def test_a_loader_adding_an_event_at_a_skipped_time_adds_nothing():
    index = EventIndexPage.objects.get(url_path="/paris/events/")
    event = built_in_code(datetime(2027, 3, 28, 2, 30, tzinfo=PARIS), datetime(2027, 3, 28, 4, 0, tzinfo=PARIS))
    with translation.override("fr"), pytest.raises(ValidationError) as caught:
        index.add_child(instance=event)
    assert "Europe/Paris" in caught.value.message_dict["start"][0]
    assert not EventPage.objects.filter(slug="colunch").exists()
