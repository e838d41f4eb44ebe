"""Editors in their own language schedule a page, preview it in each of its languages, and reach every
section of an event's form: Moscow in Russian, Bangalore in Kannada."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page
from wagtail.users.models import UserProfile

from sites.spaces.models import Space, StandardPage

from .conftest import screenshot, sign_in

pytestmark = pytest.mark.browser

MOSCOW = ZoneInfo("Europe/Moscow")
PREVIEW = "#w-preview-iframe"


def make_editor(space: str, username: str, language: str):
    """An editor as the demo makes them: the admin in their language, on their space's clock."""
    user = get_user_model().objects.create_user(username, password="editor-pass")
    user.groups.add(Group.objects.get(name=f"{space} editors"))
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.current_time_zone = Space.objects.get(slug=space).time_zone
    profile.save()
    return user


@pytest.fixture
def moscow_draft(live_port, django_db_blocker):
    """A Moscow editor working in Russian, and a draft page of Moscow's in Russian and English."""
    with django_db_blocker.unblock():
        user = make_editor("moscow", "moscow-planner", "ru")
        home = Space.objects.get(slug="moscow").site.root_page
        draft = StandardPage(
            slug="spring-subbotnik",
            title_ru="Весенний субботник",
            title_en="Spring subbotnik",
            intro_ru="Выходим во двор все вместе.",
            intro_en="We all go out into the yard together.",
            live=False,
        )
        home.add_child(instance=draft)
        draft.save_revision()
        yield draft
        Page.objects.filter(pk=draft.pk).delete()
        user.delete()


@pytest.fixture
def bangalore_editor(live_port, django_db_blocker):
    with django_db_blocker.unblock():
        user = make_editor("bangalore", "bangalore-previewer", "kn")
        yield user
        user.delete()


def open_preview(page):
    page.click("button[data-side-panel-toggle='preview']")
    page.locator("#id_preview_mode").wait_for()


def preview_in(page, mode: str, expected_heading: str) -> None:
    page.select_option("#id_preview_mode", mode)
    frame = page.frame_locator(PREVIEW)
    frame.locator(f"html[lang='{mode}'] h1", has_text=expected_heading).wait_for()


def mode_names(page) -> list[str]:
    return [option.inner_text() for option in page.locator("#id_preview_mode option").all()]


def test_a_moscow_editor_in_russian_previews_in_both_languages_then_schedules_the_page(
    page, live_port, moscow_draft, django_db_blocker
):
    admin = sign_in(page, live_port, "moscow-planner", "editor-pass")
    page.goto(f"{admin}/pages/{moscow_draft.pk}/edit/")

    open_preview(page)
    assert mode_names(page) == ["Русский", "Английский"]
    preview_in(page, "ru", "Весенний субботник")
    assert "Выходим во двор" in page.frame_locator(PREVIEW).locator("main").inner_text()
    screenshot(page, "admin-ru-preview-in-russian")
    preview_in(page, "en", "Spring subbotnik")
    assert "We all go out into the yard" in page.frame_locator(PREVIEW).locator("main").inner_text()
    screenshot(page, "admin-ru-preview-in-english")
    page.click("button[data-side-panel-toggle='preview']")  # close it

    # Schedule: the status panel's dialog, a go-live date on Moscow's clock, "Save schedule", then Publish.
    go_live = (datetime.now(MOSCOW) + timedelta(days=1)).replace(hour=10, minute=0, second=0, microsecond=0)
    page.click("button[data-side-panel-toggle='status']")
    page.get_by_role("button", name="Установить расписание").click()
    page.fill("#id_go_live_at", go_live.strftime("%Y-%m-%d %H:%M"))
    screenshot(page, "admin-ru-schedule-dialog")
    save_schedule = page.locator("#schedule-publishing-dialog button[type=submit]")
    assert save_schedule.inner_text().strip() == "Сохранить расписание"
    with page.expect_navigation():
        save_schedule.evaluate("button => button.click()")  # the date picker left open covers it
    assert page.locator("#id_go_live_at").input_value() == go_live.strftime("%Y-%m-%d %H:%M")
    page.locator("[data-w-dropdown-target=toggle]").last.click()
    with page.expect_navigation():
        page.locator("button[name=action-publish]").click()

    with django_db_blocker.unblock():
        scheduled = moscow_draft.revisions.exclude(approved_go_live_at=None).get()
        assert scheduled.approved_go_live_at == go_live
        assert not Page.objects.get(pk=moscow_draft.pk).live
    assert page.goto(f"http://moscow.localhost:{live_port}/ru/spring-subbotnik/").status == 404  # not yet

    page.goto(f"{admin}/pages/{moscow_draft.pk}/edit/")
    banner = page.locator(".w-banner, [role=status], .messages").filter(has_text="запланировано").first
    assert f"{go_live.day} " in banner.inner_text() and "10:00" in banner.inner_text()
    page.click("button[data-side-panel-toggle='status']")
    status = page.locator("[data-side-panel='status']")
    assert "Запустить" in status.inner_text() and "10:00" in status.inner_text()
    screenshot(page, "admin-ru-scheduled-page")
    page.goto(f"{admin}/pages/{moscow_draft.get_parent().pk}/")
    row = page.locator("tr", has_text="Весенний субботник")
    assert "запланированное" in row.inner_text().lower()  # its status, in Russian
    screenshot(page, "admin-ru-explorer-scheduled")


