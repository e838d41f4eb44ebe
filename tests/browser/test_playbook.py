"""A coordinator opens a space with the admin's wizard; its site answers visitors "opening soon"."""

import pytest
from django.contrib.auth import get_user_model

from .conftest import screenshot, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def wizard_user(live_port, django_db_blocker):
    from sites.spaces.models import Space

    with django_db_blocker.unblock():
        get_user_model().objects.create_superuser("opener", "o@example.org", "opener-pass")
        yield
        from django.contrib.auth.models import Group
        from wagtail.models import Collection, Page

        space = Space.objects.filter(slug="tbilisi").select_related("site").first()
        if space is not None:
            home, site = space.site.root_page, space.site
            space.delete()
            site.delete()
            Page.objects.get(pk=home.pk).delete()
        Group.objects.filter(name__startswith="tbilisi ").delete()
        Collection.objects.filter(name="tbilisi").delete()
        get_user_model().objects.filter(username="opener").delete()


def test_a_coordinator_opens_a_space_with_the_wizard(page, live_port, wizard_user, django_db_blocker):
    admin = sign_in(page, live_port, "opener", "opener-pass")
    page.goto(f"{admin}/playbook/open/")
    page.fill("#id_name", "Tbilisi Fablab")
    page.fill("#id_slug", "tbilisi")
    page.fill("#id_hostname", "paris.localhost")  # taken: the wizard says so and opens nothing
    page.fill("#id_languages", "ru,en")
    page.fill("#id_time_zone", "Asia/Tbilisi")
    page.fill("#id_country", "GE")
    page.fill("#id_city", "Тбилиси")
    page.fill("#id_port", str(live_port))
    with page.expect_navigation():
        page.get_by_role("button", name="Review what will be made").click()
    assert "already served by another site" in page.locator("main").inner_text()

    page.fill("#id_hostname", "tbilisi.localhost")
    with page.expect_navigation():
        page.get_by_role("button", name="Review what will be made").click()
    plan = page.locator(".socle-plan").inner_text()
    assert "Tbilisi Fablab" in plan and "tbilisi.localhost" in plan
    screenshot(page, "admin-wizard-plan")
    with page.expect_navigation():
        page.get_by_role("button", name="Open the space").click()
    assert "Tbilisi Fablab is opening" in page.locator("body").inner_text()
    assert "0 of 12 steps" in page.locator("main").inner_text()
    screenshot(page, "admin-wizard-opened")

    visitor = page.context.browser.new_context().new_page()
    visitor.goto(f"http://tbilisi.localhost:{live_port}/")
    assert visitor.url.endswith("/en/")  # the browser prefers English, one of its languages
    assert "opening soon" in visitor.locator("main").inner_text()
    visitor.goto(f"http://tbilisi.localhost:{live_port}/ru/")
    assert "скоро" in visitor.locator("main").inner_text()
    screenshot(visitor, "tbilisi-opening-soon")
    visitor.close()
