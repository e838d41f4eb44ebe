"""A local editor signs in, sees their own space only, and edits a page in their languages."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.models import Page

from tests.helpers import remove_committed_principle

from .conftest import screenshot, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def moscow_editor(live_port, django_db_blocker):
    with django_db_blocker.unblock():
        user = get_user_model().objects.create_user("moscow-editor", password="editor-pass")
        user.groups.add(Group.objects.get(name="moscow editors"))
        page = Page.objects.get(slug="first-visit").specific
        original = page.title_ru
        yield user, page
        page = Page.objects.get(pk=page.pk).specific
        page.title_ru = original
        page.save_revision().publish()
        user.delete()


def test_a_moscow_editor_edits_a_moscow_page_in_russian(page, live_port, moscow_editor):
    _user, target = moscow_editor
    admin = sign_in(page, live_port, "moscow-editor", "editor-pass")

    page.goto(f"{admin}/pages/")
    # The explorer opens on the Moscow tree; nothing of Paris is listed.
    listing = page.locator("table.listing").inner_text()
    moscow, paris = Page.objects.get(slug="moscow"), Page.objects.get(slug="paris")
    assert all(child.title_en in listing for child in moscow.get_children())
    paris_only = {child.title_en for child in paris.get_children()} - {
        child.title_en for child in moscow.get_children()
    }
    assert paris_only and not any(title in listing for title in paris_only)
    assert page.locator("h1").inner_text().endswith(moscow.title_en)
    screenshot(page, "admin-moscow-explorer")

    page.goto(f"{admin}/pages/{target.pk}/edit/")
    toggles = page.locator(".locale-picker .locale-toggle")
    assert [toggle.inner_text().lower() for toggle in toggles.all()] == ["ru", "en"]
    assert page.locator("#id_title_hi").count() == 0 and page.locator("#id_title_fr").count() == 0
    page.fill("#id_title_ru", "Первый визит: добро пожаловать")
    screenshot(page, "admin-moscow-edit")
    page.locator("[data-w-dropdown-target=toggle]").last.click()
    page.locator("button[name=action-publish]").click()
    page.wait_for_url(f"{admin}/pages/*/")

    page.goto(f"http://moscow.localhost:{live_port}/ru/first-visit/")
    assert page.locator("h1").inner_text() == "Первый визит: добро пожаловать"


@pytest.fixture
def new_principle(live_port, django_db_blocker):
    """A principle the network just published, delivered to every space (then removed)."""

    from sites.core.models import Principle
    from sites.core.publishing import publish
    from sites.sync.models import Change

    with django_db_blocker.unblock():
        changes_before = set(Change.objects.values_list("pk", flat=True))
        principle = Principle.objects.create(
            slug="browser-test", statement_fr="Écouter avant de décider", statement_ru="Слушать, прежде чем решать"
        )
        principle.change_note = "Nouveau principe"
        publish(principle)  # committed at once; with no broker the delivery runs here
        yield principle
        remove_committed_principle(principle, changes_before)
        get_user_model().objects.filter(username="moscow-reviewer").delete()


def test_a_moscow_editor_reviews_a_new_principle_from_the_admin_home(page, live_port, new_principle, django_db_blocker):
    from wagtail.users.models import UserProfile

    with django_db_blocker.unblock():
        user = get_user_model().objects.create_user("moscow-reviewer", password="editor-pass")
        user.groups.add(Group.objects.get(name="moscow editors"))
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = "ru"
        profile.save()
    admin = sign_in(page, live_port, "moscow-reviewer", "editor-pass")

    panel = page.locator("section[aria-labelledby=principle-updates-heading]")
    assert "Слушать, прежде чем решать" in panel.inner_text()
    assert "Nouveau principe" in panel.inner_text()
    screenshot(page, "admin-moscow-principle-update")
    with page.expect_navigation():
        panel.get_by_role("button", name="Проверено: следовать новой версии").click()
    assert page.url == f"{admin}/", page.locator("body").inner_text()[:1500]
    assert page.locator("section[aria-labelledby=principle-updates-heading]").count() == 0

    from sites.core.models import Adoption

    with django_db_blocker.unblock():
        adoption = Adoption.objects.get(space__slug="moscow", principle=new_principle)
        assert adoption.state == Adoption.State.CURRENT
