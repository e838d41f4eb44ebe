"""A Moscow editor, whose admin speaks Russian and works in Moscow time, types a time the Paris venue's clocks skip."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from .conftest import screenshot, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def moscow_editor_in_moscow_time(live_port, django_db_blocker):
    with django_db_blocker.unblock():
        user = get_user_model().objects.create_user("moscow-time-editor", password="editor-pass")
        user.groups.add(Group.objects.get(name="moscow editors"))
        profile = UserProfile.get_for_user(user)
        profile.preferred_language, profile.current_time_zone = "ru", "Europe/Moscow"
        profile.save()
        yield user
        user.delete()


def test_a_time_paris_skips_is_refused_in_russian_naming_the_venues_zone(page, live_port, moscow_editor_in_moscow_time):
    from sites.events.models import EventIndexPage, EventPage

    index = EventIndexPage.objects.get(url_path="/moscow/events/")
    admin = sign_in(page, live_port, "moscow-time-editor", "editor-pass")
    page.goto(f"{admin}/pages/add/events/eventpage/{index.pk}/")
    page.fill("#id_title_ru", "Colunch в Париже")
    page.fill("#id_start", "2027-03-28 02:30")
    page.fill("#id_end", "2027-03-28 04:00")
    page.fill("#id_time_zone", "Europe/Paris")
    page.keyboard.press("Escape")  # close the date picker the last time field opened
    page.get_by_role("button", name="Сохранить черновик").click()
    page.wait_for_load_state()

    error = page.locator("[data-field-wrapper]", has=page.locator("#id_start")).locator(".error-message")
    error.wait_for()
    text = error.inner_text()
    assert "02:30 не существует 28 марта 2027" in text and "Europe/Paris" in text
    assert "часы переводятся вперёд с 02:00 на 03:00. Выберите 01:59 или 03:00." in text
    error.scroll_into_view_if_needed()
    screenshot(page, "admin-ru-event-time-skipped-in-paris")
    assert not EventPage.objects.filter(title_ru="Colunch в Париже").exists()