def test_a_moscow_editor_in_russian_reaches_the_where_section_of_an_event(page, live_port, moscow_draft):
    event = Page.objects.get(slug="open-budget-evening", url_path__startswith="/moscow/")
    admin = sign_in(page, live_port, "moscow-planner", "editor-pass")
    page.goto(f"{admin}/pages/{event.pk}/edit/")

    where = page.locator("section.w-panel", has=page.get_by_role("heading", name="Где"))
    assert where.is_visible()
    assert page.locator("#id_venue_ru").is_visible() and page.locator("#id_online_url").is_visible()
    assert not page.locator("#id_venue_en").is_visible()  # English is toggled off
    where.scroll_into_view_if_needed()
    screenshot(page, "admin-ru-event-where")

    page.locator(".locale-toggle", has_text="en").click()  # English on
    assert page.locator("#id_venue_en").is_visible()
    page.locator(".locale-toggle", has_text="ru").click()  # Russian off: the untranslated link stays
    assert where.is_visible() and page.locator("#id_online_url").is_visible()
    assert not page.locator("#id_venue_ru").is_visible()
    # Every section of the form is reachable with the editor's own language on.
    page.locator(".locale-toggle", has_text="ru").click()
    for heading in ("Когда", "Где", "Поделиться с сетью"):
        assert page.locator("section.w-panel", has=page.get_by_role("heading", name=heading)).is_visible(), heading


def test_a_bangalore_editor_in_kannada_previews_in_kannada_hindi_and_english(page, live_port, bangalore_editor):
    about = Page.objects.get(slug="about", url_path__startswith="/bangalore/").specific
    admin = sign_in(page, live_port, "bangalore-previewer", "editor-pass")
    page.goto(f"{admin}/pages/{about.pk}/edit/")

    open_preview(page)
    assert mode_names(page) == ["ಇಂಗ್ಲಿಷ್", "ಹಿಂದಿ", "ಕನ್ನಡ"]
    assert page.locator("#id_preview_mode").input_value() == "kn"  # the editor's own language first
    preview_in(page, "kn", about.title_kn)
    screenshot(page, "admin-kn-preview-in-kannada")
    preview_in(page, "hi", about.title_hi)
    screenshot(page, "admin-kn-preview-in-hindi")
    preview_in(page, "en", about.title_en)
    screenshot(page, "admin-kn-preview-in-english")
    page.click("button[data-side-panel-toggle='preview']")  # close it

    event = Page.objects.get(slug="open-afternoon", url_path__startswith="/bangalore/")
    page.goto(f"{admin}/pages/{event.pk}/edit/")
    assert page.locator("#id_online_url").count() == 0 or page.locator("#id_online_url").is_visible()
    venue = page.locator("section.w-panel", has=page.locator("#id_venue_kn"))
    assert venue.is_visible()
    # The space's default language and the editor's own are shown at first; Hindi waits for its toggle.
    assert page.locator("#id_venue_en").is_visible() and page.locator("#id_venue_kn").is_visible()
    assert not page.locator("#id_venue_hi").is_visible()
    page.locator(".locale-toggle", has_text="en").click()  # English off: the section stays
    assert venue.is_visible() and page.locator("#id_venue_kn").is_visible()
    venue.scroll_into_view_if_needed()
    screenshot(page, "admin-kn-event-where")
