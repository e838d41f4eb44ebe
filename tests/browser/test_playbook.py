"""A coordinator opens a space with the admin's wizard, in their own admin language, through its pickers;
the space's site answers visitors "opening soon"."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation

from .conftest import ARTIFACTS, screenshot, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture(params=["hi", "fr"])
def coordinator_language(request, live_port, django_db_blocker):
    """A coordinator whose admin is in Hindi, then one whose admin is in French; Tbilisi cleaned up after."""
    from wagtail.users.models import UserProfile

    from sites.spaces.models import Space

    with django_db_blocker.unblock():
        user = get_user_model().objects.create_superuser("opener", "o@example.org", "opener-pass")
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = request.param
        profile.save()
        yield request.param
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


TAKEN = "The hostname “%(hostname)s” is already served by another site."


def in_language(language: str, message: str) -> str:
    # Called with a variable, so that collecting the messages to translate does not take the tests' ones.
    with translation.override(language):
        return translation.gettext(message)


def submit(page):
    with page.expect_navigation():
        page.locator(".socle-open-space > button.button").click()


def row(page, code: str):
    return page.locator(f".socle-language-order__row[data-code={code}]")


def test_a_coordinator_opens_a_space_through_the_pickers_in_their_language(
    page, live_port, coordinator_language, django_db_blocker
):
    language = coordinator_language
    # Django's names of the languages, a cross-check of CLDR's; the wizard's words from the catalogs.
    russian, english, default = (
        in_language(language, message).strip() for message in ("Russian", "English", "default")
    )
    taken = in_language(language, TAKEN) % {"hostname": "paris.localhost"}
    assert taken != TAKEN % {"hostname": "paris.localhost"}
    admin = sign_in(page, live_port, "opener", "opener-pass")
    page.goto(f"{admin}/playbook/open/")
    assert page.locator("html").get_attribute("lang") == language

    # Languages in the coordinator's language, beside their own names.
    assert row(page, "ru").locator(".socle-language-order__name").inner_text() == russian
    assert row(page, "ru").locator(".socle-language-order__endonym").inner_text() == "Русский"
    page.fill("#id_name", "Tbilisi Fablab")
    page.fill("#id_slug", "tbilisi")
    page.fill("#id_hostname", "paris.localhost")  # taken: the wizard says so and opens nothing
    page.check("#id_languages_en")
    page.check("#id_languages_ru")
    assert row(page, "en").locator(".socle-language-order__default").is_visible()
    # Russian comes after English in the network's order: moved up with the keyboard, it is the default.
    page.focus("button[value='ru:up']")
    page.keyboard.press("Enter")
    codes = page.locator(".socle-language-order__row").evaluate_all("rows => rows.map(row => row.dataset.code)")
    assert codes[:3] == ["fr", "ru", "en"]
    assert row(page, "ru").locator(".socle-language-order__default").is_visible()
    assert not row(page, "en").locator(".socle-language-order__default").is_visible()
    # A screen reader hears it too: "default" is in the name of Russian's box, and of no other.
    named_default = page.get_by_role("checkbox", name=re.compile(re.escape(default)))
    assert named_default.count() == 1 and named_default.get_attribute("value") == "ru"
    assert page.evaluate("document.activeElement.value") == "ru:up"  # the keyboard stays on the row moved
    assert "2" in page.locator(".socle-language-order + [aria-live]").inner_text()  # its new place, announced

    # The port is where this admin is served; the address is previewed as it is typed.
    assert page.input_value("#id_port") == str(live_port)
    assert page.inner_text("#site-address") == f"http://paris.localhost:{live_port}/"

    # A country of several zones: the city names the zone. Another country then proposes its own.
    page.select_option("#id_country", "RU")
    page.fill("#id_city", "Москва")
    assert page.input_value("#id_time_zone") == "Europe/Moscow"
    assert page.locator("#zone-proposals button[data-zone='Asia/Novosibirsk']").count() == 1
    page.locator("#field-time_zone").screenshot(path=str(ARTIFACTS / f"admin-wizard-zones-{language}.png"))
    page.select_option("#id_country", "GE")
    assert page.locator("#id_country option:checked").inner_text() != "Georgia"  # named in their language
    assert page.input_value("#id_time_zone") == "Asia/Tbilisi"  # its only zone replaces the one proposed
    page.fill("#id_city", "Тбилиси")
    screenshot(page, f"admin-wizard-pickers-{language}")
    submit(page)
    assert page.locator("#id_hostname-errors").inner_text() == taken
    page.locator("#field-hostname").screenshot(path=str(ARTIFACTS / f"admin-wizard-refused-{language}.png"))
    # What was picked comes back as it was picked.
    codes = page.locator(".socle-language-order__row").evaluate_all("rows => rows.map(row => row.dataset.code)")
    assert codes[:3] == ["fr", "ru", "en"] and page.is_checked("#id_languages_ru")

    page.fill("#id_hostname", "tbilisi.localhost")
    assert page.inner_text("#site-address") == f"http://tbilisi.localhost:{live_port}/"
    with page.expect_navigation():
        page.press("#id_hostname", "Enter")  # the form's own button, not a language's ↑
    plan = page.locator(".socle-plan").inner_text()
    assert "Tbilisi Fablab" in plan and f"http://tbilisi.localhost:{live_port}/" in plan
    assert plan.index(f"{russian} (ru)") < plan.index(f"{english} (en)") and "Asia/Tbilisi" in plan
    screenshot(page, f"admin-wizard-plan-{language}")
    submit(page)
    assert "/admin/playbook/spaces/" in page.url
    screenshot(page, f"admin-wizard-opened-{language}")
    assert [url for url in page.outside_requests if not url.startswith(f"http://localhost:{live_port}/")] == []

    with django_db_blocker.unblock():
        from sites.spaces.models import Space

        space = Space.objects.select_related("site").get(slug="tbilisi")
        assert (space.languages, space.default_language, space.country) == ("ru,en", "ru", "GE")
        assert (space.time_zone, space.site.port) == ("Asia/Tbilisi", live_port)

    visitor = page.context.browser.new_context().new_page()
    visitor.goto(f"http://tbilisi.localhost:{live_port}/")
    assert visitor.url.endswith("/en/")  # the browser prefers English, one of its languages
    assert "opening soon" in visitor.locator("main").inner_text()
    visitor.goto(f"http://tbilisi.localhost:{live_port}/ru/")
    assert "скоро" in visitor.locator("main").inner_text()
    screenshot(visitor, f"tbilisi-opening-soon-{language}")
    visitor.close()


@pytest.fixture
def plain_coordinator(live_port, django_db_blocker):
    with django_db_blocker.unblock():
        get_user_model().objects.create_superuser("plain", "p@example.org", "plain-pass")
        yield
        get_user_model().objects.filter(username="plain").delete()


def test_without_javascript_the_languages_are_put_in_order_by_sending_the_form(browser, live_port, plain_coordinator):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    admin = sign_in(page, live_port, "plain", "plain-pass")
    page.goto(f"{admin}/playbook/open/")
    page.fill("#id_hostname", "kazan.localhost")
    page.check("#id_languages_en")
    page.check("#id_languages_ru")
    with page.expect_navigation():
        page.click("button[value='ru:up']")
    codes = page.locator(".socle-language-order__row").evaluate_all("rows => rows.map(row => row.dataset.code)")
    assert codes[:3] == ["fr", "ru", "en"]
    assert page.is_checked("#id_languages_ru") and page.is_checked("#id_languages_en")
    assert page.locator("[data-code=ru] .socle-language-order__default").is_visible()
    assert page.input_value("#id_hostname") == "kazan.localhost" and page.locator(".error-message").count() == 0
    page.select_option("#id_country", "IN")
    with page.expect_navigation():
        page.press("#id_hostname", "Enter")
    # Sent for review: the other fields' problems are named, and the country's only zone is filled in.
    assert page.locator("#id_name-errors").count() == 1
    assert page.input_value("#id_time_zone") == "Asia/Kolkata"
    screenshot(page, "admin-wizard-without-javascript")
    context.close()
