"""A Moscow editor, in Russian, shares an event with one space of a linked install alone: its spaces
are offered under their own heading once an install is linked, and the choice is kept."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from .conftest import screenshot, sign_in

pytestmark = pytest.mark.browser

PASSWORD = "share-pass-3"


@pytest.fixture
def linked_tartu(live_port, django_db_blocker):
    from sites.federation.models import Link, RemoteSpace
    from tests.federation.test_signed_inbox import Install

    with django_db_blocker.unblock():
        user = get_user_model().objects.create_user("share-editor", password=PASSWORD)
        user.groups.add(Group.objects.get(name="moscow editors"))
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "ru"
        profile.save()
        link = Install().link(role=Link.Role.MEMBER, name="Réseau des Cantines", address="https://cantines.example.org")
        tartu = RemoteSpace.objects.create(link=link, hostname="tartu.cantines.example.org", slug="cantine-tartu",
                                           name="Cantine Tartu", name_ru="Кантина Тарту", city="Tartu",
                                           country="EE", time_zone="Europe/Tallinn",
                                           languages=["et", "ru"])  # fmt: skip
        yield tartu
        from sites.events.models import EventPage

        EventPage.objects.filter(title_ru="Для Тарту").delete()
        link.delete()
        user.delete()


def test_an_editor_shares_an_event_with_a_space_of_a_linked_install(page, live_port, linked_tartu):
    from sites.events.models import EventIndexPage, EventPage

    index = EventIndexPage.objects.get(url_path="/moscow/events/")
    admin = sign_in(page, live_port, "share-editor", PASSWORD)
    page.goto(f"{admin}/pages/add/events/eventpage/{index.pk}/")
    page.fill("#id_title_ru", "Для Тарту")
    page.locator("#id_title_ru").blur()
    # The slug, on the Promote tab, follows the title in the space's default language.
    expect(page.locator("#id_slug")).to_have_value("для-тарту")
    page.fill("#id_venue_ru", "Большой зал")
    page.fill("#id_start", "2031-05-12 18:00")
    page.fill("#id_end", "2031-05-12 20:00")
    page.keyboard.press("Escape")  # close the date picker the last time field opened
    page.select_option("#id_scope", "chosen")
    # The innermost panel around the checkboxes: its heading names the field.
    remote = page.locator(".w-panel__wrapper", has=page.locator("#id_target_remote_spaces")).last
    assert "Пространства связанных установок, с которыми поделиться" in remote.inner_text()
    remote.get_by_label("Кантина Тарту").check()
    remote.scroll_into_view_if_needed()
    screenshot(page, "admin-ru-event-for-a-linked-installs-space")
    page.get_by_role("button", name="Сохранить черновик").click()
    page.wait_for_url("**/pages/*/edit/**")  # saved: the editor is taken to the new page's edit form
    event = EventPage.objects.get(title_ru="Для Тарту")
    assert list(event.target_remote_spaces.all()) == [linked_tartu] and not event.target_spaces.exists()
